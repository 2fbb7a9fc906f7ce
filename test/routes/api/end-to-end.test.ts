import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { latestEventIds } from "../../../src/db/events";
import {
  findPublishedBySlug,
  findStatusBySlug,
  listPublished,
} from "../../../src/db/published-stories";
import app from "../../../src/index";
import { api, storyPayload } from "../../helpers/api";
import { loadSeedStories, testDb } from "../../helpers/seeds";

const HUB = "https://hub.example/";
const withHub = { ...env, WEBSUB_HUB_URL: HUB };

/** Stubs the outbound network for hub pings only; returns the feed URLs each ping announced. */
function interceptHub(
  answer: () => Response | Promise<Response> = () => new Response(null, { status: 204 }),
) {
  const pinged: string[] = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url !== HUB) return realFetch(input, init);
    const form = new URLSearchParams(String(init?.body));
    expect(init?.method).toBe("POST");
    expect(form.get("hub.mode")).toBe("publish");
    pinged.push(form.get("hub.url") ?? "");
    return answer();
  });
  return pinged;
}

/** Calls the API with the hub configured and waits for the work it left to waitUntil. */
async function write(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const ctx = createExecutionContext();
  const response = await api(method, path, body, headers, withHub, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

async function page(path: string): Promise<string> {
  return (await app.request(path, {}, env)).text();
}

function now() {
  return new Date().toISOString();
}

describe("a story's life through the API, as readers see it", () => {
  beforeAll(loadSeedStories);
  afterEach(() => vi.restoreAllMocks());

  it("create, publish, correct, withdraw: each step shows on the pages at once and pings the hub", async () => {
    const pinged = interceptHub();
    const generationBefore = await latestEventIds(testDb());

    // Create in three languages: a draft, nothing public yet, so no ping.
    const created = await write(
      "POST",
      "/stories",
      storyPayload("e2e", {
        variants: [
          { lang: "uk", title: "Енергетики відновили живлення", body: "<p>Текст</p>" },
          { lang: "en", title: "Power restored in Kharkiv", body: "<p>Text</p>" },
          { lang: "ru", title: "Энергетики восстановили питание", body: "<p>Текст</p>" },
        ],
      }),
    );
    expect(created.status).toBe(201);
    expect(pinged).toEqual([]);
    expect(await page("/en/")).not.toContain("Power restored in Kharkiv");

    // Publish: on every language's front page, and the hub hears about each affected feed.
    const published = await write("POST", "/stories/e2e/publish", undefined, {
      "If-Match": '"v1"',
    });
    expect(published.status).toBe(200);
    expect(await page("/en/")).toContain("Power restored in Kharkiv");
    expect(await page("/ua/")).toContain("Енергетики відновили живлення");
    expect(await page("/ru/")).toContain("Энергетики восстановили питание");
    const onPage = await findPublishedBySlug(testDb(), "en", "power-restored-in-kharkiv", now());
    expect(onPage?.id).toBe("e2e");
    expect(pinged).toEqual(
      expect.arrayContaining([
        "http://localhost/en/rss.xml",
        "http://localhost/en/atom.xml",
        "http://localhost/en/feed.json",
        "http://localhost/ua/rss.xml",
        "http://localhost/ru/feed.json",
        "http://localhost/en/category/world/atom.xml",
        "http://localhost/ua/author/martin-fornusek/rss.xml",
      ]),
    );
    expect(pinged).toHaveLength(3 * 3 * 3); // 3 languages x (site, category, author) x 3 formats
    // The cache generation of every language moved on.
    const generationPublished = await latestEventIds(testDb());
    for (const lang of ["uk", "en", "ru"] as const) {
      expect(generationPublished[lang]).toBeGreaterThan(generationBefore[lang]);
    }

    // Correct the English title: same id, new version and updated time, slug kept.
    const before = (await listPublished(testDb(), { lang: "en", now: now(), limit: 1 }))[0];
    pinged.length = 0;
    const corrected = await write(
      "PATCH",
      "/stories/e2e/variants/en",
      { title: "Power restored in Kharkiv after strike" },
      { "If-Match": '"v2"' },
    );
    expect(corrected.status).toBe(200);
    expect(corrected.headers.get("ETag")).toBe('"v3"');
    const after = (await listPublished(testDb(), { lang: "en", now: now(), limit: 1 }))[0];
    expect(after?.id).toBe("e2e");
    expect(after?.variant.title).toBe("Power restored in Kharkiv after strike");
    expect(after?.variant.slug).toBe("power-restored-in-kharkiv");
    expect(after?.updatedAt && before?.updatedAt && after.updatedAt > before.updatedAt).toBe(true);
    expect(await page("/en/")).toContain("Power restored in Kharkiv after strike");
    // Only the English feeds changed.
    expect(pinged.length).toBe(9);
    expect(pinged.every((url) => url.startsWith("http://localhost/en/"))).toBe(true);

    // Withdraw: off every front page at once; its slugs report withdrawn (the page answers 410).
    pinged.length = 0;
    const withdrawn = await write("POST", "/stories/e2e/withdraw", { version: 3 });
    expect(withdrawn.status).toBe(200);
    expect(await page("/en/")).not.toContain("Power restored in Kharkiv");
    expect(await page("/ua/")).not.toContain("Енергетики відновили живлення");
    expect(await page("/ru/")).not.toContain("Энергетики восстановили питание");
    expect(
      await findPublishedBySlug(testDb(), "en", "power-restored-in-kharkiv", now()),
    ).toBeNull();
    expect(await findStatusBySlug(testDb(), "en", "power-restored-in-kharkiv")).toMatchObject({
      storyId: "e2e",
      status: "withdrawn",
    });
    expect(pinged).toHaveLength(27);
  });

  it("publish, correct, withdraw: /en/rss.xml and the story page follow each step at once", async () => {
    const get = (path: string) => app.request(path, {}, env);
    const itemTitles = async () =>
      [
        ...(await (await get("/en/rss.xml")).text()).matchAll(
          /<item>[\s\S]*?<title>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?<\/title>/g,
        ),
      ].map((m) => m[1]);
    // Warm the caches so that each step below has to refresh them.
    expect(await itemTitles()).not.toContain("News e2e-feed");

    await api("POST", "/stories", storyPayload("e2e-feed"));
    await api("POST", "/stories/e2e-feed/publish", undefined, { "If-Match": '"v1"' });
    expect((await itemTitles())[0]).toBe("News e2e-feed");
    const story = await get("/en/news/news-e2e-feed");
    expect(story.status).toBe(200);
    expect(await story.text()).toContain("News e2e-feed");

    await api(
      "PATCH",
      "/stories/e2e-feed/variants/en",
      { title: "News e2e-feed, corrected" },
      {
        "If-Match": '"v2"',
      },
    );
    expect((await itemTitles())[0]).toBe("News e2e-feed, corrected");
    expect(await (await get("/en/news/news-e2e-feed")).text()).toContain(
      "News e2e-feed, corrected",
    );

    await api("POST", "/stories/e2e-feed/withdraw", { version: 3 });
    expect(await itemTitles()).not.toContain("News e2e-feed, corrected");
    expect((await get("/en/news/news-e2e-feed")).status).toBe(410);
  });

  it("does not ping for a story scheduled in the future (its feeds have not changed yet)", async () => {
    const pinged = interceptHub();
    await write("POST", "/stories", storyPayload("e2e-scheduled"));
    const response = await write(
      "POST",
      "/stories/e2e-scheduled/publish",
      { at: `${new Date().getUTCFullYear() + 1}-01-01T00:00:00Z` },
      { "If-Match": '"v1"' },
    );
    expect(response.status).toBe(200);
    expect(pinged).toEqual([]);
  });

  it("pings the briefs feeds for a brief", async () => {
    const pinged = interceptHub();
    await write(
      "POST",
      "/stories",
      storyPayload("e2e-brief", {
        kind: "brief",
        variants: [{ lang: "en", title: "Brief e2e", body: "<p>b</p>" }],
      }),
    );
    await write("POST", "/stories/e2e-brief/publish", undefined, { "If-Match": '"v1"' });
    expect(pinged).toContain("http://localhost/en/briefs/rss.xml");
    expect(pinged).not.toContain("http://localhost/en/rss.xml");
  });

  it("logs a failed ping and still answers the write", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    interceptHub(() => {
      throw new TypeError("network down");
    });
    await write("POST", "/stories", storyPayload("e2e-hub-down"));
    const response = await write("POST", "/stories/e2e-hub-down/publish", undefined, {
      "If-Match": '"v1"',
    });
    expect(response.status).toBe(200);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining(`WebSub ping to ${HUB}`),
      expect.any(TypeError),
    );
    expect((await listPublished(testDb(), { lang: "en", now: now(), limit: 1 }))[0]?.id).toBe(
      "e2e-hub-down",
    );
  });

  it("logs a hub that refuses the ping", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    interceptHub(() => new Response("no", { status: 503 }));
    await write("POST", "/stories", storyPayload("e2e-hub-503"));
    const response = await write("POST", "/stories/e2e-hub-503/publish", undefined, {
      "If-Match": '"v1"',
    });
    expect(response.status).toBe(200);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("answered 503"));
  });

  it("sends nothing when WEBSUB_HUB_URL is empty", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    await api("POST", "/stories", storyPayload("e2e-no-hub"));
    const response = await api("POST", "/stories/e2e-no-hub/publish", undefined, {
      "If-Match": '"v1"',
    });
    expect(response.status).toBe(200);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
