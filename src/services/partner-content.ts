import type { Db } from "../db/client";
import {
  holdsStory,
  latestEventId,
  listSnapshotStories,
  listSyncEvents,
  recordReceipts,
  surfaceDuePublications,
} from "../db/partner-sync";
import { findRemovedVariants, removedKey } from "../db/removed-variants";
import { getStories, getStory } from "../db/stories";
import { listAuthors, listCategories } from "../db/taxonomy";
import { coversCategory, coversLanguage, type Partner } from "../domain/partner";
import { storyForLanguage } from "../domain/removed-variant";
import { partnerReleaseTime, type Story } from "../domain/story";
import type { StoryEvent } from "../domain/story-event";
import type { FeedPage } from "../feeds/page";
import type { LangTag } from "../i18n/languages";
import type { NinjsInput, NinjsProvider } from "../partners/ninjs";
import {
  decodeSyncCursor,
  encodeSnapshotCursor,
  encodeSyncCursor,
  type SnapshotKey,
} from "../partners/sync-cursor";
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

/**
 * The change a sync item reports: the newest event of the story in the page, or, in the back
 * catalogue (the first sync), `snapshot` with no event id: the story as it is now.
 */
export interface SyncChange {
  id: number | null;
  kind: StoryEvent["kind"] | "snapshot";
  storyId: string | null;
  lang: LangTag;
  version: number | null;
  occurredAt: string;
}

