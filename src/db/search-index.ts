import { type Compilable, type RawBuilder, sql } from "kysely";
import type { LangTag } from "../i18n/languages";
import type { Db } from "./client";
import { whereLive, wherePublished } from "./lifecycle";
import type { StoryState } from "./partner-sync";

/**
 * The full-text index (migrations/0030): one FTS5 row per published story variant, holding
 * its stemmed title and text. Its statements go into the same D1 batch as the story write
 * that changes what they index, so the index never disagrees with the stories it points to.
 */

/** One variant as the index stores it: stems, not the text readers see (see src/search/). */
export interface SearchDocument {
  /** Its FTS5 rowid, in publication order (search/document-key.ts). */
  key: number;
  storyId: string;
  lang: LangTag;
  title: string;
  body: string;
}

/**
 * Documents travel as one JSON parameter per statement (json_each), clear of D1's 100 bound
 * parameters; a chunk stays far below D1's 2 MB limit on one value.
 */
const MAX_CHUNK_CHARS = 400_000;

/**
 * Adds documents that are not yet indexed. A (story, language) already in the index is left
 * as it is, so loaders that skip stored stories (seeds, generators) can send every document.
 */
export function indexDocumentsQueries(
  db: Db,
  documents: readonly SearchDocument[],
): Compilable<unknown>[] {
  return chunkByLength(documents).flatMap((chunk) => {
    const rows = JSON.stringify(
      chunk.map((d) => ({ k: d.key, s: d.storyId, l: d.lang, t: d.title, b: d.body })),
    );
    const terms = JSON.stringify([
      ...new Set(chunk.flatMap((d) => [...d.title.split(" "), ...d.body.split(" ")])),
    ]);
    return [
      // The dictionary prefixes are expanded from (migrations/0064); it only grows: a term no
      // document holds any more expands into nothing.
      compiled(
        db,
        sql`insert or ignore into search_terms (term)
          select value from json_each(${terms}) where value <> ''`,
      ),
      compiled(
        db,
        sql`insert or ignore into search_documents (id, story_id, lang)
          select value ->> '$.k', value ->> '$.s', value ->> '$.l' from json_each(${rows})`,
      ),
      compiled(
        db,
        sql`insert into story_search (rowid, title, body)
          select d.id, j.value ->> '$.t', j.value ->> '$.b'
          from json_each(${rows}) j
          join search_documents d on d.story_id = j.value ->> '$.s' and d.lang = j.value ->> '$.l'
          where not exists (select 1 from story_search f where f.rowid = d.id)`,
      ),
    ];
  });
}

/** Takes a story's documents out of the index: every language's, or only those named. */
export function unindexStoryQueries(
  db: Db,
  storyId: string,
  langs?: readonly LangTag[],
): Compilable<unknown>[] {
  const only = langs
    ? sql`and lang in (select value from json_each(${JSON.stringify(langs)}))`
    : sql``;
  return [
    compiled(
      db,
      sql`delete from story_search where rowid in
        (select id from search_documents where story_id = ${storyId} ${only})`,
    ),
    compiled(db, sql`delete from search_documents where story_id = ${storyId} ${only}`),
  ];
}

/** Replaces what the index holds for these documents' (story, language) pairs. */
export function reindexQueries(
  db: Db,
  documents: readonly SearchDocument[],
): Compilable<unknown>[] {
  const byStory = Map.groupBy(documents, (d) => d.storyId);
  return [
    ...[...byStory].flatMap(([storyId, docs]) =>
      unindexStoryQueries(
        db,
        storyId,
        docs.map((d) => d.lang),
      ),
    ),
    ...indexDocumentsQueries(db, documents),
  ];
}

/**
 * Indexed terms that begin with `prefix`, in order, at most `limit`: a range of the
 * dictionary's primary key, whatever the size of the archive.
 */
export async function termsBeginning(db: Db, prefix: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom("search_terms")
    .select("term")
    .where("term", ">=", prefix)
    // Past every term that begins with the prefix, in SQLite's (UTF-8 byte) order.
    .where("term", "<", `${prefix}\u{10FFFF}`)
    .orderBy("term")
    .limit(limit)
    .execute();
  return rows.map((r) => r.term).filter((term) => term.startsWith(prefix));
}

