import { sql } from "kysely";
import type { StoryStatus } from "../domain/story";
import type { StoryEvent } from "../domain/story-event";
import type { WebhookMessage } from "../partners/webhook-message";
import type { Db } from "./client";
import { type EventRow, toEvent } from "./events";

/** A story event not yet fanned out, with what its story is now (null: the story is gone). */
export interface EventToAnnounce {
  event: StoryEvent;
  story: {
    status: StoryStatus;
    publishedAt: string | null;
    /** Set when partners got it before publication, under embargo. */
    partnerReleaseAt: string | null;
    categoryId: string;
  } | null;
}

/** Up to which event the outbox has fanned out, and the origin the last request used. */
export async function readOutbox(
  db: Db,
): Promise<{ announcedThrough: number; origin: string | null }> {
  const row = await db
    .selectFrom("webhook_outbox")
    .select(["announced_through", "origin"])
    .where("id", "=", 1)
    .executeTakeFirstOrThrow();
  return { announcedThrough: row.announced_through, origin: row.origin };
}

/** Story events after an id, oldest first, each with its story's current state. */
export async function listEventsToAnnounce(
  db: Db,
  afterId: number,
  limit: number,
): Promise<EventToAnnounce[]> {
  const rows = await db
    .selectFrom("story_events as e")
    .leftJoin("stories as s", "s.id", "e.story_id")
    .select([
      "e.id",
      "e.story_id",
      "e.taxon_id",
      "e.lang",
      "e.kind",
      "e.version",
      "e.occurred_at",
      "s.status",
      "s.published_at",
      "s.partner_release_at",
      "s.category_id",
    ])
    .where("e.id", ">", afterId)
    .orderBy("e.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    event: toEvent(r as EventRow),
    story:
      r.status === null || r.category_id === null
        ? null
        : {
            status: r.status,
            publishedAt: r.published_at,
            partnerReleaseAt: r.partner_release_at,
            categoryId: r.category_id,
          },
  }));
}

/**
 * Stores a fan-out as one batch: the new messages (a second fan-out of the same events adds
 * nothing: one message per partner and event), every older pending message for the same
 * partner, story and language marked superseded (a partner is never sent an older state after
 * a newer one), and the outbox moved past the events. One bound parameter per statement for
 * the messages, whatever their number.
 */
export async function recordFanOut(
  db: Db,
  messages: readonly WebhookMessage[],
  through: number,
  origin: string | null,
  now: string,
): Promise<void> {
  const rows = JSON.stringify(
    messages.map((m) => [
      m.webhookId,
      m.partnerId,
      m.eventId,
      m.storyId,
      m.lang,
      m.type,
      m.version,
      m.occurredAt,
      m.origin,
    ]),
  );
  const insert = sql`
    insert or ignore into webhook_messages (webhook_id, partner_id, event_id, story_id, lang,
      event_type, version, occurred_at, origin, state, attempts, enqueued_at, due_at, created_at)
    select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5,
      value ->> 6, value ->> 7, value ->> 8, 'pending', 0, null, ${now}, ${now}
    from json_each(${rows})`;
  const supersede = sql`
    update webhook_messages as m set state = 'superseded', settled_at = ${now}
    where m.state = 'pending' and exists (select 1 from webhook_messages n
      where n.partner_id = m.partner_id and n.story_id = m.story_id and n.lang = m.lang
        and n.version > m.version)`;
  const advance = db
    .updateTable("webhook_outbox")
    .set({
      announced_through: sql<number>`max(announced_through, ${through})`,
      ...(origin !== null && { origin }),
    })
    .where("id", "=", 1);
  await db.batch([
    ...(messages.length > 0
      ? [{ compile: () => insert.compile(db) }, { compile: () => supersede.compile(db) }]
      : []),
    advance,
  ]);
}
