import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import app from "../../src/index";
import { api, storyPayload } from "../helpers/api";
import { loadSeedStories } from "../helpers/seeds";

function get(path: string) {
  return app.request(path, {}, env);
}

/** Requests until the edge holds a copy (the cache write may land just after a response). */
async function warm(path: string): Promise<string> {
  for (let i = 0; i < 60; i++) {
    const response = await get(path);
    const body = await response.text();
    if (response.headers.get("X-Edge-Cache") === "HIT") return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${path} never became a cache hit`);
}

async function outcome(path: string): Promise<{ path: string; cache: string | null }> {
  const response = await get(path);
  await response.arrayBuffer();
  return { path, cache: response.headers.get("X-Edge-Cache") };
}

async function publishedEnglish(id: string, categoryId: string, authorId: string, title: string) {
  const payload = storyPayload(id, {
    categoryId,
    authorIds: [authorId],
    variants: [{ lang: "en", slug: id, title, summary: "In short", body: "<p>Text</p>" }],
  });
  expect((await api("POST", "/stories", payload)).status).toBe(201);
  const published = await api("POST", `/stories/${id}/publish`, undefined, { "If-Match": '"v1"' });
  expect(published.status).toBe(200);
}

const UNRELATED = [
  "/en/news/scope-other",
  "/en/category/culture/rss.xml",
  "/en/category/culture",
  "/en/author/kyiv-independent-news-desk/atom.xml",
  "/en/briefs/rss.xml",
  "/ua/",
  "/ua/rss.xml",
  "/ru/category/economy/rss.xml",
  // The seed stories' month, and the front pages' sitemap, which no story write changes.
  "/sitemaps/stories-2023-12-1.xml",
  "/sitemaps/front-pages.xml",
];
const OWN = [
  "/en/news/scope-econ",
  "/en/category/economy/rss.xml",
  "/en/category/economy",
  "/en/author/olena-kovalchuk/feed.json",
  "/en/rss.xml",
  "/en/",
];

describe("edge cache scopes", () => {
  beforeAll(async () => {
    await loadSeedStories();
    await publishedEnglish("scope-other", "culture", "kyiv-independent-news-desk", "Other story");
    await publishedEnglish("scope-econ", "economy", "olena-kovalchuk", "Economy story");
  });

  it("refreshes a corrected story's own pages and feeds and leaves the rest hits", async () => {
    for (const path of [...UNRELATED, ...OWN]) await warm(path);
    const corrected = await api("PATCH", "/stories/scope-econ", {
      version: 2,
      variants: [
        { lang: "en", title: "Economy story corrected", summary: "In short", body: "<p>Text</p>" },
      ],
    });
    expect(corrected.status).toBe(200);
    for (const path of UNRELATED) expect(await outcome(path)).toEqual({ path, cache: "HIT" });
    for (const path of OWN) {
      const response = await get(path);
      expect({ path, cache: response.headers.get("X-Edge-Cache") }).toEqual({
        path,
        cache: "MISS",
      });
      expect(await response.text()).toContain("Economy story corrected");
    }
  });

  it("takes a withdrawn story off its page at once and refreshes every feed it was in", async () => {
    const before = new Map<string, string>();
    for (const path of OWN.slice(1)) before.set(path, await warm(path));
    await warm("/en/news/scope-econ");
    for (const path of UNRELATED) await warm(path);
    const withdrawn = await api("POST", "/stories/scope-econ/withdraw", { version: 3 });
    expect(withdrawn.status).toBe(200);
    expect((await get("/en/news/scope-econ")).status).toBe(410);
    for (const [path, old] of before) {
      const response = await get(path);
      expect({ path, cache: response.headers.get("X-Edge-Cache") }).toEqual({
        path,
        cache: "MISS",
      });
      expect(await response.text()).not.toBe(old);
    }
    for (const path of UNRELATED) expect(await outcome(path)).toEqual({ path, cache: "HIT" });
  });

  it("refreshes both the old and the new category of a recategorized story", async () => {
    await warm("/en/category/culture/rss.xml");
    await warm("/en/category/politics/rss.xml");
    await warm("/en/category/technology/rss.xml");
    const moved = await api("PATCH", "/stories/scope-other", {
      version: 2,
      categoryId: "politics",
    });
    expect(moved.status).toBe(200);
    const culture = await get("/en/category/culture/rss.xml");
    expect(culture.headers.get("X-Edge-Cache")).toBe("MISS");
    expect(await culture.text()).not.toContain("Other story");
    const politics = await get("/en/category/politics/rss.xml");
    expect(politics.headers.get("X-Edge-Cache")).toBe("MISS");
    expect(await politics.text()).toContain("Other story");
    expect(await outcome("/en/category/technology/rss.xml")).toEqual({
      path: "/en/category/technology/rss.xml",
      cache: "HIT",
    });
  });

  it("refreshes a renamed category's pages in the renamed language only", async () => {
    await warm("/en/category/economy");
    await warm("/ua/category/economy");
    const renamed = await api("PATCH", "/categories/economy", { names: { en: "Money matters" } });
    expect(renamed.status).toBe(200);
    const page = await get("/en/category/economy");
    expect(page.headers.get("X-Edge-Cache")).toBe("MISS");
    expect(await page.text()).toContain("Money matters");
    expect(await outcome("/ua/category/economy")).toEqual({
      path: "/ua/category/economy",
      cache: "HIT",
    });
  });

  it("refreshes the sitemap child of the story's month and the index, not other months", async () => {
    const month = new Date().toISOString().slice(0, 7);
    const own = `/sitemaps/stories-${month}-1.xml`;
    const before = await warm(own);
    await warm("/sitemap.xml");
    await warm("/sitemaps/stories-2024-01-1.xml");
    await publishedEnglish("scope-sitemap", "economy", "olena-kovalchuk", "Mapped story");
    const child = await get(own);
    expect(child.headers.get("X-Edge-Cache")).toBe("MISS");
    const body = await child.text();
    expect(before).not.toContain("/en/news/scope-sitemap");
    expect(body).toContain("/en/news/scope-sitemap");
    expect(await outcome("/sitemap.xml")).toEqual({ path: "/sitemap.xml", cache: "MISS" });
    expect(await outcome("/sitemaps/stories-2024-01-1.xml")).toEqual({
      path: "/sitemaps/stories-2024-01-1.xml",
      cache: "HIT",
    });
  });
});