export interface SyncItem {
  event: SyncChange;
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

export function checkCategory(partner: Partner, categoryId: string): void {
  if (!coversCategory(partner, categoryId)) {
    throw new Forbidden(`your licence does not cover category ${categoryId}`, {
      category: categoryId,
      allowedCategories: partner.categories,
    });
  }
}

/** What a sync request asks for, validated at the route. */
export interface SyncRequest {
  /** One or more languages, each in the licence; items say which they are in. */
  langs: readonly LangTag[];
  /** Only these categories (each in the licence); omit for every licensed one. */
  categoryIds?: readonly string[];
  since: string | undefined;
  limit: number;
  now: Date;
}

/**
 * One page of incremental sync. Without a cursor it begins with the back catalogue (every story
 * variant the partner may hold, as it is now, oldest publication first), then hands over to the
 * change feed at the newest event id as of its first page: every story variant in the asked
 * languages and categories (or held by the partner) that changed after the cursor, oldest change
 * first, each once at its current state. A change made while the catalogue is paged arrives in
 * the change feed, so nothing is missed; a story may then come twice, its newer state last. A
 * fixed number of queries whatever the page size.
 */
export async function syncPage(
  db: Db,
  partner: Partner,
  request: SyncRequest,
  ninjs: NinjsContext,
): Promise<SyncPage> {
  for (const lang of request.langs) checkLanguage(partner, lang);
  if (request.categoryIds) await checkCategories(db, partner, request.categoryIds);
  const cursor = request.since === undefined ? null : decodeSyncCursor(request.since);
  const latest = await latestEventId(db);
  // A cursor past the newest event was never handed out (ids only grow): made up or from
  // another deployment. Answered like a malformed one rather than with an empty page forever.
  if (
    (request.since !== undefined && cursor === null) ||
    (cursor !== null && (cursor.phase === "events" ? cursor.afterId : cursor.through) > latest)
  ) {
    throw new Invalid("since is not a cursor this API handed out", [
      { in: "query", path: "/since", message: "must be the `next` of a previous page" },
    ]);
  }
  const now = request.now.toISOString();
  // Before reading: a scheduled story that came due must get an event id above every cursor
  // already handed out, or partners past its (older) publish event would never see it.
  const surfaced = await surfaceDuePublications(db, now);
  const scope: PageScope = {
    langs: request.langs,
    limit: request.limit,
    // Asked for categories: held stories elsewhere come only as takedowns, so a partner syncing
    // section by section still hears that a story it has was withdrawn after moving away.
    ...(request.categoryIds
      ? { categoryIds: request.categoryIds, held: "takedowns" as const }
      : partner.categories !== "all" && { categoryIds: partner.categories, held: "all" as const }),
  };
  const position = cursor ?? ({ phase: "snapshot", through: latest, after: null } as const);
  const page =
    position.phase === "snapshot"
      ? await snapshotPage(db, partner, scope, position.through, position.after, now)
      : await changesPage(db, partner, scope, position.afterId, now);
  const storyIds = [...new Set([...page.changes.values()].map((c) => c.storyId))];
  const [stories, removed, categories, authors] = await Promise.all([
    getStories(db, storyIds),
    findRemovedVariants(db, storyIds),
    listCategories(db),
    listAuthors(db),
  ]);
  const byId = new Map(stories.map((s) => [s.id, s]));
  const items: SyncItem[] = [];
  for (const { storyId, lang, change } of page.changes.values()) {
    const found = byId.get(storyId);
    const story = found && storyForLanguage(found, lang, removed.get(removedKey(storyId, lang)));
    const category = categories.find((c) => c.id === story?.categoryId);
    if (!story || !category) continue;
    items.push({
      event: change ?? {
        id: null,
        kind: "snapshot",
        storyId,
        lang,
        version: story.version,
        occurredAt: story.updatedAt,
      },
      input: ninjsInput(story, lang, category, authors, partner, ninjs, now),
    });
  }
  await recordReceipts(db, receiptsOf(partner, items), "sync", now);
  return { items, next: page.next, hasMore: page.hasMore, surfaced };
}

/** Languages, categories and page size of one sync page. */
interface PageScope {
  langs: readonly LangTag[];
  /** Omit for every category. */
  categoryIds?: readonly string[];
  held?: "all" | "takedowns";
  limit: number;
}

/**
 * Story variants of a page, in order, keyed by "storyId lang", each with the change it reports
 * (null: the snapshot).
 */
interface PagePlan {
  changes: Map<string, { storyId: string; lang: LangTag; change: SyncChange | null }>;
  next: string;
  hasMore: boolean;
}

async function snapshotPage(
  db: Db,
  partner: Partner,
  scope: PageScope,
  through: number,
  after: SnapshotKey | null,
  now: string,
): Promise<PagePlan> {
  const rows = await listSnapshotStories(db, {
    langs: scope.langs,
    partnerId: partner.id,
    after,
    now,
    limit: scope.limit + 1,
    ...(scope.categoryIds && { categoryIds: scope.categoryIds, held: scope.held ?? "all" }),
  });
  const page = rows.slice(0, scope.limit);
  const last = page.at(-1);
  const more = rows.length > scope.limit && last;
  return {
    changes: new Map(
      page.map((r) => [
        `${r.storyId} ${r.lang}`,
        { storyId: r.storyId, lang: r.lang, change: null },
      ]),
    ),
    // The catalogue done, the change feed takes over from where the snapshot began.
    next: more
      ? encodeSnapshotCursor(through, {
          publishedAt: last.publishedAt,
          storyId: last.storyId,
          lang: last.lang,
        })
      : encodeSyncCursor(through),
    hasMore: true,
  };
}

async function changesPage(
  db: Db,
  partner: Partner,
  scope: PageScope,
  afterId: number,
  now: string,
): Promise<PagePlan> {
  const events = await listSyncEvents(db, {
    langs: scope.langs,
    partnerId: partner.id,
    afterId,
    now,
    limit: scope.limit + 1,
    ...(scope.categoryIds && { categoryIds: scope.categoryIds, held: scope.held ?? "all" }),
  });
  const page = events.slice(0, scope.limit);
  const changes: PagePlan["changes"] = new Map();
  for (const event of page) {
    if (event.storyId === null) continue;
    const key = `${event.storyId} ${event.lang}`;
    changes.delete(key); // re-insert: Map order becomes the order of latest changes
    changes.set(key, { storyId: event.storyId, lang: event.lang, change: event });
  }
  return {
    changes,
    next: encodeSyncCursor(page.at(-1)?.id ?? afterId),
    hasMore: events.length > scope.limit,
  };
}

/** The ledger's record that a partner received these documents (see holdsStory). */
function receiptsOf(partner: Partner, items: readonly SyncItem[]) {
  return items.map(({ event, input }) => ({
    partnerId: partner.id,
    storyId: input.story.id,
    lang: event.lang,
    version: input.story.version,
  }));
}

/**
 * Categories a partner names in a request must be licensed (403). Whether one exists is said
 * only to a partner licensed for every category: to others, a category outside the licence is
 * refused the same way whether it exists or not, so the refusal reveals nothing beyond it.
 */
async function checkCategories(
  db: Db,
  partner: Partner,
  categoryIds: readonly string[],
): Promise<void> {
  for (const id of categoryIds) checkCategory(partner, id);
  if (partner.categories !== "all") return;
  const known = new Set((await listCategories(db)).map((c) => c.id));
  const unknown = categoryIds.find((id) => !known.has(id));
  if (unknown !== undefined) {
    throw new Invalid(`no category ${unknown}`, [
      { in: "query", path: "/category", message: `unknown category ${unknown}` },
    ]);
  }
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
  const found = await getStory(db, request.id);
  const story = found && (await withTakedown(db, partner, found, request.lang));
  if (!story || !isVisibleToPartners(story, now)) {
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

/**
 * The story in one language for a single GET: as it is while it has the variant; once the
 * variant was removed, its takedown, but only for a partner that received the variant (others
 * never knew it, and learn nothing of it).
 */
async function withTakedown(
  db: Db,
  partner: Partner,
  story: Story,
  lang: LangTag,
): Promise<Story | null> {
  if (story.variants[lang]) return story;
  if (!(await holdsStory(db, partner.id, story.id, lang))) return null;
  const removed = await findRemovedVariants(db, [story.id]);
  return storyForLanguage(story, lang, removed.get(removedKey(story.id, lang)));
}

/** Live now, or withdrawn after having been live: what partners may know about. */
export function isVisibleToPartners(story: Story, now: string): boolean {
  return (
    (story.status === "published" || story.status === "withdrawn") &&
    story.publishedAt !== null &&
    (partnerReleaseTime(story) ?? story.publishedAt) <= now
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
    languages: partner.languages,
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
    audience: "partners",
    ...(partner.categories !== "all" && { categoryIds: partner.categories }),
  });
  if (page.scope.kind === "category") checkCategory(partner, page.scope.category.id);
  return page;
}
