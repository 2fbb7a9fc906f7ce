import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import app from "../../../src/index";
import { MAX_BODY_BYTES } from "../../../src/routes/api";
import { ADMIN, api, storyPayload } from "../../helpers/api";
import { loadSeedStories, rowCounts } from "../../helpers/seeds";

interface ProblemJson {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { in: string; path: string; message: string }[];
  [extension: string]: unknown;
}

/** Sends the request and asserts it was refused as problem+json without touching a row. */
async function refused(send: () => Promise<Response>, status: number): Promise<ProblemJson> {
  const before = await rowCounts();
  const response = await send();
  expect(response.status).toBe(status);
  expect(response.headers.get("Content-Type")).toBe("application/problem+json");
  const problem = (await response.json()) as ProblemJson;
  expect(problem).toMatchObject({ status, type: "about:blank" });
  expect(problem.title.length).toBeGreaterThan(0);
  expect(await rowCounts()).toEqual(before);
  return problem;
}

function paths(problem: ProblemJson): string[] {
  return (problem.errors ?? []).map((e) => e.path);
}

function raw(method: string, path: string, body: BodyInit, headers: Record<string, string>) {
  return Promise.resolve(
    app.request(`/api/v1${path}`, { method, body, headers: { ...ADMIN, ...headers } }, env),
  );
}

