import { env } from "cloudflare:workers";
import { parseJsonFeed } from "feedsmith";
import { beforeAll, describe, expect, it } from "vitest";
import { insertStoriesQueries, insertStory } from "../../src/db/stories";
import { insertCategoryIfAbsentQueries } from "../../src/db/taxonomy";
import app from "../../src/index";
import { forgetFreshness } from "../../src/services/freshness";
import { countingD1 } from "../helpers/d1";
import { assertWellFormed, readFeed, xmlTree } from "../helpers/feeds";
import { loadSeedStories, testDb } from "../helpers/seeds";
import { makeStory } from "../helpers/stories";

type Node = Record<string, unknown>;
const ORIGIN = "http://localhost";
const FORMATS = [
  ["rss.xml", "application/rss+xml; charset=utf-8"],
  ["atom.xml", "application/atom+xml; charset=utf-8"],
  ["feed.json", "application/feed+json; charset=utf-8"],
] as const;
const LANGS = [
  ["ua", "uk"],
  ["en", "en"],
  ["ru", "ru"],
] as const;
const RFC822_GMT =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

function get(path: string, init: RequestInit = {}, bindings: Cloudflare.Env = env) {
  return app.request(path, init, bindings);
}

/** Item ids, self link, next/previous links and language of any format's document. */
function summarize(file: string, body: string) {
  if (file === "feed.json") {
    const feed = JSON.parse(body);
    return {
      language: feed.language as string,
      self: feed.feed_url as string,
      ids: (feed.items as Node[]).map((i) => i.id as string),
      next: (feed.next_url as string | undefined) ?? null,
      previous: null as string | null,
    };
  }
  const tree = xmlTree(body);
  const links = (list: unknown) => (list ?? []) as Node[];
  const href = (list: Node[], rel: string) =>
    (list.find((l) => l["@_rel"] === rel && !l["@_hreflang"])?.["@_href"] as string) ?? null;
  if (file === "rss.xml") {
    const channel = (tree.rss as Node).channel as Node;
    const atomLinks = links(channel["atom:link"]);
    return {
      language: channel.language as string,
      self: href(atomLinks, "self") as string,
      ids: links(channel.item).map((i) => (i.guid as Node)["#text"] as string),
      next: href(atomLinks, "next"),
      previous: href(atomLinks, "previous"),
    };
  }
  const feed = tree.feed as Node;
  return {
    language: feed["@_xml:lang"] as string,
    self: href(links(feed.link), "self") as string,
    ids: links(feed.entry).map((e) => e.id as string),
    next: href(links(feed.link), "next"),
    previous: href(links(feed.link), "previous"),
  };
}

