import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { insertStory } from "../../src/db/stories";
import app from "../../src/index";
import { PAGE_SIZE } from "../../src/services/reader-pages";
import { attr, links, metaProperty, switcherLinks, tags } from "../helpers/html";
import { loadSeedStories, testDb } from "../helpers/seeds";
import { makeStory } from "../helpers/stories";

function get(path: string) {
  return app.request(path, {}, env);
}

/** Story links in the main list of a page, in order (the briefs column is an <aside>). */
function listedStories(html: string): string[] {
  const main = /<ol class="story-list">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? "";
  return [...main.matchAll(/<h2 class="story-card-title"><a href="([^"]+)"/g)].map(
    (m) => m[1] as string,
  );
}

/** The feed links in the page footer. */
function footerFeeds(html: string): string[] {
  const footer = /<footer class="site-footer">([\s\S]*?)<\/footer>/.exec(html)?.[1] ?? "";
  return tags(footer, "a")
    .filter((a) => attr(a, "type"))
    .map((a) => attr(a, "href") as string);
}

function nextLink(html: string): string | undefined {
  const tag = tags(html, "a").find((a) => attr(a, "rel") === "next");
  return tag ? attr(tag, "href") : undefined;
}

const EXTRA_ARTICLES = PAGE_SIZE + 2;

beforeAll(async () => {
  await loadSeedStories();
  // Older than every seed, in the economy category, English only: enough for a second page.
  for (let i = 0; i < EXTRA_ARTICLES; i++) {
    const minute = String(i).padStart(2, "0");
    await insertStory(
      testDb(),
      makeStory(["en"], {
        id: `archive-${minute}`,
        categoryId: "economy",
        publishedAt: `2020-01-01T10:${minute}:00.000Z`,
      }),
    );
  }
});

describe("a language's front page", () => {
  it("advertises the site's feed and the briefs feed, each link titled by its feed", async () => {
    const html = await (await get("/en/")).text();
    const feeds = links(html, "alternate").filter((l) => attr(l, "type"));
    expect(feeds.map((l) => `${attr(l, "href")} ${attr(l, "title")}`)).toEqual([
      "http://localhost/en/rss.xml Newsroom: latest news (RSS)",
      "http://localhost/en/atom.xml Newsroom: latest news (Atom)",
      "http://localhost/en/feed.json Newsroom: latest news (JSON Feed)",
      "http://localhost/en/briefs/rss.xml Newsroom: news feed (RSS)",
      "http://localhost/en/briefs/atom.xml Newsroom: news feed (Atom)",
      "http://localhost/en/briefs/feed.json Newsroom: news feed (JSON Feed)",
    ]);
    expect(footerFeeds(html)).toEqual(["/en/rss.xml", "/en/atom.xml", "/en/feed.json"]);
    for (const feed of feeds) expect((await get(attr(feed, "href") as string)).status).toBe(200);
  });

  it("lists articles beside a news feed of briefs", async () => {
    const html = await (await get("/en/")).text();
    const briefs = /<aside class="briefs"[\s\S]*?<\/aside>/.exec(html)?.[0] ?? "";
    expect(briefs).toContain("News feed");
    expect(briefs).toContain('href="/en/news/zelensky-invites-trump-to-ukraine"');
    expect(briefs).toContain(
      'href="/en/news/romanian-protesters-end-blockade-ukraine-s-border-guard-service-says"',
    );
    // Briefs live in their column, not in the article list.
    expect(listedStories(html)).not.toContain("/en/news/zelensky-invites-trump-to-ukraine");
    expect(listedStories(html)).toContain(
      "/en/news/white-house-russia-china-north-korea-seek-to-strengthen-ties",
    );
  });

  it("pages through every article, newest first, without repeats", async () => {
    const first = await (await get("/en/")).text();
    const firstPage = listedStories(first);
    expect(firstPage).toHaveLength(PAGE_SIZE);
    const next = nextLink(first);
    expect(next).toMatch(/^\/en\/\?after=/);
    const second = await get(next as string);
    expect(second.status).toBe(200);
    const secondHtml = await second.text();
    const secondPage = listedStories(secondHtml);
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage.filter((href) => firstPage.includes(href))).toEqual([]);
    expect(secondPage.at(-1)).toBe("/en/news/archive-00-en");
    expect(nextLink(secondHtml)).toBeUndefined();
    expect(secondHtml).toContain('<a href="/en/">Back to the latest</a>');
    expect(secondHtml).toContain('<meta name="robots" content="noindex"/>');
  });

  it.each(["garbage", "2020-01-01~archive-00", "2020-13-45T10:00:00.000Z~archive-00", ""])(
    "refuses the malformed cursor %j with a localized 400 page, not a silent first page",
    async (after) => {
      const response = await get(`/ru/?after=${encodeURIComponent(after)}`);
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain('<html lang="ru">');
      expect(html).toContain("Повреждённая ссылка");
      expect(listedStories(html)).toEqual([]);
    },
  );

  it("answers a cursor past the last story with a localized 404", async () => {
    const response = await get("/en/?after=2000-01-01T00:00:00.000Z~nothing-older");
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Page not found");
  });

  it("points hreflang at every language's front page and x-default at /", async () => {
    const html = await (await get("/ru/")).text();
    const hreflang = links(html, "alternate")
      .filter((l) => attr(l, "hreflang"))
      .map((l) => `${attr(l, "hreflang")} ${attr(l, "href")}`);
    expect(hreflang).toEqual([
      "uk http://localhost/ua/",
      "en http://localhost/en/",
      "ru http://localhost/ru/",
      "x-default http://localhost/",
    ]);
    expect(links(html, "canonical").map((l) => attr(l, "href"))).toEqual(["http://localhost/ru/"]);
    expect(metaProperty(html, "og:locale")).toEqual(["ru_RU"]);
    expect(switcherLinks(html)).toEqual({
      ua: { href: "/lang/ua?to=/ua/", label: "ua: Читать на украинском" },
      en: { href: "/lang/en?to=/en/", label: "en: Читать на английском" },
    });
  });
});

