/**
 * Words as search sees them, in the index and in queries alike: runs of letters, combining
 * marks and digits. An apostrophe inside a word belongs to it (Ukrainian «п'ять», English
 * "don't") and is dropped, so every spelling of it (', ’, ʼ) finds the others. Case folds,
 * Russian ё counts as е, as most Russian text writes it, and stress marks (combining acute and
 * grave, as in «по́дих») go: they help pronunciation, not meaning.
 */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’ʼ`][\p{L}\p{M}\p{N}]+)*/gu;
const APOSTROPHE = /['’ʼ`]/g;
const STRESS_MARK = /[\u0300\u0301]/g;

export interface WordAt {
  /** The word folded for search (lowercase, no apostrophes). */
  folded: string;
  /** Where the word starts and ends in the text, in UTF-16 code units. */
  start: number;
  end: number;
}

export function foldWord(word: string): string {
  return word
    .normalize("NFC")
    .toLowerCase()
    .replace(APOSTROPHE, "")
    .replace(STRESS_MARK, "")
    .replaceAll("ё", "е");
}

/** Every word of a text with its place, for snippets that mark words where they stand. */
export function wordsAt(text: string): WordAt[] {
  return [...text.matchAll(WORD)].map((m) => ({
    folded: foldWord(m[0]),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** Every word of a text, folded. */
export function words(text: string): string[] {
  return [...text.matchAll(WORD)].map((m) => foldWord(m[0]));
}

/** Whether a folded word has a letter; numbers alone are kept as words, punctuation is not. */
export function hasLetterOrDigit(word: string): boolean {
  return /[\p{L}\p{N}]/u.test(word);
}
