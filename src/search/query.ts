import type { LangTag } from "../i18n/languages";
import { stem } from "./stemmer";
import { hasLetterOrDigit, words } from "./words";

/** Longer input is cut here: nobody types more, and FTS5 work grows with every term. */
export const MAX_QUERY_CHARS = 200;
export const MAX_QUERY_TERMS = 10;

/**
 * The shortest stem the last word is also matched as a prefix of: shorter ones begin too many
 * terms to be worth an expansion (see MAX_PREFIX_TERMS).
 */
const MIN_PREFIX_CHARS = 3;

/**
 * At most this many indexed terms stand for the last stem as a prefix; a stem that begins more
 * is matched as the word it is. The terms go to FTS5 as an OR of exact terms, which it walks
 * lazily, newest first, and stops at the page: FTS5's own prefix query (`"про"*`) merges the
 * postings of every such term before it returns a row, 69 ms at 100,000 stories where the OR
 * of its 22 terms took 1 ms (SQLite, the synthetic archive), and `"п"*` ran out of memory.
 */
export const MAX_PREFIX_TERMS = 50;

/** Whether a query's last stem is matched as a prefix too (when it begins few enough terms). */
function matchesAsPrefix(stem: string): boolean {
  return [...stem].length >= MIN_PREFIX_CHARS;
}

/** What a reader's query asks the index for. */
export interface SearchQuery {
  /** The query as shown back to the reader (trimmed, cut to MAX_QUERY_CHARS). */
  text: string;
  /** Stems every result must contain; none: there is nothing to look for, and no query runs. */
  stems: string[];
  /** Whether the last stem also matches the longer terms it begins ("provoc" → provocations). */
  prefix: boolean;
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
  // The last word may be still being typed: its stem also matches longer stems.
  const last = stems.at(-1);
  return { text, stems, prefix: last !== undefined && matchesAsPrefix(last) };
}

/**
 * The FTS5 MATCH expression: every stem, and for a prefix query the last one as the OR of the
 * indexed terms it begins (`prefixTerms`; none: the word alone). Built only from stems and
 * indexed terms, each a quoted FTS5 string, so nothing the reader types (quotes, `*`, `NEAR`,
 * `-`, column filters) is FTS5 syntax. Null when there is no word to look for.
 */
export function matchExpression(
  query: SearchQuery,
  prefixTerms: readonly string[] = [],
): string | null {
  if (query.stems.length === 0) return null;
  if (!query.prefix || prefixTerms.length === 0) return query.stems.map(ftsString).join(" AND ");
  const words = query.stems.slice(0, -1).map(ftsString);
  return [...words, `(${prefixTerms.map(ftsString).join(" OR ")})`].join(" AND ");
}

/** An FTS5 string: double quotes around, inner ones doubled (FTS5 3.1). */
function ftsString(token: string): string {
  return `"${token.replaceAll('"', '""')}"`;
}
