import type { Db } from "../db/client";
import { type NewDelivery, recordDeliveries } from "../db/deliveries";
import { listWriteEvents, PARTNER_EVENT_KINDS, surfaceDuePublications } from "../db/partner-sync";
import { findPartnerForDelivery, listWebhookPartners } from "../db/partners";
import { getStories, getStory } from "../db/stories";
import { listAuthors, listCategories } from "../db/taxonomy";
import {
  coversCategory,
  coversLanguage,
  type Partner,
  type WebhookEventType,
} from "../domain/partner";
import type { Story } from "../domain/story";
import type { StoryEvent, StoryEventKind } from "../domain/story-event";
import { renderNinjs3 } from "../partners/ninjs";
import { signatureHeaders } from "../partners/signature";
import { type WebhookMessage, webhookIdOf } from "../partners/webhook-message";
import { webhookUrlProblem } from "../partners/webhook-url";
import { isVisibleToPartners, type NinjsContext, ninjsInput } from "./partner-content";
import type { WebhookPolicy } from "./partners";

/** A receiver gets this long to answer before the attempt counts as failed. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** Backoff: 30 s, 1, 2, 4, 8, 16, 32 min...; capped at an hour. */
const FIRST_RETRY_SECONDS = 30;
const MAX_RETRY_SECONDS = 3600;
/** Queue.sendBatch takes at most 100 messages. */
const SEND_BATCH = 100;

const EVENT_TYPES: Partial<Record<StoryEventKind, WebhookEventType>> = {
  published: "story.published",
  rescheduled: "story.published",
  restored: "story.published",
  went_live: "story.published",
  variant_added: "story.published",
  updated: "story.updated",
  variant_updated: "story.updated",
  withdrawn: "story.withdrawn",
};

/** The sending half of the WEBHOOKS queue binding. */
export type WebhookQueue = Pick<Queue<WebhookMessage>, "sendBatch">;

/**
 * Queues one message per (partner, event) for a story write, and for any scheduled story that
 * has come due meanwhile. Runs after the editor's response (waitUntil): nothing here delays or
 * fails a write. A partner hears about events in its languages and categories, for stories live
 * or withdrawn now; a write to a scheduled story says nothing yet (its `went_live` will).
 */
export async function announceStoryWrite(
  db: Db,
  queue: WebhookQueue,
  story: Story,
  origin: string,
  now: Date,
): Promise<number> {
  const stamp = now.toISOString();
  const partners = await listWebhookPartners(db);
  if (partners.length === 0) return 0;
  const written = isVisibleToPartners(story, stamp)
    ? await listWriteEvents(db, story.id, story.version)
    : [];
  const surfaced = await surfaceDuePublications(db, stamp);
  const others = await getStories(
    db,
    [...new Set(surfaced.map((e) => e.storyId))].filter((id): id is string => id !== null),
  );
  const categoryOf = new Map([
    [story.id, story.categoryId],
    ...others.map((s) => [s.id, s.categoryId] as const),
  ]);
  return enqueue(db, queue, partners, [...written, ...surfaced], categoryOf, origin, stamp);
}

/** Queues webhooks for went_live events a partner request appended (see syncPage). */
export async function announceSurfaced(
  db: Db,
  queue: WebhookQueue,
  surfaced: readonly StoryEvent[],
  origin: string,
  now: Date,
): Promise<number> {
  if (surfaced.length === 0) return 0;
  const partners = await listWebhookPartners(db);
  if (partners.length === 0) return 0;
  const stories = await getStories(
    db,
    [...new Set(surfaced.map((e) => e.storyId))].filter((id): id is string => id !== null),
  );
  const categoryOf = new Map(stories.map((s) => [s.id, s.categoryId] as const));
  return enqueue(db, queue, partners, surfaced, categoryOf, origin, now.toISOString());
}

async function enqueue(
  db: Db,
  queue: WebhookQueue,
  partners: readonly Partner[],
  events: readonly StoryEvent[],
  categoryOf: ReadonlyMap<string, string>,
  origin: string,
  stamp: string,
): Promise<number> {
  const messages: WebhookMessage[] = [];
  for (const event of events) {
    const type = EVENT_TYPES[event.kind];
    const categoryId = event.storyId === null ? undefined : categoryOf.get(event.storyId);
    if (!type || !PARTNER_EVENT_KINDS.includes(event.kind) || !event.storyId || !categoryId) {
      continue;
    }
    for (const partner of partners) {
      if (!coversLanguage(partner, event.lang) || !coversCategory(partner, categoryId)) continue;
      messages.push({
        webhookId: webhookIdOf(partner.id, event.id),
        partnerId: partner.id,
        eventId: event.id,
        storyId: event.storyId,
        lang: event.lang,
        type,
        occurredAt: event.occurredAt,
        origin,
      });
    }
  }
  if (messages.length === 0) return 0;
  await recordDeliveries(
    db,
    messages.map((m) => deliveryRecord(m, { attempt: 0, status: "pending", at: stamp })),
  );
  for (let i = 0; i < messages.length; i += SEND_BATCH) {
    await queue.sendBatch(messages.slice(i, i + SEND_BATCH).map((body) => ({ body })));
  }
  return messages.length;
}

