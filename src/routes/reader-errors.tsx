import type { ErrorHandler } from "hono";
import type { AppEnv } from "../env";
import { localizer } from "../i18n";
import { BadRequestPage } from "../pages/bad-request";
import { GonePage } from "../pages/gone";
import { NotFoundPage } from "../pages/not-found";
import { ServiceError } from "../services/errors";
import { onError } from "./errors";
import { pageLanguage, readerSite } from "./reader-context";

const PAGES = { 400: BadRequestPage, 404: NotFoundPage, 410: GonePage } as const;

/** Readers get a page in their language for a bad link, a missing page or a withdrawn story. */
export const onReaderError: ErrorHandler<AppEnv> = (error, c) => {
  if (!(error instanceof ServiceError) || !(error.status in PAGES)) return onError(error, c);
  const status = error.status as keyof typeof PAGES;
  const Page = PAGES[status];
  const language = pageLanguage(c);
  return c.html(
    <Page l10n={localizer(language.tag)} language={language} site={readerSite(c)} />,
    status,
  );
};
