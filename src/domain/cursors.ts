import { LANG_TAGS, type LangTag } from "../i18n/languages";
import type { Cursor } from "./story";

/**
 * Every paging cursor the service hands out, and the one base64url (RFC 4648 section 5, no
 * padding) they share. Each decoder returns null for a token this service could not have
 * written, so a tampered or truncated link is refused rather than read as some other position.
 *
 * - feed `?after=`: opaque, so a feed URL never invites editing of the raw keyset values;
 * - site page `?after=`: readable on purpose, a reader can see where a link points;
 * - newsroom API `cursor`: opaque, creation order;
 * - partner sync `since` / `next`: opaque, so partners store it without reading it and we may
 *   change what it holds.
 */

const BASE64URL = /^[A-Za-z0-9_-]{1,400}$/;
const STORED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** The UTF-8 text a token holds, or null when it is not base64url of UTF-8. */
export function fromBase64Url(token: string): string | null {
  if (!BASE64URL.test(token)) return null;
  try {
    const binary = atob(token.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** An instant as D1 rows hold it, and a real one: 2023-02-30 is not. */
function isStoredInstant(text: string): boolean {
  if (!STORED_INSTANT.test(text)) return false;
  const time = Date.parse(text);
  return !Number.isNaN(time) && new Date(time).toISOString() === text;
}

/** A stored instant (as D1 rows hold it) and an id, as opaque JSON `[instant, id]`. */
function encodeInstantAndId(instant: string, id: string): string {
  return toBase64Url(JSON.stringify([instant, id]));
}

function decodeInstantAndId(token: string): [string, string] | null {
  const text = fromBase64Url(token);
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [instant, id] = value as unknown[];
  if (typeof instant !== "string" || !isStoredInstant(instant)) return null;
  if (typeof id !== "string" || id.length === 0 || id.length > 200) return null;
  return [instant, id];
}

export function encodeFeedCursor(cursor: Cursor): string {
  return encodeInstantAndId(cursor.publishedAt, cursor.id);
}

export function decodeFeedCursor(token: string): Cursor | null {
  const decoded = decodeInstantAndId(token);
  return decoded && { publishedAt: decoded[0], id: decoded[1] };
}

/** The newsroom API's list position: the last story's creation instant and id. */
export interface CreatedCursor {
  createdAt: string;
  id: string;
}

export function encodeCreatedCursor(cursor: CreatedCursor): string {
  return encodeInstantAndId(cursor.createdAt, cursor.id);
}

export function decodeCreatedCursor(token: string): CreatedCursor | null {
  const decoded = decodeInstantAndId(token);
  return decoded && { createdAt: decoded[0], id: decoded[1] };
}

/** `2023-12-19T21:55:00.000Z~2023-12-19-some-story`: instant and slug-shaped id, by a tilde. */
const PAGE_CURSOR = /^([^~]+)~([a-z0-9]+(?:-[a-z0-9]+)*)$/;

export function encodePageCursor(cursor: Cursor): string {
  return `${cursor.publishedAt}~${cursor.id}`;
}

export function decodePageCursor(value: string): Cursor | null {
  const match = PAGE_CURSOR.exec(value);
  if (!match?.[1] || !match[2]) return null;
  if (!isStoredInstant(match[1])) return null;
  return { publishedAt: match[1], id: match[2] };
}

/**
 * Incremental sync has two phases:
 * - `e<id>`: the change feed, every story event after that id (event ids only ever grow).
 * - `s<through>[~<publishedAt>~<storyId>[~<lang>]]`: the back catalogue, the first sync of a
 *   partner: every story variant it may hold as it is now, oldest publication first, paged by
 *   (publishedAt, id, lang); `through` is the newest event id when the snapshot began, where the
 *   change feed resumes. A cursor without a lang (issued before multi-language sync) resumes
 *   after the whole story.
 */
export type SyncCursor =
  | { phase: "events"; afterId: number }
  | { phase: "snapshot"; through: number; after: SnapshotKey | null };

/** The last story a snapshot page covered. */
export interface SnapshotKey {
  publishedAt: string;
  storyId: string;
  lang: LangTag | null;
}

const EVENTS_CURSOR = /^e(0|[1-9]\d{0,15})$/;
const SNAPSHOT_CURSOR = new RegExp(
  `^s(0|[1-9]\\d{0,15})(?:~(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z)~([A-Za-z0-9_-]{1,100})(?:~(${LANG_TAGS.join("|")}))?)?$`,
);

export function encodeSyncCursor(eventId: number): string {
  return toBase64Url(`e${eventId}`);
}

export function encodeSnapshotCursor(through: number, after: SnapshotKey | null): string {
  if (!after) return toBase64Url(`s${through}`);
  const lang = after.lang === null ? "" : `~${after.lang}`;
  return toBase64Url(`s${through}~${after.publishedAt}~${after.storyId}${lang}`);
}

export function decodeSyncCursor(token: string): SyncCursor | null {
  const text = fromBase64Url(token);
  if (text === null) return null;
  const events = EVENTS_CURSOR.exec(text);
  if (events) {
    const afterId = Number(events[1]);
    return Number.isSafeInteger(afterId) ? { phase: "events", afterId } : null;
  }
  const snapshot = SNAPSHOT_CURSOR.exec(text);
  if (!snapshot) return null;
  const through = Number(snapshot[1]);
  if (!Number.isSafeInteger(through)) return null;
  const [, , publishedAt, storyId, lang] = snapshot;
  return {
    phase: "snapshot",
    through,
    after:
      publishedAt && storyId ? { publishedAt, storyId, lang: (lang as LangTag) ?? null } : null,
  };
}
