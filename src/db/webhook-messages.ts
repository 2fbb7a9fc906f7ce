import { sql } from "kysely";
import type { WebhookEventType } from "../domain/partner";
import type { LangTag } from "../i18n/languages";
import type { WebhookMessage } from "../partners/webhook-message";
import type { Db } from "./client";

/** The outbox's messages, one per partner and event, and where each stands. */

export type MessageState = "pending" | "delivered" | "superseded" | "dropped" | "dead";

/** A message with where it stands. */
export interface StoredMessage extends WebhookMessage {
  state: MessageState;
  attempts: number;
  settledAt: string | null;
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
