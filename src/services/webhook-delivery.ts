import type { Db } from "../db/client";
import { recordDeliveries } from "../db/deliveries";
import { hasNewerPartnerEvent, holdsStory } from "../db/partner-sync";
import { findPartnerForDelivery } from "../db/partners";
import { findRemovedVariants, removedKey } from "../db/removed-variants";
import { getStory } from "../db/stories";
import { listAuthors, listCategories } from "../db/taxonomy";
import {
  findMessage,
  hasNewerMessage,
  recordFailedAttempt,
  settleMessage,
} from "../db/webhook-messages";
import { coversCategory, coversLanguage, type Partner } from "../domain/partner";
import { storyForLanguage } from "../domain/removed-variant";
import type { Story } from "../domain/story";
import { isVisibleToPartners } from "../domain/story-lifecycle";
import { signatureHeaders } from "../partners/signature";
import { renderWebhookData } from "../partners/webhook-format";
import type { WebhookMessage } from "../partners/webhook-message";
import { webhookUrlProblem } from "../partners/webhook-url";
import { type NinjsContext, ninjsInput } from "./partner-content";
import { recordReceived } from "./partner-ledger";
import type { WebhookPolicy } from "./partners";
import { deliveryRecord } from "./webhooks";

/** Who is calling, for receivers' logs and firewalls: the sender and its payload version. */
export const WEBHOOK_USER_AGENT = "newsroom-webhooks/1";
/** A receiver gets this long to answer before the attempt counts as failed. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** Tries in all (wrangler.toml max_retries 7, plus the first): then the message is dead. */
export const WEBHOOK_MAX_TRIES = 8;
/** Backoff: 30 s, 1, 2, 4, 8, 16, 32 min...; capped at an hour. */
const FIRST_RETRY_SECONDS = 30;
const MAX_RETRY_SECONDS = 3600;

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
    await recordReceived(
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
