import type { LangTag } from "../i18n/languages";
import { stem } from "./stemmer";
import { hasLetterOrDigit, words } from "./words";

/** Longer input is cut here: nobody types more, and FTS5 work grows with every term. */
export const MAX_QUERY_CHARS = 200;
export const MAX_QUERY_TERMS = 10;

/**
 * The shortest stem the last word is also matched as a prefix of. FTS5 merges the postings of
 * every term a prefix matches before it walks them, so a short prefix reads most of the index:
 * at 100,000 stories `"п"*` ran SQLite out of memory (a 500), where `"про"*` takes some 0.1-0.2 s
 * and `"мост"*` 5-15 ms. A shorter last word is matched as the word it is.
 */
export const MIN_PREFIX_CHARS = 3;

/** Whether a query's last stem is matched as a prefix too. */
export function matchesAsPrefix(stem: string): boolean {
  return [...stem].length >= MIN_PREFIX_CHARS;
}

/** What a reader's query asks the index for. */
export interface SearchQuery {
  /** The query as shown back to the reader (trimmed, cut to MAX_QUERY_CHARS). */
  text: string;
  /** Stems every result must contain; the last one also as a prefix (matchesAsPrefix). */
  stems: string[];
  /**
   * The FTS5 MATCH expression, or null when the query has no word to look for (then there
   * are no results, and no query runs). Built only from stems, each a quoted FTS5 string, so
   * nothing the reader types (quotes, `*`, `NEAR`, `-`, column filters) is FTS5 syntax.
   */
  match: string | null;
}

export function parseSearchQuery(lang: LangTag, input: string): SearchQuery {
  const text = [...input.trim()].slice(0, MAX_QUERY_CHARS).join("");
  const stems = [
    ...new Set(
      words(text)
        .filter(hasLetterOrDigit)
        .map((w) => stem(lang, w)),
    ),
  ].slice(0, MAX_QUERY_TERMS);
  if (stems.length === 0) return { text, stems, match: null };
  // The last word may be still being typed: its stem also matches longer stems ("provoc*").
  const match = stems
    .map((s, i) =>
      i === stems.length - 1 && matchesAsPrefix(s) ? `${ftsString(s)}*` : ftsString(s),
    )
    .join(" AND ");
  return { text, stems, match };
}

/** An FTS5 string: double quotes around, inner ones doubled (FTS5 3.1). */
function ftsString(token: string): string {
  return `"${token.replaceAll('"', '""')}"`;
}
