import { type Compilable, sql } from "kysely";
import type { Author, Category, LocalizedNames } from "../domain/taxonomy";
import type { LangTag } from "../i18n/languages";
import type { Db } from "./client";

/** Categories and authors share one shape: an id, a slug, and a name per language. */
type Taxon = "categories" | "authors";

const namesTable = { categories: "category_names", authors: "author_names" } as const;
const ownerColumn = { categories: "category_id", authors: "author_id" } as const;

async function listTaxa(db: Db, taxon: Taxon): Promise<(Category | Author)[]> {
  const names = namesTable[taxon];
  const owner = ownerColumn[taxon];
  const rows = await db
    .selectFrom(`${taxon} as t` as "categories as t")
    .select([
      "t.id",
      "t.slug",
      sql<string>`(select json_group_object(n.lang, n.name) from ${sql.table(names)} n
        where n.${sql.ref(owner)} = t.id)`.as("names_json"),
    ])
    .orderBy("t.slug")
    .execute();
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
): Promise<{ id: string; slug: string; name: string } | null> {
  const row = await db
    .selectFrom("categories as c")
    .leftJoin("category_names as n", (j) =>
      j.onRef("n.category_id", "=", "c.id").on("n.lang", "=", lang),
    )
    .select(["c.id", "c.slug", sql<string>`coalesce(n.name, c.slug)`.as("name")])
    .where("c.slug", "=", slug)
    .executeTakeFirst();
  return row ?? null;
}

/** The author at a slug with its name in one language (falling back to the slug). */
export async function findAuthorBySlug(
  db: Db,
  slug: string,
  lang: LangTag,
): Promise<{ id: string; slug: string; name: string } | null> {
  const row = await db
    .selectFrom("authors as a")
    .leftJoin("author_names as n", (j) =>
      j.onRef("n.author_id", "=", "a.id").on("n.lang", "=", lang),
    )
    .select(["a.id", "a.slug", sql<string>`coalesce(n.name, a.slug)`.as("name")])
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
