import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { insertStory } from "../../src/db/stories";
import app from "../../src/index";
import { SITEMAP_STORIES_PER_CHILD } from "../../src/services/sitemaps";
import { loadSeedStories, testDb } from "../helpers/seeds";
import { makeStory } from "../helpers/stories";

function get(path: string) {
  return app.request(path, {}, env);
}

/** Past the edge cache: these tests write rows directly, which no cache scope hears of. */
function uncached(path: string) {
  return app.request(path, {}, { ...env, EDGE_CACHE: "off" });
}

/** Each <url> entry's loc and its hreflang alternates. */
function entries(xml: string): { loc: string; alternates: Record<string, string> }[] {
  return [...xml.matchAll(/<url>([\s\S]*?)<\/url>/g)].map((m) => {
    const body = m[1] as string;
    const alternates: Record<string, string> = {};
    for (const link of body.matchAll(
      /<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"\/>/g,
    )) {
      alternates[link[1] as string] = link[2] as string;
    }
    return { loc: /<loc>([^<]+)<\/loc>/.exec(body)?.[1] ?? "", alternates };
  });
}

const HOUR = 60 * 60 * 1000;

beforeAll(async () => {
  await loadSeedStories();
  const now = Date.now();
  const fresh = makeStory(["uk", "en"], {
    id: "fresh-story",
    publishedAt: new Date(now - 3 * HOUR).toISOString(),
  });
  const enFresh = fresh.variants.en;
  if (enFresh) enFresh.title = "Tom & Jerry <return>";
  const stale = makeStory(["en"], {
    id: "stale-story",
    publishedAt: new Date(now - 3 * 24 * HOUR).toISOString(),
  });
  const withdrawn = makeStory(["en"], { id: "gone-story", status: "withdrawn" });
  for (const story of [fresh, stale, withdrawn]) await insertStory(testDb(), story);
});

/** The index's children, as site-relative paths with their lastmod. */
function children(xml: string): { path: string; lastmod: string | null }[] {
  return [...xml.matchAll(/<sitemap>([\s\S]*?)<\/sitemap>/g)].map((m) => {
    const body = m[1] as string;
    const loc = /<loc>([^<]+)<\/loc>/.exec(body)?.[1] ?? "";
    return {
      path: loc.replace("http://localhost", ""),
      lastmod: /<lastmod>([^<]+)<\/lastmod>/.exec(body)?.[1] ?? null,
    };
  });
}

/** Every <url> of every child the index names. */
async function everyEntry(): Promise<ReturnType<typeof entries>> {
  const index = await (await get("/sitemap.xml")).text();
  const all: ReturnType<typeof entries> = [];
  for (const child of children(index)) {
    const response = await get(child.path);
    expect(response.status, child.path).toBe(200);
    all.push(...entries(await response.text()));
  }
  return all;
}

describe("/sitemap.xml, the sitemap index", () => {
  it("names the front pages' sitemap and one child per month of stories, newest first", async () => {
    const response = await get("/sitemap.xml");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    const xml = await response.text();
    expect(xml).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    const listed = children(xml);
    expect(listed[0]).toEqual({ path: "/sitemaps/front-pages.xml", lastmod: null });
    const months = listed.slice(1).map((c) => /stories-(\d{4}-\d{2})-1\.xml$/.exec(c.path)?.[1]);
    expect(months).toContain("2023-12");
    expect(months).toEqual([...months].sort().reverse());
    // The withdrawn story's month has nothing else in it; the fresh story's month is listed.
    expect(months).not.toContain("2026-01");
    expect(months).toContain(new Date(Date.now() - 3 * HOUR).toISOString().slice(0, 7));
    for (const child of listed.slice(1)) {
      expect(child.lastmod, child.path).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    }
  });

  it("gives a month the time of its newest change as lastmod, and leaves other months alone", async () => {
    const before = children(await (await uncached("/sitemap.xml")).text());
    const story = makeStory(["en"], { id: "late-2023", publishedAt: "2023-12-28T09:00:00.000Z" });
    const writeStarted = new Date().toISOString();
    await insertStory(testDb(), story);
    const after = children(await (await uncached("/sitemap.xml")).text());
    const december = after.find((c) => c.path === "/sitemaps/stories-2023-12-1.xml");
    expect(december?.lastmod && december.lastmod >= writeStarted).toBe(true);
    const untouched = (list: typeof before) =>
      list.filter((c) => !c.path.includes("2023-12")).map((c) => `${c.path} ${c.lastmod}`);
    expect(untouched(after)).toEqual(untouched(before));
    await testDb().deleteFrom("stories").where("id", "=", "late-2023").execute();
  });
});

