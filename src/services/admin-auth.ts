import { readAuthFailures, recordAuthFailure } from "../db/admin-auth";
import type { Db } from "../db/client";

/** Wrong tokens a client may present per window before it is locked out for the rest of it. */
export const MAX_AUTH_FAILURES = 10;
export const AUTH_FAILURE_WINDOW_SECONDS = 15 * 60;

/**
 * Seconds until `client` may try again, or null when it is not locked out. A locked-out client is
 * refused whatever token it sends, the right one included: were the right token let through, a
 * guesser could ignore the 429s and go on at full speed. The counter lives in D1 so that every
 * isolate and location sees it; it costs one primary-key read per API request.
 */
export async function authLockout(db: Db, client: string, now: Date): Promise<number | null> {
  const seconds = Math.floor(now.getTime() / 1000);
  const window = await readAuthFailures(db, client, seconds - AUTH_FAILURE_WINDOW_SECONDS);
  if (!window || window.failures < MAX_AUTH_FAILURES) return null;
  return Math.max(1, window.windowStart + AUTH_FAILURE_WINDOW_SECONDS - seconds);
}

/** Counts a wrong token from `client`. */
export async function recordFailedAuth(db: Db, client: string, now: Date): Promise<void> {
  const seconds = Math.floor(now.getTime() / 1000);
  await recordAuthFailure(db, client, seconds, seconds - AUTH_FAILURE_WINDOW_SECONDS);
}
