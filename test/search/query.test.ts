import { describe, expect, it } from "vitest";
import { MAX_QUERY_CHARS, MAX_QUERY_TERMS, parseSearchQuery } from "../../src/search/query";

describe("a reader's query as an FTS5 expression", () => {
  it("quotes every stem and matches the last one as a prefix", () => {
    const query = parseSearchQuery("uk", "провокації боєприпасів");
    expect(query.stems).toEqual(["провокац", "боєприпас"]);
    expect(query.match).toBe('"провокац" AND "боєприпас"*');
  });

  it("matches a last stem shorter than three letters as the word it is, not as a prefix", () => {
    // A one-letter prefix merges most of the index: at 100,000 stories SQLite ran out of memory.
    expect(parseSearchQuery("uk", "п").match).toBe('"п"');
    expect(parseSearchQuery("uk", "мости п").match).toBe('"мост" AND "п"');
    expect(parseSearchQuery("en", "to").match).toBe('"to"');
    expect(parseSearchQuery("uk", "Кор").match).toBe('"кор"*');
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
    const hostile = parseSearchQuery("en", input).match;
    expect(hostile).toBe(parseSearchQuery("en", words).match);
    // Outside the quotes only AND and the final prefix star remain.
    expect(hostile?.replace(/"[^"]*"/g, "") ?? "").toMatch(/^( AND )*\*?$/);
  });

  it("is empty, not an error, for blank or punctuation-only input", () => {
    for (const input of ["", "   ", "!!! ??? ---", "«»"]) {
      const query = parseSearchQuery("ru", input);
      expect(query.match).toBeNull();
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