describe("the sitemap children", () => {
  it("list every published variant with hreflang alternates for all its languages", async () => {
    const response = await get("/sitemaps/stories-2023-12-1.xml");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    const xml = await response.text();
    expect(xml).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    const byLoc = new Map(entries(xml).map((e) => [e.loc, e.alternates]));
    const ki = {
      uk: "http://localhost/ua/news/bilyi-dim-rosiia-kytai-i-pivnichna-koreia-prahnut-zmitsnyty-zviazky",
      en: "http://localhost/en/news/white-house-russia-china-north-korea-seek-to-strengthen-ties",
      ru: "http://localhost/ru/news/belyi-dom-rossiya-kitai-i-severnaya-koreya-stremyatsya-ukrepit-svyazi",
    };
    for (const loc of Object.values(ki)) {
      expect(byLoc.get(loc)).toEqual({ ...ki, "x-default": ki.uk });
    }
  });

  it("states the index's lastmod as Last-Modified and answers a revalidation with 304", async () => {
    const [first] = children(await (await uncached("/sitemap.xml")).text()).filter((c) =>
      c.path.startsWith("/sitemaps/stories-"),
    );
    expect(first?.lastmod).toBeTruthy();
    const child = await uncached(first?.path ?? "");
    expect(child.status).toBe(200);
    const lastModified = child.headers.get("Last-Modified");
    expect(lastModified).toBe(new Date(first?.lastmod ?? "").toUTCString());
    const again = await app.request(
      first?.path ?? "",
      { headers: { "If-Modified-Since": lastModified ?? "" } },
      { ...env, EDGE_CACHE: "off" },
    );
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("list the three front pages in a child of their own", async () => {
    const xml = await (await get("/sitemaps/front-pages.xml")).text();
    const byLoc = new Map(entries(xml).map((e) => [e.loc, e.alternates]));
    expect([...byLoc.keys()]).toEqual([
      "http://localhost/ua/",
      "http://localhost/en/",
      "http://localhost/ru/",
    ]);
    expect(byLoc.get("http://localhost/ua/")).toMatchObject({ "x-default": "http://localhost/" });
  });

  it("have one entry per published variant of every story, and none of withdrawn ones", async () => {
    const all = await everyEntry();
    const storyEntries = all.filter((e) => e.loc.includes("/news/"));
    const variants = await env.DB.prepare(
      "select count(*) as n from story_variants v join stories s on s.id = v.story_id where s.status = 'published' and s.published_at <= ?",
    )
      .bind(new Date().toISOString())
      .first<{ n: number }>();
    expect(storyEntries).toHaveLength(variants?.n ?? -1);
    expect(new Set(storyEntries.map((e) => e.loc)).size).toBe(storyEntries.length);
    expect(storyEntries.some((e) => e.loc.includes("gone-story"))).toBe(false);
  });

  it(`split a month into pages of ${SITEMAP_STORIES_PER_CHILD} stories, oldest first`, async () => {
    const id = (i: number) => `busy-${String(i).padStart(4, "0")}`;
    const stories = Array.from({ length: SITEMAP_STORIES_PER_CHILD + 2 }, (_, i) =>
      makeStory(["en"], {
        id: id(i),
        publishedAt: new Date(Date.UTC(2021, 1, 1, 0, i)).toISOString(),
      }),
    );
    for (const story of stories) await insertStory(testDb(), story);
    const index = children(await (await uncached("/sitemap.xml")).text()).map((c) => c.path);
    expect(index.filter((p) => p.includes("2021-02"))).toEqual([
      "/sitemaps/stories-2021-02-1.xml",
      "/sitemaps/stories-2021-02-2.xml",
    ]);
    const first = entries(await (await uncached("/sitemaps/stories-2021-02-1.xml")).text());
    const second = entries(await (await uncached("/sitemaps/stories-2021-02-2.xml")).text());
    expect(first).toHaveLength(SITEMAP_STORIES_PER_CHILD);
    expect(first[0]?.loc).toBe(`http://localhost/en/news/${id(0)}-en`);
    expect(second.map((e) => e.loc)).toEqual([
      `http://localhost/en/news/${id(SITEMAP_STORIES_PER_CHILD)}-en`,
      `http://localhost/en/news/${id(SITEMAP_STORIES_PER_CHILD + 1)}-en`,
    ]);
    // 502 stories written one by one: far past the default 5 s on a loaded machine.
  }, 60_000);

  it.each([
    ["a month with no stories", "/sitemaps/stories-1999-01-1.xml"],
    ["a page past the month's last", "/sitemaps/stories-2023-12-2.xml"],
    ["page zero", "/sitemaps/stories-2023-12-0.xml"],
    ["a month that is no month", "/sitemaps/stories-2023-13-1.xml"],
    ["a name of another shape", "/sitemaps/2023-12.xml"],
  ])("answer %s with 404", async (_, path) => {
    expect((await get(path)).status).toBe(404);
  });
});

describe("/news-sitemap.xml", () => {
  it("lists only the last two days' stories, with publication name, language and title", async () => {
    const response = await get("/news-sitemap.xml");
    expect(response.status).toBe(200);
    const xml = await response.text();
    expect(xml).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"');
    expect(xml).toContain("<loc>http://localhost/en/news/fresh-story-en</loc>");
    expect(xml).toContain("<loc>http://localhost/ua/news/fresh-story-uk</loc>");
    expect(xml).toContain("<news:name>Редакція</news:name><news:language>uk</news:language>");
    expect(xml).toContain("<news:title>Tom &amp; Jerry &lt;return&gt;</news:title>");
    expect(xml).not.toContain("stale-story");
    expect(xml).not.toContain("white-house-russia-china");
  });
});

describe("/robots.txt", () => {
  it("names the sitemap index and the news sitemap with absolute URLs", async () => {
    const response = await get("/robots.txt");
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain("Sitemap: http://localhost/sitemap.xml");
    expect(text).toContain("Sitemap: http://localhost/news-sitemap.xml");
    expect(text).toContain("Disallow: /lang/");
    // Page security headers are for HTML; other surfaces keep the headers their routes set.
    expect(response.headers.get("content-security-policy")).toBeNull();
  });
});
