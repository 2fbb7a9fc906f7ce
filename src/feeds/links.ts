import type { Language } from "../i18n/languages";
import { encodeCursor } from "./cursor";
import type { FeedFormat, FeedScope, PagePosition, RenderContext } from "./page";

/** The file name each format is served under: part of the public URL contract. */
export const FEED_FILES: Record<FeedFormat, string> = {
  rss: "rss.xml",
  atom: "atom.xml",
  json: "feed.json",
};

export const FEED_MEDIA_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml",
  atom: "application/atom+xml",
  json: "application/feed+json",
};

/** The path a scope's feeds hang under, e.g. /ua/category/world. */
export function scopePath(language: Language, scope: FeedScope): string {
  switch (scope.kind) {
    case "site":
      return `/${language.segment}`;
    case "briefs":
      return `/${language.segment}/briefs`;
    case "category":
      return `/${language.segment}/category/${scope.category.slug}`;
    case "author":
      return `/${language.segment}/author/${scope.author.slug}`;
  }
}

/** The reader-facing page a feed mirrors (its `link` / alternate / home_page_url). */
export function scopePageUrl(ctx: RenderContext, language: Language, scope: FeedScope): string {
  const path = scopePath(language, scope);
  return scope.kind === "site" || scope.kind === "briefs"
    ? `${ctx.origin}/${language.segment}/`
    : `${ctx.origin}${path}`;
}

/**
 * A feed page's URL. Parameters come in one fixed order (cursor, then a non-default limit), so
 * the self link a page carries is exactly the URL its own links lead to.
 */
export function feedUrl(
  ctx: RenderContext,
  language: Language,
  scope: FeedScope,
  format: FeedFormat,
  paging: { position?: PagePosition | null; limit?: number } = {},
): string {
  const query = new URLSearchParams();
  if (paging.position) query.set(paging.position.direction, encodeCursor(paging.position.cursor));
  if (paging.limit !== undefined && paging.limit !== ctx.defaultLimit) {
    query.set("limit", String(paging.limit));
  }
  const search = query.size > 0 ? `?${query}` : "";
  const root = ctx.partner?.feedRoot ?? "";
  return `${ctx.origin}${root}${scopePath(language, scope)}/${FEED_FILES[format]}${search}`;
}

/** A story variant's page: /{segment}/news/{slug}. */
export function storyUrl(ctx: RenderContext, language: Language, slug: string): string {
  return `${ctx.origin}/${language.segment}/news/${encodeURIComponent(slug)}`;
}

/** The scheme (RFC 4287 4.2.2.2) category terms belong to: the language's category pages. */
export function categorySchemeUrl(ctx: RenderContext, language: Language): string {
  return `${ctx.origin}/${language.segment}/category/`;
}

/** The RFC 5005 links of one page of a feed, in one format. */
export interface PageLinks {
  self: string;
  first: string;
  next: string | null;
  previous: string | null;
}

export function pageLinks(
  ctx: RenderContext,
  page: {
    language: Language;
    scope: FeedScope;
    limit: number;
    position: PagePosition | null;
    next: PagePosition | null;
    previous: PagePosition | null;
  },
  format: FeedFormat,
): PageLinks {
  const at = (position: PagePosition | null) =>
    feedUrl(ctx, page.language, page.scope, format, { position, limit: page.limit });
  return {
    self: at(page.position),
    first: at(null),
    next: page.next ? at(page.next) : null,
    previous: page.previous ? at(page.previous) : null,
  };
}
