import { sql } from "kysely";
import {
  type Partner,
  type Subscription,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
} from "../domain/partner";
import type { LangTag } from "../i18n/languages";
import { DEFAULT_WEBHOOK_FORMAT, isWebhookFormat } from "../partners/webhook-format";
import type { Db } from "./client";
import type { PartnerRow } from "./schema";

/** Columns every read returns: never the key hash nor the signing secret. */
const PUBLIC_COLUMNS = [
  "id",
  "name",
  "languages",
  "categories",
  "licence",
  "webhook_url",
  "key_prefix",
  "status",
  "created_at",
  "updated_at",
  "last_used_at",
  "previous_key_until",
  "previous_secret_until",
  "webhook_events",
  "webhook_categories",
  "webhook_format",
] as const;

type PublicRow = Pick<PartnerRow, (typeof PUBLIC_COLUMNS)[number]>;

function toPartner(row: PublicRow): Partner {
  return {
    id: row.id,
    name: row.name,
    languages: JSON.parse(row.languages) as LangTag[],
    categories: row.categories === null ? "all" : (JSON.parse(row.categories) as string[]),
    licence: row.licence,
    webhookUrl: row.webhook_url,
    keyPrefix: row.key_prefix,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastUsedAt: row.last_used_at,
    keyOverlapUntil: row.previous_key_until,
    secretOverlapUntil: row.previous_secret_until,
    subscription: {
      events:
        row.webhook_events === null
          ? [...WEBHOOK_EVENT_TYPES]
          : (JSON.parse(row.webhook_events) as WebhookEventType[]),
      categories:
        row.webhook_categories === null ? "all" : (JSON.parse(row.webhook_categories) as string[]),
      // A format this build does not render (written by a newer one) falls back to the default.
      format: isWebhookFormat(row.webhook_format) ? row.webhook_format : DEFAULT_WEBHOOK_FORMAT,
    },
  };
}

export interface NewPartner {
  partner: Partner;
  keyHash: string;
  webhookSecret: string;
}

export async function insertPartner(db: Db, { partner, keyHash, webhookSecret }: NewPartner) {
  await db
    .insertInto("partners")
    .values({
      id: partner.id,
      name: partner.name,
      languages: JSON.stringify(partner.languages),
      categories: partner.categories === "all" ? null : JSON.stringify(partner.categories),
      licence: partner.licence,
      webhook_url: partner.webhookUrl,
      webhook_secret: webhookSecret,
      key_hash: keyHash,
      key_prefix: partner.keyPrefix,
      status: partner.status,
      created_at: partner.createdAt,
      updated_at: partner.updatedAt,
      last_used_at: null,
      webhook_format: partner.subscription.format,
    })
    .execute();
}

export async function listPartners(db: Db): Promise<Partner[]> {
  const rows = await db
    .selectFrom("partners")
    .select(PUBLIC_COLUMNS)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(toPartner);
}

export async function findPartner(db: Db, id: string): Promise<Partner | null> {
  const row = await db
    .selectFrom("partners")
    .select(PUBLIC_COLUMNS)
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? toPartner(row) : null;
}

/**
 * The partner holding a key (by its hash), whatever its status: its current key, or the one
 * before the last rotation while the overlap window is open at `now`. Two indexed lookups.
 */
export async function findPartnerByKeyHash(
  db: Db,
  keyHash: string,
  now: string,
): Promise<Partner | null> {
  const row = await db
    .selectFrom("partners")
    .select(PUBLIC_COLUMNS)
    .where((eb) =>
      eb.or([
        eb("key_hash", "=", keyHash),
        eb.and([eb("previous_key_hash", "=", keyHash), eb("previous_key_until", ">", now)]),
      ]),
    )
    .executeTakeFirst();
  return row ? toPartner(row) : null;
}

/**
 * A partner with the secrets its webhooks are signed with at `now`, for the delivery consumer
 * only: the current one, then the previous one while the overlap window is open.
 */
