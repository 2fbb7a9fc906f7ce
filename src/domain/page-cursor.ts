import type { Cursor } from "./story";

/**
 * A keyset position as it travels in a page URL (`?after=`): the last story's publication
 * instant and id, joined by a tilde, e.g. `2023-12-19T21:55:00.000Z~2023-12-19-some-story`.
 * Readable on purpose: a reader can see where a link points, and a tampered one is refused.
 */
const CURSOR_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)~([a-z0-9]+(?:-[a-z0-9]+)*)$/;

export function encodeCursor(cursor: Cursor): string {
  return `${cursor.publishedAt}~${cursor.id}`;
}

/** The cursor a page URL names, or null when it is not one this site could have written. */
export function decodeCursor(value: string): Cursor | null {
  const match = CURSOR_PATTERN.exec(value);
  if (!match?.[1] || !match[2]) return null;
  const publishedAt = match[1];
  if (Number.isNaN(Date.parse(publishedAt))) return null;
  if (new Date(publishedAt).toISOString() !== publishedAt) return null;
  return { publishedAt, id: match[2] };
}
