import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { insertStory } from "../../src/db/stories";
import app from "../../src/index";
import { loadSeedStories, testDb } from "../helpers/seeds";
import { makeStory } from "../helpers/stories";

function get(path: string) {
  return app.request(path, {}, env);
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

describe("/sitemap.xml", () => {
  it("lists every published variant with hreflang alternates for all its languages", async () => {
    const response = await get("/sitemap.xml");
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
    expect(byLoc.get("http://localhost/ua/")).toMatchObject({ "x-default": "http://localhost/" });
    expect(byLoc.has("http://localhost/en/news/gone-story-en")).toBe(false);
  });

  it("has one entry per published variant of every seed, plus the three front pages", async () => {
    const xml = await (await get("/sitemap.xml")).text();
    const storyEntries = entries(xml).filter((e) => e.loc.includes("/news/"));
    const variants = await env.DB.prepare(
      "select count(*) as n from story_variants v join stories s on s.id = v.story_id where s.status = 'published' and s.published_at <= ?",
    )
      .bind(new Date().toISOString())
      .first<{ n: number }>();
    expect(storyEntries).toHaveLength(variants?.n ?? -1);
    expect(entries(xml).length - storyEntries.length).toBe(3);
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
  it("names both sitemaps with absolute URLs", async () => {
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