export async function findPartnerForDelivery(
  db: Db,
  id: string,
  now: string,
): Promise<{ partner: Partner; webhookSecrets: string[] } | null> {
  const row = await db
    .selectFrom("partners")
    .select([...PUBLIC_COLUMNS, "webhook_secret", "previous_webhook_secret"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const overlapping =
    row.previous_webhook_secret !== null &&
    row.previous_secret_until !== null &&
    row.previous_secret_until > now;
  return {
    partner: toPartner(row),
    webhookSecrets: overlapping
      ? [row.webhook_secret, row.previous_webhook_secret as string]
      : [row.webhook_secret],
  };
}

/** Active partners with a webhook URL: who a story event may be pushed to. */
export async function listWebhookPartners(db: Db): Promise<Partner[]> {
  const rows = await db
    .selectFrom("partners")
    .select(PUBLIC_COLUMNS)
    .where("status", "=", "active")
    .where("webhook_url", "is not", null)
    .execute();
  return rows.map(toPartner);
}

export interface PartnerChanges {
  name?: string;
  languages?: LangTag[];
  categories?: "all" | string[];
  licence?: Partner["licence"];
  webhookUrl?: string | null;
  /** A new key; the current one becomes the previous, working until `until` (null: not at all). */
  key?: { hash: string; prefix: string; previousUntil: string | null };
  /** A new signing secret; the current one signs too until `until` (null: not at all). */
  webhookSecret?: { secret: string; previousUntil: string | null };
  /** Ends an overlap window now: only the current key (or secret) works. */
  endKeyOverlap?: true;
  endSecretOverlap?: true;
  subscription?: Subscription;
  status?: "revoked";
}

/** Applies changes to an active partner; false when there is none (unknown or revoked). */
export async function updateActivePartner(
  db: Db,
  id: string,
  changes: PartnerChanges,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable("partners")
    .set({
      updated_at: now,
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.languages !== undefined && { languages: JSON.stringify(changes.languages) }),
      ...(changes.categories !== undefined && {
        categories: changes.categories === "all" ? null : JSON.stringify(changes.categories),
      }),
      ...(changes.licence !== undefined && { licence: changes.licence }),
      ...(changes.webhookUrl !== undefined && { webhook_url: changes.webhookUrl }),
      // SQLite evaluates every SET expression on the row as it was: `key_hash` here is the old key.
      ...(changes.key !== undefined && {
        previous_key_hash: changes.key.previousUntil === null ? null : sql<string>`key_hash`,
        previous_key_until: changes.key.previousUntil,
        key_hash: changes.key.hash,
        key_prefix: changes.key.prefix,
      }),
      ...(changes.webhookSecret !== undefined && {
        previous_webhook_secret:
          changes.webhookSecret.previousUntil === null ? null : sql<string>`webhook_secret`,
        previous_secret_until: changes.webhookSecret.previousUntil,
        webhook_secret: changes.webhookSecret.secret,
      }),
      ...(changes.endKeyOverlap && { previous_key_hash: null, previous_key_until: null }),
      ...(changes.endSecretOverlap && {
        previous_webhook_secret: null,
        previous_secret_until: null,
      }),
      ...(changes.subscription !== undefined && {
        webhook_events: JSON.stringify(changes.subscription.events),
        webhook_categories:
          changes.subscription.categories === "all"
            ? null
            : JSON.stringify(changes.subscription.categories),
        webhook_format: changes.subscription.format,
      }),
      ...(changes.status !== undefined && { status: changes.status }),
    })
    .where("id", "=", id)
    .where("status", "=", "active")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records use, at most once a minute per partner: a read-mostly key stays read-mostly. */
export async function touchLastUsed(db: Db, id: string, now: string, before: string) {
  await db
    .updateTable("partners")
    .set({ last_used_at: now })
    .where("id", "=", id)
    .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<", before)]))
    .execute();
}
