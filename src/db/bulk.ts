import type { Story } from "../domain/story";
import { searchDocuments } from "../search/documents";
import type { Db } from "./client";
import { indexDocumentsQueries } from "./search-index";
import { storyRows } from "./story-rows";

/**
 * Bulk loading for local generators (synthetic benchmark archives): rows are inlined as SQL
 * literals in large multi-row INSERTs, because D1's 100-bound-parameter limit would otherwise
 * mean one statement per handful of rows, and a statement per round trip is what makes a
 * 100,000-story load slow. Never use this for editors' input: the API path binds parameters.
 * Each story gets the `published` events the newsroom API would have written, so partner sync
 * sees the archive as it would see published stories.
 */

/** D1 refuses SQL statements over 100 KB; stay clear of it. */
const MAX_STATEMENT_BYTES = 90_000;
const utf8 = new TextEncoder();

export function bulkInsertStoriesStatements(
  db: Db,
  stories: readonly Story[],
): D1PreparedStatement[] {
  const rows = storyRows(stories);
  return [
    // Cached pages must not outlive the load (see migrations/0004).
    db.d1.prepare("UPDATE import_epoch SET epoch = epoch + 1 WHERE id = 1"),
    ...insertLiterals(db, "stories", rows.stories),
    ...insertLiterals(db, "story_variants", rows.variants),
    ...insertLiterals(db, "story_authors", rows.authors),
    ...insertLiterals(
      db,
      "story_events",
      stories.flatMap((story) =>
        Object.values(story.variants).map((variant) => ({
          story_id: story.id,
          taxon_id: null,
          lang: variant.lang,
          kind: "published",
          version: story.version,
          occurred_at: story.publishedAt,
        })),
      ),
    ),
    // The search index, as one JSON parameter per chunk rather than literals.
    ...indexDocumentsQueries(db, stories.flatMap(searchDocuments)).map((query) => {
      const { sql, parameters } = query.compile();
      return db.d1.prepare(sql).bind(...parameters);
    }),
  ];
}

function insertLiterals(db: Db, table: string, rows: readonly object[]): D1PreparedStatement[] {
  const first = rows[0];
  if (!first) return [];
  const columns = Object.keys(first);
  const head = `INSERT OR IGNORE INTO ${table} (${columns.join(",")}) VALUES `;
  const statements: D1PreparedStatement[] = [];
  let tuples: string[] = [];
  let bytes = head.length;
  for (const row of rows) {
    const tuple = `(${columns.map((c) => literal((row as Record<string, unknown>)[c])).join(",")})`;
    const size = utf8.encode(tuple).length + 1;
    if (tuples.length > 0 && bytes + size > MAX_STATEMENT_BYTES) {
      statements.push(db.d1.prepare(head + tuples.join(",")));
      tuples = [];
      bytes = head.length;
    }
    tuples.push(tuple);
    bytes += size;
  }
  statements.push(db.d1.prepare(head + tuples.join(",")));
  return statements;
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return `'${String(value).replaceAll("'", "''")}'`;
}
