import type { Localizer } from "../i18n";
import type { Language } from "../i18n/languages";
import { ErrorPage } from "./error-page";
import type { SiteContext } from "./site-context";

/** The reader-facing 404, in the language of the URL (or the default one). */
export function NotFoundPage({
  l10n,
  language,
  site,
}: {
  l10n: Localizer;
  language: Language;
  site: SiteContext;
}) {
  const { t } = l10n;
  return (
    <ErrorPage
      l10n={l10n}
      language={language}
      site={site}
      title={t("errors.notFoundTitle")}
      text={t("errors.notFoundText")}
    />
  );
}
