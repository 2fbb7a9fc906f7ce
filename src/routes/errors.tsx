import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import type { AppEnv } from "../env";
import { localizer } from "../i18n";
import { ErrorPage, type ReaderProblem } from "../pages/error-page";
import { ServiceError } from "../services/errors";
import { pageLanguage, readerSite } from "./reader-context";

const PROBLEMS: Record<number, ReaderProblem> = { 400: "badRequest", 404: "notFound", 410: "gone" };

/** A reader-facing error page for 400, 404 or 410, in the language the URL names. */
export function errorPage(c: Context<AppEnv>, status: 400 | 404 | 410) {
  const language = pageLanguage(c);
  return c.html(
    <ErrorPage
      l10n={localizer(language.tag)}
      language={language}
      site={readerSite(c)}
      problem={PROBLEMS[status] ?? "notFound"}
    />,
    status,
  );
}

export const onNotFound: NotFoundHandler<AppEnv> = (c) => errorPage(c, 404);

export const onError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof ServiceError && error.status === 404) return errorPage(c, 404);
  if (error instanceof ServiceError) return c.text(error.message, error.status as 400);
  console.error(`${c.req.method} ${c.req.path} failed`, error);
  return c.text("Internal Server Error", 500);
};
