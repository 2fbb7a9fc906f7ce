import type { Db } from "../db/client";
import { readFreshness } from "../db/freshness";
import type { LangTag } from "../i18n/languages";

/** How current the content of one language (or of the whole site) is, as of `now`. */
export interface Freshness {
  /** Changes whenever anything shown in scope may have changed: part of every cache key. */
  generation: string;
  /**
   * The newest write in scope. Validators (Last-Modified) must not be older, or a client
   * holding a copy from before a withdrawal would be told it is current.
   */
  lastWriteAt: string | null;
  /** Seconds until a scheduled story falls due in scope; null when none is scheduled. */
  secondsUntilNextDue: number | null;
}

export async function contentFreshness(
  db: Db,
  lang: LangTag | null,
  now: Date,
): Promise<Freshness> {
  const row = await readFreshness(db, lang, now.toISOString());
  return {
    generation: `${row.eventId}.${row.importEpoch}`,
    lastWriteAt: row.eventAt,
    secondsUntilNextDue:
      row.nextDueAt === null
        ? null
        : Math.max(0, Math.floor((Date.parse(row.nextDueAt) - now.getTime()) / 1000)),
  };
}
