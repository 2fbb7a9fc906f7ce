import { stemmer as stemEnglish } from "@orama/stemmers/english";
import { stemmer as stemRussian } from "@orama/stemmers/russian";
import type { LangTag } from "../i18n/languages";
import { stemUkrainian } from "./ukrainian-stemmer";
import { hasLetterOrDigit, words } from "./words";

/**
 * One stemmer per language, so that a query and the text it should find meet on the same stem
 * («провокация» and «провокации» → «провокац», "provocations" → "provoc"). English and Russian
 * are @orama/stemmers' ports of Snowball's Porter and Russian stemmers (Apache-2.0); Ukrainian
 * is our own light stemmer (ukrainian-stemmer.ts). Every word is folded first (words.ts).
 */
const STEMMERS: Partial<Record<LangTag, (word: string) => string>> = {
  uk: stemUkrainian,
  en: stemEnglish,
  ru: stemRussian,
};

/**
 * Stems this isolate has worked out, per language: the same words come back in every result
 * of a search page, every page and every story indexed, and Snowball's stemmers cost more than
 * a lookup. Emptied when it grows past MAX_REMEMBERED words (a few MB at most).
 */
const remembered = new Map<LangTag, Map<string, string>>();
const MAX_REMEMBERED = 50_000;

/** The stem of a folded word in a language. */
export function stem(lang: LangTag, word: string): string {
  const stemmer = STEMMERS[lang];
  // A language without a stemmer yet is searched by its folded words as they are.
  if (!stemmer) return word;
  let stems = remembered.get(lang);
  if (!stems) {
    stems = new Map();
    remembered.set(lang, stems);
  }
  let found = stems.get(word);
  if (found === undefined) {
    if (stems.size >= MAX_REMEMBERED) stems.clear();
    found = stemmer(word);
    stems.set(word, found);
  }
  return found;
}

/** A text as the index stores it: the stems of its words, one space apart. */
export function stemmedText(lang: LangTag, text: string): string {
  return words(text)
    .filter(hasLetterOrDigit)
    .map((w) => stem(lang, w))
    .join(" ");
}
