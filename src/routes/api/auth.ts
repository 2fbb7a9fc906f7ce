import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../env";
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

/** RFC 6750 2.1 bearer token, checked against the ADMIN_TOKEN secret; 401 with a challenge. */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(c.req.header("Authorization") ?? "");
  if (!match?.[1] || !(await isAdminToken(match[1], c.env.ADMIN_TOKEN))) {
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
