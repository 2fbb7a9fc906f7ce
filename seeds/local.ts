import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { withLocalDb } from "../scripts/local-d1";
import { loadSeeds, type SeedBundle, type SeedFile, SeedValidationError } from "./load";

const DATA = join(import.meta.dirname, "data");

function readSeed(path: string): SeedFile {
  const file = relative(process.cwd(), path);
  try {
    return { file, content: JSON.parse(readFileSync(path, "utf8")) };
  } catch (error) {
    throw new SeedValidationError(file, "", `is not valid JSON: ${(error as Error).message}`);
  }
}

/** Reads seeds/data from disk: categories, authors, and one file per story, in name order. */
export function readSeedBundle(dir = DATA): SeedBundle {
  const storyDir = join(dir, "stories");
  return {
    categories: readSeed(join(dir, "categories.json")),
    authors: readSeed(join(dir, "authors.json")),
    stories: readdirSync(storyDir)
      .filter((name) => name.endsWith(".json"))
      .sort()
      .map((name) => readSeed(join(storyDir, name))),
  };
}

/** Adds the seed stories that the local D1 does not hold yet, and says how many. */
export async function seedLocal(persistTo?: string): Promise<void> {
  const bundle = readSeedBundle();
  const report = await withLocalDb(persistTo, (db) => loadSeeds(db, bundle, new Date()));
  console.log(
    `seeds: ${report.storiesAdded} stories added, ${report.storiesKept} already present ` +
      `(${report.categories} categories, ${report.authors} authors)`,
  );
}
