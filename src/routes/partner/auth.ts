import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../env";
import { authenticatePartner } from "../../services/partners";
import { runAfterResponse } from "../after-response";
import { problemResponse } from "../api/problem";

const CHALLENGE = 'Bearer realm="partners"';

/**
 * A partner's API key: `Authorization: Bearer <key>` (RFC 6750 2.1) everywhere. `?key=` (RFC
 * 6750 2.3) only where `allowQueryKey` says so, the feeds, for readers that cannot send a
 * header: a key in a URL ends up in server and proxy logs, browser history and Referer headers,
 * so partners should prefer the header and rotate a key that has travelled in URLs.
 * Missing, unknown or revoked key: 401 with a challenge. The partner goes to `c.var.partner`.
 */
export function requirePartner({ allowQueryKey }: { allowQueryKey: boolean }) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header("Authorization");
    const bearer = header === undefined ? undefined : /^Bearer +(\S+) *$/i.exec(header)?.[1];
    const queryKey = c.req.query("key");
    if (queryKey !== undefined && !allowQueryKey) {
      return unauthorized(
        c,
        "?key= is accepted on partner feeds only; send Authorization: Bearer <key>",
        "invalid_request",
      );
    }
    const key = bearer ?? (header === undefined ? queryKey : undefined);
    if (key === undefined) {
      return unauthorized(
        c,
        allowQueryKey
          ? "send Authorization: Bearer <key> (or ?key=<key> from a feed reader)"
          : "send Authorization: Bearer <key>",
      );
    }
    const found = await authenticatePartner(c.var.db, key, new Date());
    if (found === "unknown") return unauthorized(c, "the key is not valid", "invalid_token");
    if (found === "revoked") return unauthorized(c, "the key was revoked", "invalid_token");
    c.set("partner", found.partner);
    if (found.markUsed) runAfterResponse(c, found.markUsed());
    await next();
  });
}

function unauthorized(c: Context<AppEnv>, detail: string, error?: string): Response {
  return problemResponse(
    c,
    401,
    detail,
    {},
    { "WWW-Authenticate": error ? `${CHALLENGE}, error="${error}"` : CHALLENGE },
  );
}
