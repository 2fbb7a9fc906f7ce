import { FEED_FILE_NAMES } from "../feeds/formats";
import { type LangTag, languageBySegment } from "../i18n/languages";
import {
  FRONT_PAGES_SITEMAP_PATH,
  NEWS_SITEMAP_PATH,
  SITEMAP_INDEX_PATH,
  storySitemapOf,
} from "../urls";

/**
 * The edge cache's scopes: what a cached page or feed shows, named so a write can say which
 * of them it changed. A write bumps every scope its story was in before and after it (the SQL
 * that derives them from the stored story is in src/db/cache-scopes.ts); a request keys its
 * copy on the scopes of its URL, so pages that show nothing of the story stay hits.
 */
export const scopeNames = {
  /** The language's articles: the front page and the site feeds. */
  articles: (lang: LangTag) => `articles:${lang}`,
  /** The language's briefs: the briefs feeds and the front page's briefs column. */
  briefs: (lang: LangTag) => `briefs:${lang}`,
  category: (slug: string, lang: LangTag) => `category:${slug}:${lang}`,
  author: (slug: string, lang: LangTag) => `author:${slug}:${lang}`,
  /** One story page; its language switcher shows the story's other variants too. */
  story: (lang: LangTag, slug: string) => `story:${lang}:${slug}`,
  /** Any live change in the language: what a page of no narrower scope depends on. */
  language: (lang: LangTag) => `lang:${lang}`,
  /** Category and author names in one language, shown on every page and feed item. */
  taxonomy: (lang: LangTag) => `taxonomy:${lang}`,
  /** Any taxonomy change in any language (the OPML list, sitemaps). */
  anyTaxonomy: "taxonomy",
  /** Any live story change: the sitemap index (every month's lastmod) and the news sitemap. */
  sitemap: "sitemap",
  /** The stories published in one month ("2026-12"): that month's sitemap children. */
  sitemapMonth: (month: string) => `sitemap:${month}`,
  /** The front pages' sitemap: no write changes it (the import epoch still keys it). */
  frontPagesSitemap: "sitemap:front-pages",
} as const;

/** Paths that show no language's stories in particular. */
const SITE_WIDE = new Set(["/feeds.opml", SITEMAP_INDEX_PATH, NEWS_SITEMAP_PATH]);

/**
 * The scopes a public GET's answer shows, or null when it may not be shared at all (the
 * negotiating `/`, the cookie-setting `/lang/...`, the APIs, partner content behind keys).
 * A path of the language this does not recognise depends on every change in it.
 */
export function scopesOfPath(path: string): string[] | null {
  if (SITE_WIDE.has(path)) return [scopeNames.sitemap, scopeNames.anyTaxonomy];
  if (path === FRONT_PAGES_SITEMAP_PATH) return [scopeNames.frontPagesSitemap];
  const sitemap = storySitemapOf(path);
  if (sitemap) return [scopeNames.sitemapMonth(sitemap.month)];
  const [, segment = "", ...rest] = path.split("/");
  const language = languageBySegment(segment);
  if (!language) return null;
  const lang = language.tag;
  // Search results: one page per query typed, which would crowd the others out of the cache.
  if (rest[0] === "search") return null;
  return [scopeNames.taxonomy(lang), ...contentScopes(lang, rest)];
}

function contentScopes(lang: LangTag, rest: string[]): string[] {
  const [first = "", second, third, ...more] = rest;
  const isFeed = (file: string | undefined) => file !== undefined && FEED_FILE_NAMES.has(file);
  if (rest.length === 1 && first === "")
    return [scopeNames.articles(lang), scopeNames.briefs(lang)];
  if (rest.length === 1 && isFeed(first)) return [scopeNames.articles(lang)];
  if (rest.length === 2 && first === "briefs" && isFeed(second)) return [scopeNames.briefs(lang)];
  const slug = second === undefined ? null : decoded(second);
  if (slug && more.length === 0 && (third === undefined || isFeed(third))) {
    if (first === "category") return [scopeNames.category(slug, lang)];
    if (first === "author") return [scopeNames.author(slug, lang)];
    if (first === "news" && third === undefined) return [scopeNames.story(lang, slug)];
  }
  return [scopeNames.language(lang)];
}

/** A path segment as the router passes it to the handler; null when it cannot be decoded. */
function decoded(segment: string): string | null {
  try {
    return segment === "" ? null : decodeURIComponent(segment);
  } catch {
    return null;
  }
}
