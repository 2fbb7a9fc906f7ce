import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import type { AppEnv } from "../env";
import { localizer } from "../i18n";
import { languageBySegment } from "../i18n/languages";
import { ErrorPage, type ReaderProblem } from "../pages/error-page";
import { ServiceError } from "../services/errors";
import { pageLanguage, readerSite } from "./reader-context";

const PROBLEMS: Record<number, ReaderProblem> = {
  400: "badRequest",
  404: "notFound",
  410: "gone",
  500: "failed",
};

/** A reader-facing error page for 400, 404, 410 or 500, in the language the URL names. */
export function errorPage(c: Context<AppEnv>, status: 400 | 404 | 410 | 500) {
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

/**
 * A fault of ours (logged) on a page a reader's browser asked for gets a page in its language,
 * a sentence and a way home, never a bare "Internal Server Error"; feeds, sitemaps and files
 * get short plain text. Only 200s are edge-cached, so the fault's answer is not kept.
 */
export const onError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof ServiceError && error.status === 404) return errorPage(c, 404);
  if (error instanceof ServiceError) return c.text(error.message, error.status as 400);
  console.error(`${c.req.method} ${c.req.path} failed`, error);
  if (isReaderPage(c.req.path)) return errorPage(c, 500);
  return c.text("Internal Server Error", 500);
};

/** A language's page (or the language switch), not a feed, sitemap or file: no dot in its name. */
function isReaderPage(path: string): boolean {
  const segments = path.split("/");
  const first = segments[1] ?? "";
  const named = languageBySegment(first) !== undefined || first === "lang";
  return named && !(segments.at(-1) ?? "").includes(".");
}
