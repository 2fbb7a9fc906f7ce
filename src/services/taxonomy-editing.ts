import { bumpTaxonomyScopesQuery } from "../db/cache-scopes";
import type { Db } from "../db/client";
import { appendEventsQuery } from "../db/events";
import {
  getAuthor,
  getCategory,
  insertTaxonQueries,
  listAuthors,
  listCategories,
  type Taxon,
  taxonTaken,
  updateTaxonNamesQueries,
} from "../db/taxonomy";
import type { StoryEventKind } from "../domain/story-event";
import type { Author, Category, LocalizedNames } from "../domain/taxonomy";
import type { LangTag } from "../i18n/languages";
import { Conflict, NotFound } from "./errors";

/** A new category or author: its slug (also its id, as in the seeds) and localized names. */
export interface TaxonInput {
  slug: string;
  names: LocalizedNames;
}

const word = { categories: "category", authors: "author" } as const;

function find(db: Db, taxon: Taxon, id: string): Promise<Category | Author | null> {
  return taxon === "categories" ? getCategory(db, id) : getAuthor(db, id);
}

export async function getTaxon(db: Db, taxon: Taxon, id: string): Promise<Category | Author> {
  const entry = await find(db, taxon, id);
  if (!entry) throw new NotFound(`no ${word[taxon]} ${id}`);
  return entry;
}

export function listTaxa(db: Db, taxon: Taxon): Promise<(Category | Author)[]> {
  return taxon === "categories" ? listCategories(db) : listAuthors(db);
}

/**
 * Adds a category or author. Its events (story_id NULL, taxon_id set) mark each named language,
 * since its pages and feeds now exist there.
 */
export async function createTaxon(
  db: Db,
  taxon: Taxon,
  input: TaxonInput,
  now: Date,
): Promise<Category | Author> {
  const stamp = now.toISOString();
  if (await taxonTaken(db, taxon, input.slug, input.slug)) {
    throw new Conflict(`${word[taxon]} ${input.slug} already exists`, { slug: input.slug });
  }
  const entry = { id: input.slug, slug: input.slug, names: input.names };
  try {
    await db.batch([
      ...insertTaxonQueries(db, taxon, entry, stamp),
      ...announcementQueries(db, taxon, entry.id, input.names, "created", stamp),
    ]);
  } catch (error) {
    // Another request created the same slug between the check above and this batch.
    if (String((error as Error)?.message).includes("UNIQUE constraint failed")) {
      throw new Conflict(`${word[taxon]} ${input.slug} already exists`, { slug: input.slug });
    }
    throw error;
  }
  return getTaxon(db, taxon, entry.id);
}

/**
 * Renames a category or author in some languages. The slug stays, so its URLs keep working.
 * Every story page and feed that shows the name in a renamed language changes, so each
 * renamed language gets one taxonomy event (not one per story): the cache generation and
 * the partner sync move on for that whole language.
 */
export async function renameTaxon(
  db: Db,
  taxon: Taxon,
  id: string,
  names: LocalizedNames,
  now: Date,
): Promise<Category | Author> {
  const stamp = now.toISOString();
  await getTaxon(db, taxon, id);
  await db.batch([
    ...updateTaxonNamesQueries(db, taxon, id, names, stamp),
    ...announcementQueries(db, taxon, id, names, "updated", stamp),
  ]);
  return getTaxon(db, taxon, id);
}

/** A change's events, one per language it names, and the cache scopes of those languages. */
function announcementQueries(
  db: Db,
  taxon: Taxon,
  id: string,
  names: LocalizedNames,
  change: "created" | "updated",
  stamp: string,
) {
  const langs = Object.keys(names) as LangTag[];
  const kind = `${word[taxon]}_${change}` as StoryEventKind;
  const events = appendEventsQuery(
    db,
    langs.map((lang) => ({
      storyId: null,
      taxonId: id,
      lang,
      kind,
      version: null,
      occurredAt: stamp,
    })),
  );
  return [...(events ? [events] : []), bumpTaxonomyScopesQuery(db, langs)];
}
