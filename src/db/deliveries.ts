import { sql } from "kysely";
import type { Delivery, WebhookEventType } from "../domain/partner";
import type { StoryStatus } from "../domain/story";
import type { StoryEvent } from "../domain/story-event";
import type { LangTag } from "../i18n/languages";
import type { WebhookMessage } from "../partners/webhook-message";
import { chunkRows, type Db } from "./client";
import { type EventRow, toEvent } from "./events";

/** A delivery record before the database numbers it. */
export type NewDelivery = Omit<Delivery, "id">;

/** Appends delivery records (queued messages, attempts, dead letters), chunked for D1. */
export async function recordDeliveries(db: Db, deliveries: readonly NewDelivery[]) {
  const rows = deliveries.map((d) => ({
    partner_id: d.partnerId,
    webhook_id: d.webhookId,
    event_id: d.eventId,
    story_id: d.storyId,
    lang: d.lang,
    event_type: d.eventType,
    version: d.version,
    attempt: d.attempt,
    status: d.status,
    response_code: d.responseCode,
    // Receivers' error texts are theirs: keep enough to diagnose, not a whole HTML page.
    error: d.error === null ? null : d.error.slice(0, 500),
    attempted_at: d.attemptedAt,
    next_attempt_at: d.nextAttemptAt,
  }));
  await db.batch(chunkRows(rows).map((chunk) => db.insertInto("webhook_deliveries").values(chunk)));
}

/** A partner's delivery records, newest first, keyset-paged by id. */
export async function listDeliveries(
  db: Db,
  partnerId: string,
  { limit, before }: { limit: number; before?: number },
): Promise<Delivery[]> {
  const rows = await db
    .selectFrom("webhook_deliveries")
    .selectAll()
    .where("partner_id", "=", partnerId)
    .$if(before !== undefined, (q) => q.where("id", "<", before as number))
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    partnerId: r.partner_id,
    webhookId: r.webhook_id,
    eventId: r.event_id,
    storyId: r.story_id,
    lang: r.lang as LangTag,
    eventType: r.event_type,
    version: r.version,
    attempt: r.attempt,
    status: r.status,
    responseCode: r.response_code,
    error: r.error,
    attemptedAt: r.attempted_at,
    nextAttemptAt: r.next_attempt_at,
  }));
}

// --- The outbox: story events become per-partner messages (migrations/0015_webhook_outbox.sql).

export type MessageState = "pending" | "delivered" | "superseded" | "dropped" | "dead";

/** A message with where it stands. */
export interface StoredMessage extends WebhookMessage {
  state: MessageState;
  attempts: number;
  settledAt: string | null;
}