describe("a category page", () => {
  it("lists the category's stories in the page's language, with the category's feeds", async () => {
    const response = await get("/ua/category/culture");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<h1>Культура</h1>");
    expect(listedStories(html)).toContain(
      "/ua/news/poltavskyi-muzei-opryliudnyv-onlain-kolektsiiu-vyshyvky-xix-stolittia",
    );
    expect(listedStories(html)).not.toContain(
      "/ua/news/dunaiski-porty-zafiksuvaly-rekordnyi-kviten",
    );
    const feeds = links(html, "alternate").filter((l) => attr(l, "type"));
    expect(feeds.map((l) => `${attr(l, "href")} ${attr(l, "title")}`)).toEqual([
      "http://localhost/ua/category/culture/rss.xml Редакція: Культура (RSS)",
      "http://localhost/ua/category/culture/atom.xml Редакція: Культура (Atom)",
      "http://localhost/ua/category/culture/feed.json Редакція: Культура (JSON Feed)",
    ]);
    expect(footerFeeds(html)).toEqual([
      "/ua/category/culture/rss.xml",
      "/ua/category/culture/atom.xml",
      "/ua/category/culture/feed.json",
    ]);
    expect(switcherLinks(html).en?.href).toBe("/lang/en?to=/en/category/culture");
  });

  it("pages with a keyset cursor", async () => {
    const first = await (await get("/en/category/economy")).text();
    expect(listedStories(first)).toHaveLength(PAGE_SIZE);
    const next = nextLink(first);
    expect(next).toMatch(/^\/en\/category\/economy\?after=/);
    const second = await (await get(next as string)).text();
    // 3 seeded economy stories in English plus the archive: 25 in all.
    expect(listedStories(second)).toHaveLength(EXTRA_ARTICLES + 3 - PAGE_SIZE);
  });

  it("answers an unknown category with a localized 404", async () => {
    const response = await get("/en/category/sport");
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Page not found");
  });

  it("refuses a malformed cursor with 400", async () => {
    expect((await get("/en/category/economy?after=nope")).status).toBe(400);
  });
});

describe("an author page", () => {
  it("lists the author's stories under their name in the page's language", async () => {
    const response = await get("/ru/author/martin-fornusek");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<h1>Мартин Форнусек</h1>");
    expect(listedStories(html)).toContain(
      "/ru/news/belyi-dom-rossiya-kitai-i-severnaya-koreya-stremyatsya-ukrepit-svyazi",
    );
  });

  it("advertises the author's own feeds, in the head and the footer", async () => {
    const html = await (await get("/ru/author/martin-fornusek")).text();
    const feeds = links(html, "alternate").filter((l) => attr(l, "type"));
    expect(feeds.map((l) => `${attr(l, "href")} ${attr(l, "title")}`)).toEqual([
      "http://localhost/ru/author/martin-fornusek/rss.xml Редакция: Мартин Форнусек (RSS)",
      "http://localhost/ru/author/martin-fornusek/atom.xml Редакция: Мартин Форнусек (Atom)",
      "http://localhost/ru/author/martin-fornusek/feed.json Редакция: Мартин Форнусек (JSON Feed)",
    ]);
    expect(footerFeeds(html)).toEqual([
      "/ru/author/martin-fornusek/rss.xml",
      "/ru/author/martin-fornusek/atom.xml",
      "/ru/author/martin-fornusek/feed.json",
    ]);
    for (const href of footerFeeds(html)) expect((await get(href)).status).toBe(200);
  });

  it("answers an unknown author with a localized 404", async () => {
    const response = await get("/ua/author/nobody");
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Сторінку не знайдено");
  });
});
