import { describe, expect, it } from "vitest";
import { readingMinutes } from "../../src/domain/reading-time";

function words(n: number): string {
  return Array.from({ length: n }, (_, i) => `слово${i}`).join(" ");
}

describe("readingMinutes", () => {
  it("never says less than one minute", () => {
    expect(readingMinutes("")).toBe(1);
    expect(readingMinutes("<p>Коротко.</p>")).toBe(1);
  });

  it("counts words of text, not tags or entities", () => {
    expect(readingMinutes(`<p>${words(200)}</p>`)).toBe(1);
    expect(readingMinutes(`<p>${words(201)}</p>`)).toBe(2);
    expect(
      readingMinutes(`<p>${words(100)}</p>${"<br/>&nbsp;".repeat(500)}<p>${words(100)}</p>`),
    ).toBe(1);
  });

  it("rounds up to whole minutes", () => {
    expect(readingMinutes(`<p>${words(1001)}</p>`)).toBe(6);
  });
});