/** What a search asks the index for; every bound is optional. */
export interface IndexSearch {
  lang: LangTag;
  /** An FTS5 expression from search/query.ts, which quotes every term. */
  match: string;
  /** Stories published later are scheduled, not yet visible. */
  now: string;
  /** Only keys below this one: the page cursor, as a key. */
  belowKey?: number;
  /** Key bounds that narrow the walk to a publication period (checked exactly as well). */
  fromKey?: number;
  toKey?: number;
  publishedFrom?: string;
  publishedTo?: string;
  categoryIds?: readonly string[];
  limit: number;
}

/** A matching story: its id, and the state partner documents are keyed on. */
export interface SearchMatch extends StoryState {
  storyId: string;
  publishedAt: string;
}

/**
 * The newest published stories whose variant in `lang` matches, newest first. FTS5 walks the
 * matches in rowid order, which is publication order, and stops at `limit`: the cost follows
 * the page size, not the number of matches.
 */
export async function searchIndex(db: Db, search: IndexSearch): Promise<SearchMatch[]> {
  const bound = (column: string, op: string, value: number | string | undefined) =>
    value === undefined ? sql`` : sql`and ${sql.ref(column)} ${sql.raw(op)} ${value}`;
  const categories = search.categoryIds
    ? sql`and s.category_id in (select value from json_each(${JSON.stringify(search.categoryIds)}))`
    : sql``;
  // CROSS JOIN fixes the loop order (SQLite never reorders it): the FTS walk outermost, so
  // its rowid order serves ORDER BY and LIMIT stops it; the planner would otherwise start
  // from every published story.
  const { rows } = await sql<{
    story_id: string;
    version: number;
    updated_at: string;
    published_at: string;
  }>`select d.story_id, s.version, s.updated_at, s.published_at from story_search
    cross join search_documents d on d.id = story_search.rowid
    cross join stories s on s.id = d.story_id
    where story_search match ${search.match} and d.lang = ${search.lang}
      and ${whereLive(search.now)}
      ${bound("story_search.rowid", "<", search.belowKey)}
      ${bound("story_search.rowid", ">=", search.fromKey)}
      ${bound("story_search.rowid", "<=", search.toKey)}
      ${bound("s.published_at", ">=", search.publishedFrom)}
      ${bound("s.published_at", "<=", search.publishedTo)}
      ${categories}
    order by story_search.rowid desc
    limit ${search.limit}`.execute(db);
  return rows.map((r) => ({
    storyId: r.story_id,
    version: r.version,
    updatedAt: r.updated_at,
    publishedAt: r.published_at,
  }));
}

/**
 * Published stories with a variant the index lacks (stored before the index existed, or by a
 * loader that wrote rows directly), oldest id first: what a backfill has left to do.
 */
export async function storiesMissingFromIndex(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom("stories as s")
    .select("s.id")
    .where(wherePublished())
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("story_variants as v")
          .select("v.story_id")
          .whereRef("v.story_id", "=", "s.id")
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom("search_documents as d")
                  .select("d.id")
                  .whereRef("d.story_id", "=", "v.story_id")
                  .whereRef("d.lang", "=", "v.lang"),
              ),
            ),
          ),
      ),
    )
    .orderBy("s.id")
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Kysely's raw SQL compiled for Db.batch, which takes anything with compile(). */
function compiled(db: Db, query: RawBuilder<unknown>): Compilable<unknown> {
  return { compile: () => query.compile(db) };
}

function chunkByLength(documents: readonly SearchDocument[]): SearchDocument[][] {
  const chunks: SearchDocument[][] = [];
  let chunk: SearchDocument[] = [];
  let length = 0;
  for (const document of documents) {
    const size = document.title.length + document.body.length + 64;
    if (chunk.length > 0 && length + size > MAX_CHUNK_CHARS) {
      chunks.push(chunk);
      chunk = [];
      length = 0;
    }
    chunk.push(document);
    length += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
