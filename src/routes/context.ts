import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { Db } from "../db/client";
import type { AppEnv } from "../env";
import { type Language, languageBySegment } from "../i18n/languages";

/** Gives each request its own Kysely over the D1 binding it was handed. */
export const withDb = createMiddleware<AppEnv>(async (c, next) => {
  c.set("db", new Db(c.env.DB));
  await next();
});

/**
 * Route pattern for a language segment; anything else (de, UA, uk) falls through to 404.
 * The group matters: Hono's trie router anchors the pattern as `^...$`, and a bare `ua|en|ru`
 * would then read as `^ua` or `ru$`, so `/:lang` alone would swallow `/ua/anything`.
 */
export const LANG = ":lang{(?:ua|en|ru)}";

/** The language named by the URL's `:lang` segment (the route pattern admits only known ones). */
export function routeLanguage(c: Context<AppEnv>): Language {
  const language = languageBySegment(c.req.param("lang") ?? "");
  if (!language) throw new Error(`route without a language segment: ${c.req.path}`);
  return language;
}

/** The site's public origin: SITE_URL when configured, else the request's own origin. */
export function siteOrigin(c: Context<AppEnv>): string {
  return (c.env.SITE_URL || new URL(c.req.url).origin).replace(/\/+$/, "");
}
