import { sql } from "kysely";
import { scopeNames } from "../domain/cache-scopes";
import type { Db } from "./client";
import { whereScheduled } from "./lifecycle";

/** What decides whether a cached page or feed is still current. */
export interface FreshnessRow {
  /** Sum of the page's scope generations: rows only grow, so it moves whenever one does. */
  scopeGeneration: number;
  /** When the newest of those scopes last changed; null before the first write. */
  changedAt: string | null;
  /** Bumped by story loads that write no events (seeds): see migrations/0004. */
  importEpoch: number;
  /** The next scheduled publication after `now`, if any: cached copies must not outlive it. */
  nextDueAt: string | null;
}

/**
 * One query of index seeks (the scopes by primary key, min() on idx_story_status_published_id, a
 * one-row table), so it costs the same with 1,000 or 100,000 stories.
 */
export async function readFreshness(
  db: Db,
  scopes: readonly string[],
  now: string,
): Promise<FreshnessRow> {
  const inScope = sql`scope in (${sql.join(scopes)})`;
  const row = await db
    .selectNoFrom([
      sql<number>`coalesce((select sum(generation) from cache_scopes where ${inScope}), 0)`.as(
        "scope_generation",
      ),
      sql<string | null>`(select max(changed_at) from cache_scopes where ${inScope})`.as(
        "changed_at",
      ),
      sql<number>`coalesce((select epoch from import_epoch where id = 1), 0)`.as("import_epoch"),
      sql<string | null>`(select min(published_at) from stories
        where ${whereScheduled(now, "stories")})`.as("next_due_at"),
    ])
    .executeTakeFirstOrThrow();
  return {
    scopeGeneration: row.scope_generation,
    changedAt: row.changed_at,
    importEpoch: row.import_epoch,
    nextDueAt: row.next_due_at,
  };
}

/**
 * What moves with every category or author edit (the "taxonomy" scope's generation) and every
 * seed load (the import epoch): names and stories can change without a story version moving,
 * so kept partner documents are keyed on it. Two columns for a query's select list.
 */
export function contentStampColumns() {
  return [
    sql<number>`coalesce((select generation from cache_scopes
      where scope = ${scopeNames.anyTaxonomy}), 0)`.as("taxonomy_generation"),
    sql<number>`coalesce((select epoch from import_epoch where id = 1), 0)`.as("import_epoch"),
  ] as const;
}

export interface ContentStampRow {
  taxonomy_generation: number;
  import_epoch: number;
}

/** The two columns of contentStampColumns as one string. */
export function toContentStamp(row: ContentStampRow) {
  return `${row.taxonomy_generation}:${row.import_epoch}`;
}

export async function readContentStamp(db: Db): Promise<string> {
  return toContentStamp(await db.selectNoFrom(contentStampColumns()).executeTakeFirstOrThrow());
}

/** The statement that tells the edge cache stories arrived without newsroom events. */
export function bumpImportEpochQuery(db: Db) {
  return db
    .updateTable("import_epoch")
    .set((eb) => ({ epoch: eb("epoch", "+", 1) }))
    .where("id", "=", 1);
}
