import { type Compilable, sql } from "kysely";
import type { Named } from "../domain/story";
import type { Author, Category, LocalizedNames } from "../domain/taxonomy";
import type { LangTag } from "../i18n/languages";
import type { Db } from "./client";

/** Categories and authors share one shape: an id, a slug, and a name per language. */
type Taxon = "categories" | "authors";

const namesTable = { categories: "category_names", authors: "author_names" } as const;
const ownerColumn = { categories: "category_id", authors: "author_id" } as const;

/** Categories or authors with their names in every language, as one JSON object per row. */
function selectTaxa(db: Db, taxon: Taxon) {
  const names = namesTable[taxon];
  const owner = ownerColumn[taxon];
  // Both tables have the same shape; Kysely needs one name to type the query by.
  return db.selectFrom(`${taxon} as t` as "categories as t").select([
    "t.id",
    "t.slug",
    sql<string>`(select json_group_object(n.lang, n.name) from ${sql.table(names)} n
        where n.${sql.ref(owner)} = t.id)`.as("names_json"),
  ]);
}

async function listTaxa(db: Db, taxon: Taxon): Promise<(Category | Author)[]> {
  const rows = await selectTaxa(db, taxon).orderBy("t.slug").execute();
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    names: JSON.parse(row.names_json) as LocalizedNames,
  }));
}

export function listCategories(db: Db): Promise<Category[]> {
  return listTaxa(db, "categories");
}

export function listAuthors(db: Db): Promise<Author[]> {
  return listTaxa(db, "authors");
}

/** The category at a slug with its name in one language (falling back to the slug). */
export async function findCategoryBySlug(
  db: Db,
  slug: string,
  lang: LangTag,
): Promise<(Named & { updatedAt: string }) | null> {
  const row = await db
    .selectFrom("categories as c")
    .leftJoin("category_names as n", (j) =>
      j.onRef("n.category_id", "=", "c.id").on("n.lang", "=", lang),
    )
    .select([
      "c.id",
      "c.slug",
      "c.updated_at as updatedAt",
      sql<string>`coalesce(n.name, c.slug)`.as("name"),
    ])
    .where("c.slug", "=", slug)
    .executeTakeFirst();
  return row ?? null;
}

/** The author at a slug with its name in one language (falling back to the slug). */
export async function findAuthorBySlug(
  db: Db,
  slug: string,
  lang: LangTag,
): Promise<(Named & { updatedAt: string }) | null> {
  const row = await db
    .selectFrom("authors as a")
    .leftJoin("author_names as n", (j) =>
      j.onRef("n.author_id", "=", "a.id").on("n.lang", "=", lang),
    )
    .select([
      "a.id",
      "a.slug",
      "a.updated_at as updatedAt",
      sql<string>`coalesce(n.name, a.slug)`.as("name"),
    ])
    .where("a.slug", "=", slug)
    .executeTakeFirst();
  return row ?? null;
}

/** Statements that add a category with its names unless its id is already stored. */
export function insertCategoryIfAbsentQueries(
  db: Db,
  category: Category,
  now: string,
): Compilable<unknown>[] {
  return [
    db
      .insertInto("categories")
      .values({ id: category.id, slug: category.slug, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column("id").doNothing()),
    ...Object.entries(category.names).map(([lang, name]) =>
      db
        .insertInto("category_names")
        .values({ category_id: category.id, lang, name })
        .onConflict((oc) => oc.columns(["category_id", "lang"]).doNothing()),
    ),
  ];
}

/** Statements that add an author with its names unless its id is already stored. */
export function insertAuthorIfAbsentQueries(
  db: Db,
  author: Author,
  now: string,
): Compilable<unknown>[] {
  return [
    db
      .insertInto("authors")
      .values({ id: author.id, slug: author.slug, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column("id").doNothing()),
    ...Object.entries(author.names).map(([lang, name]) =>
      db
        .insertInto("author_names")
        .values({ author_id: author.id, lang, name })
        .onConflict((oc) => oc.columns(["author_id", "lang"]).doNothing()),
    ),
  ];
}

/** One category or author by id, with its names in every language it has; null when absent. */
async function getTaxon(db: Db, taxon: Taxon, id: string): Promise<Category | Author | null> {
  const row = await selectTaxa(db, taxon).where("t.id", "=", id).executeTakeFirst();
  return row
    ? { id: row.id, slug: row.slug, names: JSON.parse(row.names_json) as LocalizedNames }
    : null;
}

export function getCategory(db: Db, id: string): Promise<Category | null> {
  return getTaxon(db, "categories", id);
}

export function getAuthor(db: Db, id: string): Promise<Author | null> {
  return getTaxon(db, "authors", id);
}

/** The authors among these ids that exist, with their slugs. One query for any number of ids. */
export async function findAuthorsByIds(
  db: Db,
  ids: readonly string[],
): Promise<{ id: string; slug: string }[]> {
  if (ids.length === 0) return [];
  return (
    db
      .selectFrom("authors")
      .select(["id", "slug"])
      // json_each keeps this one bound parameter, clear of D1's 100-parameter limit.
      .where("id", "in", sql<string>`(select value from json_each(${JSON.stringify(ids)}))`)
      .execute()
  );
}

/** Whether a category or author already uses this id or slug. */
export async function taxonTaken(db: Db, taxon: Taxon, id: string, slug: string): Promise<boolean> {
  const row = await db
    .selectFrom(`${taxon} as t` as "categories as t")
    .select("t.id")
    .where((eb) => eb.or([eb("t.id", "=", id), eb("t.slug", "=", slug)]))
    .executeTakeFirst();
  return row !== undefined;
}

/** Statements that add a new category or author with its names; an existing id fails the batch. */
export function insertTaxonQueries(
  db: Db,
  taxon: Taxon,
  entry: Category | Author,
  now: string,
): Compilable<unknown>[] {
  const names = namesTable[taxon];
  const owner = ownerColumn[taxon];
  const nameRows = Object.entries(entry.names).map(([lang, name]) => ({
    [owner]: entry.id,
    lang,
    name,
  }));
  return [
    db
      .insertInto(taxon as "categories")
      .values({ id: entry.id, slug: entry.slug, created_at: now, updated_at: now }),
    ...(nameRows.length > 0
      ? [db.insertInto(names as "category_names").values(nameRows as never)]
      : []),
  ];
}

/** Statements that set (add or replace) some of a category's or author's localized names. */
export function updateTaxonNamesQueries(
  db: Db,
  taxon: Taxon,
  id: string,
  names: LocalizedNames,
  now: string,
): Compilable<unknown>[] {
  const table = namesTable[taxon];
  const owner = ownerColumn[taxon];
  return [
    db
      .updateTable(taxon as "categories")
      .set({ updated_at: now })
      .where("id", "=", id),
    ...Object.entries(names).map(([lang, name]) =>
      db
        .insertInto(table as "category_names")
        .values({ [owner]: id, lang, name } as never)
        .onConflict((oc) =>
          oc.columns([owner as "category_id", "lang"]).doUpdateSet({ name: name as string }),
        ),
    ),
  ];
}

export type { Taxon };
