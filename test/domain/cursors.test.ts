import { describe, expect, it } from "vitest";
import {
  decodeCreatedCursor,
  decodeFeedCursor,
  decodePageCursor,
  decodeSyncCursor,
  encodeCreatedCursor,
  encodeFeedCursor,
  encodePageCursor,
  encodeSnapshotCursor,
  encodeSyncCursor,
  fromBase64Url,
  toBase64Url,
} from "../../src/domain/cursors";

const position = { publishedAt: "2023-12-19T21:55:00.000Z", id: "2023-12-19-some-story" };

describe("page cursors", () => {
  it("round-trips a stored position, readable in the URL", () => {
    expect(encodePageCursor(position)).toBe("2023-12-19T21:55:00.000Z~2023-12-19-some-story");
    expect(decodePageCursor(encodePageCursor(position))).toEqual(position);
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
    expect(decodePageCursor(value)).toBeNull();
  });
});

describe("base64url", () => {
  it("has no padding nor + and /, and round-trips UTF-8", () => {
    const text = "київ?>>~ü";
    const token = toBase64Url(text);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fromBase64Url(token)).toBe(text);
  });

  it.each([
    ["an empty token", ""],
    ["padding", "ZTE="],
    ["standard-alphabet characters", "ab+/"],
    ["a token over 400 characters", "A".repeat(401)],
    // "//4=" in the standard alphabet: the bytes FF FE, which are not UTF-8
    ["bytes that are not UTF-8", "__4"],
  ])("refuses %s", (_, token) => {
    expect(fromBase64Url(token)).toBeNull();
  });
});

describe("feed cursors", () => {
  it("are opaque and round-trip", () => {
    const token = encodeFeedCursor(position);
    expect(token).not.toContain(position.id);
    expect(decodeFeedCursor(token)).toEqual(position);
  });

  it.each([
    ["not base64url", "%%%"],
    ["not JSON", toBase64Url("[1,")],
    ["not a pair", toBase64Url(JSON.stringify([position.publishedAt]))],
    ["an instant not in stored form", toBase64Url(JSON.stringify(["2023-12-19T21:55Z", "a"]))],
    ["an impossible date", toBase64Url(JSON.stringify(["2023-02-30T21:55:00.000Z", "a"]))],
    ["an empty id", toBase64Url(JSON.stringify([position.publishedAt, ""]))],
    [
      "an id over 200 characters",
      toBase64Url(JSON.stringify([position.publishedAt, "a".repeat(201)])),
    ],
    ["a number for an id", toBase64Url(JSON.stringify([position.publishedAt, 7]))],
  ])("refuses %s", (_, token) => {
    expect(decodeFeedCursor(token)).toBeNull();
  });
});

describe("newsroom list cursors", () => {
  it("round-trip a creation position, and refuse a feed-shaped tampering", () => {
    const created = { createdAt: "2024-01-02T03:04:05.678Z", id: "story-1" };
    expect(decodeCreatedCursor(encodeCreatedCursor(created))).toEqual(created);
    expect(decodeCreatedCursor(toBase64Url('{"createdAt":"x"}'))).toBeNull();
  });
});

describe("sync cursors", () => {
  it("round-trip both phases", () => {
    expect(decodeSyncCursor(encodeSyncCursor(42))).toEqual({ phase: "events", afterId: 42 });
    expect(decodeSyncCursor(encodeSnapshotCursor(7, null))).toEqual({
      phase: "snapshot",
      through: 7,
      after: null,
    });
    const after = { publishedAt: position.publishedAt, storyId: position.id, lang: "uk" as const };
    expect(decodeSyncCursor(encodeSnapshotCursor(7, after))).toEqual({
      phase: "snapshot",
      through: 7,
      after,
    });
  });

  it("reads a snapshot cursor issued before multi-language sync as the whole story", () => {
    const token = toBase64Url(`s7~${position.publishedAt}~${position.id}`);
    expect(decodeSyncCursor(token)).toEqual({
      phase: "snapshot",
      through: 7,
      after: { publishedAt: position.publishedAt, storyId: position.id, lang: null },
    });
  });

  it.each([
    ["a leading zero", toBase64Url("e01")],
    ["an id past 2^53", toBase64Url("e9999999999999999")],
    ["an unknown phase", toBase64Url("x1")],
    ["the URL segment instead of the tag", toBase64Url(`s7~${position.publishedAt}~a~ua`)],
    ["not base64url", "e1!"],
  ])("refuses %s", (_, token) => {
    expect(decodeSyncCursor(token)).toBeNull();
  });
});
