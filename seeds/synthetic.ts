// npm run seed:synthetic -- --count N [--persist-to DIR]
// Fills the local D1 with N synthetic stories in all three languages, for benchmarks.
// Re-running with the same N adds nothing: ids are deterministic and existing ones are skipped.
import { argValue, migrateLocal, withLocalDb } from "../scripts/local-d1";
import { moveBodiesThroughCron } from "../scripts/move-bodies";
import { bulkInsertStoriesStatements } from "../src/db/bulk";
import { existingStoryIds } from "../src/db/stories";
import { insertAuthorIfAbsentQueries, insertCategoryIfAbsentQueries } from "../src/db/taxonomy";
import { backfillSearchIndex } from "../src/services/search-backfill";
import { SYNTHETIC_AUTHORS, SYNTHETIC_CATEGORIES, syntheticStory } from "./synthetic-stories";

const count = Number(argValue("--count") ?? "1000");
if (!Number.isInteger(count) || count < 1) {
  console.error("--count must be a positive whole number");
  process.exit(1);
}
// Stories per D1 batch: large enough to amortize the round trip, small enough to stay quick.
const STORIES_PER_BATCH = 500;

const persistTo = argValue("--persist-to");
const started = performance.now();
const newest = new Date();
migrateLocal(persistTo);
await withLocalDb(persistTo, async (db) => {
  const stamp = newest.toISOString();
  await db.batch([
    ...SYNTHETIC_CATEGORIES.flatMap((c) => insertCategoryIfAbsentQueries(db, c, stamp)),
    ...SYNTHETIC_AUTHORS.flatMap((a) => insertAuthorIfAbsentQueries(db, a, stamp)),
  ]);
  for (let first = 1; first <= count; first += STORIES_PER_BATCH) {
    const last = Math.min(count, first + STORIES_PER_BATCH - 1);
    const batch = [];
    for (let n = first; n <= last; n++) batch.push(syntheticStory(n, newest));
    // Stories from an earlier run stay as they are, and get no second set of events.
    const existing = await existingStoryIds(
      db,
      batch.map((story) => story.id),
    );
    const stories = batch.filter((story) => !existing.has(story.id));
    if (stories.length > 0) await db.d1.batch(bulkInsertStoriesStatements(db, stories));
    if (last % 10_000 === 0 || last === count) process.stdout.write(`\r${last}/${count} stories`);
  }
  // New stories are indexed in their batches; stories from a run before the search index
  // existed are indexed now.
  const backfilled = await backfillSearchIndex(db);
  if (backfilled > 0) console.log(`\nsearch index: ${backfilled} earlier stories indexed`);
});
// Bodies go where a deployment keeps them, so the benchmark reads them from R2 too.
await moveBodiesThroughCron(persistTo, (done, total) => {
  if (done % 10_000 === 0 || done === total)
    process.stdout.write(`\rbodies: ${done}/${total} moved to R2`);
});
console.log(
  `\nsynthetic: ${count} stories in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
