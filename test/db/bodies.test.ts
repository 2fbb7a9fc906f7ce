import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  BODY_GRACE_MS,
  countInlineBodies,
  moveInlineBodies,
  sweepBodyGarbage,
} from "../../src/db/bodies";
import { Db } from "../../src/db/client";
import { insertStory } from "../../src/db/stories";
import app from "../../src/index";
import { handleScheduled } from "../../src/routes/webhook-queue";
import { api, storyPayload } from "../helpers/api";
import { loadSeedStories, testDb } from "../helpers/seeds";
import { makeStory } from "../helpers/stories";

/** The test bindings' bucket (wrangler.toml [[r2_buckets]]). */
function bucket(): R2Bucket {
  if (!env.BODIES) throw new Error("the tests need the BODIES binding");
  return env.BODIES;
}

interface VariantRow {
  lang: string;
  body: string;
  body_key: string | null;
}

async function variantRows(storyId: string): Promise<VariantRow[]> {
  const { results } = await env.DB.prepare(
    "select lang, body, body_key from story_variants where story_id = ? order by lang",
  )
    .bind(storyId)
    .all<VariantRow>();
  return results;
}

async function garbage(): Promise<string[]> {
  const { results } = await env.DB.prepare("select key from body_garbage order by key").all<{
    key: string;
  }>();
  return results.map((r) => r.key);
}

async function objectText(key: string): Promise<string | null> {
  return (await (await bucket().get(key))?.text()) ?? null;
}

async function createPublished(id: string, body = "<p>Text</p>") {
  const payload = storyPayload(id);
  const variants = (payload.variants as { lang: string; body: string }[]).map((v) => ({
    ...v,
    body: v.lang === "en" ? body : v.body,
  }));
  expect((await api("POST", "/stories", { ...payload, variants })).status).toBe(201);
  const published = await api("POST", `/stories/${id}/publish`, undefined, { "If-Match": '"v1"' });
  expect(published.status).toBe(200);
}

