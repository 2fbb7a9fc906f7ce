import { sql } from "kysely";
import type { RemovedVariant } from "../domain/removed-variant";
import type { LangTag } from "../i18n/languages";
import type { Db } from "./client";

/**
 * Keeps what a takedown names of a variant about to be deleted. Goes in the removal's batch,
 * before the delete (migrations/0020_removed_variants.sql).
 */
export function rememberRemovedVariantQuery(db: Db, storyId: string, lang: LangTag, at: string) {
  const query = sql`
    insert into removed_variants (story_id, lang, slug, title, created_at, removed_at)
    select story_id, lang, slug, title, created_at, ${at} from story_variants
    where story_id = ${storyId} and lang = ${lang}
    on conflict (story_id, lang) do update set slug = excluded.slug, title = excluded.title,
      created_at = excluded.created_at, removed_at = excluded.removed_at`;
  return { compile: () => query.compile(db) };
}

/** The removed variants of these stories, keyed by `storyId lang`. One query. */
export async function findRemovedVariants(
  db: Db,
  storyIds: readonly string[],
): Promise<Map<string, RemovedVariant>> {
  if (storyIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("removed_variants")
    .selectAll()
    .where(
      "story_id",
      "in",
      sql<string>`(select value from json_each(${JSON.stringify(storyIds)}))`,
    )
    .execute();
  return new Map(
    rows.map((r) => [
      removedKey(r.story_id, r.lang as LangTag),
      {
        storyId: r.story_id,
        lang: r.lang as LangTag,
        slug: r.slug,
        title: r.title,
        createdAt: r.created_at,
        removedAt: r.removed_at,
      },
    ]),
  );
}

export function removedKey(storyId: string, lang: LangTag): string {
  return `${storyId} ${lang}`;
}
