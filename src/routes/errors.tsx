import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import type { AppEnv } from "../env";
import { localizer } from "../i18n";
import { type Language, languageBySegment } from "../i18n/languages";
import { NotFoundPage } from "../pages/not-found";
import { ServiceError } from "../services/errors";

/** The language a reader-facing error page should speak: the URL's, else the default. */
function pageLanguage(c: Context<AppEnv>): Language {
  const segment = c.req.path.split("/")[1] ?? "";
  return (
    languageBySegment(segment) ??
    languageBySegment(c.env.DEFAULT_LANG) ??
    (languageBySegment("en") as Language)
  );
}

export function notFoundPage(c: Context<AppEnv>) {
  const language = pageLanguage(c);
  return c.html(<NotFoundPage l10n={localizer(language.tag)} language={language} />, 404);
}

export const onNotFound: NotFoundHandler<AppEnv> = (c) => notFoundPage(c);

export const onError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof ServiceError && error.status === 404) return notFoundPage(c);
  if (error instanceof ServiceError) return c.text(error.message, error.status as 400);
  console.error(`${c.req.method} ${c.req.path} failed`, error);
  return c.text("Internal Server Error", 500);
};
