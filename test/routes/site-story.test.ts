import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { insertStory } from "../../src/db/stories";
import app from "../../src/index";
import {
  attr,
  jsonLd,
  links,
  metaProperty,
  switcherLinks,
  tags,
  visibleText,
} from "../helpers/html";
import { loadSeedStories, testDb } from "../helpers/seeds";
import { makeStory } from "../helpers/stories";

function get(path: string, init: RequestInit = {}) {
  return app.request(path, init, env);
}

const KI = {
  en: "white-house-russia-china-north-korea-seek-to-strengthen-ties",
  uk: "bilyi-dim-rosiia-kytai-i-pivnichna-koreia-prahnut-zmitsnyty-zviazky",
  ru: "belyi-dom-rossiya-kitai-i-severnaya-koreya-stremyatsya-ukrepit-svyazi",
};
const POLTAVA = {
  en: "poltava-museum-puts-its-19th-century-embroidery-collection-online",
  uk: "poltavskyi-muzei-opryliudnyv-onlain-kolektsiiu-vyshyvky-xix-stolittia",
  ru: "poltavskii-muzei-vylozhil-v-set-kollektsiyu-vyshivki-xix-veka",
};
const BEEKEEPERS_EN = "ukrainian-beekeepers-look-to-asian-markets-as-eu-demand-levels-off";
const BEEKEEPERS_UK = "ukrainski-pasichnyky-shukaiut-rynky-v-azii-bo-popyt-u-yes-perestav-zrostaty";

beforeAll(async () => {
  await loadSeedStories();
  const withdrawn = makeStory(["en", "uk"], { id: "withdrawn-story", status: "withdrawn" });
  const draft = makeStory(["en"], { id: "draft-story", status: "draft" });
  const scheduled = makeStory(["en"], {
    id: "scheduled-story",
    publishedAt: "2999-01-01T00:00:00.000Z",
  });
  const hostile = makeStory(["en"], { id: "hostile-story" });
  const variant = hostile.variants.en;
  if (!variant) throw new Error("makeStory lost its variant");
  variant.title = `Breaking </script><script>alert("title")</script> & "quotes"`;
  variant.summary = "<img src=x onerror=alert(1)>";
  variant.body = "<p>Stored <strong>sanitized</strong> body</p>";
  for (const story of [withdrawn, draft, scheduled, hostile]) await insertStory(testDb(), story);
});

