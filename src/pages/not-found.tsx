import type { Localizer } from "../i18n";
import type { Language } from "../i18n/languages";
import { Layout } from "./layout";

/** The reader-facing 404, in the language of the URL (or the default one). */
export function NotFoundPage({ l10n, language }: { l10n: Localizer; language: Language }) {
  const { t } = l10n;
  return (
    <Layout l10n={l10n} language={language} title={t("errors.notFoundTitle")}>
      <h1>{t("errors.notFoundTitle")}</h1>
      <p>{t("errors.notFoundText")}</p>
      <p>
        <a href={`/${language.segment}/`}>{t("errors.backHome")}</a>
      </p>
    </Layout>
  );
}
