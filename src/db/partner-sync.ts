import { type InferResult, sql } from "kysely";
import type { StoryEvent } from "../domain/story-event";
import { PARTNER_EVENT_KINDS } from "../domain/story-lifecycle";
import type { LangTag } from "../i18n/languages";
import type { Db, Read } from "./client";
import { type EventRow, toEvent } from "./events";
import { type ContentStampRow, contentStampColumns, toContentStamp } from "./freshness";
import {
  publicationEventKinds,
  whereLive,
  wherePartnerVisible,
  wherePublished,
  whereReleasedToPartners,
  whereWithdrawn,
} from "./lifecycle";

/**
 * The watermark is advanced at least this often even when nothing came due, so the check below
 * never walks more than about a minute of publications.
 */
const WATERMARK_STALE_MS = 60_000;

/** Published and due since the watermark, and scheduled: its publication event is older. */
function dueSinceWatermark(now: string) {
  return sql<boolean>`${whereLive(now)}
      and s.published_at > (select surfaced_through from publication_watermark where id = 1)
      and exists (select 1 from story_events p where p.story_id = s.id
        and p.kind in (${publicationEventKinds()}) and p.occurred_at < s.published_at)`;
}

/**
 * Whether surfaceDuePublications has anything to do: a scheduled story came due, or the
 * watermark is stale. A read, so the callers that run on every partner sync page and after
 * every write only write when there is something to append. The scan is the range of
 * idx_story_status_published_id between the watermark and now.
 */
function surfacingDue(now: string) {
  const staleBefore = new Date(Date.parse(now) - WATERMARK_STALE_MS).toISOString();
  return sql<number>`(select surfaced_through from publication_watermark where id = 1) < ${staleBefore}
    or exists (select 1 from stories s where ${dueSinceWatermark(now)})`;
}

/**
 * Appends a `went_live` event per language for every scheduled publication whose time has come
 * since the last call, and returns them. A story counts as scheduled when the event announcing
 * its publication is older than its publication time. The watermark row bounds the scan to the
 * newly due stories; the NOT EXISTS keeps a second concurrent caller from appending twice (D1
 * runs one write at a time, and the watermark moves in the same batch).
 */
export async function surfaceDuePublications(db: Db, now: string): Promise<StoryEvent[]> {
  const insert = sql<EventRow>`
    insert into story_events (story_id, taxon_id, lang, kind, version, occurred_at)
    select s.id, null, v.lang, 'went_live', s.version, s.published_at
    from stories s join story_variants v on v.story_id = s.id
    where ${dueSinceWatermark(now)}
      and not exists (select 1 from story_events w where w.story_id = s.id and w.lang = v.lang
        and w.kind = 'went_live' and w.occurred_at = s.published_at)
    order by s.published_at, s.id, v.lang
    returning id, story_id, taxon_id, lang, kind, version, occurred_at`;
  const advance = db
    .updateTable("publication_watermark")
    .set({ surfaced_through: sql`max(surfaced_through, ${now})` })
    .where("id", "=", 1);
  const [inserted] = await db.batch([{ compile: () => insert.compile(db) }, advance]);
  return ((inserted?.results ?? []) as EventRow[]).map(toEvent);
}

/** surfaceDuePublications, after one read that says whether it has anything to do. */
export async function surfaceDuePublicationsIfAny(db: Db, now: string): Promise<StoryEvent[]> {
  const { due } = await db.selectNoFrom(surfacingDue(now).as("due")).executeTakeFirstOrThrow();
  return due ? surfaceDuePublications(db, now) : [];
}

export interface SyncEventFilter {
  langs: readonly LangTag[];
  /** Stories this partner holds (see the ledger) reach it whatever their category is now. */
  partnerId: string;
  /** Only events after this id. */
  afterId: number;
  /** Only stories in these categories; omit for all. */
  categoryIds?: readonly string[];
  /**
   * Which held stories outside categoryIds still come: all of them (the licence's categories),
   * or only takedowns (a category the partner asked for: a withdrawn story, a removed variant).
   */
  held?: "all" | "takedowns";
  now: string;
  limit: number;
}

/**
 * Story events a partner may see, oldest first: in its language, for stories that are live or
 * withdrawn now (never drafts, never stories still waiting for their time) and still have that
 * language, or had it (its removal is then the takedown). Ids grow in commit order (D1 runs one
 * write at a time and each write is one batch), so "after id N" never skips an event committed
 * later.
 */
/** An event with what its story is now: the version and publication time a page renders. */
export interface SyncEvent {
  event: StoryEvent;
  story: StoryState;
}

/** A story's current version, last change and publication time. */
export interface StoryState {
  version: number;
  updatedAt: string;
  publishedAt: string | null;
}

