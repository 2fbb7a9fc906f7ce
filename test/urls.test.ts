import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { LANGUAGES } from "../src/i18n/languages";
import app from "../src/index";
import {
  authorPath,
  categoryPath,
  type FeedList,
  FRONT_PAGES_SITEMAP_PATH,
  feedPath,
  homePath,
  listPagePath,
  NEWS_SITEMAP_PATH,
  SITEMAP_INDEX_PATH,
  storyPath,
  storySitemapOf,
  storySitemapPath,
  storyUrl,
} from "../src/urls";
import { loadSeedStories } from "./helpers/seeds";

const ORIGIN = "https://news.example";
const LISTS: [FeedList, string][] = [
  [{ kind: "site" }, "/en"],
  [{ kind: "briefs" }, "/en/briefs"],
  [{ kind: "category", category: { slug: "world" } }, "/en/category/world"],
  [{ kind: "author", author: { slug: "martin-fornusek" } }, "/en/author/martin-fornusek"],
];

describe("the URL module", () => {
  it("puts a story under its language's URL segment: ua for uk, never the tag", () => {
    expect(storyUrl(ORIGIN, "uk", "kyiv")).toBe("https://news.example/ua/news/kyiv");
    expect(storyUrl(ORIGIN, "en", "kyiv")).toBe("https://news.example/en/news/kyiv");
    expect(storyUrl(ORIGIN, "ru", "kyiv")).toBe("https://news.example/ru/news/kyiv");
    for (const language of LANGUAGES) {
      expect(storyUrl(ORIGIN, language.tag, "x")).toBe(
        `${ORIGIN}${storyPath(language.segment, "x")}`,
      );
    }
  });

  it("keeps a slug one path segment whatever it holds", () => {
    expect(storyPath("ua", "a b/c?d")).toBe("/ua/news/a%20b%2Fc%3Fd");
  });

  it("hangs each list's feeds under the list's path, and mirrors briefs on the front page", () => {
    for (const [list, path] of LISTS) {
      expect(feedPath("en", list, "rss.xml")).toBe(`${path}/rss.xml`);
    }
    expect(listPagePath("en", { kind: "site" })).toBe("/en/");
    expect(listPagePath("en", { kind: "briefs" })).toBe("/en/");
    expect(listPagePath("en", { kind: "category", category: { slug: "world" } })).toBe(
      categoryPath("en", "world"),
    );
    expect(listPagePath("en", { kind: "author", author: { slug: "olena" } })).toBe(
      authorPath("en", "olena"),
    );
  });

  it("names the sitemaps robots.txt and the index point to", () => {
    expect(storySitemapPath("2026-03", 2)).toBe("/sitemaps/stories-2026-03-2.xml");
    expect([SITEMAP_INDEX_PATH, FRONT_PAGES_SITEMAP_PATH, NEWS_SITEMAP_PATH]).toEqual([
      "/sitemap.xml",
      "/sitemaps/front-pages.xml",
      "/news-sitemap.xml",
    ]);
  });

  it("reads back the month and page of a story sitemap, the one pattern router and cache share", () => {
    expect(storySitemapOf(storySitemapPath("2026-03", 2))).toEqual({ month: "2026-03", page: 2 });
    for (const path of [
      "/sitemaps/stories-2026-03-0.xml",
      "/sitemaps/stories-2026-03-02.xml",
      "/sitemaps/stories-2026-03-1234567.xml",
      "/sitemaps/stories-2026-3-1.xml",
      "/sitemaps/stories-2026-03-1.xml.gz",
      "/en/sitemaps/stories-2026-03-1.xml",
    ]) {
      expect(storySitemapOf(path), path).toBeNull();
    }
  });
});

describe("every path it builds is a route that answers", () => {
  beforeAll(loadSeedStories);

  it("for a seeded story, its sections, their feeds and the sitemaps", async () => {
    // The first seed story (seeds/data/stories/01-...), filed under world by Martin Fornusek.
    const slugs = {
      uk: "bilyi-dim-rosiia-kytai-i-pivnichna-koreia-prahnut-zmitsnyty-zviazky",
      en: "white-house-russia-china-north-korea-seek-to-strengthen-ties",
      ru: "belyi-dom-rossiya-kitai-i-severnaya-koreya-stremyatsya-ukrepit-svyazi",
    };
    const paths = [SITEMAP_INDEX_PATH, FRONT_PAGES_SITEMAP_PATH, NEWS_SITEMAP_PATH];
    paths.push(storySitemapPath("2023-12", 1));
    for (const { segment, tag } of LANGUAGES) {
      paths.push(homePath(segment), storyPath(segment, slugs[tag]));
      paths.push(categoryPath(segment, "world"), authorPath(segment, "martin-fornusek"));
      for (const [list] of LISTS) paths.push(feedPath(segment, list, "atom.xml"));
    }
    for (const path of paths) {
      const response = await app.request(path, {}, env);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
    }
  });
});
