import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import type { AppEnv } from "../env";
import { localizer } from "../i18n";
import { NotFoundPage } from "../pages/not-found";
import { ServiceError } from "../services/errors";
import { pageLanguage, readerSite } from "./reader-context";

export function notFoundPage(c: Context<AppEnv>) {
  const language = pageLanguage(c);
  return c.html(
    <NotFoundPage l10n={localizer(language.tag)} language={language} site={readerSite(c)} />,
    404,
  );
}

export const onNotFound: NotFoundHandler<AppEnv> = (c) => notFoundPage(c);

export const onError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof ServiceError && error.status === 404) return notFoundPage(c);
  if (error instanceof ServiceError) return c.text(error.message, error.status as 400);
  console.error(`${c.req.method} ${c.req.path} failed`, error);
  return c.text("Internal Server Error", 500);
};
