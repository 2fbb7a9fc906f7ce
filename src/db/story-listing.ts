import { sql } from "kysely";
import type { CreatedCursor, StoryStatus, StorySummary } from "../domain/story";
import { LANG_TAGS, type LangTag } from "../i18n/languages";
import type { Db } from "./client";
import { storyHeader } from "./story-rows";

/** What the newsroom's story list is filtered by; every filter is optional. */
export interface StoryListFilter {
  status?: StoryStatus;
  /** Only stories that have a variant in this language. */
  lang?: LangTag;
  categoryId?: string;
  /** Return only stories created strictly before this position. */
  after?: CreatedCursor;
  limit: number;
}

/**
 * Stories of every status, newest created first, keyset-paged by (created_at, id): one query
 * per page, variants folded in by a JSON subquery.
 */
export async function listStories(db: Db, filter: StoryListFilter): Promise<StorySummary[]> {
  const rows = await db
    .selectFrom("stories as s")
    .select([
      "s.id",
      "s.kind",
      "s.category_id",
      "s.status",
      "s.published_at",
      "s.created_at",
      "s.updated_at",
      "s.version",
      sql<string>`(select json_group_array(json_object('lang', o.lang, 'slug', o.slug, 'title', o.title))
        from (select lang, slug, title from story_variants where story_id = s.id) o)`.as(
        "variants_json",
      ),
    ])
    .$if(filter.status !== undefined, (q) => q.where("s.status", "=", filter.status as StoryStatus))
    .$if(filter.categoryId !== undefined, (q) =>
      q.where("s.category_id", "=", filter.categoryId as string),
    )
    .$if(filter.lang !== undefined, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom("story_variants as v")
            .select("v.story_id")
            .whereRef("v.story_id", "=", "s.id")
            .where("v.lang", "=", filter.lang as LangTag),
        ),
      ),
    )
    .$if(filter.after !== undefined, (q) =>
      q.where((eb) => {
        const after = filter.after as CreatedCursor;
        return eb.or([
          eb("s.created_at", "<", after.createdAt),
          eb.and([eb("s.created_at", "=", after.createdAt), eb("s.id", "<", after.id)]),
        ]);
      }),
    )
    .orderBy("s.created_at", "desc")
    .orderBy("s.id", "desc")
    .limit(filter.limit)
    .execute();
  return rows.map((row) => ({
    ...storyHeader(row),
    variants: (JSON.parse(row.variants_json) as StorySummary["variants"]).sort(
      (a, b) => LANG_TAGS.indexOf(a.lang) - LANG_TAGS.indexOf(b.lang),
    ),
  }));
}
