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
import {
  type Delivery,
  type Partner,
  type Subscription,
  WEBHOOK_EVENT_TYPES,
} from "../domain/partner";
import type { LangTag } from "../i18n/languages";
import {
  hashApiKey,
  keyPrefixOf,
  looksLikeApiKey,
  newApiKey,
  newWebhookSecret,
} from "../partners/credentials";
import type { PartnerLicence } from "../partners/ninjs";
import { DEFAULT_WEBHOOK_FORMAT } from "../partners/webhook-format";
import { webhookUrlProblem } from "../partners/webhook-url";
import { Conflict, Invalid, NotFound, Unprocessable } from "./errors";

export interface PartnerInput {
  name: string;
  languages: LangTag[];
  categories: "all" | string[];
  licence: PartnerLicence;
  webhookUrl: string | null;
  /** Changed in part: what is left out stays as it was. */
  subscription?: Partial<Subscription>;
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
    keyOverlapUntil: null,
    secretOverlapUntil: null,
    subscription: {
      events: [...WEBHOOK_EVENT_TYPES],
      categories: "all",
      format: DEFAULT_WEBHOOK_FORMAT,
    },
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
  if (patch.subscription !== undefined) {
    const current = await getPartner(db, id);
    const subscription = { ...current.subscription, ...patch.subscription };
    checkSubscription(subscription, patch.categories ?? current.categories);
    changes.subscription = subscription;
  }
  if (patch.name !== undefined) changes.name = patch.name;
  if (patch.languages !== undefined) changes.languages = patch.languages;
  if (patch.categories !== undefined) changes.categories = patch.categories;
  if (patch.licence !== undefined) changes.licence = patch.licence;
  if (patch.webhookUrl !== undefined) changes.webhookUrl = patch.webhookUrl;
  await changeActive(db, id, changes, now);
  return getPartner(db, id);
}

/** How long the old key or secret keeps working after a rotation, unless the admin says. */
export const DEFAULT_OVERLAP_HOURS = 24;
export const MAX_OVERLAP_HOURS = 168;

/**
 * A new key. The old one keeps working for `overlapHours` (0: it stops with this write), so a
 * partner can deploy the new one without losing a request; a rotation during a window ends the
 * window of the key before.
 */
export async function rotateKey(
  db: Db,
  id: string,
  overlapHours: number,
  now: Date,
): Promise<IssuedKey> {
  const key = newApiKey();
  const hash = await hashApiKey(key);
  const previousUntil = overlapEnd(overlapHours, now);
  await changeActive(db, id, { key: { hash, prefix: keyPrefixOf(key), previousUntil } }, now);
  return { partner: await getPartner(db, id), key };
}

export interface IssuedKey {
  partner: Partner;
  key: string;
}

/**
 * A new signing secret: every delivery from now on, retries included, is signed with it, and
 * for `overlapHours` also with the old one (Standard Webhooks lists several signatures), so a
 * receiver that has not switched yet verifies every delivery.
 */
export async function rotateWebhookSecret(
  db: Db,
  id: string,
  overlapHours: number,
  now: Date,
): Promise<{ partner: Partner; webhookSecret: string }> {
  const secret = newWebhookSecret();
  const previousUntil = overlapEnd(overlapHours, now);
  await changeActive(db, id, { webhookSecret: { secret, previousUntil } }, now);
  return { partner: await getPartner(db, id), webhookSecret: secret };
}

/** Ends a key's overlap window now: only the newest key works. Nothing to end is fine. */
export async function endKeyOverlap(db: Db, id: string, now: Date): Promise<Partner> {
  await changeActive(db, id, { endKeyOverlap: true }, now);
  return getPartner(db, id);
}

/** Ends a secret's overlap window now: webhooks are signed with the newest secret only. */
export async function endSecretOverlap(db: Db, id: string, now: Date): Promise<Partner> {
  await changeActive(db, id, { endSecretOverlap: true }, now);
  return getPartner(db, id);
}

function overlapEnd(hours: number, now: Date): string | null {
  return hours === 0 ? null : new Date(now.getTime() + hours * 3_600_000).toISOString();
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
  const partner = await findPartnerByKeyHash(db, await hashApiKey(key), now.toISOString());
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

/** Subscribed categories must be licensed ones: a subscription narrows, never widens. */
function checkSubscription(subscription: Subscription, licensed: "all" | string[]) {
  if (subscription.categories === "all" || licensed === "all") return;
  const fields = subscription.categories.flatMap((id, i) =>
    licensed.includes(id)
      ? []
      : [{ path: `/subscription/categories/${i}`, message: `category ${id} is not licensed` }],
  );
  if (fields.length > 0) throw new Unprocessable(fields.map((f) => f.message).join("; "), fields);
}

async function checkCategories(db: Db, categories: "all" | string[]) {
  if (categories === "all") return;
  const known = new Set((await listCategories(db)).map((c) => c.id));
  const fields = categories.flatMap((id, i) =>
    known.has(id) ? [] : [{ path: `/categories/${i}`, message: `unknown category ${id}` }],
  );
  if (fields.length > 0) throw new Unprocessable(fields.map((f) => f.message).join("; "), fields);
}
