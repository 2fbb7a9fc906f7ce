import type { Delivery } from "../domain/partner";
import type { LangTag } from "../i18n/languages";
import { chunkRows, type Db } from "./client";

/** The delivery log: one record per queued message, attempt and dead letter. */

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
