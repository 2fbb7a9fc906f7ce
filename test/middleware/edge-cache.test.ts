import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { insertStory } from "../../src/db/stories";
import app from "../../src/index";
import { contentFreshness, forgetFreshness } from "../../src/services/freshness";
import { api, storyPayload } from "../helpers/api";
import { countingD1 } from "../helpers/d1";
import { loadSeedStories, testDb } from "../helpers/seeds";
import { makeStory } from "../helpers/stories";

function get(path: string, headers: Record<string, string> = {}, bindings: Cloudflare.Env = env) {
  return app.request(path, { headers }, bindings);
}

/**
 * Requests until the edge has a copy: the cache write may finish just after a response, and
 * nothing is cached while a scheduled story is due within the second.
 */
async function warm(path: string): Promise<Response> {
  for (let i = 0; i < 60; i++) {
    const response = await get(path);
    await response.arrayBuffer();
    if (response.headers.get("X-Edge-Cache") === "HIT") return response;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${path} never became a cache hit`);
}

describe("edge cache", () => {
  beforeAll(loadSeedStories);

  it("serves a feed from the cache on the second request, with the same bytes and ETag", async () => {
    const first = await get("/ru/atom.xml");
    expect(first.headers.get("X-Edge-Cache")).toBe("MISS");
    const body = await first.text();
    const hit = await warm("/ru/atom.xml");
    const again = await get("/ru/atom.xml");
    expect(again.headers.get("X-Edge-Cache")).toBe("HIT");
    expect(await again.text()).toBe(body);
    expect(again.headers.get("ETag")).toBe(first.headers.get("ETag"));
    expect(hit.headers.get("Cache-Control")).toBe(first.headers.get("Cache-Control"));
    expect(again.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
  });

  it("sends nosniff with every feed, sitemap and API answer, from the cache or not", async () => {
    const paths = ["/en/rss.xml", "/ua/feed.json", "/sitemap.xml", "/api/v1/stories"];
    for (const path of paths) {
      const miss = await get(path);
      await miss.arrayBuffer();
      expect({ path, nosniff: miss.headers.get("X-Content-Type-Options") }).toEqual({
        path,
        nosniff: "nosniff",
      });
    }
    const hit = await warm("/en/atom.xml");
    expect(hit.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });

  it("keeps a client's __generation parameter out of the cache key", async () => {
    await warm("/ua/rss.xml?limit=5");
    const body = await (await get("/ua/rss.xml?limit=5")).text();
    for (const query of [
      "__generation=0@",
      "limit=5&__generation=x&__generation=y",
      "__generation",
    ]) {
      const path = query.includes("limit")
        ? `/ua/rss.xml?${query}`
        : `/ua/rss.xml?${query}&limit=5`;
      const response = await get(path);
      expect({ path, cache: response.headers.get("X-Edge-Cache") }).toEqual({ path, cache: "HIT" });
      expect(await response.text()).toBe(body);
    }
  });

  it("answers a matching If-None-Match from the cache with 304 and no body", async () => {
    const { headers } = await warm("/en/feed.json");
    const etag = headers.get("ETag") ?? "";
    const revalidated = await get("/en/feed.json", { "If-None-Match": etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get("X-Edge-Cache")).toBe("HIT");
    expect(revalidated.headers.get("ETag")).toBe(etag);
    expect(await revalidated.text()).toBe("");
    const stale = await get("/en/feed.json", { "If-None-Match": '"something-else"' });
    expect(stale.status).toBe(200);
  });

  it("gives pages a strong ETag and Cache-Control, and 304 on revalidation", async () => {
    const page = await warm("/ua/");
    const etag = page.headers.get("ETag") ?? "";
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(page.headers.get("Cache-Control")).toMatch(/^public, max-age=\d+/);
    expect((await get("/ua/", { "If-None-Match": etag })).status).toBe(304);
  });

  it("refreshes exactly the language a newsroom write touched", async () => {
    await warm("/en/rss.xml");
    await warm("/ua/rss.xml");
    await api(
      "POST",
      "/stories",
      storyPayload("cache-en", {
        variants: [{ lang: "en", title: "Cache refresh in English", body: "<p>Text</p>" }],
      }),
    );
    await api("POST", "/stories/cache-en/publish", undefined, { "If-Match": '"v1"' });

    const en = await get("/en/rss.xml");
    expect(en.headers.get("X-Edge-Cache")).toBe("MISS");
    expect(await en.text()).toContain("Cache refresh in English");
    // Ukrainian readers' feed did not change, so its copy still stands.
    expect((await get("/ua/rss.xml")).headers.get("X-Edge-Cache")).toBe("HIT");
  });

  it("refreshes site-wide documents on a write in any language", async () => {
    const month = new Date().toISOString().slice(0, 7);
    await warm("/sitemap.xml");
    await api(
      "POST",
      "/stories",
      storyPayload("cache-ru", {
        variants: [{ lang: "ru", title: "Обновление кэша", body: "<p>Текст</p>" }],
      }),
    );
    await api("POST", "/stories/cache-ru/publish", undefined, { "If-Match": '"v1"' });
    const index = await get("/sitemap.xml");
    expect(index.headers.get("X-Edge-Cache")).toBe("MISS");
    expect(await index.text()).toContain(`/sitemaps/stories-${month}-1.xml`);
    const child = await get(`/sitemaps/stories-${month}-1.xml`);
    expect(await child.text()).toContain("obnovlenie-kesha");
  });

  it("refreshes when stories arrive outside the newsroom API (a seed load)", async () => {
    await warm("/en/");
    await insertStory(testDb(), makeStory(["en"], { publishedAt: new Date().toISOString() }));
    // A load outside this isolate reaches it once its freshness reading (1 s) is renewed.
    forgetFreshness();
    expect((await get("/en/")).headers.get("X-Edge-Cache")).toBe("MISS");
  });

  it("keeps no copy past the next scheduled publication", async () => {
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    await insertStory(testDb(), makeStory(["ru"], { publishedAt: inAnHour }));
    forgetFreshness();
    const freshness = await contentFreshness(testDb(), ["articles:ru"], new Date());
    expect(freshness.secondsUntilNextDue).toBeGreaterThan(3590);
    expect(freshness.secondsUntilNextDue).toBeLessThanOrEqual(3600);
  });

  it("caches nothing while a scheduled story is due within the second", async () => {
    const due = Date.parse("2099-01-01T00:00:00.600Z");
    await insertStory(testDb(), makeStory(["ru"], { publishedAt: new Date(due).toISOString() }));
    // The clock stands still half a second before the story falls due.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(due - 500);
    try {
      forgetFreshness();
      expect(
        (await contentFreshness(testDb(), ["articles:ru"], new Date())).secondsUntilNextDue,
      ).toBe(0);
      const first = await get("/ru/rss.xml");
      await first.arrayBuffer();
      expect(first.headers.get("X-Edge-Cache")).toBe("MISS");
      const second = await get("/ru/rss.xml");
      expect(second.headers.get("X-Edge-Cache")).toBe("MISS");
    } finally {
      vi.useRealTimers();
    }
  });

  it("is bypassed with EDGE_CACHE=off, keeping validators and 304s", async () => {
    const off = { ...env, EDGE_CACHE: "off" };
    const first = await get("/en/atom.xml", {}, off);
    expect(first.headers.get("X-Edge-Cache")).toBe("BYPASS");
    const etag = first.headers.get("ETag") ?? "";
    expect((await get("/en/atom.xml", {}, off)).headers.get("X-Edge-Cache")).toBe("BYPASS");
    expect((await get("/en/atom.xml", { "If-None-Match": etag }, off)).status).toBe(304);
    const page = await get("/en/", {}, off);
    expect(page.headers.get("ETag")).toMatch(/^"/);
  });

  it.each([
    ["/", "the negotiating redirect"],
    ["/api/v1/openapi.json", "the API"],
    ["/en/no-such-page-at-all", "a 404"],
  ])("never caches %s (%s)", async (path) => {
    await (await get(path)).arrayBuffer();
    const again = await get(path);
    expect(again.headers.get("X-Edge-Cache")).not.toBe("HIT");
  });

  it("costs at most one query on a hit, whatever the page size", async () => {
    await warm("/en/rss.xml?limit=100");
    forgetFreshness();
    const d1 = countingD1();
    const hit = await get("/en/rss.xml?limit=100", {}, { ...env, DB: d1.binding });
    expect(hit.headers.get("X-Edge-Cache")).toBe("HIT");
    expect(d1.count()).toBe(1);
    // Within the reuse window the isolate's reading serves: no query at all.
    d1.reset();
    await get("/en/rss.xml?limit=100", {}, { ...env, DB: d1.binding });
    expect(d1.count()).toBe(0);
  });
});
