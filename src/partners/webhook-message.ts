import type { WebhookEventType } from "../domain/partner";
import type { LangTag } from "../i18n/languages";

/**
 * One queue message per (partner, event): each partner's delivery is retried, delayed and
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
  /** When the event happened (the `timestamp` of the payload). */
  occurredAt: string;
  /** The public origin the document's links use (a queue consumer has no request to ask). */
  origin: string;
}

export function webhookIdOf(partnerId: string, eventId: number): string {
  return `msg_${eventId}_${partnerId}`;
}
