import { sql } from "kysely";
import type { LangTag } from "../i18n/languages";
import type { Db } from "./client";

/** What decides whether a cached page or feed of one language (or of all) is still current. */
export interface FreshnessRow {
  /** Newest story_events id in scope: moves on every newsroom write. */
  eventId: number;
  /** When that newest event happened; null before the first write. */
  eventAt: string | null;
  /** Bumped by story loads that write no events (seeds): see migrations/0004. */
  importEpoch: number;
  /** The next scheduled publication after `now`, if any: cached copies must not outlive it. */
  nextDueAt: string | null;
}

/**
 * One query of index seeks (max() on idx_event_lang, min() on idx_story_status_published, a
 * one-row table), so it costs the same with 1,000 or 100,000 stories.
 */
export async function readFreshness(
  db: Db,
  lang: LangTag | null,
  now: string,
): Promise<FreshnessRow> {
  const newestEvent =
    lang === null
      ? sql<number>`(select max(id) from story_events)`
      : sql<number>`(select max(id) from story_events where lang = ${lang})`;
  const row = await db
    .selectNoFrom([
      sql<number>`coalesce(${newestEvent}, 0)`.as("event_id"),
      sql<string | null>`(select occurred_at from story_events where id = ${newestEvent})`.as(
        "event_at",
      ),
      sql<number>`coalesce((select epoch from import_epoch where id = 1), 0)`.as("import_epoch"),
      sql<string | null>`(select min(published_at) from stories
        where status = 'published' and published_at > ${now})`.as("next_due_at"),
    ])
    .executeTakeFirstOrThrow();
  return {
    eventId: row.event_id,
    eventAt: row.event_at,
    importEpoch: row.import_epoch,
    nextDueAt: row.next_due_at,
  };
}

/** The statement that tells the edge cache stories arrived without newsroom events. */
export function bumpImportEpochQuery(db: Db) {
  return db
    .updateTable("import_epoch")
    .set((eb) => ({ epoch: eb("epoch", "+", 1) }))
    .where("id", "=", 1);
}
