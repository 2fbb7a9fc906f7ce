/**
 * The `since` / `next` cursor of incremental sync: opaque to partners, it carries the id of the
 * last story event a page covered (event ids only ever grow). base64url of `e<id>`, so a
 * partner stores and sends it back without reading it, and we may change what it holds.
 */
export function encodeSyncCursor(eventId: number): string {
  return btoa(`e${eventId}`).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The event id a cursor names, or null when it is not one we issued. */
export function decodeSyncCursor(token: string): number | null {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(token)) return null;
  let text: string;
  try {
    text = atob(token.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    return null;
  }
  const match = /^e(0|[1-9]\d{0,15})$/.exec(text);
  if (!match) return null;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) ? id : null;
}