export function syncEventsRead(db: Db, filter: SyncEventFilter): Read<SyncEvent[]> {
  const query = db
    .selectFrom("story_events as e")
    .innerJoin("stories as s", "s.id", "e.story_id")
    .leftJoin("story_variants as v", (join) =>
      join.onRef("v.story_id", "=", "e.story_id").onRef("v.lang", "=", "e.lang"),
    )
    .leftJoin("removed_variants as r", (join) =>
      join.onRef("r.story_id", "=", "e.story_id").onRef("r.lang", "=", "e.lang"),
    )
    // The language is there, or was removed: then its events end in a takedown.
    .where((eb) => eb.or([eb("v.lang", "is not", null), eb("r.lang", "is not", null)]))
    .select(["e.id", "e.story_id", "e.taxon_id", "e.lang", "e.kind", "e.version", "e.occurred_at"])
    .select([
      "s.version as story_version",
      "s.updated_at as story_updated_at",
      "s.published_at as story_published_at",
    ])
    .where("e.lang", "in", filter.langs)
    .where("e.id", ">", filter.afterId)
    .where("e.kind", "in", PARTNER_EVENT_KINDS)
    .where(wherePartnerVisible(filter.now))
    .$if(filter.categoryIds !== undefined, (q) =>
      q.where(
        sql<boolean>`(s.category_id in (select value from json_each(${JSON.stringify(filter.categoryIds)}))
          or (exists (select 1 from partner_story_ledger l where l.partner_id = ${filter.partnerId}
            and l.story_id = e.story_id and l.lang = e.lang)
            and ${filter.held === "takedowns" ? sql`(${whereWithdrawn()} or v.lang is null)` : sql`1`}))`,
      ),
    )
    .orderBy("e.id")
    .limit(filter.limit);
  return {
    query,
    result: (rows) =>
      (rows as InferResult<typeof query>).map((row) => ({
        event: toEvent(row),
        story: {
          version: row.story_version,
          updatedAt: row.story_updated_at,
          publishedAt: row.story_published_at,
        },
      })),
  };
}

// --- The ledger: what each partner holds (migrations/0015_webhook_outbox.sql).

/** How a partner received a story variant. */
export type ReceiptVia = "webhook" | "sync" | "get";

export interface Receipt {
  partnerId: string;
  storyId: string;
  lang: LangTag;
  version: number;
}

/**
 * Records that partners received these story variants, keeping the newest version each holds.
 * One statement with one bound parameter for the rows, whatever their number.
 */
export async function recordReceipts(
  db: Db,
  receipts: readonly Receipt[],
  via: ReceiptVia,
  at: string,
): Promise<void> {
  if (receipts.length === 0) return;
  const rows = JSON.stringify(receipts.map((r) => [r.partnerId, r.storyId, r.lang, r.version]));
  // `where true`: SQLite's parser needs it between a SELECT and ON CONFLICT.
  await sql`
    insert into partner_story_ledger (partner_id, story_id, lang, version, via, received_at)
    select value ->> 0, value ->> 1, value ->> 2, value ->> 3, ${via}, ${at}
    from json_each(${rows}) where true
    on conflict (partner_id, story_id, lang) do update set
      version = excluded.version, via = excluded.via, received_at = excluded.received_at
    -- Only a newer version changes the row: a partner re-reading what it has writes nothing.
    where excluded.version > partner_story_ledger.version`.execute(db);
}

