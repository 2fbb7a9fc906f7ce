import { describe, expect, it } from "vitest";
import {
  MAX_QUERY_CHARS,
  MAX_QUERY_TERMS,
  matchExpression,
  parseSearchQuery,
} from "../../src/search/query";

const match = (lang: "uk" | "en" | "ru", input: string, prefixTerms?: string[]) =>
  matchExpression(parseSearchQuery(lang, input), prefixTerms);

describe("a reader's query as an FTS5 expression", () => {
  it("quotes every stem, and the last one stands for the indexed terms it begins", () => {
    const query = parseSearchQuery("uk", "провокації боєприпасів");
    expect(query.stems).toEqual(["провокац", "боєприпас"]);
    expect(query.prefix).toBe(true);
    expect(matchExpression(query, ["боєприпас", "боєприпасн"])).toBe(
      '"провокац" AND ("боєприпас" OR "боєприпасн")',
    );
    // No indexed term begins with it: the word alone.
    expect(matchExpression(query, [])).toBe('"провокац" AND "боєприпас"');
    // FTS5's own prefix query is never built: it merges every such term's postings first.
    expect(matchExpression(query, ["боєприпас"])).not.toContain("*");
  });

  it("matches a last stem shorter than three letters as the word it is, not as a prefix", () => {
    expect(parseSearchQuery("uk", "п").prefix).toBe(false);
    expect(match("uk", "п")).toBe('"п"');
    expect(match("uk", "мости п")).toBe('"мост" AND "п"');
    expect(match("en", "to")).toBe('"to"');
    expect(parseSearchQuery("uk", "Кор").prefix).toBe(true);
    expect(match("uk", "Кор", ["кор", "корабл"])).toBe('("кор" OR "корабл")');
  });

  it("quotes indexed terms as it quotes stems", () => {
    expect(match("en", "war", ['wa"r'])).toBe('("wa""r")');
  });

  it.each([
    ['"', ""],
    ["*", ""],
    ["-", ""],
    ["NEAR", "near"],
    ["a NEAR(b c)", "a near b c"],
    ['"unterminated', "unterminated"],
    ["title:war", "title war"],
    ["-war OR peace", "war or peace"],
    ["^start*", "start"],
    ["war) AND (peace", "war and peace"],
  ])("reads %j as the plain words %j: FTS5 syntax is never passed on", (input, words) => {
    const plain = parseSearchQuery("en", words);
    const hostile = parseSearchQuery("en", input);
    expect(hostile).toEqual({ ...plain, text: hostile.text });
    const expression = matchExpression(hostile, plain.stems.slice(-1));
    expect(expression).toBe(matchExpression(plain, plain.stems.slice(-1)));
    // Outside the quotes only AND, and the parentheses and OR of the last stem's terms, remain.
    expect(expression?.replace(/"(?:[^"]|"")*"/g, "") ?? "").toMatch(/^( AND )*(\(( OR )*\))?$/);
  });

  it("is empty, not an error, for blank or punctuation-only input", () => {
    for (const input of ["", "   ", "!!! ??? ---", "«»"]) {
      const query = parseSearchQuery("ru", input);
      expect(matchExpression(query)).toBeNull();
      expect(query.stems).toEqual([]);
    }
  });

  it("cuts very long input to a few hundred characters and ten terms", () => {
    const long = Array.from({ length: 500 }, (_, i) => `word${i}`).join(" ");
    const query = parseSearchQuery("en", long);
    expect([...query.text].length).toBe(MAX_QUERY_CHARS);
    expect(query.stems).toHaveLength(MAX_QUERY_TERMS);
    expect(parseSearchQuery("en", "x".repeat(100_000)).text).toHaveLength(MAX_QUERY_CHARS);
  });

  it("asks for a repeated word once", () => {
    expect(parseSearchQuery("en", "war wars war").stems).toEqual(["war"]);
  });
});
