import type { Db } from "../db/client";
import {
  claimMessagesToSend,
  type EventToAnnounce,
  findMessage,
  findPartnerMessages,
  hasNewerMessage,
  listEventsToAnnounce,
  type NewDelivery,
  readOutbox,
  recordDeliveries,
  recordFailedAttempt,
  recordFanOut,
  reopenMessages,
  type StoredMessage,
  settleMessage,
} from "../db/deliveries";
import {
  hasNewerPartnerEvent,
  holderKey,
  holdsStory,
  listHolders,
  recordReceipts,
  surfaceDuePublications,
} from "../db/partner-sync";
import { findPartner, findPartnerForDelivery, listWebhookPartners } from "../db/partners";
import { findRemovedVariants, removedKey } from "../db/removed-variants";
import { getStory } from "../db/stories";
import { listAuthors, listCategories } from "../db/taxonomy";
import { coversCategory, coversLanguage, type Partner, subscribesTo } from "../domain/partner";
import { storyForLanguage } from "../domain/removed-variant";
import type { Story } from "../domain/story";
import {
  isVisibleToPartners,
  PARTNER_EVENT_KINDS,
  partnerReleaseTime,
  WEBHOOK_EVENT_TYPES,
} from "../domain/story-lifecycle";
import { signatureHeaders } from "../partners/signature";
import { renderWebhookData } from "../partners/webhook-format";
import { newWebhookId, type WebhookMessage } from "../partners/webhook-message";
import { webhookUrlProblem } from "../partners/webhook-url";
import { Conflict, NotFound } from "./errors";
import { type NinjsContext, ninjsInput } from "./partner-content";
import type { WebhookPolicy } from "./partners";

