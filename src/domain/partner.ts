import type { LangTag } from "../i18n/languages";
import type { PartnerLicence } from "../partners/ninjs";
import type { WebhookFormat } from "../partners/webhook-format";

/** A partner outlet as the service works with it. Never carries its key or signing secret. */
export interface Partner {
  id: string;
  name: string;
  languages: LangTag[];
  /** "all": every category, including ones created later; otherwise category ids. */
  categories: "all" | string[];
  licence: PartnerLicence;
  webhookUrl: string | null;
  /** The key's first characters, to tell keys apart. */
  keyPrefix: string;
  status: "active" | "revoked";
  createdAt: string;
  updatedAt: string;
  lastUsedAt: string | null;
  /** Until when the key before the last rotation still works; null: no overlap. */
  keyOverlapUntil: string | null;
  /** Until when webhooks are also signed with the secret before the last rotation. */
  secretOverlapUntil: string | null;
  /** What it chose to receive by webhook, within its licence. */
  subscription: Subscription;
}

export interface Subscription {
  events: WebhookEventType[];
  /** "all": every category of the licence; otherwise category ids (within it). */
  categories: "all" | string[];
  format: WebhookFormat;
}

export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = [
  "story.published",
  "story.updated",
  "story.withdrawn",
];

/** Whether a partner's subscription lets this event reach it by webhook. */
export function subscribesTo(
  partner: Partner,
  type: WebhookEventType,
  categoryId: string,
): boolean {
  const { events, categories } = partner.subscription;
  return events.includes(type) && (categories === "all" || categories.includes(categoryId));
}

export type WebhookEventType = "story.published" | "story.updated" | "story.withdrawn";

export type DeliveryStatus = "pending" | "delivered" | "failed" | "dead";

/** One step in the life of a webhook message (see migrations/0003_partners.sql). */
export interface Delivery {
  id: number;
  partnerId: string;
  webhookId: string;
  eventId: number;
  storyId: string;
  lang: LangTag;
  eventType: WebhookEventType;
  /** The story version the message carried (null for records older than versions). */
  version: number | null;
  attempt: number;
  status: DeliveryStatus;
  responseCode: number | null;
  error: string | null;
  attemptedAt: string;
  nextAttemptAt: string | null;
}

export function coversCategory(partner: Partner, categoryId: string): boolean {
  return partner.categories === "all" || partner.categories.includes(categoryId);
}

export function coversLanguage(partner: Partner, lang: LangTag): boolean {
  return partner.languages.includes(lang);
}