/** Who holds which of these stories: "partnerId story lang" keys. One query. */
export async function listHolders(db: Db, storyIds: readonly string[]): Promise<Set<string>> {
  if (storyIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("partner_story_ledger")
    .select(["partner_id", "story_id", "lang"])
    .where(
      "story_id",
      "in",
      sql<string>`(select value from json_each(${JSON.stringify(storyIds)}))`,
    )
    .execute();
  return new Set(rows.map((r) => holderKey(r.partner_id, r.story_id, r.lang as LangTag)));
}

export function holderKey(partnerId: string, storyId: string, lang: LangTag): string {
  return `${partnerId} ${storyId} ${lang}`;
}

/** Whether a partner received a story variant, by any way. */
export async function holdsStory(
  db: Db,
  partnerId: string,
  storyId: string,
  lang: LangTag,
): Promise<boolean> {
  const row = await db
    .selectFrom("partner_story_ledger")
    .select("version")
    .where("partner_id", "=", partnerId)
    .where("story_id", "=", storyId)
    .where("lang", "=", lang)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Whether a story variant has a partner-visible event newer than a version: a message about
 * that version is then superseded, even before the newer event is fanned out.
 */
export async function hasNewerPartnerEvent(
  db: Db,
  storyId: string,
  lang: LangTag,
  version: number,
): Promise<boolean> {
  const row = await db
    .selectFrom("story_events")
    .select("id")
    .where("story_id", "=", storyId)
    .where("lang", "=", lang)
    .where("version", ">", version)
    .where("kind", "in", PARTNER_EVENT_KINDS)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * What a sync page reads first, in one query: the newest story event id (0 for none), where a
 * back-catalogue snapshot hands over; whether surfaceDuePublications has anything to do; and
 * the content stamp kept documents are keyed on (contentStampColumns).
 */
export function syncStartRead(db: Db, now: string): Read<SyncStart> {
  return {
    query: db.selectNoFrom([
      sql<number>`coalesce((select max(id) from story_events), 0)`.as("id"),
      surfacingDue(now).as("due"),
      ...contentStampColumns(),
    ]),
    result(rows) {
      const row = rows[0] as { id: number; due: number } & ContentStampRow;
      return {
        latestEventId: row.id,
        surfacingDue: Boolean(row.due),
        contentStamp: toContentStamp(row),
      };
    },
  };
}

export interface SyncStart {
  latestEventId: number;
  surfacingDue: boolean;
  contentStamp: string;
}

export interface SnapshotFilter {
  langs: readonly LangTag[];
  partnerId: string;
  /** Only stories in these categories (or held by the partner); omit for all. */
  categoryIds?: readonly string[];
  /** As in SyncEventFilter: held stories outside categoryIds, all or only withdrawn ones. */
  held?: "all" | "takedowns";
  /** Only variants after this (publishedAt, story id, lang); no lang: after the whole story. */
  after: { publishedAt: string; storyId: string; lang: LangTag | null } | null;
  now: string;
  limit: number;
}

/**
 * The back catalogue a partner may hold, oldest publication first, keyset-paged: every story
 * live now in its language and categories, seeded and bulk-loaded ones included (they have no
 * events), and every withdrawn one the partner holds (its tombstone). Ids only; one query.
 */
export function snapshotStoriesRead(db: Db, filter: SnapshotFilter): Read<SnapshotStory[]> {
  const held = sql<boolean>`exists (select 1 from partner_story_ledger l
    where l.partner_id = ${filter.partnerId} and l.story_id = s.id and l.lang = v.lang)`;
  const inCategories =
    filter.categoryIds === undefined
      ? sql`1`
      : sql`(+s.category_id in (select value from json_each(${JSON.stringify(filter.categoryIds)}))
          or (${held} and ${filter.held === "takedowns" ? whereWithdrawn({ unindexed: true }) : sql`1`}))`;
  const after =
    filter.after === null
      ? sql`s.published_at is not null`
      : filter.after.lang === null
        ? sql`(s.published_at, s.id) > (${filter.after.publishedAt}, ${filter.after.storyId})`
        : // A range the index can walk, then the story's remaining languages checked per row.
          sql`(s.published_at, s.id) >= (${filter.after.publishedAt}, ${filter.after.storyId})
            and not (s.published_at = ${filter.after.publishedAt} and s.id = ${filter.after.storyId}
              and v.lang <= ${filter.after.lang})`;
  // Several languages: a story's variants in lang order, which SQLite sorts per story only
  // ("RIGHT PART OF ORDER BY"), never the whole archive.
  const langOrder = filter.langs.length === 1 ? sql`` : sql`, v.lang`;
  const langs =
    filter.langs.length === 1
      ? sql`v.lang = ${filter.langs[0]}`
      : sql`v.lang in (select value from json_each(${JSON.stringify(filter.langs)}))`;
  // CROSS JOIN and the unary `+` keep SQLite walking idx_story_published_id in keyset order
  // (no sort of the whole archive per page); status and category are checked per row.
  const query = sql`
    select s.id, v.lang, s.published_at, s.version, s.updated_at
    from stories s cross join story_variants v on v.story_id = s.id and ${langs}
    where ${after} and ${whereReleasedToPartners(filter.now)}
      and (${wherePublished({ unindexed: true })} or (${whereWithdrawn({ unindexed: true })} and ${held}))
      and ${inCategories}
    order by s.published_at, s.id${langOrder}
    limit ${filter.limit}`;
  return {
    query: { compile: () => query.compile(db) },
    result: (rows) =>
      (rows as SnapshotRow[]).map((r) => ({
        storyId: r.id,
        lang: r.lang,
        publishedAt: r.published_at,
        version: r.version,
        updatedAt: r.updated_at,
      })),
  };
}

/** A story variant of the back catalogue, with its current state. */
export type SnapshotStory = { storyId: string; lang: LangTag; publishedAt: string } & StoryState;

interface SnapshotRow {
  id: string;
  lang: LangTag;
  published_at: string;
  version: number;
  updated_at: string;
}
