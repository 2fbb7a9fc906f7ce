import { moveInlineBodies, sweepBodyGarbage } from "../db/bodies";
import type { Db } from "../db/client";
import { LANGUAGES } from "../i18n/languages";

/** What one minute's run may move: about a million stories' bodies in two days of runs. */
export const MOVES_PER_RUN = 1000;

/** Moves a story's bodies written inline by its last write to R2 (after the response). */
export function moveStoryBodies(db: Db, storyId: string): Promise<number> {
  return moveInlineBodies(db, { storyId, limit: LANGUAGES.length });
}

/**
 * Moves every body still in D1, for a seeder or import that wrote many at once: the archive
 * is then as a deployment would hold it once its cron caught up.
 */
export async function moveEveryInlineBody(db: Db): Promise<number> {
  let moved = 0;
  for (;;) {
    const run = await moveInlineBodies(db, { limit: MOVES_PER_RUN });
    if (run === 0) return moved;
    moved += run;
  }
}

/**
 * The minute's upkeep: bodies no request moved (a write whose after-response work died, an
 * import, an archive from before R2) and superseded objects past their grace period.
 */
export async function keepBodiesInR2(db: Db, now: Date): Promise<{ moved: number; swept: number }> {
  const moved = await moveInlineBodies(db, { limit: MOVES_PER_RUN });
  const swept = await sweepBodyGarbage(db, now);
  return { moved, swept };
}
