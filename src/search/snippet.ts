import type { LangTag } from "../i18n/languages";
import { stem } from "./stemmer";
import { wordsAt } from "./words";

/**
 * Snippets and highlights for results, computed from the text readers see (FTS5's snippet()
 * would show the stored stems). A piece is plain text; the page escapes it and wraps the
 * marked ones in <mark>, so nothing from the query or the story is ever reflected as markup.
 */
export interface TextPiece {
  text: string;
  marked: boolean;
}

/** Words of context around the first match, in a snippet. */
const SNIPPET_WORDS = 30;

/** Whether a word is one the query asked for: same stem, or the last stem's prefix. */
function matcher(lang: LangTag, stems: readonly string[]): (folded: string) => boolean {
  const wanted = new Set(stems);
  const prefix = stems.at(-1);
  return (folded) => {
    const s = stem(lang, folded);
    return (
      wanted.has(s) || (prefix !== undefined && (s.startsWith(prefix) || folded.startsWith(prefix)))
    );
  };
}

/** The whole text, cut into pieces with the query's words marked. */
export function highlight(lang: LangTag, text: string, stems: readonly string[]): TextPiece[] {
  return markWords(lang, text, stems, 0, text.length);
}

/**
 * About SNIPPET_WORDS words of `text` around its first match (the opening when none matches),
 * with an ellipsis where it was cut, the query's words marked.
 */
export function snippet(lang: LangTag, text: string, stems: readonly string[]): TextPiece[] {
  const all = wordsAt(text);
  const isMatch = matcher(lang, stems);
  const first = Math.max(
    0,
    all.findIndex((w) => isMatch(w.folded)),
  );
  const from = Math.max(0, first - Math.floor(SNIPPET_WORDS / 3));
  const to = Math.min(all.length, from + SNIPPET_WORDS);
  const start = from === 0 ? 0 : (all[from]?.start ?? 0);
  const end = to >= all.length ? text.length : (all[to - 1]?.end ?? text.length);
  const pieces = markWords(lang, text, stems, start, end);
  if (start > 0) pieces.unshift({ text: "… ", marked: false });
  if (end < text.length) pieces.push({ text: " …", marked: false });
  return pieces;
}

function markWords(
  lang: LangTag,
  text: string,
  stems: readonly string[],
  start: number,
  end: number,
): TextPiece[] {
  const isMatch = matcher(lang, stems);
  const pieces: TextPiece[] = [];
  let at = start;
  for (const word of wordsAt(text.slice(start, end))) {
    if (!isMatch(word.folded)) continue;
    if (word.start + start > at)
      pieces.push({ text: text.slice(at, word.start + start), marked: false });
    pieces.push({ text: text.slice(word.start + start, word.end + start), marked: true });
    at = word.end + start;
  }
  if (at < end) pieces.push({ text: text.slice(at, end), marked: false });
  return pieces;
}
