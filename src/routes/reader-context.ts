import type { Context } from "hono";
import type { AppEnv } from "../env";
import { type Language, languageBySegment } from "../i18n/languages";
import type { SiteContext } from "../pages/site-context";
import { siteOrigin } from "./context";

/** The language `/` and error pages fall back to: DEFAULT_LANG (a URL segment), else English. */
export function defaultLanguage(c: Context<AppEnv>): Language {
  return languageBySegment(c.env.DEFAULT_LANG) ?? (languageBySegment("en") as Language);
}

/** What the pure page renderers need to know about the site serving this request. */
export function readerSite(c: Context<AppEnv>): SiteContext {
  return { origin: siteOrigin(c), defaultLanguage: defaultLanguage(c) };
}

/**
 * The language a reader-facing error page should speak: the URL's (`/en/...`, or the one being
 * chosen at `/lang/en`), else the default.
 */
export function pageLanguage(c: Context<AppEnv>): Language {
  const [, first = "", second = ""] = c.req.path.split("/");
  return languageBySegment(first === "lang" ? second : first) ?? defaultLanguage(c);
}
