import type { Localizer } from "./index";

/**
 * An ICU message (plurals, selects) stored as a UI string in locales/<tag>/*.json, formatted
 * by @formatjs/intl in the localizer's language. i18next only looks the string up: its own
 * interpolation uses `{{ }}`, so ICU's single braces reach formatjs untouched.
 */
export function formatIcu(
  l10n: Localizer,
  key: string,
  values: Record<string, string | number>,
): string {
  const message = l10n.t(key);
  const format = l10n.intl.formatters.getMessageFormat(message, l10n.lang);
  return String(format.format(values));
}
