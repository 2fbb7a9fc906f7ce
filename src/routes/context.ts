import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { dbFor } from "../db/client";
import type { AppEnv } from "../env";
import { LANG_SEGMENT_PATTERN, type Language, languageBySegment } from "../i18n/languages";
import { problemResponse } from "./api/problem";

/** Gives each request the Kysely over the D1 binding it was handed (one per binding). */
export const withDb = createMiddleware<AppEnv>(async (c, next) => {
  c.set("db", dbFor(c.env.DB, c.env.BODIES));
  await next();
});

/** Route pattern for a language segment; anything else (de, UA, uk) falls through to 404. */
export const LANG = `:lang{${LANG_SEGMENT_PATTERN}}`;

/** The language named by the URL's `:lang` segment (the route pattern admits only known ones). */
export function routeLanguage(c: Context<AppEnv>): Language {
  const language = languageBySegment(c.req.param("lang") ?? "");
  if (!language) throw new Error(`route without a language segment: ${c.req.path}`);
  return language;
}

/**
 * The site's public origin, SITE_URL without a trailing slash. Never the request's own origin:
 * its Host header is the client's to choose, and links built from it would land in cached
 * pages and feeds, and in webhooks sent to every partner (requireSiteUrl makes sure it is set).
 */
export function siteOrigin(c: Context<AppEnv>): string {
  return c.env.SITE_URL.replace(/\/+$/, "");
}

/** Why `siteUrl` cannot be the public origin, or null when it can. */
export function siteUrlProblem(siteUrl: string | undefined): string | null {
  if (!siteUrl) return "is not set";
  try {
    const url = new URL(siteUrl);
    if (url.protocol === "https:" || url.protocol === "http:") return null;
  } catch {
    // reported below
  }
  return `is not an http(s) URL: ${JSON.stringify(siteUrl)}`;
}

let misconfigurationLogged = false;
let checkedSiteUrl: string | undefined;

/**
 * Refuses to serve anything (500) until SITE_URL names the public origin: every absolute link
 * depends on it. `npm start` sets it for its port; a deployment sets it in wrangler.toml.
 */
export const requireSiteUrl = createMiddleware<AppEnv>(async (c, next) => {
  // Configuration does not change within an isolate's life: checked once per value.
  if (c.env.SITE_URL === checkedSiteUrl) return next();
  const problem = siteUrlProblem(c.env.SITE_URL);
  if (!problem) {
    checkedSiteUrl = c.env.SITE_URL;
    return next();
  }
  const detail = `the service is misconfigured: SITE_URL ${problem} (set it to the public origin, e.g. https://news.example)`;
  if (!misconfigurationLogged) {
    console.error(detail);
    misconfigurationLogged = true;
  }
  const path = c.req.path;
  if (path.startsWith("/api/") || path.startsWith("/partner/")) {
    return problemResponse(c, 500, detail);
  }
  return c.text(`Internal Server Error: ${detail}`, 500);
});
