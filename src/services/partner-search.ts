import type { Db } from "../db/client";
import { readContentStamp } from "../db/freshness";
import type { Partner } from "../domain/partner";
import type { Cursor } from "../domain/story";
import type { LangTag } from "../i18n/languages";
import { checkCategory, checkLanguage, type NinjsContext } from "./partner-content";
import { type DocumentRenderer, documentsFor, type PartnerDocuments } from "./partner-documents";
import { recordReceived } from "./partner-ledger";
import { matchingStories, resolveQuery } from "./search";

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

export interface PartnerSearchPage<D> {
  items: D[];
  next: Cursor | null;
}

/**
 * Back-catalogue discovery: live stories whose variant in `lang` matches the query, newest
 * first, within the partner's licence (a language or category outside it is refused, 403).
 * The same index and stemming as the site's search; the documents are sync's (documentsFor),
 * kept and shared with it: a page of stories that did not change since they were last shown
 * costs the index query, the content stamp and the receipts, whatever its size.
 * Embargoed stories are left out: search finds what is public.
 */
export async function partnerSearch<D>(
  db: Db,
  partner: Partner,
  request: PartnerSearchRequest,
  ninjs: NinjsContext,
  renderer: DocumentRenderer<D>,
  documents?: PartnerDocuments,
): Promise<PartnerSearchPage<D>> {
  checkLanguage(partner, request.lang);
  for (const id of request.categoryIds ?? []) checkCategory(partner, id);
  const [{ match }, contentStamp] = await Promise.all([
    resolveQuery(db, request.lang, request.q),
    readContentStamp(db),
  ]);
  if (match === null) return { items: [], next: null };
  const now = request.now.toISOString();
  const categoryIds =
    request.categoryIds ?? (partner.categories === "all" ? undefined : partner.categories);
  const { matches, more } = await matchingStories(db, {
    lang: request.lang,
    match,
    now: request.now,
    ...(request.after && { after: request.after }),
    ...(request.from && { from: request.from }),
    ...(request.to && { to: request.to }),
    ...(categoryIds && { categoryIds }),
    limit: request.limit,
  });
  const wanted = matches.map((match) => ({ ...match, lang: request.lang }));
  const stamp = { contentStamp, now };
  const held = await documentsFor(db, partner, wanted, ninjs, renderer, stamp, documents);
  const shown = wanted.flatMap((w) => {
    const document = held.get(w);
    return document ? [{ ...w, document }] : [];
  });
  // The partner now holds these versions: a later takedown or correction must reach it.
  await recordReceived(
    db,
    shown.map(({ storyId, document }) => ({
      partnerId: partner.id,
      storyId,
      lang: request.lang,
      version: document.version,
    })),
    "get",
    now,
  );
  const last = shown.at(-1);
  return {
    items: shown.map(({ document }) => document.document),
    next: more && last ? { publishedAt: last.publishedAt, id: last.storyId } : null,
  };
}
