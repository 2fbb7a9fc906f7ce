import type { Localizer } from "../i18n";
import type { Language } from "../i18n/languages";
import { ErrorPage } from "./error-page";
import type { SiteContext } from "./site-context";

/** The 410 page for a story the newsroom has withdrawn. */
export function GonePage({
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
      title={t("errors.goneTitle")}
      text={t("errors.goneText")}
    />
  );
}
