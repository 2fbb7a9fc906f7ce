import { env } from "cloudflare:workers";
import { loadSeeds, type SeedBundle, type SeedFile } from "../../seeds/load";
import { Db } from "../../src/db/client";

const storyFiles = import.meta.glob<unknown>("../../seeds/data/stories/*.json", {
  eager: true,
  import: "default",
});
const categories = import.meta.glob<unknown>("../../seeds/data/categories.json", {
  eager: true,
  import: "default",
});
const authors = import.meta.glob<unknown>("../../seeds/data/authors.json", {
  eager: true,
  import: "default",
});

function only(files: Record<string, unknown>): SeedFile {
  const [file, content] = Object.entries(files)[0] ?? [];
  if (!file) throw new Error("seed file missing");
  return { file: file.replace("../../", ""), content };
}

/** The seed files exactly as `npm start` reads them, bundled into the test. */
export function seedBundle(): SeedBundle {
  return {
    categories: only(categories),
    authors: only(authors),
    stories: Object.entries(storyFiles)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([file, content]) => ({ file: file.replace("../../", ""), content })),
  };
}

/** The test's Kysely over the real (migrated, per-file) local D1. */
export function testDb(): Db {
  return new Db(env.DB, env.BODIES);
}

/** Loads every seed story into the test's D1. */
export async function loadSeedStories(): Promise<void> {
  await loadSeeds(testDb(), seedBundle(), new Date());
}

/** Row counts of the story tables, to prove a refused write changed nothing. */
export async function rowCounts(): Promise<Record<string, number>> {
  const tables = [
    "stories",
    "story_variants",
    "story_authors",
    "categories",
    "category_names",
    "authors",
    "author_names",
    "story_events",
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await env.DB.prepare(`select count(*) as n from ${table}`).first<{ n: number }>();
    counts[table] = row?.n ?? 0;
  }
  return counts;
}
