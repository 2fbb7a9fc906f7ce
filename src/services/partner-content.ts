import type { Db } from "../db/client";
import {
  holdsStory,
  listSyncEvents,
  recordReceipts,
  surfaceDuePublications,
} from "../db/partner-sync";
import { getStories, getStory } from "../db/stories";
import { listAuthors, listCategories } from "../db/taxonomy";
import { coversCategory, coversLanguage, type Partner } from "../domain/partner";
import type { Story } from "../domain/story";
import type { StoryEvent } from "../domain/story-event";
import type { FeedPage } from "../feeds/page";
import type { LangTag } from "../i18n/languages";
import type { NinjsInput, NinjsProvider } from "../partners/ninjs";
import { decodeSyncCursor, encodeSyncCursor } from "../partners/sync-cursor";
import { Forbidden, Invalid, NotFound } from "./errors";
import { type FeedPageRequest, feedPage } from "./feeds";

export const DEFAULT_SYNC_LIMIT = 50;
export const MAX_SYNC_LIMIT = 100;

/** What every ninjs document of a response shares: where the site is and whose rights. */
export interface NinjsContext {
  origin: string;
  storyUrl: (lang: LangTag, slug: string) => string;
  provider: NinjsProvider;
}

export interface SyncItem {
  /** The newest event of this story in the page. */
  event: StoryEvent;
  /** What to render: the story as it is now. */
  input: NinjsInput;
}

export interface SyncPage {
  items: SyncItem[];
  /** Send as `since` for the next page; on the last page, to poll for later changes. */
  next: string;
  hasMore: boolean;
  /** went_live events this request appended: the caller announces them by webhook. */
  surfaced: StoryEvent[];
}

/** Refuses a language outside the partner's licence, naming it and what is licensed. */
export function checkLanguage(partner: Partner, lang: LangTag): void {
  if (!coversLanguage(partner, lang)) {
    throw new Forbidden(`your licence does not cover language ${lang}`, {
      lang,
      allowedLanguages: partner.languages,
    });
  }
}

function checkCategory(partner: Partner, categoryId: string): void {
  if (!coversCategory(partner, categoryId)) {
    throw new Forbidden(`your licence does not cover category ${categoryId}`, {
      category: categoryId,
      allowedCategories: partner.categories,
    });
  }
}

/**
 * One page of incremental sync: every story in the partner's language and categories that
 * changed after the cursor, oldest change first, each once at its current state (its newest
 * event in the page names the change). Five queries whatever the page size: surface newly due
 * scheduled stories, the events, their stories, categories, authors.
 */
export async function syncPage(
  db: Db,
  partner: Partner,
  request: { lang: LangTag; since: string | undefined; limit: number; now: Date },
  ninjs: NinjsContext,
): Promise<SyncPage> {
  checkLanguage(partner, request.lang);
  const afterId = request.since === undefined ? 0 : decodeSyncCursor(request.since);
  if (afterId === null) {
    throw new Invalid("since is not a cursor this API handed out", [
      { in: "query", path: "/since", message: "must be the `next` of a previous page" },
    ]);
  }
  const now = request.now.toISOString();
  // Before reading: a scheduled story that came due must get an event id above every cursor
  // already handed out, or partners past its (older) publish event would never see it.
  const surfaced = await surfaceDuePublications(db, now);
  const events = await listSyncEvents(db, {
    lang: request.lang,
    partnerId: partner.id,
    afterId,
    now,
    limit: request.limit + 1,
    ...(partner.categories !== "all" && { categoryIds: partner.categories }),
  });
  const hasMore = events.length > request.limit;
  const page = events.slice(0, request.limit);
  const latest = new Map<string, StoryEvent>();
  for (const event of page) {
    if (event.storyId === null) continue;
    latest.delete(event.storyId); // re-insert: Map order becomes the order of latest changes
    latest.set(event.storyId, event);
  }
  const [stories, categories, authors] = await Promise.all([
    getStories(db, [...latest.keys()]),
    listCategories(db),
    listAuthors(db),
  ]);
  const byId = new Map(stories.map((s) => [s.id, s]));
  const items: SyncItem[] = [];
  for (const [storyId, event] of latest) {
    const story = byId.get(storyId);
    const category = categories.find((c) => c.id === story?.categoryId);
    if (!story?.variants[request.lang] || !category) continue;
    items.push({
      event,
      input: ninjsInput(story, request.lang, category, authors, partner, ninjs, now),
    });
  }
  await recordReceipts(db, receiptsOf(partner, request.lang, items), "sync", now);
  return {
    items,
    next: encodeSyncCursor(page.at(-1)?.id ?? afterId),
    hasMore,
    surfaced,
  };
}

