import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../env";
import { problemResponse } from "../api/problem";

/** wrangler.toml [[ratelimits]] PARTNER_RATE_LIMITER: simple.period, in seconds. */
export const RATE_LIMIT_PERIOD_SECONDS = 60;

/**
 * Per-key request limit through the Workers Rate Limiting binding: no storage round trip on the
 * hot path (a D1 counter would be one write per request), and it runs under `wrangler dev` and
 * in the vitest runtime (Miniflare simulates it with fixed windows). The binding says only
 * yes or no, not when the window ends, so Retry-After is the period: an upper bound. Counts are
 * per Cloudflare location, so the limit is approximate across the network, which suits a guard
 * against runaway clients rather than a billing quota.
 */
export const partnerRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  // Off only for the benchmark (bench/run.ts), which measures the endpoint, not the limiter.
  if (c.env.PARTNER_RATE_LIMIT === "off") return next();
  const { success } = await c.env.PARTNER_RATE_LIMITER.limit({ key: c.var.partner.id });
  if (!success) {
    return problemResponse(
      c,
      429,
      `too many requests for this key; try again in ${RATE_LIMIT_PERIOD_SECONDS} seconds`,
      {},
      { "Retry-After": String(RATE_LIMIT_PERIOD_SECONDS) },
    );
  }
  await next();
});
