import { encodeFeedCursor } from "../domain/cursors";
import type { Language } from "../i18n/languages";
import { feedPath, listPagePath } from "../urls";
import type { FeedFormat, FeedScope, PagePosition, RenderContext } from "./page";

/** The reader-facing page a feed mirrors (its `link` / alternate / home_page_url). */
export function scopePageUrl(ctx: RenderContext, language: Language, scope: FeedScope): string {
  return `${ctx.origin}${listPagePath(language.segment, scope)}`;
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
  if (paging.position)
    query.set(paging.position.direction, encodeFeedCursor(paging.position.cursor));
  if (paging.limit !== undefined && paging.limit !== ctx.defaultLimit) {
    query.set("limit", String(paging.limit));
  }
  const search = query.size > 0 ? `?${query}` : "";
  const root = ctx.partner?.feedRoot ?? "";
  return `${ctx.origin}${root}${feedPath(language.segment, scope, format.file)}${search}`;
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
