import type { Db } from "../db/client";
import type { StoryState } from "../db/partner-sync";
import { findRemovedVariants, removedKey } from "../db/removed-variants";
import { getStories } from "../db/stories";
import { listAuthors, listCategories } from "../db/taxonomy";
import { BoundedLru } from "../domain/bounded-lru";
import type { Partner } from "../domain/partner";
import { storyForLanguage } from "../domain/removed-variant";
import type { LangTag } from "../i18n/languages";
import type { NinjsInput } from "../partners/ninjs";
import { type NinjsContext, ninjsInput } from "./partner-content";

/** A rendered partner document and the story version it shows. */
export interface HeldDocument<D = unknown> {
  document: D;
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

/** How documents are written; `format` names it in cache keys. */
export interface DocumentRenderer<D> {
  format: string;
  render: (input: NinjsInput) => D;
  /** The document's size (its bytes, say), for the cache's bound. */
  size: (document: D) => number;
}

/** A story variant whose document a response shows, as the listing that found it saw it. */
export interface WantedDocument extends StoryState {
  storyId: string;
  lang: LangTag;
}

/**
 * The documents of story variants, each the one kept when its story did not change since it
 * was rendered, the others rendered now from their stories, removed variants and taxonomy in
 * four queries, and kept. A variant that cannot be shown (no such story or category any
 * more) has none. `contentStamp` and `now` complete the terms the documents are kept under.
 */
export async function documentsFor<W extends WantedDocument, D>(
  db: Db,
  partner: Partner,
  wanted: readonly W[],
  ninjs: NinjsContext,
  renderer: DocumentRenderer<D>,
  { contentStamp, now }: Pick<DocumentTerms, "contentStamp" | "now">,
  documents?: PartnerDocuments,
): Promise<Map<W, HeldDocument<D>>> {
  const terms: DocumentTerms = {
    format: renderer.format,
    partner,
    origin: ninjs.origin,
    contentStamp,
    now,
  };
  const found = new Map<W, HeldDocument<D>>();
  const missing: W[] = [];
  for (const w of wanted) {
    const held = documents?.get(documentKey(w, terms)) as HeldDocument<D> | undefined;
    if (held) found.set(w, held);
    else missing.push(w);
  }
  for (const [w, document] of await renderDocuments(db, partner, missing, ninjs, renderer, now)) {
    found.set(w, document);
    // Under the version it shows, which a write since the listing may have moved on.
    documents?.set(
      documentKey({ ...w, version: document.version, updatedAt: document.updatedAt }, terms),
      document,
    );
  }
  return found;
}

async function renderDocuments<W extends WantedDocument, D>(
  db: Db,
  partner: Partner,
  wanted: readonly W[],
  ninjs: NinjsContext,
  renderer: DocumentRenderer<D>,
  now: string,
): Promise<Map<W, HeldDocument<D>>> {
  const documents = new Map<W, HeldDocument<D>>();
  if (wanted.length === 0) return documents;
  const storyIds = [...new Set(wanted.map((w) => w.storyId))];
  const [stories, removed, categories, authors] = await Promise.all([
    getStories(db, storyIds),
    findRemovedVariants(db, storyIds),
    listCategories(db),
    listAuthors(db),
  ]);
  const byId = new Map(stories.map((s) => [s.id, s]));
  for (const w of wanted) {
    const found = byId.get(w.storyId);
    const story =
      found && storyForLanguage(found, w.lang, removed.get(removedKey(w.storyId, w.lang)));
    const category = categories.find((c) => c.id === story?.categoryId);
    if (!story || !category) continue;
    const document = renderer.render(
      ninjsInput(story, w.lang, category, authors, partner, ninjs, now),
    );
    documents.set(w, {
      document,
      version: story.version,
      updatedAt: story.updatedAt,
      size: renderer.size(document),
    });
  }
  return documents;
}
