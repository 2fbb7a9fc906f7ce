import type { LangTag } from "./languages";

// One formatter per language for the isolate's life: every feed entry and every ninjs document
// asks for a byline, and building an Intl.ListFormat costs more than using one.
const formatters = new Map<LangTag, Intl.ListFormat>();

/** Authors as one phrase in a language: "A, B and C", "А, Б і В", "А, Б и В". */
export function byline(names: readonly string[], lang: LangTag): string | null {
  if (names.length === 0) return null;
  let formatter = formatters.get(lang);
  if (!formatter) {
    formatter = new Intl.ListFormat(lang, { style: "long", type: "conjunction" });
    formatters.set(lang, formatter);
  }
  return formatter.format(names);
}
