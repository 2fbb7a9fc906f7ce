import type { Db } from "../db/client";
import { type NewDelivery, recordDeliveries } from "../db/deliveries";
import { holderKey, listHolders, surfaceDuePublicationsIfAny } from "../db/partner-sync";
import { listWebhookPartners } from "../db/partners";
import { claimMessagesToSend, type StoredMessage } from "../db/webhook-messages";
import {
  type EventToAnnounce,
  listEventsToAnnounce,
  readOutbox,
  recordFanOut,
} from "../db/webhook-outbox";
import { coversCategory, coversLanguage, type Partner, subscribesTo } from "../domain/partner";
import {
  isVisibleToPartners,
  PARTNER_EVENT_KINDS,
  partnerReleaseTime,
  WEBHOOK_TYPE_OF_EVENT,
} from "../domain/story-lifecycle";
import { newWebhookId, type WebhookMessage } from "../partners/webhook-message";

/**
 * A pending message the queue should have handed over this long ago was lost (a local queue
 * forgets its messages on restart): the sweeper sends it again. Long enough that a message
 * merely waiting in a busy queue is not sent twice; the receiver deduplicates on webhook-id anyway.
 */
export const OVERDUE_AFTER_MS = 10 * 60_000;
/** Events read per fan-out round, and messages claimed per send round. */
const ROUND_SIZE = 500;
/** Rounds per dispatch: a backlog larger than this waits for the next sweep. */
const MAX_ROUNDS = 10;
/** Queue.sendBatch takes at most 100 messages. */
const SEND_BATCH = 100;

/** The sending half of the WEBHOOKS queue binding. */
export type WebhookQueue = Pick<Queue<WebhookMessage>, "sendBatch">;

export interface DispatchResult {
  /** Messages the fan-out created. */
  fannedOut: number;
  /** Messages handed to the queue (new ones, and lost ones sent again). */
  sent: number;
}

/**
 * Announces to partners whatever the event log holds and they have not been told: surfaces
 * scheduled stories that came due (went_live events), turns every story event not yet fanned
 * out into one message per partner it concerns (the outbox), and hands the queue every message
 * never sent or lost on the way. Runs after each newsroom write's response and from the minute
 * Cron Trigger: a write that committed just before the process died is announced by the next
 * sweep, because its events were committed with it. `origin` is the request's public origin
 * (null from the cron, which then uses the last one a request gave).
 */
export async function dispatchWebhooks(
  db: Db,
  queue: WebhookQueue,
  { origin, now }: { origin: string | null; now: Date },
): Promise<DispatchResult> {
  const stamp = now.toISOString();
  await surfaceDuePublicationsIfAny(db, stamp);
  const fannedOut = await fanOut(db, origin, stamp);
  const sent = await sendDue(db, queue, now);
  return { fannedOut, sent };
}

async function fanOut(db: Db, origin: string | null, stamp: string): Promise<number> {
  let created = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const outbox = await readOutbox(db);
    const events = await listEventsToAnnounce(db, outbox.announcedThrough, ROUND_SIZE);
    const last = events.at(-1);
    if (!last) break;
    const partners = await listWebhookPartners(db);
    const storyIds = [
      ...new Set(events.map((e) => e.event.storyId).filter((id): id is string => id !== null)),
    ];
    const holders = partners.length > 0 ? await listHolders(db, storyIds) : new Set<string>();
    const messages = messagesFor(events, partners, holders, origin ?? outbox.origin ?? "", stamp);
    await recordFanOut(db, messages, last.event.id, origin, stamp);
    created += messages.length;
    if (events.length < ROUND_SIZE) break;
  }
  return created;
}

/**
 * The messages a batch of events calls for. An event is announced when its story is live or
 * withdrawn now and the event happened once the story was live (a write to a story still
 * waiting for its time is announced by its went_live). It goes to every partner with a webhook
 * whose languages and categories cover it, and to every partner that holds the story variant
 * (the ledger), whatever its category is now: a takedown must reach whoever has the story.
 */
function messagesFor(
  events: readonly EventToAnnounce[],
  partners: readonly Partner[],
  holders: ReadonlySet<string>,
  origin: string,
  stamp: string,
): WebhookMessage[] {
  const messages: WebhookMessage[] = [];
  for (const { event, story } of events) {
    const type = WEBHOOK_TYPE_OF_EVENT[event.kind];
    if (
      !type ||
      !PARTNER_EVENT_KINDS.includes(event.kind) ||
      event.storyId === null ||
      event.version === null ||
      !story ||
      // Partners have it from its release (under embargo, before publication) on.
      !isVisibleToPartners(story, stamp) ||
      event.occurredAt < (partnerReleaseTime(story) ?? "")
    ) {
      continue;
    }
    for (const partner of partners) {
      // What the partner chose to receive: an event type it left out produces no message;
      // categories narrow what it is sent for its licence, not what reaches it as a holder.
      if (!partner.subscription.events.includes(type)) continue;
      const inScope =
        coversLanguage(partner, event.lang) &&
        coversCategory(partner, story.categoryId) &&
        subscribesTo(partner, type, story.categoryId);
      if (!inScope && !holders.has(holderKey(partner.id, event.storyId, event.lang))) continue;
      messages.push({
        webhookId: newWebhookId(),
        partnerId: partner.id,
        eventId: event.id,
        storyId: event.storyId,
        lang: event.lang,
        type,
        version: event.version,
        occurredAt: event.occurredAt,
        origin,
      });
    }
  }
  return messages;
}

/** Hands the queue every pending message never sent, or overdue (lost on the way). */
export async function sendDue(db: Db, queue: WebhookQueue, now: Date): Promise<number> {
  const stamp = now.toISOString();
  const overdueBefore = new Date(now.getTime() - OVERDUE_AFTER_MS).toISOString();
  let sent = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const claimed = await claimMessagesToSend(db, stamp, overdueBefore, ROUND_SIZE);
    if (claimed.length === 0) break;
    await recordDeliveries(
      db,
      claimed.map((m) => deliveryRecord(m, { attempt: m.attempts, status: "pending", at: stamp })),
    );
    for (let i = 0; i < claimed.length; i += SEND_BATCH) {
      await queue.sendBatch(
        claimed.slice(i, i + SEND_BATCH).map((m) => ({ body: messageBody(m) })),
      );
    }
    sent += claimed.length;
    if (claimed.length < ROUND_SIZE) break;
  }
  return sent;
}

function messageBody(m: StoredMessage): WebhookMessage {
  return {
    webhookId: m.webhookId,
    partnerId: m.partnerId,
    eventId: m.eventId,
    storyId: m.storyId,
    lang: m.lang,
    type: m.type,
    version: m.version,
    occurredAt: m.occurredAt,
    origin: m.origin,
  };
}

export function deliveryRecord(
  message: WebhookMessage,
  { attempt, status, at }: { attempt: number; status: NewDelivery["status"]; at: string },
): NewDelivery {
  return {
    partnerId: message.partnerId,
    webhookId: message.webhookId,
    eventId: message.eventId,
    storyId: message.storyId,
    lang: message.lang,
    eventType: message.type,
    version: message.version,
    attempt,
    status,
    responseCode: null,
    error: null,
    attemptedAt: at,
    nextAttemptAt: null,
  };
}
