import type { Cursor } from "../domain/story";
import type { Localizer } from "../i18n";
import { olderPagePath } from "./paths";

/**
 * Keyset paging links: older stories start after the last one shown. There is no "newer"
 * link (a keyset only walks one way cheaply), but a later page can always return to the top.
 */
export function Pager({
  l10n,
  path,
  next,
  isFirstPage,
}: {
  l10n: Localizer;
  /** The list's first page, e.g. `/ua/` or `/ua/category/world`. */
  path: string;
  next: Cursor | null;
  isFirstPage: boolean;
}) {
  const { t } = l10n;
  if (!next && isFirstPage) return null;
  return (
    <nav class="pager" aria-label={t("pager.label")}>
      {isFirstPage ? null : <a href={path}>{t("pager.newest")}</a>}
      {next ? (
        <a rel="next" href={olderPagePath(path, next)}>
          {t("pager.older")}
        </a>
      ) : null}
    </nav>
  );
}
