import type { Localizer } from "../i18n";
import type { Language } from "../i18n/languages";
import { searchPath } from "./paths";

/** The masthead's search: a plain GET form (the CSP allows no script, and none is needed). */
export function SearchBox({
  l10n,
  language,
  query,
}: {
  l10n: Localizer;
  language: Language;
  query: string;
}) {
  const { t } = l10n;
  // The <search> element is the search landmark (HTML 4.4.15), no role attribute needed.
  return (
    <search>
      <form class="search-box" method="get" action={searchPath(language.segment)}>
        <label for="site-search-q">{t("search.label")}</label>
        <input id="site-search-q" type="search" name="q" value={query} maxlength={200} required />
        <button type="submit">{t("search.submit")}</button>
      </form>
    </search>
  );
}
