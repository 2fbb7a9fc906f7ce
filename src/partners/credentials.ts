/**
 * Partner API keys and webhook signing secrets. Keys are bearer tokens: 32 random bytes from the
 * platform CSPRNG, base64url, behind a recognisable prefix so that secret scanners (and people)
 * can tell one when it leaks. Only the key's SHA-256 is stored; a random 256-bit key needs no
 * slow password hash, since nobody can guess one to test against the hash.
 */
export const KEY_PREFIX = "nsk_live_";
/** Standard Webhooks: a signing secret is `whsec_` followed by base64 of the key bytes. */
export const SECRET_PREFIX = "whsec_";
/** How much of a key the admin API shows: the prefix and 4 characters of the random part. */
const DISPLAYED = KEY_PREFIX.length + 4;

function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

function base64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function base64url(bytes: Uint8Array): string {
  return base64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function newApiKey(): string {
  return `${KEY_PREFIX}${base64url(randomBytes(32))}`;
}

export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${base64(randomBytes(32))}`;
}

export function keyPrefixOf(key: string): string {
  return key.slice(0, DISPLAYED);
}

/** SHA-256 of the key, lowercase hex: what partners.key_hash stores and lookups compare. */
export async function hashApiKey(key: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Could this be one of our keys? Cheap shape check before any lookup. */
export function looksLikeApiKey(value: string): boolean {
  return /^nsk_live_[A-Za-z0-9_-]{43}$/.test(value);
}
