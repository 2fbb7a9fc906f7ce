import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eachWordAt, foldWord, words } from "../../src/search/words";

// What words.ts documents a word to be, as a regular expression: the reference the scanner
// behind eachWordAt must agree with, so snippets mark exactly what the index and queries see.
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’ʼ`][\p{L}\p{M}\p{N}]+)*/gu;

/** Text from what news in uk, en and ru holds, and what trips tokenizers up. */
const pieces = fc.constantFrom(
  ..."aZ9 ,.-—«»“”'’ʼ`\n\t".split(""),
  ..."ҐґЄєІіЇїЁёЙйЪъ".split(""),
  "п'ять",
  "don’t",
  "по\u0301дих",
  "e\u0301",
  "İstanbul",
  "ΑΣ.Β", // Σ is final (ς) at a word's end, but not before ".Β" in a whole text
  "Å", // U+212B, which NFC changes
  "𝐀𝐁", // astral letters
  "😀",
  "١٢٣", // Arabic-Indic digits
  "中文",
  "ǅ",
  "\u0301", // a combining mark on its own
  "\ud800", // a lone surrogate
);
const texts = fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join(""));

describe("eachWordAt", () => {
  it("finds the words the index finds, where they stand, folded as foldWord folds them", () => {
    fc.assert(
      fc.property(texts, (text) => {
        const found = [...eachWordAt(text)];
        const expected = [...text.matchAll(WORD)].map((m) => ({
          folded: foldWord(m[0]),
          start: m.index,
          end: m.index + m[0].length,
        }));
        expect(found).toEqual(expected);
        expect(found.map((w) => w.folded)).toEqual(words(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("folds case, apostrophes, stress marks and ё in a story's text", () => {
    const text = "П'ять «По\u0301ДИХІВ» don’t Ёлка İz";
    expect([...eachWordAt(text)].map((w) => [w.folded, text.slice(w.start, w.end)])).toEqual([
      ["пять", "П'ять"],
      ["подихів", "По\u0301ДИХІВ"],
      ["dont", "don’t"],
      ["елка", "Ёлка"],
      ["i̇z", "İz"],
    ]);
  });
});
