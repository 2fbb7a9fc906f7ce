import { type Selectable, sql } from "kysely";
import type { NewStoryEvent, StoryEvent, StoryEventKind } from "../domain/story-event";
import { LANG_TAGS, type LangTag } from "../i18n/languages";
import type { Db } from "./client";
import type { StoryEventTable } from "./schema";

/**
 * The INSERT that appends a write's events. Callers put it in the same D1 batch as the write
 * itself, so the log never records a change that did not happen, nor misses one that did.
 */
export function appendEventsQuery(db: Db, events: readonly NewStoryEvent[]) {
  if (events.length === 0) return null;
  // At most three languages per write times seven columns: far below D1's 100 parameters.
  return db.insertInto("story_events").values(
    events.map((e) => ({
      story_id: e.storyId,
      taxon_id: e.taxonId,
      lang: e.lang,
      kind: e.kind,
      version: e.version,
      occurred_at: e.occurredAt,
    })),
  );
}

/**
 * The newest event id per language (0 when a language has none): a cache generation that
 * changes whenever anything a page or feed in that language shows has changed.
 */
export async function latestEventIds(db: Db): Promise<Record<LangTag, number>> {
  // One indexed max() per language (a seek on idx_event_lang), not a scan of the whole log.
  const row = await db
    .selectNoFrom(
      LANG_TAGS.map((lang) =>
        sql<number>`coalesce((select max(id) from story_events where lang = ${lang}), 0)`.as(lang),
      ),
    )
    .executeTakeFirstOrThrow();
  return row as Record<LangTag, number>;
}

/** One story's events, oldest first. */
export async function listStoryEvents(db: Db, storyId: string): Promise<StoryEvent[]> {
  const rows = await db
    .selectFrom("story_events")
    .selectAll()
    .where("story_id", "=", storyId)
    .orderBy("id")
    .execute();
  return rows.map(toEvent);
}

export type EventRow = Selectable<StoryEventTable>;

/** A story_events row as the domain sees it. */
export function toEvent(row: EventRow): StoryEvent {
  return {
    id: row.id,
    storyId: row.story_id,
    taxonId: row.taxon_id,
    lang: row.lang as LangTag,
    kind: row.kind as StoryEventKind,
    version: row.version,
    occurredAt: row.occurred_at,
  };
}
