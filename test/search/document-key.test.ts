import { describe, expect, it } from "vitest";
import { LANGUAGES, type LangTag } from "../../src/i18n/languages";
import { documentKey, firstKeyOfSecond, lastKeyOfSecond } from "../../src/search/document-key";

describe("an index row's key", () => {
  it("follows publication order from one second to the next, whatever the story id", () => {
    const earlier = documentKey("2024-05-01T10:00:00.999Z", "zzz-story", "ru");
    const later = documentKey("2024-05-01T10:00:01.000Z", "aaa-story", "uk");
    expect(later).toBeGreaterThan(earlier);
  });

  it("differs between the languages of a story and between stories of one second", () => {
    const at = "2024-05-01T10:00:00.000Z";
    const keys = new Set([
      documentKey(at, "story-a", "uk"),
      documentKey(at, "story-a", "en"),
      documentKey(at, "story-a", "ru"),
      documentKey(at, "story-b", "uk"),
    ]);
    expect(keys.size).toBe(4);
  });

  it("lies within its second's bounds, and stays an exact JS integer", () => {
    const at = "2099-12-31T23:59:59.500Z";
    const key = documentKey(at, "story", "en");
    expect(key).toBeGreaterThanOrEqual(firstKeyOfSecond(at));
    expect(key).toBeLessThanOrEqual(lastKeyOfSecond(at));
    expect(Number.isSafeInteger(lastKeyOfSecond(at))).toBe(true);
  });

  it("keeps the keys stored before languages had ordinals: uk, en and ru end in 0, 1 and 2", () => {
    // Computed by the code of commit 2cebf56, which took the language's place in the table:
    // rows of story_search written then must still be found under the same keys.
    const at = "2024-05-01T10:00:00.000Z";
    expect(["uk", "en", "ru"].map((lang) => documentKey(at, "story-a", lang as LangTag))).toEqual([
      112365246889232, 112365246889233, 112365246889234,
    ]);
  });

  it("ends in the language's ordinal", () => {
    const at = "2024-05-01T10:00:00.000Z";
    for (const language of LANGUAGES) {
      expect(documentKey(at, "story-a", language.tag) % 4).toBe(language.ordinal);
    }
  });
});