/** The ledger's record that a partner received these documents (see holdsStory). */
function receiptsOf(partner: Partner, lang: LangTag, items: readonly SyncItem[]) {
  return items.map(({ input }) => ({
    partnerId: partner.id,
    storyId: input.story.id,
    lang,
    version: input.story.version,
  }));
}

/**
 * One story variant as a partner may see it: live or withdrawn (as a takedown), never a draft
 * or a story still waiting for its time, in the partner's language and categories, or held
 * by the partner already (it received the story before it moved out of its categories: a
 * takedown or a correction must still reach it).
 */
export async function partnerStory(
  db: Db,
  partner: Partner,
  request: { id: string; lang: LangTag; now: Date },
  ninjs: NinjsContext,
): Promise<NinjsInput> {
  checkLanguage(partner, request.lang);
  const now = request.now.toISOString();
  const story = await getStory(db, request.id);
  if (!story || !isVisibleToPartners(story, now) || !story.variants[request.lang]) {
    throw new NotFound(`no story ${request.id} in ${request.lang}`);
  }
  if (
    !coversCategory(partner, story.categoryId) &&
    !(await holdsStory(db, partner.id, story.id, request.lang))
  ) {
    checkCategory(partner, story.categoryId);
  }
  const [categories, authors] = await Promise.all([listCategories(db), listAuthors(db)]);
  const category = categories.find((c) => c.id === story.categoryId);
  if (!category) throw new NotFound(`no category ${story.categoryId}`);
  const input = ninjsInput(story, request.lang, category, authors, partner, ninjs, now);
  await recordReceipts(
    db,
    [{ partnerId: partner.id, storyId: story.id, lang: request.lang, version: story.version }],
    "get",
    now,
  );
  return input;
}

/** Live now, or withdrawn after having been live: what partners may know about. */
export function isVisibleToPartners(story: Story, now: string): boolean {
  return (
    (story.status === "published" || story.status === "withdrawn") &&
    story.publishedAt !== null &&
    story.publishedAt <= now
  );
}

export function ninjsInput(
  story: Story,
  lang: LangTag,
  category: NinjsInput["category"],
  authors: NinjsInput["authors"],
  partner: Partner,
  ninjs: NinjsContext,
  now: string,
): NinjsInput {
  return {
    story,
    lang,
    category,
    authors,
    origin: ninjs.origin,
    storyUrl: ninjs.storyUrl,
    provider: ninjs.provider,
    licence: partner.licence,
    now,
  };
}

/**
 * A page of a partner's full-text feed: the public feed's page, narrowed to the partner's
 * categories. A category feed outside the licence is refused, naming the category.
 */
export async function partnerFeedPage(
  db: Db,
  partner: Partner,
  request: FeedPageRequest,
): Promise<FeedPage> {
  checkLanguage(partner, request.language.tag);
  const page = await feedPage(db, {
    ...request,
    ...(partner.categories !== "all" && { categoryIds: partner.categories }),
  });
  if (page.scope.kind === "category") checkCategory(partner, page.scope.category.id);
  return page;
}
