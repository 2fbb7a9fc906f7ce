import type { LangTag } from "../i18n/languages";
import type { SearchQuery } from "./query";
import { stem } from "./stemmer";
import { eachWordAt, type WordAt } from "./words";

/**
 * Snippets and highlights for results, computed from the text readers see (FTS5's snippet()
 * would show the stored stems). A piece is plain text; the page escapes it and wraps the
 * marked ones in <mark>, so nothing from the query or the story is ever reflected as markup.
 */
export interface TextPiece {
  text: string;
  marked: boolean;
}

/** The words a query asks for: its stems, the last one a prefix too when `prefix` says so. */
type Asked = Pick<SearchQuery, "stems" | "prefix">;

/** Words of context around the first match, in a snippet. */
const SNIPPET_WORDS = 30;

/**
 * Whether a word is one the query asked for: same stem, or the last stem's prefix. Answers are
 * remembered per word: a story repeats its words, and stemming is most of a snippet's cost.
 */
function matcher(lang: LangTag, query: Asked): (folded: string) => boolean {
  const wanted = new Set(query.stems);
  const last = query.stems.at(-1);
  const prefix = query.prefix ? last : undefined;
  const known = new Map<string, boolean>();
  return (folded) => {
    let answer = known.get(folded);
    if (answer === undefined) {
      const s = stem(lang, folded);
      answer =
        wanted.has(s) ||
        (prefix !== undefined && (s.startsWith(prefix) || folded.startsWith(prefix)));
      known.set(folded, answer);
    }
    return answer;
  };
}

/** The whole text, cut into pieces with the query's words marked. */
export function highlight(lang: LangTag, text: string, query: Asked): TextPiece[] {
  return markWords(text, [...eachWordAt(text)], matcher(lang, query), 0, text.length);
}

/**
 * About SNIPPET_WORDS words of `text` around its first match (the opening when none matches),
 * with an ellipsis where it was cut, the query's words marked. Reads words only until it has
 * them and knows whether more follow: folding and stemming every word of a 5 KB body was most
 * of a search page's cost, and a match is often in the summary, where the text begins.
 */
export function snippet(lang: LangTag, text: string, query: Asked): TextPiece[] {
  const isMatch = matcher(lang, query);
  const all: WordAt[] = [];
  let first = -1;
  for (const word of eachWordAt(text)) {
    all.push(word);
    if (first < 0 && isMatch(word.folded)) first = all.length - 1;
    // One word past the snippet: enough to know it is cut there.
    if (first >= 0 && all.length > snippetFrom(first) + SNIPPET_WORDS) break;
  }
  const from = snippetFrom(Math.max(0, first));
  const to = Math.min(all.length, from + SNIPPET_WORDS);
  const start = from === 0 ? 0 : (all[from]?.start ?? 0);
  const end = to >= all.length ? text.length : (all[to - 1]?.end ?? text.length);
  const pieces = markWords(text, all.slice(from, to), isMatch, start, end);
  if (start > 0) pieces.unshift({ text: "… ", marked: false });
  if (end < text.length) pieces.push({ text: " …", marked: false });
  return pieces;
}

/** Where a snippet around the word at `match` begins: a third of it comes before the match. */
function snippetFrom(match: number): number {
  return Math.max(0, match - Math.floor(SNIPPET_WORDS / 3));
}

/** Pieces of text[start, end) with the matching words (from `words`, all inside it) marked. */
function markWords(
  text: string,
  words: readonly WordAt[],
  isMatch: (folded: string) => boolean,
  start: number,
  end: number,
): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = start;
  for (const word of words) {
    if (!isMatch(word.folded)) continue;
    if (word.start > at) pieces.push({ text: text.slice(at, word.start), marked: false });
    pieces.push({ text: text.slice(word.start, word.end), marked: true });
    at = word.end;
  }
  if (at < end) pieces.push({ text: text.slice(at, end), marked: false });
  return pieces;
}
