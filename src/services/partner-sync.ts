import { type Db, mapRead, type Read } from "../db/client";
import {
  type SnapshotStory,
  type SyncEvent,
  snapshotStoriesRead,
  surfaceDuePublications,
  syncEventsRead,
  syncStartRead,
} from "../db/partner-sync";
import { listCategories } from "../db/taxonomy";
import {
  decodeSyncCursor,
  encodeSnapshotCursor,
  encodeSyncCursor,
  type SyncCursor,
} from "../domain/cursors";
import type { Partner } from "../domain/partner";
import type { StoryEvent } from "../domain/story-event";
import type { LangTag } from "../i18n/languages";
import { Invalid } from "./errors";
import { checkCategory, checkLanguage, type NinjsContext } from "./partner-content";
import {
  type DocumentRenderer,
  documentsFor,
  type PartnerDocuments,
  type WantedDocument,
} from "./partner-documents";
import { recordReceived } from "./partner-ledger";

export const DEFAULT_SYNC_LIMIT = 50;
export const MAX_SYNC_LIMIT = 100;

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

export interface SyncItem<D> {
  event: SyncChange;
  /** The story as it is now, in the page's format. */
  document: D;
}

export interface SyncPage<D> {
  items: SyncItem<D>[];
  /** Send as `since` for the next page; on the last page, to poll for later changes. */
  next: string;
  hasMore: boolean;
  /** went_live events this request appended: the caller announces them by webhook. */
  surfaced: StoryEvent[];
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
export async function syncPage<D>(
  db: Db,
  partner: Partner,
  request: SyncRequest,
  ninjs: NinjsContext,
  renderer: DocumentRenderer<D>,
  documents?: PartnerDocuments,
): Promise<SyncPage<D>> {
  for (const lang of request.langs) checkLanguage(partner, lang);
  if (request.categoryIds) await checkCategories(db, partner, request.categoryIds);
  const cursor = request.since === undefined ? null : decodeSyncCursor(request.since);
  const now = request.now.toISOString();
  const scope: PageScope = {
    langs: request.langs,
    limit: request.limit,
    // Asked for categories: held stories elsewhere come only as takedowns, so a partner syncing
    // section by section still hears that a story it has was withdrawn after moving away.
    ...(request.categoryIds
      ? { categoryIds: request.categoryIds, held: "takedowns" as const }
      : partner.categories !== "all" && { categoryIds: partner.categories, held: "all" as const }),
  };
  const notHandedOut = () =>
    new Invalid("since is not a cursor this API handed out", [
      { in: "query", path: "/since", message: "must be the `next` of a previous page" },
    ]);
  if (request.since !== undefined && cursor === null) throw notHandedOut();
  const read = pageRead(db, partner, scope, cursor, now);
  const [start, readFirst] = await db.readTogether(syncStartRead(db, now), read);
  const { latestEventId: latest, surfacingDue, contentStamp } = start;
  // A cursor past the newest event was never handed out (ids only grow): made up or from
  // another deployment. Answered like a malformed one rather than with an empty page forever.
  if (cursor !== null && (cursor.phase === "events" ? cursor.afterId : cursor.through) > latest) {
    throw notHandedOut();
  }
  // A scheduled story that came due must get an event id above every cursor already handed
  // out, or partners past its (older) publish event would never see it: the page, read beside
  // the first query, is then read again.
  const surfaced = surfacingDue ? await surfaceDuePublications(db, now) : [];
  const page = (surfaced.length > 0 ? await db.read(read) : readFirst)(latest);
  const planned = [...page.changes.values()];
  const stamp = { contentStamp, now };
  const held = await documentsFor(db, partner, planned, ninjs, renderer, stamp, documents);
  const items: SyncItem<D>[] = [];
  const receipts = [];
  for (const p of planned) {
    const document = held.get(p);
    if (!document) continue;
    items.push({
      event: p.change ?? {
        id: null,
        kind: "snapshot",
        storyId: p.storyId,
        lang: p.lang,
        version: document.version,
        occurredAt: document.updatedAt,
      },
      document: document.document,
    });
    receipts.push({
      partnerId: partner.id,
      storyId: p.storyId,
      lang: p.lang,
      version: document.version,
    });
  }
  await recordReceived(db, receipts, "sync", now);
  return { items, next: page.next, hasMore: page.hasMore, surfaced };
}

/** A story variant a page reports, with the change it reports (null: the snapshot). */
interface PlannedItem extends WantedDocument {
  change: SyncChange | null;
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
  changes: Map<string, PlannedItem>;
  next: string;
  hasMore: boolean;
}

/** What both sync queries filter on; one row more than the page tells whether more follow. */
function pageFilter(partner: Partner, scope: PageScope, now: string) {
  return {
    langs: scope.langs,
    partnerId: partner.id,
    now,
    limit: scope.limit + 1,
    ...(scope.categoryIds && { categoryIds: scope.categoryIds, held: scope.held ?? "all" }),
  };
}

/**
 * The page's one query, sent beside syncStartRead's; its rows become the page once the newest
 * event id is known (where a snapshot begun by this page hands over).
 */
function pageRead(
  db: Db,
  partner: Partner,
  scope: PageScope,
  cursor: SyncCursor | null,
  now: string,
): Read<(latest: number) => PagePlan> {
  const filter = pageFilter(partner, scope, now);
  if (cursor?.phase === "events") {
    const { afterId } = cursor;
    return mapRead(
      syncEventsRead(db, { ...filter, afterId }),
      (events) => () => changesPlan(events, scope, afterId),
    );
  }
  const after = cursor?.after ?? null;
  return mapRead(
    snapshotStoriesRead(db, { ...filter, after }),
    (rows) => (latest) => snapshotPlan(rows, scope, cursor?.through ?? latest),
  );
}

function snapshotPlan(rows: readonly SnapshotStory[], scope: PageScope, through: number): PagePlan {
  const page = rows.slice(0, scope.limit);
  const last = page.at(-1);
  const more = rows.length > scope.limit && last;
  return {
    changes: new Map(
      page.map((r) => [
        `${r.storyId} ${r.lang}`,
        {
          storyId: r.storyId,
          lang: r.lang,
          change: null,
          version: r.version,
          updatedAt: r.updatedAt,
          publishedAt: r.publishedAt,
        },
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

function changesPlan(events: readonly SyncEvent[], scope: PageScope, afterId: number): PagePlan {
  const page = events.slice(0, scope.limit);
  const changes: PagePlan["changes"] = new Map();
  for (const { event, story } of page) {
    if (event.storyId === null) continue;
    const key = `${event.storyId} ${event.lang}`;
    changes.delete(key); // re-insert: Map order becomes the order of latest changes
    changes.set(key, { storyId: event.storyId, lang: event.lang, change: event, ...story });
  }
  return {
    changes,
    next: encodeSyncCursor(page.at(-1)?.event.id ?? afterId),
    hasMore: events.length > scope.limit,
  };
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