/** What the WEBHOOKS consumer decided for one message. */
export type DeliveryOutcome = { ack: true } | { ack: false; retryInSeconds: number };

/** Rights and links for the documents, from configuration and the message. */
export type NinjsContextFor = (message: WebhookMessage) => NinjsContext;

/**
 * Delivers one message: the story as it is now, as ninjs 3.1 in the partner's licence, POSTed
 * with Standard Webhooks signature headers. Every attempt is recorded. 2xx: done. A network
 * error, a timeout or any other status: retried later with exponential backoff, until the
 * queue gives up and dead-letters it. A message whose partner was revoked, lost its webhook
 * URL or its licence for the story is dropped (acknowledged) without a POST.
 */
export async function deliverWebhook(
  db: Db,
  message: WebhookMessage,
  attempt: number,
  context: NinjsContextFor,
  now: Date,
  policy: WebhookPolicy,
): Promise<DeliveryOutcome> {
  const found = await findPartnerForDelivery(db, message.partnerId);
  const story = await getStory(db, message.storyId);
  const partner = found?.partner;
  if (
    !found ||
    !partner ||
    partner.status !== "active" ||
    !partner.webhookUrl ||
    !story?.variants[message.lang] ||
    !coversLanguage(partner, message.lang) ||
    !coversCategory(partner, story.categoryId)
  ) {
    return { ack: true };
  }
  const stamp = now.toISOString();
  // Checked again at every delivery: a URL stored before the policy tightened (a final-dot
  // "localhost.", an IPv6 form of a private IPv4 address) must not be POSTed to either.
  const refused = webhookUrlProblem(partner.webhookUrl, policy.allowLocal);
  if (refused) {
    await recordDeliveries(db, [
      {
        ...deliveryRecord(message, { attempt, status: "dead", at: stamp }),
        error: `not sent: the webhook URL ${refused}`,
      },
    ]);
    return { ack: true };
  }
  const [categories, authors] = await Promise.all([listCategories(db), listAuthors(db)]);
  const category = categories.find((c) => c.id === story.categoryId);
  if (!category) return { ack: true };
  const data = renderNinjs3(
    ninjsInput(story, message.lang, category, authors, partner, context(message), stamp),
  );
  const body = JSON.stringify({ type: message.type, timestamp: message.occurredAt, data });
  let responseCode: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(partner.webhookUrl, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        ...signatureHeaders(found.webhookSecret, message.webhookId, now, body),
      },
      body,
      // A redirect could lead anywhere, including where webhookUrlProblem would refuse.
      redirect: "manual",
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    responseCode = response.status;
    await response.body?.cancel();
    if (!response.ok) error = `answered ${response.status}`;
  } catch (cause) {
    error = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  }
  const delivered = error === null;
  const retryInSeconds = Math.min(FIRST_RETRY_SECONDS * 2 ** (attempt - 1), MAX_RETRY_SECONDS);
  await recordDeliveries(db, [
    {
      ...deliveryRecord(message, {
        attempt,
        status: delivered ? "delivered" : "failed",
        at: stamp,
      }),
      responseCode,
      error,
      nextAttemptAt: delivered
        ? null
        : new Date(now.getTime() + retryInSeconds * 1000).toISOString(),
    },
  ]);
  return delivered ? { ack: true } : { ack: false, retryInSeconds };
}

/** The queue gave up on these messages (they reached the dead-letter queue): recorded dead. */
export async function recordDeadLetters(
  db: Db,
  letters: readonly { message: WebhookMessage; attempts: number }[],
  now: Date,
): Promise<void> {
  await recordDeliveries(
    db,
    letters.map(({ message, attempts }) => ({
      ...deliveryRecord(message, { attempt: attempts, status: "dead", at: now.toISOString() }),
      error: "gave up after the last retry",
    })),
  );
}

function deliveryRecord(
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
    attempt,
    status,
    responseCode: null,
    error: null,
    attemptedAt: at,
    nextAttemptAt: null,
  };
}
