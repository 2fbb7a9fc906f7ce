import type { Db } from "./db/client";

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
}

/** Per-request values set by middleware. */
export interface Vars {
  db: Db;
}

export type AppEnv = { Bindings: Env; Variables: Vars };
