import type { Context } from "hono";
import { setCookie } from "hono/cookie";
import { type DetectorOptions, detectFromCookie, detectFromHeader } from "hono/language";
import type { AppEnv } from "../env";
import { LANG_TAGS, type Language, languageByTag } from "../i18n/languages";
import { Invalid } from "../services/errors";
import { homePath } from "../urls";
import { routeLanguage } from "./context";
import { defaultLanguage } from "./reader-context";

/** Holds the reader's chosen language as a BCP 47 tag (uk, en, ru), never the `ua` segment. */
export const LANGUAGE_COOKIE = "lang";
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

// Hono's detectors parse Accept-Language with its q-values (RFC 9110 12.5.4), ordered by
// weight, and match a regional tag to its language by prefix (uk-UA -> uk, en-GB -> en).
const DETECTION: DetectorOptions = {
  order: ["cookie", "header"],
  lookupQueryString: "lang",
  lookupCookie: LANGUAGE_COOKIE,
  lookupFromPathIndex: 0,
  lookupFromHeaderKey: "accept-language",
  caches: false,
  ignoreCase: true,
  fallbackLanguage: "en",
  supportedLanguages: [...LANG_TAGS],
};

/** The reader's language: their remembered choice, then their browser's, then DEFAULT_LANG. */
export function negotiatedLanguage(c: Context<AppEnv>): Language {
  const tag = detectFromCookie(c, DETECTION) ?? detectFromHeader(c, DETECTION);
  return (tag ? languageByTag(tag) : undefined) ?? defaultLanguage(c);
}

/**
 * `/` has no language of its own: send the reader to theirs. 302, not 301, because the answer
 * depends on who asks, and Vary tells caches which request headers it depended on.
 */
export function redirectToReadersLanguage(c: Context<AppEnv>) {
  c.header("Vary", "Accept-Language, Cookie");
  c.header("Cache-Control", "private, no-cache");
  return c.redirect(homePath(negotiatedLanguage(c).segment), 302);
}

/**
 * GET /lang/{segment}?to=/{segment}/...: remembers the reader's choice for a year, then sends
 * them on. `to` must be a page of that same language on this site, so the endpoint can never
 * become an open redirect (no scheme, no host, no `//`, no other language).
 */
export function chooseLanguage(c: Context<AppEnv>) {
  const language = routeLanguage(c);
  const to = c.req.query("to") ?? homePath(language.segment);
  if (!sameLanguagePage(to, language)) {
    throw new Invalid(`to must be a path under /${language.segment}/`);
  }
  setCookie(c, LANGUAGE_COOKIE, language.tag, {
    path: "/",
    maxAge: ONE_YEAR_SECONDS,
    sameSite: "Lax",
    httpOnly: true,
    secure: new URL(c.req.url).protocol === "https:",
  });
  c.header("Cache-Control", "no-store");
  return c.redirect(to, 303);
}

function sameLanguagePage(to: string, language: Language): boolean {
  const page = new RegExp(`^/${language.segment}/(?:[a-z0-9-]+(?:/[a-z0-9-]+)*)?$`);
  return page.test(to);
}

/** `uk` is the language tag, not a URL segment: old or guessed /uk/... links move to /ua/... */
export function redirectUkToUa(c: Context<AppEnv>) {
  const url = new URL(c.req.url);
  return c.redirect(`/ua${url.pathname.slice("/uk".length) || "/"}${url.search}`, 301);
}

/** `/ua` without its slash is the front page too. */
export function redirectToHomeWithSlash(c: Context<AppEnv>) {
  return c.redirect(homePath(routeLanguage(c).segment), 301);
}
