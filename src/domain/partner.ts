import type { LangTag } from "../i18n/languages";
import type { PartnerLicence } from "../partners/ninjs";

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
