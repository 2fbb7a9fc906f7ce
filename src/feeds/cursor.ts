import type { Cursor } from "../domain/story";

/**
 * Paging cursors are opaque to clients: base64url (RFC 4648 section 5) of the keyset position
 * (published time, story id), so a URL never exposes or invites editing of the raw values.
 */
export function encodeCursor(cursor: Cursor): string {
  const bytes = new TextEncoder().encode(JSON.stringify([cursor.publishedAt, cursor.id]));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

const STORED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The position a cursor names, or null when it is not one this service issued. */
export function decodeCursor(token: string): Cursor | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(token)) return null;
  try {
    const binary = atob(token.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    const value: unknown = JSON.parse(
      new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes),
    );
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [publishedAt, id] = value as unknown[];
    if (typeof publishedAt !== "string" || !STORED_INSTANT.test(publishedAt)) return null;
    if (Number.isNaN(Date.parse(publishedAt))) return null;
    if (typeof id !== "string" || id.length === 0 || id.length > 200) return null;
    return { publishedAt, id };
  } catch {
    return null;
  }
}
