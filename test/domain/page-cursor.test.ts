import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "../../src/domain/page-cursor";

describe("page cursors", () => {
  it("round-trips a stored position", () => {
    const cursor = { publishedAt: "2023-12-19T21:55:00.000Z", id: "2023-12-19-some-story" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    "",
    "garbage",
    "2023-12-19T21:55:00Z~story",
    "2023-02-30T21:55:00.000Z~story",
    "2023-12-19T21:55:00.000Z~",
    "2023-12-19T21:55:00.000Z~Story",
    "2023-12-19T21:55:00.000Z~a'; drop table stories;--",
  ])("refuses %j", (value) => {
    expect(decodeCursor(value)).toBeNull();
  });
});