/** Every URL-valued field in a document: what the W3C validator checks for being absolute. */
function urlsIn(escaped: string): string[] {
  // Atom carries content HTML escaped; unescape once so its attributes are seen too.
  const body = escaped
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
  const attrs = [
    ...body.matchAll(/\b(?:href|src|url|domain|scheme|xmlUrl|htmlUrl)=(?:"|\\")([^"\\]*)/g),
  ];
  const json = [...body.matchAll(/"(?:url|feed_url|home_page_url|next_url|image)":\s*"([^"]*)"/g)];
  const elements = [...body.matchAll(/<(?:link|uri)>([^<]*)<\//g)];
  return [...attrs, ...json, ...elements].map((m) => (m[1] ?? "").replace(/&amp;/g, "&"));
}

describe("feeds over HTTP", () => {
  beforeAll(loadSeedStories);

  describe.each(LANGS)("/%s/ (language %s)", (segment, tag) => {
    it.each(FORMATS)(
      "serves %s with its media type, language and self link",
      async (file, type) => {
        const path = `/${segment}/${file}`;
        const response = await get(path);
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toBe(type);
        const body = await response.text();
        const feed = summarize(file, body);
        expect(feed.language).toBe(tag);
        expect(feed.self).toBe(`${ORIGIN}${path}`);
        expect(feed.ids.length).toBeGreaterThan(0);
        expect(feed.ids.every((id) => id.endsWith(`/${tag}`))).toBe(true);
        if (file === "feed.json") {
          expect(parseJsonFeed(body).items?.length).toBe(feed.ids.length);
        } else {
          assertWellFormed(body);
          const parsed = readFeed(body);
          expect(parsed.language).toBe(tag);
          expect(parsed.self).toBe(`${ORIGIN}${path}`);
          expect(parsed.items.map((i) => i.id)).toEqual(feed.ids);
        }
      },
    );
  });

  it("serves only articles in the site feed and only briefs in the briefs feed", async () => {
    const site = summarize("atom.xml", await (await get("/en/atom.xml")).text()).ids;
    const briefs = summarize("atom.xml", await (await get("/en/briefs/atom.xml")).text()).ids;
    expect(briefs.length).toBeGreaterThan(0);
    expect(site.filter((id) => briefs.includes(id))).toEqual([]);
    expect(briefs.some((id) => id.includes("warsaw-reconstruction-forum"))).toBe(true);
  });

  it("serves category and author feeds in the category's and author's language", async () => {
    const category = await get("/ua/category/world/rss.xml");
    expect(category.status).toBe(200);
    const body = await category.text();
    expect(body).toContain("<language>uk</language>");
    expect(body).toContain("Світ");
    const author = summarize(
      "feed.json",
      await (await get("/ru/author/martin-fornusek/feed.json")).text(),
    );
    expect(author.ids.length).toBeGreaterThan(0);
    expect(author.language).toBe("ru");
  });

  it("leaves a story out of the languages it lacks", async () => {
    const ukOnly = "2026-08-24-independence-day-cities"; // seed 15, Ukrainian only
    const ua = await (await get("/ua/atom.xml?limit=100")).text();
    const en = await (await get("/en/atom.xml?limit=100")).text();
    expect(ua).toContain(`story/${ukOnly}/uk`);
    expect(en).not.toContain(ukOnly);
  });

  it("leaves out drafts, scheduled and withdrawn stories", async () => {
    const db = testDb();
    const draft = makeStory(["en"], { status: "draft", publishedAt: null, categoryId: "politics" });
    const future = makeStory(["en"], {
      publishedAt: "2999-01-01T00:00:00.000Z",
      categoryId: "politics",
    });
    const withdrawn = makeStory(["en"], {
      status: "withdrawn",
      publishedAt: "2026-01-02T00:00:00.000Z",
      categoryId: "politics",
    });
    const visible = makeStory(["en"], {
      publishedAt: "2026-01-03T00:00:00.000Z",
      categoryId: "politics",
    });
    for (const story of [draft, future, withdrawn, visible]) await insertStory(db, story);
    for (const [file] of FORMATS) {
      const body = await (await get(`/en/category/politics/${file}?limit=100`)).text();
      expect(body).toContain(visible.id);
      for (const hidden of [draft, future, withdrawn]) expect(body).not.toContain(hidden.id);
    }
  });

  it("makes every link absolute, inside content too, and uses SITE_URL when set", async () => {
    const bindings = { ...env, SITE_URL: "https://news.example" };
    for (const [file] of FORMATS) {
      const body = await (await get(`/en/briefs/${file}?limit=100`, {}, bindings)).text();
      const urls = urlsIn(body);
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls)
        expect(url).toMatch(
          /^(https:\/\/|mailto:|http:\/\/(www\.)?(purl|search\.yahoo|validator\.w3|www\.w3)\.)/,
        );
      // Seed 19's body links to /en/category/world.
      expect(urls).toContain("https://news.example/en/category/world");
      expect(body).not.toContain("localhost");
    }
  });

  it("gives each story's image as an absolute enclosure with its MIME type and length", async () => {
    const channel = (xmlTree(await (await get("/en/rss.xml")).text()).rss as Node).channel as Node;
    const enclosures = (channel.item as Node[]).map((i) => i.enclosure as Node).filter(Boolean);
    expect(enclosures.length).toBeGreaterThan(0);
    for (const enclosure of enclosures) {
      expect(enclosure["@_url"]).toMatch(/^http:\/\/localhost\/media\/[\w-]+\.jpg$/);
      expect(enclosure["@_type"]).toBe("image/jpeg");
      expect(Number(enclosure["@_length"])).toBeGreaterThan(0);
    }
  });

  describe("paging", () => {
    it.each(FORMATS)("walks every %s item exactly once forward, and back again", async (file) => {
      const all = summarize(file, await (await get(`/ua/${file}?limit=100`)).text()).ids;
      expect(all.length).toBeGreaterThan(3);
      const pages: string[][] = [];
      let url: string | null = `/ua/${file}?limit=3`;
      let last: ReturnType<typeof summarize> | null = null;
      while (url) {
        const response = await get(url);
        expect(response.status).toBe(200);
        last = summarize(file, await response.text());
        expect(last.self).toBe(`${ORIGIN}${url}`);
        pages.push(last.ids);
        url = last.next ? last.next.replace(ORIGIN, "") : null;
        expect(pages.length).toBeLessThan(50);
      }
      expect(pages.flat()).toEqual(all);
      expect(pages.every((p) => p.length <= 3)).toBe(true);
      if (file === "feed.json") return; // JSON Feed 1.1 has no previous link
      const back: string[][] = [];
      let previous = last?.previous ?? null;
      while (previous) {
        const page = summarize(file, await (await get(previous.replace(ORIGIN, ""))).text());
        back.unshift(page.ids);
        previous = page.previous;
      }
      expect([...back.flat(), ...(pages.at(-1) ?? [])]).toEqual(all);
    });

    it("has no previous link on the first page, and a first link on every page", async () => {
      const first = await (await get("/en/atom.xml?limit=2")).text();
      expect(first).not.toContain('rel="previous"');
      expect(first).toContain(`<link rel="first" href="${ORIGIN}/en/atom.xml?limit=2"`);
    });

    it.each([
      ["limit=0"],
      ["limit=101"],
      ["limit=abc"],
      ["limit=2.5"],
      ["after=not-a-cursor"],
      ["before=eyJ4IjoxfQ"],
      ["after=WyIyMDI2LTAxLTAxIiwieCJd"],
    ])("answers ?%s with 400 in plain text", async (query) => {
      const response = await get(`/en/rss.xml?${query}`);
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    });

    it("answers both after and before with 400", async () => {
      const next = summarize("rss.xml", await (await get("/en/rss.xml?limit=1")).text()).next ?? "";
      const cursor = new URL(next).searchParams.get("after");
      const response = await get(`/en/rss.xml?after=${cursor}&before=${cursor}`);
      expect(response.status).toBe(400);
    });
  });

  describe("errors", () => {
    it.each([
      "/de/rss.xml",
      "/uk/atom.xml",
      "/ua/category/no-such-category/rss.xml",
      "/en/author/nobody/feed.json",
    ])("answers %s with a short plain-text 404", async (path) => {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
      expect((await response.text()).length).toBeLessThan(200);
    });

    it("serves an empty category as a valid feed with zero items", async () => {
      await testDb().batch(
        insertCategoryIfAbsentQueries(
          testDb(),
          { id: "sport", slug: "sport", names: { uk: "Спорт", en: "Sport", ru: "Спорт" } },
          "2026-01-01T00:00:00.000Z",
        ),
      );
      for (const [file] of FORMATS) {
        const response = await get(`/en/category/sport/${file}`);
        expect(response.status).toBe(200);
        const body = await response.text();
        expect(summarize(file, body).ids).toEqual([]);
        if (file !== "feed.json") assertWellFormed(body);
      }
    });
  });

  describe("conditional requests", () => {
    it("sends a strong ETag, Last-Modified, Cache-Control and Vary", async () => {
      const response = await get("/en/atom.xml");
      expect(response.headers.get("etag")).toMatch(/^"[\w-]+"$/);
      expect(response.headers.get("last-modified")).toMatch(RFC822_GMT);
      expect(response.headers.get("cache-control")).toMatch(
        /max-age=\d+.*stale-while-revalidate=\d+/,
      );
      expect(response.headers.get("vary")).toBeTruthy();
    });

    it.each(FORMATS)("returns 304 when If-None-Match matches (%s)", async (file) => {
      const etag = (await get(`/ru/${file}`)).headers.get("etag") ?? "";
      for (const header of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
        const response = await get(`/ru/${file}`, { headers: { "If-None-Match": header } });
        expect(response.status).toBe(304);
        expect(response.headers.get("etag")).toBe(etag);
        expect(await response.text()).toBe("");
      }
      const changed = await get(`/ru/${file}`, { headers: { "If-None-Match": '"stale"' } });
      expect(changed.status).toBe(200);
    });

    it("returns 304 for a not-newer If-Modified-Since and 200 for an older one", async () => {
      const lastModified = (await get("/ua/rss.xml")).headers.get("last-modified") ?? "";
      const same = await get("/ua/rss.xml", { headers: { "If-Modified-Since": lastModified } });
      expect(same.status).toBe(304);
      const older = new Date(Date.parse(lastModified) - 1000).toUTCString();
      expect((await get("/ua/rss.xml", { headers: { "If-Modified-Since": older } })).status).toBe(
        200,
      );
    });

    it("answers HEAD with the GET headers and no body", async () => {
      const head = await get("/en/feed.json", { method: "HEAD" });
      const full = await get("/en/feed.json");
      expect(head.status).toBe(200);
      expect(head.headers.get("etag")).toBe(full.headers.get("etag"));
      expect(head.headers.get("content-type")).toBe("application/feed+json; charset=utf-8");
      expect(await head.text()).toBe("");
    });

    it("keeps the Ukrainian feed's validators when a story is published in English only", async () => {
      const before = await get("/ua/atom.xml");
      const story = makeStory(["en"], { publishedAt: new Date(Date.now() - 1000).toISOString() });
      await insertStory(testDb(), story);
      // Written past the API, as another isolate would: this one forgets its freshness reading.
      forgetFreshness();
      const after = await get("/ua/atom.xml");
      expect(after.headers.get("etag")).toBe(before.headers.get("etag"));
      expect(after.headers.get("last-modified")).toBe(before.headers.get("last-modified"));
      const english = await (await get("/en/atom.xml")).text();
      expect(english).toContain(story.id);
    });
  });

  it("makes a fixed number of D1 queries whatever the page size", async () => {
    const stories = Array.from({ length: 60 }, (_, i) =>
      makeStory(["en"], {
        categoryId: "technology",
        publishedAt: `2025-01-01T00:${String(i).padStart(2, "0")}:00.000Z`,
      }),
    );
    await testDb().batch(insertStoriesQueries(testDb(), stories));
    const queries = async (path: string) => {
      // Each request reads freshness itself, as the first request in an isolate does.
      forgetFreshness();
      const d1 = countingD1();
      const response = await get(path, {}, { ...env, DB: d1.binding });
      const body = await response.text();
      return { count: d1.count(), items: summarize("rss.xml", body).ids.length };
    };
    const small = await queries("/en/category/technology/rss.xml?limit=5");
    const large = await queries("/en/category/technology/rss.xml?limit=50");
    expect(small.items).toBe(5);
    expect(large.items).toBe(50);
    expect(large.count).toBe(small.count);
    // The edge cache's freshness check, the category, the page, the bodies of the items this
    // isolate has not rendered yet (src/feeds/items.ts); once they are held, no body query.
    expect(small.count).toBeLessThanOrEqual(4);
    // Another URL, so the edge cache misses, over stories whose items are all held.
    const again = await queries("/en/category/technology/rss.xml?limit=49");
    expect(again.items).toBe(49);
    expect(again.count).toBe(large.count - 1);
  });
});