/** Who is calling, for receivers' logs and firewalls: the sender and its payload version. */
export const WEBHOOK_USER_AGENT = "newsroom-webhooks/1";
/** A receiver gets this long to answer before the attempt counts as failed. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** Tries in all (wrangler.toml max_retries 7, plus the first): then the message is dead. */
export const WEBHOOK_MAX_TRIES = 8;
/** Backoff: 30 s, 1, 2, 4, 8, 16, 32 min...; capped at an hour. */
const FIRST_RETRY_SECONDS = 30;
const MAX_RETRY_SECONDS = 3600;
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
/** Dead letters one replay request re-sends at most. */
export const MAX_REPLAY = 1000;

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
  await surfaceDuePublications(db, stamp);
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
    const type = WEBHOOK_EVENT_TYPES[event.kind];
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
async function sendDue(db: Db, queue: WebhookQueue, now: Date): Promise<number> {
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

/** What the WEBHOOKS consumer decided for one message. */
export type DeliveryOutcome = { ack: true } | { ack: false; retryInSeconds: number };

/** Rights and links for the documents, from configuration and the message. */
export type NinjsContextFor = (message: WebhookMessage) => NinjsContext;

/**
 * Delivers one message: the story as it is now, as ninjs 3.1 in the partner's licence, POSTed
 * with Standard Webhooks signature headers and the story version. Every attempt is recorded.
 * 2xx: done, and the partner is recorded as holding the story. A network error, a timeout or
 * any other status: retried later with exponential backoff, until the tries run out.
 * Acknowledged without a POST: a message no longer pending (delivered, replaced, dead), one a
 * newer message or event for the same story variant supersedes (never an older state after a
 * newer one), and one whose partner was revoked, lost its webhook URL or its reach to the story.
 */
export async function deliverWebhook(
  db: Db,
  message: WebhookMessage,
  context: NinjsContextFor,
  now: Date,
  policy: WebhookPolicy,
): Promise<DeliveryOutcome> {
  const stamp = now.toISOString();
  const stored = await findMessage(db, message.webhookId);
  if (stored?.state !== "pending") return { ack: true };
  if (stored.attempts >= WEBHOOK_MAX_TRIES) {
    await recordDeadLetters(db, [{ message: stored, attempts: stored.attempts }], now);
    return { ack: true };
  }
  const attempt = stored.attempts + 1;
  if (
    (await hasNewerMessage(db, stored)) ||
    (await hasNewerPartnerEvent(db, stored.storyId, stored.lang, stored.version))
  ) {
    await settleMessage(db, stored.webhookId, "superseded", null, stamp);
    return { ack: true };
  }
  const found = await findPartnerForDelivery(db, stored.partnerId, stamp);
  const story = await storyToDeliver(db, stored);
  const partner = found?.partner;
  if (!found || !partner || !story || !(await mayReceive(db, partner, story, stored, stamp))) {
    await settleMessage(db, stored.webhookId, "dropped", null, stamp);
    return { ack: true };
  }
  const [categories, authors] = await Promise.all([listCategories(db), listAuthors(db)]);
  const category = categories.find((c) => c.id === story.categoryId);
  if (!category || !partner.webhookUrl) {
    await settleMessage(db, stored.webhookId, "dropped", null, stamp);
    return { ack: true };
  }
  // Checked again at every delivery: a URL stored before the policy tightened (a final-dot
  // "localhost.", an IPv6 form of a private IPv4 address) must not be POSTed to either.
  const refused = webhookUrlProblem(partner.webhookUrl, policy.allowLocal);
  if (refused) {
    await settleMessage(db, stored.webhookId, "dead", attempt, stamp);
    await recordDeliveries(db, [
      {
        ...deliveryRecord(stored, { attempt, status: "dead", at: stamp }),
        error: `not sent: the webhook URL ${refused}`,
      },
    ]);
    return { ack: true };
  }
  const data = renderWebhookData(
    partner.subscription.format,
    ninjsInput(story, stored.lang, category, authors, partner, context(stored), stamp),
  );
  const body = JSON.stringify({
    type: stored.type,
    timestamp: stored.occurredAt,
    version: story.version,
    data,
  });
  let responseCode: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(partner.webhookUrl, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": WEBHOOK_USER_AGENT,
        // Not part of the signature: the signed body carries the same `version`.
        "Story-Version": String(story.version),
        ...signatureHeaders(found.webhookSecrets, stored.webhookId, now, body),
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
  const nextAttemptAt = delivered
    ? null
    : new Date(now.getTime() + retryInSeconds * 1000).toISOString();
  await recordDeliveries(db, [
    {
      ...deliveryRecord(stored, {
        attempt,
        status: delivered ? "delivered" : "failed",
        at: stamp,
      }),
      responseCode,
      error,
      nextAttemptAt,
    },
  ]);
  if (delivered) {
    await settleMessage(db, stored.webhookId, "delivered", attempt, stamp);
    await recordReceipts(
      db,
      [{ partnerId: partner.id, storyId: story.id, lang: stored.lang, version: story.version }],
      "webhook",
      stamp,
    );
    return { ack: true };
  }
  await recordFailedAttempt(db, stored.webhookId, attempt, nextAttemptAt as string);
  return { ack: false, retryInSeconds };
}

/**
 * Whether a partner may still be sent this story variant: an active partner with a webhook
 * URL, the variant live or withdrawn, and either in the partner's licence or already held by it.
 */
async function mayReceive(
  db: Db,
  partner: Partner,
  story: Story,
  message: WebhookMessage,
  stamp: string,
): Promise<boolean> {
  if (partner.status !== "active" || !partner.webhookUrl) return false;
  if (!isVisibleToPartners(story, stamp)) return false;
  if (coversLanguage(partner, message.lang) && coversCategory(partner, story.categoryId)) {
    return true;
  }
  return holdsStory(db, partner.id, story.id, message.lang);
}

/** The story as the message's language stands now: its takedown once the variant was removed. */
async function storyToDeliver(db: Db, message: WebhookMessage): Promise<Story | null> {
  const story = await getStory(db, message.storyId);
  if (!story) return null;
  const removed = story.variants[message.lang]
    ? undefined
    : (await findRemovedVariants(db, [story.id])).get(removedKey(story.id, message.lang));
  return storyForLanguage(story, message.lang, removed);
}

/** These messages ran out of tries (or reached the dead-letter queue): recorded dead. */
export async function recordDeadLetters(
  db: Db,
  letters: readonly { message: WebhookMessage; attempts: number }[],
  now: Date,
): Promise<void> {
  const stamp = now.toISOString();
  for (const { message } of letters) {
    await settleMessage(db, message.webhookId, "dead", null, stamp);
  }
  await recordDeliveries(
    db,
    letters.map(({ message, attempts }) => ({
      ...deliveryRecord(message, { attempt: attempts, status: "dead", at: stamp }),
      error: "gave up after the last retry",
    })),
  );
}

/** What a replay put back in the queue's hands. */
export interface Replay {
  replayed: string[];
  /** Asked for, but a newer message for the same story variant replaced them. */
  superseded: string[];
}

/**
 * Sends one message of a partner again, from a first attempt, with the same webhook-id (the
 * receiver deduplicates it if it did get it). Refused while it is still pending, and when a
 * newer message for the same story variant exists: that one carries the current state.
 */
export async function replayMessage(
  db: Db,
  queue: WebhookQueue,
  partnerId: string,
  webhookId: string,
  now: Date,
): Promise<Replay> {
  await replayablePartner(db, partnerId);
  const [message] = await findPartnerMessages(db, partnerId, { webhookId });
  if (!message) throw new NotFound(`partner ${partnerId} has no delivery ${webhookId}`);
  if (message.state === "pending") {
    throw new Conflict(`delivery ${webhookId} is still pending; the queue is trying it`, {
      webhookId,
      state: message.state,
    });
  }
  const replay = await reopen(db, queue, [message], now);
  if (replay.replayed.length === 0) {
    throw new Conflict(
      `delivery ${webhookId} was superseded by a newer delivery of story ${message.storyId} (${message.lang}); that one carries the current state`,
      { webhookId, state: "superseded" },
    );
  }
  return replay;
}

/** Sends again every dead letter of a partner that died at or after `since`, oldest first. */
export async function replayDeadLetters(
  db: Db,
  queue: WebhookQueue,
  partnerId: string,
  since: Date,
  now: Date,
): Promise<Replay> {
  await replayablePartner(db, partnerId);
  const dead = await findPartnerMessages(db, partnerId, {
    deadSince: since.toISOString(),
    limit: MAX_REPLAY,
  });
  return reopen(db, queue, dead, now);
}

async function reopen(
  db: Db,
  queue: WebhookQueue,
  messages: readonly StoredMessage[],
  now: Date,
): Promise<Replay> {
  const ids = messages.map((m) => m.webhookId);
  const reopened = new Set(await reopenMessages(db, ids, now.toISOString()));
  if (reopened.size > 0) await sendDue(db, queue, now);
  return {
    replayed: ids.filter((id) => reopened.has(id)),
    superseded: ids.filter((id) => !reopened.has(id)),
  };
}

async function replayablePartner(db: Db, partnerId: string): Promise<Partner> {
  const partner = await findPartner(db, partnerId);
  if (!partner) throw new NotFound(`no partner ${partnerId}`);
  if (partner.status !== "active" || !partner.webhookUrl) {
    throw new Conflict(
      partner.status !== "active"
        ? `partner ${partnerId} is ${partner.status}; nothing can be delivered to it`
        : `partner ${partnerId} has no webhook URL; set one first`,
      { partnerId, partnerStatus: partner.status },
    );
  }
  return partner;
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
    version: message.version,
    attempt,
    status,
    responseCode: null,
    error: null,
    attemptedAt: at,
    nextAttemptAt: null,
  };
}
