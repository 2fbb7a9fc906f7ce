import type { Db } from "../db/client";
import { recordReceipts } from "../db/partner-sync";
import { getStories, listPublished } from "../db/stories";
import { listAuthors, listCategories } from "../db/taxonomy";
import type { Partner } from "../domain/partner";
import type { Cursor } from "../domain/story";
import type { LangTag } from "../i18n/languages";
import type { NinjsInput } from "../partners/ninjs";
import { parseSearchQuery } from "../search/query";
import { checkCategory, checkLanguage, type NinjsContext, ninjsInput } from "./partner-content";

/** What a partner's search asks for, validated at the route. */
export interface PartnerSearchRequest {
  lang: LangTag;
  q: string;
  /** Publication time bounds, inclusive (RFC 3339 UTC). */
  from?: string;
  to?: string;
  /** Only these categories, each in the licence; omit for every licensed one. */
  categoryIds?: readonly string[];
  after?: Cursor;
  limit: number;
  now: Date;
}

export interface PartnerSearchPage {
  items: NinjsInput[];
  next: Cursor | null;
}

/**
 * Back-catalogue discovery: live stories whose variant in `lang` matches the query, newest
 * first, within the partner's licence (a language or category outside it is refused, 403).
 * The same index and stemming as the site's search; five queries a page, whatever its size.
 * Embargoed stories are left out: search finds what is public.
 */
export async function partnerSearch(
  db: Db,
  partner: Partner,
  request: PartnerSearchRequest,
  ninjs: NinjsContext,
): Promise<PartnerSearchPage> {
  checkLanguage(partner, request.lang);
  for (const id of request.categoryIds ?? []) checkCategory(partner, id);
  const query = parseSearchQuery(request.lang, request.q);
  if (query.match === null) return { items: [], next: null };
  const now = request.now.toISOString();
  const categoryIds =
    request.categoryIds ?? (partner.categories === "all" ? undefined : partner.categories);
  const rows = await listPublished(db, {
    lang: request.lang,
    match: query.match,
    now,
    ...(categoryIds && { categoryIds }),
    ...(request.from && { publishedFrom: request.from }),
    ...(request.to && { publishedTo: request.to }),
    ...(request.after && { after: request.after }),
    limit: request.limit + 1,
  });
  const shown = rows.slice(0, request.limit);
  const [stories, categories, authors] = await Promise.all([
    getStories(
      db,
      shown.map((r) => r.id),
    ),
    listCategories(db),
    listAuthors(db),
  ]);
  const byId = new Map(stories.map((s) => [s.id, s]));
  const items = shown.flatMap((row) => {
    const story = byId.get(row.id);
    const category = categories.find((c) => c.id === row.category.id);
    if (!story || !category) return [];
    return [ninjsInput(story, request.lang, category, authors, partner, ninjs, now)];
  });
  // The partner now holds these versions: a later takedown or correction must reach it.
  await recordReceipts(
    db,
    items.map(({ story }) => ({
      partnerId: partner.id,
      storyId: story.id,
      lang: request.lang,
      version: story.version,
    })),
    "get",
    now,
  );
  const last = shown.at(-1);
  return {
    items,
    next:
      rows.length > request.limit && last ? { publishedAt: last.publishedAt, id: last.id } : null,
  };
}
