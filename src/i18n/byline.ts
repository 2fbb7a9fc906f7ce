import type { LangTag } from "./languages";

/** Authors as one phrase in a language: "A, B and C", "А, Б і В", "А, Б и В". */
export function byline(names: readonly string[], lang: LangTag): string | null {
  if (names.length === 0) return null;
  return new Intl.ListFormat(lang, { style: "long", type: "conjunction" }).format(names);
}