describe("bad input to the stories API changes nothing", () => {
  beforeAll(async () => {
    await loadSeedStories();
    expect((await api("POST", "/stories", storyPayload("existing"))).status).toBe(201);
  });

  it("answers malformed JSON with 400", async () => {
    const problem = await refused(
      () => raw("POST", "/stories", '{"kind": "article",', { "Content-Type": "application/json" }),
      400,
    );
    expect(problem.detail).toMatch(/malformed json/i);
  });

  it("answers a body that is not JSON with 415", async () => {
    await refused(
      () => raw("POST", "/stories", "kind=article", { "Content-Type": "text/plain" }),
      415,
    );
  });

  it("answers a JSON body without a Content-Type with 415", async () => {
    await refused(() => raw("POST", "/stories", JSON.stringify(storyPayload("no-ct")), {}), 415);
  });

  it("answers a body over the size limit with 413", async () => {
    const huge = storyPayload("huge", {
      variants: [{ lang: "en", title: "Huge", body: `<p>${"a".repeat(MAX_BODY_BYTES)}</p>` }],
    });
    await refused(() => api("POST", "/stories", huge), 413);
  });

  it("answers an unknown language with 400 at its path", async () => {
    const problem = await refused(
      () =>
        api(
          "POST",
          "/stories",
          storyPayload("unknown-lang", {
            variants: [{ lang: "ua", title: "Новина", body: "<p>т</p>" }],
          }),
        ),
      400,
    );
    expect(problem.errors).toEqual([
      {
        in: "body",
        path: "/variants/0/lang",
        message: "must be one of the BCP 47 tags uk, en, ru",
      },
    ]);
  });

  it("answers a duplicate language with 400 at the repeated entry", async () => {
    const problem = await refused(
      () =>
        api(
          "POST",
          "/stories",
          storyPayload("dup-lang", {
            variants: [
              { lang: "en", title: "One", body: "<p>1</p>" },
              { lang: "en", title: "Two", body: "<p>2</p>" },
            ],
          }),
        ),
      400,
    );
    expect(problem.errors).toEqual([
      { in: "body", path: "/variants/1/lang", message: "duplicate language en" },
    ]);
  });

  it("answers missing title and body with 400 listing every failing field", async () => {
    const problem = await refused(
      () =>
        api(
          "POST",
          "/stories",
          storyPayload("missing", {
            variants: [
              { lang: "uk", body: "<p>т</p>" },
              { lang: "en", title: "  " },
            ],
          }),
        ),
      400,
    );
    expect(problem.errors).toEqual([
      { in: "body", path: "/variants/0/title", message: "is required" },
      { in: "body", path: "/variants/1/title", message: "must not be empty" },
      { in: "body", path: "/variants/1/body", message: "is required" },
    ]);
  });

  it("answers a body that is empty once sanitized with 400", async () => {
    const problem = await refused(
      () =>
        api(
          "POST",
          "/stories",
          storyPayload("only-script", {
            variants: [{ lang: "en", title: "T", body: "<script>alert(1)</script>" }],
          }),
        ),
      400,
    );
    expect(paths(problem)).toEqual(["/variants/0/body"]);
  });

  it("answers unknown fields with 400 naming them", async () => {
    const problem = await refused(
      () => api("POST", "/stories", storyPayload("extra", { status: "published" })),
      400,
    );
    expect(problem.errors).toEqual([
      { in: "body", path: "/status", message: "is not a known field" },
    ]);
  });

  it("answers a slug taken in that language with 409 naming the story that holds it", async () => {
    const problem = await refused(
      () =>
        api(
          "POST",
          "/stories",
          storyPayload("slug-clash", {
            variants: [{ lang: "en", title: "Whatever", slug: "news-existing", body: "<p>b</p>" }],
          }),
        ),
      409,
    );
    expect(problem).toMatchObject({ lang: "en", slug: "news-existing", storyId: "existing" });
    expect(problem.detail).toContain("existing");
  });

  it("allows the same slug in another language", async () => {
    const response = await api(
      "POST",
      "/stories",
      storyPayload("slug-other-lang", {
        variants: [{ lang: "uk", title: "Будь-що", slug: "news-existing", body: "<p>b</p>" }],
      }),
    );
    expect(response.status).toBe(201);
  });

  it("answers a story id already in use with 409", async () => {
    const problem = await refused(() => api("POST", "/stories", storyPayload("existing")), 409);
    expect(problem.storyId).toBe("existing");
  });

  it("answers an id and a slug both taken with one 409 naming both holders", async () => {
    expect((await api("POST", "/stories", storyPayload("slug-owner"))).status).toBe(201);
    const problem = await refused(
      () =>
        api(
          "POST",
          "/stories",
          storyPayload("existing", {
            variants: [
              { lang: "uk", title: "Інша", body: "<p>б</p>" },
              { lang: "en", title: "Whatever", slug: "news-slug-owner", body: "<p>b</p>" },
            ],
          }),
        ),
      409,
    );
    expect(problem).toMatchObject({
      storyId: "existing",
      lang: "en",
      slug: "news-slug-owner",
      slugHolder: "slug-owner",
    });
    expect(problem.detail).toContain("story existing already exists");
    expect(problem.detail).toContain("used by story slug-owner");
    expect(paths(problem)).toEqual(["/id", "/variants/1/slug"]);
  });

  it.each([
    ["not a date", "/at"],
    ["2026-13-01T00:00:00Z", "/at"],
    ["2026-05-01", "/at"],
    ["2026-05-01T25:00:00Z", "/at"],
  ])("answers an invalid publication time (%s) with 400 at %s", async (at, path) => {
    const problem = await refused(
      () => api("POST", "/stories/existing/publish", { at }, { "If-Match": '"v1"' }),
      400,
    );
    expect(paths(problem)).toEqual([path]);
  });

  it("answers an unknown category and authors with 422 naming each", async () => {
    const problem = await refused(
      () =>
        api(
          "POST",
          "/stories",
          storyPayload("unknown-refs", {
            categoryId: "sports",
            authorIds: ["martin-fornusek", "nobody-at-all"],
          }),
        ),
      422,
    );
    expect(problem.errors).toEqual([
      { in: "body", path: "/categoryId", message: "unknown category sports" },
      { in: "body", path: "/authorIds/1", message: "unknown author nobody-at-all" },
    ]);
  });

  it("answers publishing a story with no variants with 409", async () => {
    expect((await api("POST", "/stories", storyPayload("empty", { variants: [] }))).status).toBe(
      201,
    );
    const problem = await refused(
      () => api("POST", "/stories/empty/publish", undefined, { "If-Match": '"v1"' }),
      409,
    );
    expect(problem.detail).toContain("no language variant");
  });

  it("answers a lifecycle change the story's state forbids with 409, status the HTTP number", async () => {
    expect((await api("POST", "/stories", storyPayload("draft-only"))).status).toBe(201);
    // RFC 9457: `status` is the HTTP status; the story's own state is an extension member.
    const withdrawDraft = await refused(
      () => api("POST", "/stories/draft-only/withdraw", undefined, { "If-Match": '"v1"' }),
      409,
    );
    expect(withdrawDraft).toMatchObject({ status: 409, storyStatus: "draft" });
    expect(
      (await api("POST", "/stories/draft-only/publish", undefined, { "If-Match": '"v1"' })).status,
    ).toBe(200);
    const publishTwice = await refused(
      () => api("POST", "/stories/draft-only/publish", undefined, { "If-Match": '"v2"' }),
      409,
    );
    expect(publishTwice).toMatchObject({ status: 409, storyStatus: "published" });
  });

  it("answers a publication time before 1990 or over two years ahead with 400 at /at", async () => {
    expect((await api("POST", "/stories", storyPayload("odd-time"))).status).toBe(201);
    const inTwoYearsAndADay = new Date(Date.now() + (2 * 366 + 1) * 86_400_000).toISOString();
    for (const at of ["0000-01-01T00:00:00Z", "1989-12-31T23:59:59Z", inTwoYearsAndADay]) {
      const problem = await refused(
        () => api("POST", "/stories/odd-time/publish", { at }, { "If-Match": '"v1"' }),
        400,
      );
      expect(paths(problem)).toEqual(["/at"]);
    }
    const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString();
    const scheduled = await api(
      "POST",
      "/stories/odd-time/publish",
      { at: inAYear },
      {
        "If-Match": '"v1"',
      },
    );
    expect(scheduled.status).toBe(200);
  });

  it("answers an If-Match version too large to be exact with 400 at the header", async () => {
    expect((await api("POST", "/stories", storyPayload("huge-etag"))).status).toBe(201);
    const problem = await refused(
      () =>
        api("POST", "/stories/huge-etag/publish", undefined, {
          "If-Match": `"v1${"0".repeat(23)}"`,
        }),
      400,
    );
    expect(problem.errors).toEqual([expect.objectContaining({ in: "header", path: "/if-match" })]);
    expect(JSON.stringify(problem)).not.toContain("e+");
  });

  it("answers a change without If-Match or version with 428", async () => {
    const problem = await refused(() => api("PATCH", "/stories/existing", { kind: "brief" }), 428);
    expect(problem.detail).toContain('If-Match: "v1"');
  });

  it.each(["*", 'W/"v1"', "v1", '"v1", "v2"'])(
    "answers If-Match %s (not one strong version tag) with 400",
    async (ifMatch) => {
      const problem = await refused(
        () => api("PATCH", "/stories/existing", { kind: "brief" }, { "If-Match": ifMatch }),
        400,
      );
      expect(problem.errors?.[0]).toMatchObject({ in: "header", path: "/if-match" });
    },
  );

  it("answers If-Match and version that disagree with 400", async () => {
    await refused(
      () =>
        api("PATCH", "/stories/existing", { version: 2, kind: "brief" }, { "If-Match": '"v1"' }),
      400,
    );
  });

  it("answers a stale If-Match with 412 and a stale version with 409", async () => {
    const viaHeader = await refused(
      () => api("PATCH", "/stories/existing", { kind: "brief" }, { "If-Match": '"v7"' }),
      412,
    );
    expect(viaHeader.currentVersion).toBe(1);
    await refused(() => api("PATCH", "/stories/existing", { version: 7, kind: "brief" }), 409);
  });

  it("answers a bad update with every failing field and changes nothing", async () => {
    const problem = await refused(
      () =>
        api(
          "PATCH",
          "/stories/existing",
          { kind: "podcast", variants: [{ lang: "de", title: "T", body: "<p>b</p>" }] },
          { "If-Match": '"v1"' },
        ),
      400,
    );
    expect(paths(problem)).toEqual(["/kind", "/variants/0/lang"]);
  });

  it("answers an unknown story with 404 problem, and an unknown API path too", async () => {
    await refused(
      () => api("PATCH", "/stories/nope", { kind: "brief" }, { "If-Match": '"v1"' }),
      404,
    );
    const problem = await refused(() => api("GET", "/no-such-thing"), 404);
    expect(problem.instance).toBe("/api/v1/no-such-thing");
  });
});

