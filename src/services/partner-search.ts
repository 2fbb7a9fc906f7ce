import type { Db } from "../db/client";
import { getStories } from "../db/stories";
import { listAuthors, listCategories } from "../db/taxonomy";
import type { Partner } from "../domain/partner";
import type { Cursor } from "../domain/story";
import type { LangTag } from "../i18n/languages";
import type { NinjsInput } from "../partners/ninjs";
import { parseSearchQuery } from "../search/query";
import { checkCategory, checkLanguage, type NinjsContext, ninjsInput } from "./partner-content";
import { recordReceived } from "./partner-ledger";
import { inOrderOf, matchingStoryIds } from "./search";

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
  const { ids, more } = await matchingStoryIds(db, {
    lang: request.lang,
    match: query.match,
    now: request.now,
    ...(request.after && { after: request.after }),
    ...(request.from && { from: request.from }),
    ...(request.to && { to: request.to }),
    ...(categoryIds && { categoryIds }),
    limit: request.limit,
  });
  const [stories, categories, authors] = await Promise.all([
    getStories(db, ids),
    listCategories(db),
    listAuthors(db),
  ]);
  const items = inOrderOf(ids, stories).flatMap((story) => {
    const category = categories.find((c) => c.id === story.categoryId);
    return category
      ? [ninjsInput(story, request.lang, category, authors, partner, ninjs, now)]
      : [];
  });
  // The partner now holds these versions: a later takedown or correction must reach it.
  await recordReceived(
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
  const last = items.at(-1)?.story;
  return {
    items,
    next: more && last?.publishedAt ? { publishedAt: last.publishedAt, id: last.id } : null,
  };
}
