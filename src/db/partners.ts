import type { Partner } from "../domain/partner";
import type { LangTag } from "../i18n/languages";
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

/** The partner holding a key (by its hash), whatever its status. One indexed lookup. */
export async function findPartnerByKeyHash(db: Db, keyHash: string): Promise<Partner | null> {
  const row = await db
    .selectFrom("partners")
    .select(PUBLIC_COLUMNS)
    .where("key_hash", "=", keyHash)
    .executeTakeFirst();
  return row ? toPartner(row) : null;
}

/** A partner with the secret its webhooks are signed with: for the delivery consumer only. */
export async function findPartnerForDelivery(
  db: Db,
  id: string,
): Promise<{ partner: Partner; webhookSecret: string } | null> {
  const row = await db
    .selectFrom("partners")
    .select([...PUBLIC_COLUMNS, "webhook_secret"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? { partner: toPartner(row), webhookSecret: row.webhook_secret } : null;
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
  keyHash?: string;
  keyPrefix?: string;
  webhookSecret?: string;
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
      ...(changes.keyHash !== undefined && { key_hash: changes.keyHash }),
      ...(changes.keyPrefix !== undefined && { key_prefix: changes.keyPrefix }),
      ...(changes.webhookSecret !== undefined && { webhook_secret: changes.webhookSecret }),
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
