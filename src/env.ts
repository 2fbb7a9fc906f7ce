import type { Db } from "./db/client";
import type { Partner } from "./domain/partner";
import type { PullRoute } from "./domain/partner-usage";
import type { WebhookMessage } from "./partners/webhook-message";
import type { Freshness } from "./services/freshness";

/** Bindings and configuration, as declared in wrangler.toml and .dev.vars. */
export interface Env {
  DB: D1Database;
  /** Variant bodies (wrangler.toml [[r2_buckets]]); without it they stay in D1. */
  BODIES?: R2Bucket;
  /** Public origin (https://news.example); required: the service answers 500 without it. */
  SITE_URL: string;
  /** URL segment (ua, en, ru) that `/` falls back to. */
  DEFAULT_LANG: string;
  /** WebSub hub; empty disables WebSub. */
  WEBSUB_HUB_URL: string;
  /** Secret bearer token for the newsroom API (.dev.vars locally, `wrangler secret` in production). */
  ADMIN_TOKEN: string;
  /** "off" bypasses the edge cache (benchmarks of the uncached path); anything else enables it. */
  EDGE_CACHE: string;
  /** Rights every partner feed and ninjs document carries. */
  COPYRIGHT_HOLDER: string;
  COPYRIGHT_NOTICE: string;
  USAGE_TERMS: string;
  /** "true" only in local development: webhook URLs may then be http://127.0.0.1 / localhost. */
  ALLOW_LOCAL_WEBHOOKS: string;
  /** "off" disables the per-key limit (benchmarks only); anything else keeps it on. */
  PARTNER_RATE_LIMIT: string;
  /** Partner pulls within this many ms share one usage write per isolate; default 1000. */
  PULL_COUNT_WINDOW_MS?: string;
  /** Per partner key request limit (wrangler.toml [[ratelimits]]). */
  PARTNER_RATE_LIMITER: RateLimit;
  /** Partner webhook deliveries (wrangler.toml [[queues.producers]]). */
  WEBHOOKS: Queue<WebhookMessage>;
}

/** Per-request values set by middleware. */
export interface Vars {
  db: Db;
  /** Set by the edge cache on public feeds and pages: how current their content is. */
  freshness?: Freshness;
  /** The authenticated partner, on /partner/v1 routes. */
  partner: Partner;
  /** Which kind of pull this request counts as, once a countPulls has claimed it. */
  pullRoute?: PullRoute;
}

export type AppEnv = { Bindings: Env; Variables: Vars };