describe("links are parsed, not pattern-matched", () => {
  beforeAll(async () => {
    await loadSeedStories();
    expect((await api("POST", "/stories", storyPayload("linked"))).status).toBe(201);
  });

  const image = (url: string) => ({ url, credit: "Photo" });

  it.each([
    ["https://[bad/x.jpg", "does not parse"],
    ["//evil.example/x.png", "another host"],
    ["/\\evil.example/x.png", "another host"],
    ["https:x.jpg", "https://host/path"],
    ["https:\\\\evil.example\\x.jpg", "https://host/path"],
    ["http://example.com/x.jpg", "not http:"],
    ["javascript:alert(1)", "not javascript:"],
    ["data:image/png;base64,iVBORw0KGgo=", "not data:"],
    ["https://exa mple.com/x.jpg", "without spaces"],
    ["https://example.com/x.jpg\n", "without spaces"],
    ["https://user:secret@example.com/x.jpg", "credentials"],
    ["images/x.jpg", "https URL"],
  ])("refuses image URL %j with 400 at /image/url", async (url, message) => {
    const created = await refused(
      () => api("POST", "/stories", storyPayload("bad-image", { image: image(url) })),
      400,
    );
    expect(created.errors).toEqual([
      { in: "body", path: "/image/url", message: expect.stringContaining(message) },
    ]);
    const patched = await refused(
      () => api("PATCH", "/stories/linked", { image: image(url) }, { "If-Match": '"v1"' }),
      400,
    );
    expect(paths(patched)).toEqual(["/image/url"]);
  });

  it("stores a link in the form the URL parser gives it", async () => {
    const absolute = await api(
      "POST",
      "/stories",
      storyPayload("normal-image", { image: image("https://CDN.Example.com/a/../x.jpg") }),
    );
    expect(absolute.status).toBe(201);
    expect(((await absolute.json()) as { image: { url: string } }).image.url).toBe(
      "https://cdn.example.com/x.jpg",
    );
    const path = await api(
      "POST",
      "/stories",
      storyPayload("path-image", { image: image("/images/a/../ü.jpg") }),
    );
    expect(path.status).toBe(201);
    expect(((await path.json()) as { image: { url: string } }).image.url).toBe(
      "/images/%C3%BC.jpg",
    );
  });

  it("refuses a webhook URL that does not parse with 400 at /webhookUrl", async () => {
    const response = await api("POST", "/partners", {
      name: "Broken hook",
      languages: ["en"],
      webhookUrl: "https://[bad/hook",
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as ProblemJson;
    expect(paths(problem)).toEqual(["/webhookUrl"]);
    const partners = await env.DB.prepare("select count(*) as n from partners").first<{
      n: number;
    }>();
    expect(partners?.n).toBe(0);
  });
});

describe("text that is not text is refused, the rest stored in NFC", () => {
  beforeAll(async () => {
    await loadSeedStories();
  });

  const variant = (fields: Record<string, unknown>) =>
    storyPayload("odd-text", {
      variants: [{ lang: "en", title: "Title", body: "<p>Body</p>", ...fields }],
    });

  it.each([
    ["a lone surrogate", { title: "a\ud800b" }, "/variants/0/title", "unpaired surrogates"],
    ["NUL", { title: "a\u0000b" }, "/variants/0/title", "U+0000"],
    ["a C1 control", { title: "a\u0085b" }, "/variants/0/title", "U+0085"],
    ["a right-to-left override", { title: "a\u202eb" }, "/variants/0/title", "U+202E"],
    ["a line break", { title: "two\nlines" }, "/variants/0/title", "one line"],
    ["an isolate", { summary: "a\u2066b" }, "/variants/0/summary", "U+2066"],
    ["a bell", { imageCaption: "a\u0007b" }, "/variants/0/imageCaption", "U+0007"],
    ["a noncharacter", { body: "<p>a\uffffb</p>" }, "/variants/0/body", "U+FFFF"],
    ["NUL in a body", { body: "<p>a\u0000b</p>" }, "/variants/0/body", "U+0000"],
  ])("refuses %s with 400 naming the field", async (_what, fields, path, message) => {
    const problem = await refused(() => api("POST", "/stories", variant(fields)), 400);
    expect(problem.errors).toEqual([
      { in: "body", path, message: expect.stringContaining(message) },
    ]);
  });

  it("refuses them in credits and in author, category and partner names", async () => {
    const credit = await refused(
      () =>
        api(
          "POST",
          "/stories",
          storyPayload("odd-credit", { image: { url: "/x.jpg", credit: "\u202eotohP" } }),
        ),
      400,
    );
    expect(paths(credit)).toEqual(["/image/credit"]);
    const author = await refused(
      () => api("POST", "/authors", { slug: "odd", names: { en: "Ev\u202eil", uk: "a\u0000" } }),
      400,
    );
    expect(paths(author)).toEqual(["/names/uk", "/names/en"]);
    const category = await refused(
      () => api("POST", "/categories", { slug: "odd", names: { ru: "x\ud83d" } }),
      400,
    );
    expect(paths(category)).toEqual(["/names/ru"]);
    const partner = await api("POST", "/partners", { name: "P\u0000", languages: ["en"] });
    expect(partner.status).toBe(400);
    expect(paths((await partner.json()) as ProblemJson)).toEqual(["/name"]);
  });

  it("keeps line breaks in summaries, marks in titles, and stores text in NFC", async () => {
    const response = await api(
      "POST",
      "/stories",
      variant({
        // "é" as e + combining acute (NFD), and an RLM mark between an English and Hebrew word.
        title: "Cafe\u0301 \u200fשלום",
        summary: "First line\nsecond line",
      }),
    );
    expect(response.status).toBe(201);
    const story = (await response.json()) as { variants: { title: string; summary: string }[] };
    expect(story.variants[0]?.title).toBe("Caf\u00e9 \u200fשלום");
    expect(story.variants[0]?.summary).toBe("First line\nsecond line");
  });
});
