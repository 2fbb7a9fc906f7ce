import { encodePageCursor } from "../domain/cursors";
import type { Alternate, Cursor } from "../domain/story";
import { LANGUAGES, type LangSegment, type LangTag, segmentOf } from "../i18n/languages";
import { storyPath } from "../urls";

/**
 * Site-relative addresses only reader pages link to (search, the language switcher, paging);
 * stories, sections, feeds and sitemaps are in src/urls.ts.
 */

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
  return `${path}${joiner}after=${encodeURIComponent(encodePageCursor(cursor))}`;
}

/**
 * Where a switcher link goes: the endpoint that remembers the reader's choice in a cookie and
 * then sends them on to `to`. Slashes stay readable (RFC 3986 3.4 allows them in a query).
 */
export function languageChoicePath(segment: LangSegment, to: string): string {
  return `/lang/${segment}?to=${encodeURIComponent(to).replaceAll("%2F", "/")}`;
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