describe("a story page", () => {
  it("shows the English Kyiv Independent sample with its byline, times, read time and photo", async () => {
    const response = await get(`/en/news/${KI.en}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html.startsWith('<!DOCTYPE html><html lang="en">')).toBe(true);
    expect(html).toContain(
      "<h1>White House: Russia, China, North Korea seek to strengthen ties</h1>",
    );
    const text = visibleText(html);
    expect(text).toContain("By Martin Fornusek and The Kyiv Independent news desk");
    expect(html).toMatch(
      /<time datetime="2023-12-19T21:55:00.000Z">December 19, 2023 at 11:55\sPM Kyiv time<\/time>/,
    );
    expect(text).toMatch(/\b2 minutes to read\b/);
    expect(text).toContain("Photo: Placeholder image");
    expect(tags(html, "img").map((img) => attr(img, "src"))).toContain("/media/kirby-briefing.jpg");
    expect(html).toContain('href="/en/author/martin-fornusek"');
    expect(html).toContain('href="/en/category/world"');
  });

  it("shows the Ukrainian variant in Ukrainian, with Kyiv time and Ukrainian plurals", async () => {
    const html = await (await get(`/ua/news/${KI.uk}`)).text();
    expect(html).toContain('<html lang="uk">');
    expect(html).toContain(">19 грудня 2023 р. о 23:55 за київським часом</time>");
    expect(visibleText(html)).toContain(" 2 хвилини читання ");
    expect(visibleText(html)).toContain("Мартін Форнусек і Редакція новин The Kyiv Independent");
  });

  it.each([
    ["ua", KI.uk, "Автори: Мартін Форнусек і Редакція новин The Kyiv Independent"],
    ["ru", KI.ru, "Авторы: "],
    ["ua", POLTAVA.uk, "Автор: Юлія Гриценко"],
    ["ru", POLTAVA.ru, "Автор: "],
    ["en", POLTAVA.en, "By "],
  ])(
    "names the authors once, with a label in the right number (/%s/news/%s)",
    async (segment, slug, byline) => {
      const text = visibleText(await (await get(`/${segment}/news/${slug}`)).text());
      expect(text).toContain(byline);
      expect(text.split(/Автори?:|Авторы:|\bBy\b|Authors:/).length - 1).toBe(1);
    },
  );

  it("says the times are Kyiv time, in the page's language, on stories and lists", async () => {
    const ru = await (await get(`/ru/news/${KI.ru}`)).text();
    expect(ru).toMatch(/>19 декабря 2023\D+23:55 по киевскому времени<\/time>/);
    for (const [home, zone] of [
      ["/en/", "Kyiv time"],
      ["/ua/", "за київським часом"],
      ["/ru/", "по киевскому времени"],
    ] as const) {
      const times = [...(await (await get(home)).text()).matchAll(/<time[^>]*>([^<]*)<\/time>/g)];
      expect(times.length).toBeGreaterThan(0);
      for (const [, text] of times) expect(text).toContain(zone);
    }
  });

  it("leaves out a standfirst that repeats the body's opening words", async () => {
    // The seed's English summary is its first paragraph, word for word.
    const repeated = await (await get(`/en/news/${KI.en}`)).text();
    expect(repeated).not.toContain('class="standfirst"');
    // The Ukrainian Poltava summary says something the first paragraph does not.
    const own = await (await get(`/ua/news/${POLTAVA.uk}`)).text();
    expect(own).toContain(
      '<p class="standfirst">Полтавський музей народного текстилю оприлюднив цифрові копії',
    );
  });

  it("renders the stored body as HTML and escapes every other value", async () => {
    const html = await (await get("/en/news/hostile-story-en")).text();
    expect(html).toContain("<p>Stored <strong>sanitized</strong> body</p>");
    expect(html).not.toContain('<script>alert("title")</script>');
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;/script&gt;&lt;script&gt;alert(");
    // The only script element is the JSON-LD data block, and the title cannot break out of it.
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(jsonLd(html).headline).toBe(
      `Breaking </script><script>alert("title")</script> & "quotes"`,
    );
  });
});

describe("the story page's switcher", () => {
  it("links to the same story in each other language, at that variant's own slug", async () => {
    const html = await (await get(`/en/news/${KI.en}`)).text();
    const switcher = switcherLinks(html);
    expect(Object.keys(switcher).sort()).toEqual(["ru", "ua"]);
    expect(switcher.ua?.href).toBe(`/lang/ua?to=/ua/news/${KI.uk}`);
    expect(switcher.ru?.href).toBe(`/lang/ru?to=/ru/news/${KI.ru}`);
    expect(html).toMatch(/<span class="current" lang="en" aria-current="page">en<\/span>/);
  });

  it("names each link starting with its visible text (WCAG 2.5.3 label in name)", async () => {
    const html = await (await get(`/en/news/${BEEKEEPERS_EN}`)).text();
    const switcher = switcherLinks(html);
    expect(switcher.ua?.label).toBe("ua: Read this in Ukrainian");
    for (const [segment, { label }] of Object.entries(switcher)) {
      expect(label.startsWith(`${segment}: `)).toBe(true);
    }
  });

  it("sends a missing language to that language's front page and says so", async () => {
    const html = await (await get(`/en/news/${BEEKEEPERS_EN}`)).text();
    const switcher = switcherLinks(html);
    expect(switcher.ru?.href).toBe("/lang/ru?to=/ru/");
    expect(switcher.ru?.label).toBe(
      "ru: This story is not available in Russian: go to the Russian front page",
    );
    expect(switcher.ua?.href).toMatch(/^\/lang\/ua\?to=\/ua\/news\/ukrainski-pasichnyky/);
    expect(visibleText(html)).toContain("This story is not available in Russian");
  });

  it("says so in the page's own language", async () => {
    const html = await (await get(`/ua/news/${BEEKEEPERS_UK}`)).text();
    expect(switcherLinks(html).ru?.label).toBe(
      "ru: Ця новина недоступна російською: перейти на російську головну",
    );
  });

  it("never leads to a dead link, from any story in any language", async () => {
    const checked: string[] = [];
    for (const segment of ["ua", "en", "ru"]) {
      const home = await (await get(`/${segment}/`)).text();
      const storyLinks = new Set(
        [...home.matchAll(/href="(\/[a-z]{2}\/news\/[^"]+)"/g)].map((m) => m[1] as string),
      );
      expect(storyLinks.size).toBeGreaterThan(0);
      for (const storyLink of storyLinks) {
        const page = await get(storyLink);
        expect(page.status, storyLink).toBe(200);
        for (const { href } of Object.values(switcherLinks(await page.text()))) {
          const choice = await get(href);
          expect(choice.status, href).toBe(303);
          const target = choice.headers.get("location") ?? "";
          const landed = await get(target);
          expect(landed.status, `${storyLink} -> ${target}`).toBe(200);
          checked.push(target);
        }
      }
    }
    expect(checked.length).toBeGreaterThan(40);
  });
});

describe("the story page's head", () => {
  it("names every existing variant with hreflang, plus x-default and canonical", async () => {
    const html = await (await get(`/en/news/${KI.en}`)).text();
    expect(links(html, "canonical").map((l) => attr(l, "href"))).toEqual([
      `http://localhost/en/news/${KI.en}`,
    ]);
    const hreflang = Object.fromEntries(
      links(html, "alternate")
        .filter((l) => attr(l, "hreflang"))
        .map((l) => [attr(l, "hreflang"), attr(l, "href")]),
    );
    expect(hreflang).toEqual({
      uk: `http://localhost/ua/news/${KI.uk}`,
      en: `http://localhost/en/news/${KI.en}`,
      ru: `http://localhost/ru/news/${KI.ru}`,
      // DEFAULT_LANG is ua in wrangler.toml
      "x-default": `http://localhost/ua/news/${KI.uk}`,
    });
  });

  it("lists only the variants that exist", async () => {
    const html = await (await get(`/en/news/${BEEKEEPERS_EN}`)).text();
    const langs = links(html, "alternate")
      .map((l) => attr(l, "hreflang"))
      .filter(Boolean);
    expect(langs.sort()).toEqual(["en", "uk", "x-default"]);
    expect(metaProperty(html, "og:locale:alternate")).toEqual(["uk_UA"]);
  });

  it("carries Open Graph with og:locale and the other variants' locales", async () => {
    const html = await (await get(`/ru/news/${KI.ru}`)).text();
    expect(metaProperty(html, "og:locale")).toEqual(["ru_RU"]);
    expect(metaProperty(html, "og:locale:alternate").sort()).toEqual(["en_US", "uk_UA"]);
    expect(metaProperty(html, "og:type")).toEqual(["article"]);
    expect(metaProperty(html, "og:url")).toEqual([`http://localhost/ru/news/${KI.ru}`]);
    expect(metaProperty(html, "og:image")).toEqual(["http://localhost/media/kirby-briefing.jpg"]);
  });

  it("describes the story as a schema.org NewsArticle", async () => {
    const data = jsonLd(await (await get(`/en/news/${KI.en}`)).text());
    expect(data).toMatchObject({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: "White House: Russia, China, North Korea seek to strengthen ties",
      datePublished: "2023-12-19T21:55:00.000Z",
      dateModified: "2023-12-19T21:55:00.000Z",
      inLanguage: "en",
      image: ["http://localhost/media/kirby-briefing.jpg"],
    });
    expect(data.author).toEqual([
      expect.objectContaining({ "@type": "Person", name: "Martin Fornusek" }),
      expect.objectContaining({ "@type": "Person", name: "The Kyiv Independent news desk" }),
    ]);
  });

  it("uses SITE_URL for absolute links when it is configured", async () => {
    const html = await (
      await app.request(`/en/news/${KI.en}`, {}, { ...env, SITE_URL: "https://news.example/" })
    ).text();
    expect(links(html, "canonical").map((l) => attr(l, "href"))).toEqual([
      `https://news.example/en/news/${KI.en}`,
    ]);
  });

  it("links its language's RSS, Atom and JSON feeds for autodiscovery", async () => {
    const html = await (await get(`/ua/news/${KI.uk}`)).text();
    const feeds = links(html, "alternate").filter((l) => attr(l, "type"));
    expect(feeds.map((l) => [attr(l, "type"), attr(l, "href")])).toEqual([
      ["application/rss+xml", "http://localhost/ua/rss.xml"],
      ["application/atom+xml", "http://localhost/ua/atom.xml"],
      ["application/feed+json", "http://localhost/ua/feed.json"],
    ]);
  });

  it("titles those feed links by the site's feed, never by the story", async () => {
    const html = await (await get(`/ua/news/${KI.uk}`)).text();
    const titles = links(html, "alternate")
      .filter((l) => attr(l, "type"))
      .map((l) => attr(l, "title"));
    expect(titles).toEqual([
      "Редакція: останні новини (RSS)",
      "Редакція: останні новини (Atom)",
      "Редакція: останні новини (JSON Feed)",
    ]);
    // The same name the feed gives itself.
    const rss = await (await get("/ua/rss.xml")).text();
    expect(rss).toContain("<title>Редакція: останні новини</title>");
    const storyTitle = /<h1>([^<]+)<\/h1>/.exec(html)?.[1] as string;
    expect(storyTitle.length).toBeGreaterThan(0);
    for (const title of titles) expect(title).not.toContain(storyTitle);
  });
});

describe("story addresses that show no story", () => {
  it("answers a withdrawn story with a localized 410", async () => {
    const response = await get("/ua/news/withdrawn-story-uk");
    expect(response.status).toBe(410);
    const html = await response.text();
    expect(html).toContain('<html lang="uk">');
    expect(html).toContain("Матеріал відкликано");
    expect(html).toContain('<meta name="robots" content="noindex"/>');
  });

  it.each([
    ["an unknown slug", "/en/news/no-such-story"],
    ["another language's slug", `/en/news/${KI.uk}`],
    ["a draft", "/en/news/draft-story-en"],
    ["a story scheduled for later", "/en/news/scheduled-story-en"],
    ["a slug with capitals", `/en/news/${KI.en.toUpperCase()}`],
  ])("answers %s with a localized 404", async (_what, path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Page not found");
  });
});

describe("security headers", () => {
  it.each([`/en/news/${KI.en}`, "/ua/", "/en/news/no-such-story", "/de/"])(
    "%s allows no script and no sniffing",
    async (path) => {
      const response = await get(path);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("script-src 'none'");
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    },
  );
});
