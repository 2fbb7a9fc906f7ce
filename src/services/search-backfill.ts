import type { Db } from "../db/client";
import { indexDocumentsQueries, storiesMissingFromIndex } from "../db/search-index";
import { getStories } from "../db/stories";
import { searchDocuments } from "../search/documents";

/** Stories indexed per batch: a few hundred documents, well inside one D1 request. */
const BACKFILL_BATCH = 100;

/**
 * Indexes every published story the search index lacks: stories stored before migration 0030,
 * or loaded by anything that bypassed the story writes. Costs one query when nothing is
 * missing. Returns how many stories it indexed.
 */
export async function backfillSearchIndex(db: Db): Promise<number> {
  let indexed = 0;
  let previous = "";
  for (;;) {
    const ids = await storiesMissingFromIndex(db, BACKFILL_BATCH);
    // The same ids again: their keys collide with stories already indexed (document-key.ts).
    if (ids.length === 0 || ids.join() === previous) return indexed;
    previous = ids.join();
    const stories = await getStories(db, ids);
    await db.batch(indexDocumentsQueries(db, stories.flatMap(searchDocuments)));
    indexed += ids.length;
  }
}
