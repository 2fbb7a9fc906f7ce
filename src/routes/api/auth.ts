import { createMiddleware } from "hono/factory";
import { clientKey } from "../../domain/client-address";
import type { AppEnv } from "../../env";
import { authLockout, recordFailedAuth } from "../../services/admin-auth";
import { problemResponse } from "./problem";

const CHALLENGE = 'Bearer realm="newsroom"';

async function sha256(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
}

/**
 * Compares the presented token with ADMIN_TOKEN in constant time: both are hashed first, so
 * the comparison sees equal lengths and neither the token's length nor its prefix leaks.
 */
async function isAdminToken(presented: string, secret: string | undefined): Promise<boolean> {
  if (!secret) return false;
  const [a, b] = await Promise.all([sha256(presented), sha256(secret)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

/**
 * RFC 6750 2.1 bearer token, checked against the ADMIN_TOKEN secret; 401 with a challenge. A
 * client (by address, CF-Connecting-IP, which Cloudflare sets) that sent too many wrong tokens
 * gets 429 with Retry-After until its window closes (src/services/admin-auth.ts).
 */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const client = clientKey(c.req.header("CF-Connecting-IP"));
  const now = new Date();
  const wait = await authLockout(c.var.db, client, now);
  if (wait !== null) {
    return problemResponse(
      c,
      429,
      `too many wrong tokens from this address; try again in ${wait} seconds`,
      {},
      { "Retry-After": String(wait) },
    );
  }
  const authorization = c.req.header("Authorization");
  const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(authorization ?? "");
  if (!match?.[1] || !(await isAdminToken(match[1], c.env.ADMIN_TOKEN))) {
    // No credentials at all is not a guess (a client discovering the challenge); a wrong one is.
    if (authorization !== undefined) await recordFailedAuth(c.var.db, client, now);
    return problemResponse(
      c,
      401,
      match ? "the bearer token is not valid" : "send Authorization: Bearer <ADMIN_TOKEN>",
      {},
      { "WWW-Authenticate": match ? `${CHALLENGE}, error="invalid_token"` : CHALLENGE },
    );
  }
  await next();
});
