import { encodeCursor } from "../domain/page-cursor";
import type { Alternate, Cursor } from "../domain/story";
import { LANGUAGES, type LangSegment, type LangTag, segmentOf } from "../i18n/languages";

/** Site-relative addresses of the reader pages; one place, so links and routes agree. */

export function homePath(segment: LangSegment): string {
  return `/${segment}/`;
}

export function storyPath(segment: LangSegment, slug: string): string {
  return `/${segment}/news/${slug}`;
}

export function categoryPath(segment: LangSegment, slug: string): string {
  return `/${segment}/category/${slug}`;
}

export function authorPath(segment: LangSegment, slug: string): string {
  return `/${segment}/author/${slug}`;
}

/** A language's search results for a query (the empty query is the bare search page). */
export function searchPath(segment: LangSegment, query = ""): string {
  return query === "" ? `/${segment}/search` : `/${segment}/search?q=${encodeURIComponent(query)}`;
}

/** The OpenSearch description of a language's search (linked from every page's head). */
export function openSearchPath(segment: LangSegment): string {
  return `/${segment}/opensearch.xml`;
}

/** The page after `cursor` in a list that starts at `path` (which may carry a query). */
export function olderPagePath(path: string, cursor: Cursor): string {
  const joiner = path.includes("?") ? "&" : "?";
  return `${path}${joiner}after=${encodeURIComponent(encodeCursor(cursor))}`;
}

/**
 * Where a switcher link goes: the endpoint that remembers the reader's choice in a cookie and
 * then sends them on to `to`. Slashes stay readable (RFC 3986 3.4 allows them in a query).
 */
export function languageChoicePath(segment: LangSegment, to: string): string {
  return `/lang/${segment}?to=${encodeURIComponent(to).replaceAll("%2F", "/")}`;
}

/** The feeds published for a list page: `base` is `/ua` or `/ua/category/world`. */
export function feedPaths(base: string): { rss: string; atom: string; json: string } {
  return { rss: `${base}/rss.xml`, atom: `${base}/atom.xml`, json: `${base}/feed.json` };
}

/** This page in each language it exists in, keyed by BCP 47 tag. */
export type Versions = Partial<Record<LangTag, string>>;

/** The same page in every language, for pages that exist in all three (homes, sections). */
export function everyLanguage(path: (segment: LangSegment) => string): Versions {
  return Object.fromEntries(LANGUAGES.map((l) => [l.tag, path(l.segment)]));
}

/** A story's variants, each at its own slug. */
export function storyVersions(alternates: readonly Alternate[]): Versions {
  return Object.fromEntries(alternates.map((a) => [a.lang, storyPath(segmentOf(a.lang), a.slug)]));
}

/** The sitemap index robots.txt names; its children are the two paths below. */
export const SITEMAP_INDEX_PATH = "/sitemap.xml";
export const FRONT_PAGES_SITEMAP_PATH = "/sitemaps/front-pages.xml";

/** Page `page` (1-based) of the stories published in `month` ("2026-03"). */
export function storySitemapPath(month: string, page: number): string {
  return `/sitemaps/stories-${month}-${page}.xml`;
}