describe("story bodies in R2", () => {
  beforeAll(loadSeedStories);

  it("a write's bodies move to R2 after the response; pages, feeds and the API read them back", async () => {
    await createPublished("r2-move", "<p>Moved <strong>out</strong> of D1.</p>");
    const rows = await variantRows("r2-move");
    expect(rows.map((r) => r.lang)).toEqual(["en", "ru", "uk"]);
    for (const row of rows) {
      expect(row.body).toBe("");
      expect(row.body_key).toMatch(new RegExp(`^bodies/r2-move/${row.lang}/[0-9a-f-]{36}\\.html$`));
    }
    const en = rows[0] as VariantRow;
    expect(await objectText(en.body_key as string)).toBe(
      "<p>Moved <strong>out</strong> of D1.</p>",
    );

    const story = (await (await api("GET", "/stories/r2-move")).json()) as {
      variants: { lang: string; body: string; slug: string }[];
    };
    const enVariant = story.variants.find((v) => v.lang === "en");
    expect(enVariant?.body).toBe("<p>Moved <strong>out</strong> of D1.</p>");
    const page = await (await app.request(`/en/news/${enVariant?.slug}`, {}, env)).text();
    expect(page).toContain("<p>Moved <strong>out</strong> of D1.</p>");
    const feed = await (await app.request("/en/feed.json", {}, env)).json<{
      items: { id: string; content_html?: string }[];
    }>();
    const item = feed.items.find((i) => i.content_html?.includes("Moved <strong>out</strong>"));
    expect(item).toBeDefined();
  });

  it("a corrected body gets a new object; the old one is listed and deleted only after a day", async () => {
    await createPublished("r2-correct", "<p>First.</p>");
    const before = (await variantRows("r2-correct"))[0] as VariantRow;
    const patched = await api(
      "PATCH",
      "/stories/r2-correct/variants/en",
      { body: "<p>Second.</p>" },
      { "If-Match": '"v2"' },
    );
    expect(patched.status).toBe(200);
    const after = (await variantRows("r2-correct"))[0] as VariantRow;
    expect(after.body_key).not.toBe(before.body_key);
    expect(await objectText(after.body_key as string)).toBe("<p>Second.</p>");
    expect(await garbage()).toContain(before.body_key);

    // Within the grace period a reader holding the old key can still fetch it.
    expect(await sweepBodyGarbage(testDb(), new Date())).toBe(0);
    expect(await objectText(before.body_key as string)).toBe("<p>First.</p>");
    const swept = await sweepBodyGarbage(testDb(), new Date(Date.now() + BODY_GRACE_MS + 1000));
    expect(swept).toBeGreaterThanOrEqual(1);
    expect(await objectText(before.body_key as string)).toBeNull();
    expect(await garbage()).not.toContain(before.body_key);
    expect(await objectText(after.body_key as string)).toBe("<p>Second.</p>");
  });

  it("a correction that leaves the body alone keeps its object", async () => {
    await createPublished("r2-title");
    const before = (await variantRows("r2-title"))[0] as VariantRow;
    const patched = await api(
      "PATCH",
      "/stories/r2-title/variants/en",
      { title: "A better title" },
      { "If-Match": '"v2"' },
    );
    expect(patched.status).toBe(200);
    expect((await variantRows("r2-title"))[0]).toEqual(before);
    expect(await garbage()).not.toContain(before.body_key);
  });

  it("a removed language's object is listed for deletion", async () => {
    expect((await api("POST", "/stories", storyPayload("r2-remove"))).status).toBe(201);
    const ru = (await variantRows("r2-remove")).find((r) => r.lang === "ru") as VariantRow;
    const removed = await api("DELETE", "/stories/r2-remove/variants/ru", undefined, {
      "If-Match": '"v1"',
    });
    expect(removed.status).toBe(200);
    expect(await garbage()).toContain(ru.body_key);
  });

  it("a write that changes the body while the mover copies it wins; the copy is listed", async () => {
    const story = makeStory(["en"], { id: "r2-race", publishedAt: new Date().toISOString() });
    await insertStory(testDb(), story);
    const putKeys: string[] = [];
    // The newsroom corrects the body between the mover's read and its pointer update.
    const racing = {
      put: async (key: string, value: string, options?: R2PutOptions) => {
        putKeys.push(key);
        await env.DB.prepare(
          "update story_variants set body = '<p>Corrected meanwhile.</p>' where story_id = ?",
        )
          .bind("r2-race")
          .run();
        return bucket().put(key, value, options);
      },
    } as unknown as R2Bucket;
    expect(await moveInlineBodies(new Db(env.DB, racing), { storyId: "r2-race", limit: 3 })).toBe(
      1,
    );
    const [row] = await variantRows("r2-race");
    expect(row).toEqual({ lang: "en", body: "<p>Corrected meanwhile.</p>", body_key: null });
    expect(await garbage()).toContain(putKeys[0]);
  });

  it("the minute's run moves bodies no request moved (imports, an older archive)", async () => {
    const story = makeStory(["uk", "ru"], { id: "r2-cron", publishedAt: new Date().toISOString() });
    await insertStory(testDb(), story);
    expect((await variantRows("r2-cron")).every((r) => r.body_key === null)).toBe(true);
    expect(await countInlineBodies(testDb())).toBeGreaterThanOrEqual(2);
    await handleScheduled(
      { scheduledTime: Date.now(), cron: "* * * * *", noRetry() {} } as ScheduledController,
      env,
      {} as ExecutionContext,
    );
    const rows = await variantRows("r2-cron");
    for (const row of rows) {
      expect(row.body).toBe("");
      expect(await objectText(row.body_key as string)).toBe(story.variants[row.lang as "uk"]?.body);
    }
    // What the seeder's mover waits for: no body left inline.
    expect(await countInlineBodies(testDb())).toBe(0);
  });

  it("a lost object leaves its story out of feeds, and its page answers 500", async () => {
    await createPublished("r2-lost", "<p>Soon lost.</p>");
    const en = (await variantRows("r2-lost"))[0] as VariantRow;
    // Lost before this isolate read it (what it has read, it keeps: src/db/bodies.ts).
    await bucket().delete(en.body_key as string);
    await env.DB.prepare("update story_variants set body_key = ? where body_key = ?")
      .bind(`bodies/r2-lost/en/${crypto.randomUUID()}.html`, en.body_key)
      .run();
    const feed = await app.request("/en/feed.json", {}, { ...env, EDGE_CACHE: "off" });
    expect(feed.status).toBe(200);
    expect(await feed.text()).not.toContain("Soon lost.");
    const story = (await (await api("GET", "/stories/r2-move")).json()) as {
      variants: { lang: string; slug: string }[];
    };
    expect(story.variants.length).toBe(3);
    const lost = await api("GET", "/stories/r2-lost");
    expect(lost.status).toBe(500);
  });

  it("a feed miss reads only the bodies of items it does not hold", async () => {
    for (const id of ["r2-feed-1", "r2-feed-2", "r2-feed-3"]) await createPublished(id);
    const gets: string[] = [];
    const counting = {
      get: (key: string) => {
        // The story whose object an earlier test deleted is never held: read on every miss.
        if (!key.startsWith("bodies/r2-lost/")) gets.push(key);
        return bucket().get(key);
      },
    } as unknown as R2Bucket;
    const miss = () =>
      app.request("/en/rss.xml", {}, { ...env, EDGE_CACHE: "off", BODIES: counting });
    const first = await (await miss()).text();
    expect(first).toContain("r2-feed-3");
    const afterFirst = gets.length;
    expect(afterFirst).toBeGreaterThan(0);
    const second = await (await miss()).text();
    expect(second).toBe(first);
    // Everything is held now: the same feed again reads no body at all.
    expect(gets.slice(afterFirst)).toEqual([]);

    const patched = await api(
      "PATCH",
      "/stories/r2-feed-2/variants/en",
      { body: "<p>Corrected in the feed.</p>" },
      { "If-Match": '"v2"' },
    );
    expect(patched.status).toBe(200);
    const third = await (await miss()).text();
    expect(third).toContain("Corrected in the feed.");
    expect(gets.slice(afterFirst)).toEqual([
      (await variantRows("r2-feed-2")).find((r) => r.lang === "en")?.body_key,
    ]);
  });

  it("an object is fetched once however often its body is read; a write gives a new one", async () => {
    const gets: string[] = [];
    const counting = {
      get: (key: string) => {
        gets.push(key);
        return bucket().get(key);
      },
      put: (...args: Parameters<R2Bucket["put"]>) => bucket().put(...args),
    } as unknown as R2Bucket;
    const bindings = { ...env, BODIES: counting };
    const payload = storyPayload("r2-kept");
    expect((await api("POST", "/stories", payload, {}, bindings)).status).toBe(201);
    const published = await api(
      "POST",
      "/stories/r2-kept/publish",
      undefined,
      {
        "If-Match": '"v1"',
      },
      bindings,
    );
    expect(published.status).toBe(200);
    const read = async () => {
      const response = await api("GET", "/stories/r2-kept", undefined, {}, bindings);
      expect(response.status).toBe(200);
      const story = (await response.json()) as { variants: { lang: string; body: string }[] };
      return story.variants.find((v) => v.lang === "en")?.body;
    };
    for (let i = 0; i < 3; i++) expect(await read()).toBe("<p>Text</p>");
    const patched = await api(
      "PATCH",
      "/stories/r2-kept/variants/en",
      { body: "<p>Corrected since.</p>" },
      { "If-Match": '"v2"' },
      bindings,
    );
    expect(patched.status).toBe(200);
    for (let i = 0; i < 3; i++) expect(await read()).toBe("<p>Corrected since.</p>");

    const keys = (await variantRows("r2-kept")).map((r) => r.body_key);
    expect(keys.every((key) => key !== null)).toBe(true);
    // The three objects read, and the corrected body's new one, each exactly once.
    expect(gets.filter((key) => keys.includes(key)).sort()).toEqual([...keys].sort());
    expect(gets.length).toBe(4);
    expect(new Set(gets).size).toBe(4);
  });

  it("without a BODIES binding bodies stay in D1", async () => {
    const story = makeStory(["en"], { id: "r2-none", publishedAt: new Date().toISOString() });
    await insertStory(testDb(), story);
    expect(await moveInlineBodies(new Db(env.DB), { storyId: "r2-none", limit: 3 })).toBe(0);
    expect((await variantRows("r2-none"))[0]?.body_key).toBeNull();
  });
});
