import type { Localizer } from "../i18n";

/** A moment as the page's readers read it: long date and short time, Kyiv time. */
export function formatMoment(l10n: Localizer, iso: string): string {
  return l10n.intl.formatDate(iso, { dateStyle: "long", timeStyle: "short" });
}

/**
 * A `<time>` whose machine-readable value is the stored UTC instant. The text names the zone
 * ("Kyiv time"): readers abroad would otherwise take 23:55 for their own clock.
 */
export function Time({ l10n, at, short }: { l10n: Localizer; at: string; short?: boolean }) {
  const moment = short
    ? l10n.intl.formatDate(at, { dateStyle: "medium", timeStyle: "short" })
    : formatMoment(l10n, at);
  return <time datetime={at}>{l10n.t("time.kyiv", { moment })}</time>;
}
