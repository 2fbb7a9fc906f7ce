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

/** What foldWord removes or replaces once a word is in NFC and lowercase. */
const FOLDED_AWAY = /['’ʼ`ё]|[\u0300\u0301]/;

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const APOSTROPHES = new Set([..."'’ʼ`"].map((c) => c.charCodeAt(0)));

/** Whether each code unit below it is a word character: Latin, IPA, combining marks, Cyrillic. */
const TABLE_END = 0x530;
const IS_WORD_CHAR = Uint8Array.from({ length: TABLE_END }, (_, code) =>
  WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 0,
);

/** The length of the word character at `i` (2 for an astral one), or 0 where there is none. */
function wordCharAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < TABLE_END) return IS_WORD_CHAR[code] ?? 0;
  const point = text.codePointAt(i) ?? code;
  const size = point > 0xffff ? 2 : 1;
  return WORD_CHAR.test(text.slice(i, i + size)) ? size : 0;
}

/** Where the word that starts at `i` ends: WORD's match, found a code unit at a time. */
function wordEnd(text: string, i: number): number {
  let at = i;
  for (;;) {
    let size = wordCharAt(text, at);
    while (size > 0) {
      at += size;
      size = wordCharAt(text, at);
    }
    // An apostrophe joins two runs of word characters into one word.
    if (!APOSTROPHES.has(text.charCodeAt(at)) || wordCharAt(text, at + 1) === 0) return at;
    at += 1;
  }
}

/**
 * The words of a text with their places, in order (WORD's matches), for snippets that mark
 * words where they stand. Lazy: a snippet stops reading once it has its words. Found a code
 * unit at a time from a table, and a whole text that NFC leaves as it is and lowercasing
 * leaves as long (all but text with İ), with no Σ, is lowercased once: on a 5 KB body, the regular
 * expression and folding word by word cost some 0.5 ms, and a search page reads 20 bodies.
 */
export function* eachWordAt(text: string): Generator<WordAt> {
  const lower = text.toLowerCase();
  // Σ lowercases by what follows it (final ς), which a word's own lowercasing cannot see.
  const foldedAtOnce =
    lower.length === text.length && !text.includes("Σ") && text.normalize("NFC") === text;
  let i = 0;
  while (i < text.length) {
    const size = wordCharAt(text, i);
    if (size === 0) {
      i += 1;
      continue;
    }
    const end = wordEnd(text, i);
    const word = foldedAtOnce ? lower.slice(i, end) : text.slice(i, end);
    const folded = foldedAtOnce && !FOLDED_AWAY.test(word) ? word : foldWord(word);
    yield { folded, start: i, end };
    i = end;
  }
}

/** Every word of a text, folded. */
export function words(text: string): string[] {
  return [...text.matchAll(WORD)].map((m) => foldWord(m[0]));
}

/** Whether a folded word has a letter; numbers alone are kept as words, punctuation is not. */
export function hasLetterOrDigit(word: string): boolean {
  return /[\p{L}\p{N}]/u.test(word);
}
