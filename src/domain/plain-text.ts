/**
 * What text the newsroom stores. Feeds are XML 1.0 and pages are HTML: a NUL, a C0 or C1
 * control, a noncharacter (U+FFFE, U+FFFF) or a lone surrogate has no place in either (XML 1.0
 * 2.2 forbids most of them outright, and a lone surrogate cannot be encoded as UTF-8 at all).
 * Bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069) are refused in short
 * fields because they reorder what follows them on screen, in a reader's feed list or a partner's
 * page ("Trojan Source", CVE-2021-42574): a title can look like something else. The marks
 * LRM, RLM and ALM (U+200E, U+200F, U+061C) stay allowed: they only nudge neutral characters
 * and are what editors use in mixed Ukrainian/English/Arabic text.
 */

/** C0 except tab, LF and CR; DEL; C1 (all of Unicode's Cc); noncharacters U+FFFE and U+FFFF. */
const CONTROL_EXCEPT_WHITESPACE = /(?![\t\n\r])[\p{Cc}\ufffe\uffff]/u;
const LINE_BREAK_OR_TAB = /[\t\n\r]/u;
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;

export type TextKind =
  /** One line: titles, names, credits. */
  | "line"
  /** Several lines: summaries, captions. */
  | "lines"
  /** HTML bodies: line breaks, and bidi controls inside running text, are the editor's business. */
  | "body";

/** Why `text` cannot be stored as a field of this kind, or null when it can. */
export function plainTextProblem(text: string, kind: TextKind): string | null {
  if (!text.isWellFormed()) return "must not contain unpaired surrogates (invalid Unicode)";
  const control = CONTROL_EXCEPT_WHITESPACE.exec(text);
  if (control) return `must not contain control character ${codePoint(control[0])}`;
  if (kind === "line") {
    const lineBreak = LINE_BREAK_OR_TAB.exec(text);
    if (lineBreak) return `must be one line (no ${codePoint(lineBreak[0])})`;
  }
  if (kind !== "body") {
    const bidi = BIDI_CONTROL.exec(text);
    if (bidi) return `must not contain bidirectional control character ${codePoint(bidi[0])}`;
  }
  return null;
}

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}
