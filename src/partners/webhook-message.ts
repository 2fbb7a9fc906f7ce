import type { WebhookEventType } from "../domain/partner";
import type { LangTag } from "../i18n/languages";

/**
 * One queue message per (partner, event), as stored in webhook_messages (the outbox): each partner's delivery is retried, delayed and
 * dead-lettered on its own, so a slow or failing receiver never holds up another partner.
 * The message names the event; the consumer renders the story as it is at delivery time.
 */
export interface WebhookMessage {
  /** The Standard Webhooks `webhook-id`: stable across retries, so receivers can deduplicate. */
  webhookId: string;
  partnerId: string;
  eventId: number;
  storyId: string;
  lang: LangTag;
  type: WebhookEventType;
  /** The story's version after the event: a receiver may order deliveries by it. */
  version: number;
  /** When the event happened (the `timestamp` of the payload). */
  occurredAt: string;
  /** The public origin the document's links use (a queue consumer has no request to ask). */
  origin: string;
}

/**
 * A new opaque `webhook-id`: random, so it tells a receiver nothing about other partners or
 * the event counter. Stored with the message, so every attempt and every re-send carries it.
 */
export function newWebhookId(): string {
  return `msg_${crypto.randomUUID().replaceAll("-", "")}`;
}