/** A story event not yet fanned out, with what its story is now (null: the story is gone). */
export interface EventToAnnounce {
  event: StoryEvent;
  story: {
    status: StoryStatus;
    publishedAt: string | null;
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
        : { status: r.status, publishedAt: r.published_at, categoryId: r.category_id },
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

/**
 * Claims pending messages for the queue: those never sent, and those the queue should have
 * handed over before `overdueBefore` (lost). Claiming stamps them, so two sweeps racing send
 * each once; the queue may still hand one over twice, and receivers deduplicate on webhook-id.
 */
export async function claimMessagesToSend(
  db: Db,
  now: string,
  overdueBefore: string,
  limit: number,
): Promise<StoredMessage[]> {
  const unsentOrOverdue = sql<boolean>`(enqueued_at is null or due_at < ${overdueBefore})`;
  const candidates = await db
    .selectFrom("webhook_messages")
    .select("webhook_id")
    .where("state", "=", "pending")
    .where(unsentOrOverdue)
    .orderBy("created_at")
    .orderBy("event_id")
    .limit(limit)
    .execute();
  if (candidates.length === 0) return [];
  const ids = JSON.stringify(candidates.map((c) => c.webhook_id));
  const claimed = await db
    .updateTable("webhook_messages")
    .set({ enqueued_at: now, due_at: now })
    .where("state", "=", "pending")
    .where(unsentOrOverdue)
    .where("webhook_id", "in", sql<string>`(select value from json_each(${ids}))`)
    .returningAll()
    .execute();
  return claimed.map(toStoredMessage).sort((a, b) => a.eventId - b.eventId);
}

export async function findMessage(db: Db, webhookId: string): Promise<StoredMessage | null> {
  const row = await db
    .selectFrom("webhook_messages")
    .selectAll()
    .where("webhook_id", "=", webhookId)
    .executeTakeFirst();
  return row ? toStoredMessage(row) : null;
}

/** A pending message leaves `pending` (delivered, superseded, dropped, dead). */
export async function settleMessage(
  db: Db,
  webhookId: string,
  state: Exclude<MessageState, "pending">,
  attempts: number | null,
  at: string,
): Promise<void> {
  await db
    .updateTable("webhook_messages")
    .set({ state, settled_at: at, ...(attempts !== null && { attempts }) })
    .where("webhook_id", "=", webhookId)
    .where("state", "=", "pending")
    .execute();
}

/** A failed attempt: counted, and due again when the queue will retry it. */
export async function recordFailedAttempt(
  db: Db,
  webhookId: string,
  attempts: number,
  dueAt: string,
): Promise<void> {
  await db
    .updateTable("webhook_messages")
    .set({ attempts, due_at: dueAt })
    .where("webhook_id", "=", webhookId)
    .where("state", "=", "pending")
    .execute();
}

/** A partner's messages by webhook id, or its dead letters settled since a time. */
export async function findPartnerMessages(
  db: Db,
  partnerId: string,
  select: { webhookId: string } | { deadSince: string; limit: number },
): Promise<StoredMessage[]> {
  const rows = await db
    .selectFrom("webhook_messages")
    .selectAll()
    .where("partner_id", "=", partnerId)
    .$if("webhookId" in select, (q) =>
      q.where("webhook_id", "=", (select as { webhookId: string }).webhookId),
    )
    .$if("deadSince" in select, (q) =>
      q
        .where("state", "=", "dead")
        .where("settled_at", ">=", (select as { deadSince: string }).deadSince)
        .orderBy("event_id")
        .limit((select as { limit: number }).limit),
    )
    .execute();
  return rows.map(toStoredMessage);
}

/**
 * Puts settled messages back in the queue's hands, from a first attempt: pending and never sent,
 * so the next claim sends them. Not a message that a newer one for the same partner, story and
 * language has replaced (the caller checked; the condition here closes the race).
 */
export async function reopenMessages(
  db: Db,
  webhookIds: readonly string[],
  now: string,
): Promise<string[]> {
  if (webhookIds.length === 0) return [];
  const rows = await db
    .updateTable("webhook_messages")
    .set({ state: "pending", attempts: 0, enqueued_at: null, due_at: now, settled_at: null })
    .where(
      "webhook_id",
      "in",
      sql<string>`(select value from json_each(${JSON.stringify(webhookIds)}))`,
    )
    .where(
      sql<boolean>`not exists (select 1 from webhook_messages n
        where n.partner_id = webhook_messages.partner_id and n.story_id = webhook_messages.story_id
          and n.lang = webhook_messages.lang and n.version > webhook_messages.version)`,
    )
    .returning("webhook_id")
    .execute();
  return rows.map((r) => r.webhook_id);
}

/** Whether a newer message for the same partner, story and language exists. */
export async function hasNewerMessage(db: Db, message: WebhookMessage): Promise<boolean> {
  const row = await db
    .selectFrom("webhook_messages")
    .select("webhook_id")
    .where("partner_id", "=", message.partnerId)
    .where("story_id", "=", message.storyId)
    .where("lang", "=", message.lang)
    .where("version", ">", message.version)
    .executeTakeFirst();
  return row !== undefined;
}

function toStoredMessage(row: {
  webhook_id: string;
  partner_id: string;
  event_id: number;
  story_id: string;
  lang: string;
  event_type: WebhookEventType;
  version: number;
  occurred_at: string;
  origin: string;
  state: MessageState;
  attempts: number;
  settled_at: string | null;
}): StoredMessage {
  return {
    webhookId: row.webhook_id,
    partnerId: row.partner_id,
    eventId: row.event_id,
    storyId: row.story_id,
    lang: row.lang as LangTag,
    type: row.event_type,
    version: row.version,
    occurredAt: row.occurred_at,
    origin: row.origin,
    state: row.state,
    attempts: row.attempts,
    settledAt: row.settled_at,
  };
}
