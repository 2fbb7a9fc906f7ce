import type { Localizer } from "../i18n";
import type { Language } from "../i18n/languages";
import { ErrorPage } from "./error-page";
import type { SiteContext } from "./site-context";

/** The 400 page for a malformed reader link (a tampered page cursor, a bad redirect target). */
export function BadRequestPage({
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
      title={t("errors.badRequestTitle")}
      text={t("errors.badRequestText")}
    />
  );
}
