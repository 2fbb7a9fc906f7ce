import { LANG_TAGS, type LangTag } from "../i18n/languages";

const SNAPSHOT_CURSOR = new RegExp(
  `^s(0|[1-9]\\d{0,15})(?:~(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z)~([A-Za-z0-9_-]{1,100})(?:~(${LANG_TAGS.join("|")}))?)?$`,
);

/**
 * The `since` / `next` cursor of incremental sync: opaque to partners (base64url), so they store
 * it and send it back without reading it, and we may change what it holds. Two phases:
 *
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

export function encodeSyncCursor(eventId: number): string {
  return base64url(`e${eventId}`);
}

export function encodeSnapshotCursor(through: number, after: SnapshotKey | null): string {
  if (!after) return base64url(`s${through}`);
  const lang = after.lang === null ? "" : `~${after.lang}`;
  return base64url(`s${through}~${after.publishedAt}~${after.storyId}${lang}`);
}

/** The position a cursor names, or null when it is not one we issued. */
export function decodeSyncCursor(token: string): SyncCursor | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(token)) return null;
  let text: string;
  try {
    text = atob(token.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    return null;
  }
  const events = /^e(0|[1-9]\d{0,15})$/.exec(text);
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

function base64url(text: string): string {
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
