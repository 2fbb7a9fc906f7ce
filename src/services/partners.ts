import type { Db } from "../db/client";
import { listDeliveries } from "../db/deliveries";
import {
  findPartner,
  findPartnerByKeyHash,
  insertPartner,
  listPartners,
  type PartnerChanges,
  touchLastUsed,
  updateActivePartner,
} from "../db/partners";
import { listCategories } from "../db/taxonomy";
import type { Delivery, Partner } from "../domain/partner";
import type { LangTag } from "../i18n/languages";
import {
  hashApiKey,
  keyPrefixOf,
  looksLikeApiKey,
  newApiKey,
  newWebhookSecret,
} from "../partners/credentials";
import type { PartnerLicence } from "../partners/ninjs";
import { webhookUrlProblem } from "../partners/webhook-url";
import { Conflict, Invalid, NotFound, Unprocessable } from "./errors";

export interface PartnerInput {
  name: string;
  languages: LangTag[];
  categories: "all" | string[];
  licence: PartnerLicence;
  webhookUrl: string | null;
}

/** A partner with the credentials it is shown exactly once. */
export interface IssuedPartner {
  partner: Partner;
  key: string;
  webhookSecret: string;
}

/** Whether webhook URLs may point at this machine (local development only). */
export interface WebhookPolicy {
  allowLocal: boolean;
}

export async function createPartner(
  db: Db,
  input: PartnerInput,
  policy: WebhookPolicy,
  now: Date,
): Promise<IssuedPartner> {
  checkWebhookUrl(input.webhookUrl, policy);
  await checkCategories(db, input.categories);
  const stamp = now.toISOString();
  const key = newApiKey();
  const webhookSecret = newWebhookSecret();
  const partner: Partner = {
    id: crypto.randomUUID(),
    name: input.name,
    languages: input.languages,
    categories: input.categories,
    licence: input.licence,
    webhookUrl: input.webhookUrl,
    keyPrefix: keyPrefixOf(key),
    status: "active",
    createdAt: stamp,
    updatedAt: stamp,
    lastUsedAt: null,
  };
  await insertPartner(db, { partner, keyHash: await hashApiKey(key), webhookSecret });
  return { partner, key, webhookSecret };
}

export function listAllPartners(db: Db): Promise<Partner[]> {
  return listPartners(db);
}

export async function getPartner(db: Db, id: string): Promise<Partner> {
  const partner = await findPartner(db, id);
  if (!partner) throw new NotFound(`no partner ${id}`);
  return partner;
}

export async function updatePartner(
  db: Db,
  id: string,
  patch: Partial<PartnerInput>,
  policy: WebhookPolicy,
  now: Date,
): Promise<Partner> {
  if (patch.webhookUrl !== undefined) checkWebhookUrl(patch.webhookUrl, policy);
  if (patch.categories !== undefined) await checkCategories(db, patch.categories);
  const changes: PartnerChanges = {};
  if (patch.name !== undefined) changes.name = patch.name;
  if (patch.languages !== undefined) changes.languages = patch.languages;
  if (patch.categories !== undefined) changes.categories = patch.categories;
  if (patch.licence !== undefined) changes.licence = patch.licence;
  if (patch.webhookUrl !== undefined) changes.webhookUrl = patch.webhookUrl;
  await changeActive(db, id, changes, now);
  return getPartner(db, id);
}

/** A new key; the old one stops working with this write (lookups go by the stored hash). */
export async function rotateKey(db: Db, id: string, now: Date): Promise<IssuedKey> {
  const key = newApiKey();
  await changeActive(db, id, { keyHash: await hashApiKey(key), keyPrefix: keyPrefixOf(key) }, now);
  return { partner: await getPartner(db, id), key };
}

export interface IssuedKey {
  partner: Partner;
  key: string;
}

/** A new signing secret: every delivery from now on, retries included, is signed with it. */
export async function rotateWebhookSecret(
  db: Db,
  id: string,
  now: Date,
): Promise<{ partner: Partner; webhookSecret: string }> {
  const webhookSecret = newWebhookSecret();
  await changeActive(db, id, { webhookSecret }, now);
  return { partner: await getPartner(db, id), webhookSecret };
}

/** Revoked for good: the key answers 401 from the next request on, webhooks stop. */
export async function revokePartner(db: Db, id: string, now: Date): Promise<Partner> {
  await changeActive(db, id, { status: "revoked" }, now);
  return getPartner(db, id);
}

export async function partnerDeliveries(
  db: Db,
  id: string,
  paging: { limit: number; before?: number },
): Promise<Delivery[]> {
  await getPartner(db, id);
  return listDeliveries(db, id, paging);
}

/**
 * The active partner holding a key, or why not: a key that is malformed, unknown, or revoked.
 * Marks the key used, at most once a minute (`markUsed` runs after the response).
 */
export async function authenticatePartner(
  db: Db,
  key: string,
  now: Date,
): Promise<{ partner: Partner; markUsed: (() => Promise<void>) | null } | "unknown" | "revoked"> {
  if (!looksLikeApiKey(key)) return "unknown";
  const partner = await findPartnerByKeyHash(db, await hashApiKey(key));
  if (!partner) return "unknown";
  if (partner.status !== "active") return "revoked";
  const minuteAgo = new Date(now.getTime() - 60_000).toISOString();
  const stale = partner.lastUsedAt === null || partner.lastUsedAt < minuteAgo;
  return {
    partner,
    markUsed: stale ? () => touchLastUsed(db, partner.id, now.toISOString(), minuteAgo) : null,
  };
}

async function changeActive(db: Db, id: string, changes: PartnerChanges, now: Date) {
  if (await updateActivePartner(db, id, changes, now.toISOString())) return;
  const partner = await getPartner(db, id);
  throw new Conflict(`partner ${id} is ${partner.status}; create a new partner instead`, {
    partnerId: id,
    partnerStatus: partner.status,
  });
}

function checkWebhookUrl(url: string | null, policy: WebhookPolicy) {
  if (url === null) return;
  const problem = webhookUrlProblem(url, policy.allowLocal);
  if (problem) {
    throw new Invalid(`webhookUrl ${problem}`, [{ path: "/webhookUrl", message: problem }]);
  }
}

async function checkCategories(db: Db, categories: "all" | string[]) {
  if (categories === "all") return;
  const known = new Set((await listCategories(db)).map((c) => c.id));
  const fields = categories.flatMap((id, i) =>
    known.has(id) ? [] : [{ path: `/categories/${i}`, message: `unknown category ${id}` }],
  );
  if (fields.length > 0) throw new Unprocessable(fields.map((f) => f.message).join("; "), fields);
}
