import type { Db } from "./db/client";
import type { Freshness } from "./services/freshness";

/** Bindings and configuration, as declared in wrangler.toml and .dev.vars. */
export interface Env {
  DB: D1Database;
  /** Public origin (https://news.example); empty means the request's origin. */
  SITE_URL: string;
  /** URL segment (ua, en, ru) that `/` falls back to. */
  DEFAULT_LANG: string;
  /** WebSub hub; empty disables WebSub. */
  WEBSUB_HUB_URL: string;
  /** Secret bearer token for the newsroom API (.dev.vars locally, `wrangler secret` in production). */
  ADMIN_TOKEN: string;
  /** "off" bypasses the edge cache (benchmarks of the uncached path); anything else enables it. */
  EDGE_CACHE: string;
}

/** Per-request values set by middleware. */
export interface Vars {
  db: Db;
  /** Set by the edge cache on public feeds and pages: how current their content is. */
  freshness?: Freshness;
}

export type AppEnv = { Bindings: Env; Variables: Vars };
