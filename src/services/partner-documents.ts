import type { StoryState } from "../db/partner-sync";
import { BoundedLru } from "../domain/bounded-lru";
import type { Partner } from "../domain/partner";
import type { LangTag } from "../i18n/languages";

/** A rendered partner document and the story version it shows. */
export interface HeldDocument {
  document: unknown;
  version: number;
  updatedAt: string;
  /** Its size as its renderer measures it (the bytes of its UTF-8 JSON), for the cache's bound. */
  size: number;
}

/**
 * Partner documents (ninjs 3.1, 2.2, NewsML-G2) kept in the isolate, rendered once per story
 * variant, version, format and terms, and shared by every partner with the same terms: a sync
 * page whose stories did not change since it was last read renders nothing and reads no story.
 */
export type PartnerDocuments = BoundedLru<HeldDocument>;

/** A cache of partner documents bounded by the sum of their sizes. */
export function partnerDocumentCache(maxSize: number): PartnerDocuments {
  return new BoundedLru(maxSize, (held) => held.size);
}

/** What a document is made from besides the story's own version. */
export interface DocumentTerms {
  /** The renderer: ninjs 3.1, 2.2, NewsML-G2. */
  format: string;
  partner: Pick<Partner, "licence" | "languages">;
  origin: string;
  /**
   * Moves with every category or author edit and every seed load (see syncStart): names
   * and stories can change without a story version moving.
   */
  contentStamp: string;
  now: string;
}

/**
 * Everything a document shows that can change: the version moves on every write to the story
 * (text, status, languages, category, authors); an embargo lifts with time; the licence decides
 * body and translations. Rights and the tag authority are configuration, fixed per isolate.
 */
export function documentKey(
  story: { storyId: string; lang: LangTag } & StoryState,
  terms: DocumentTerms,
): string {
  return JSON.stringify([
    terms.format,
    story.storyId,
    story.lang,
    story.version,
    story.updatedAt,
    story.publishedAt !== null && story.publishedAt > terms.now,
    terms.partner.licence,
    terms.partner.languages,
    terms.origin,
    terms.contentStamp,
  ]);
}
