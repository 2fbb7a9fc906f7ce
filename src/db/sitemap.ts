import { sql } from "kysely";
import type { LangTag } from "../i18n/languages";
import type { Db } from "./client";

/** A published story as a sitemap lists it: when, and where each language variant lives. */
export interface SitemapStory {
  id: string;
  publishedAt: string;
  variants: { lang: LangTag; slug: string; title: string; updatedAt: string }[];
}

/**
 * Newest-first published stories with every variant's slug, title and update time, in one
 * query (variants come from a correlated JSON subquery). `since` keeps only stories published
 * at or after that instant, for the news sitemap's two-day window.
 */
export async function listSitemapStories(
  db: Db,
  { now, since, limit }: { now: string; since?: string; limit: number },
): Promise<SitemapStory[]> {
  const rows = await db
    .selectFrom("stories as s")
    .select([
      "s.id",
      "s.published_at",
      sql<string>`(
        select json_group_array(json_object(
          'lang', lv.lang, 'slug', lv.slug, 'title', lv.title,
          'updatedAt', max(s.updated_at, lv.updated_at)))
        from (select * from story_variants where story_id = s.id order by lang) lv
      )`.as("variants_json"),
    ])
    .where("s.status", "=", "published")
    .where("s.published_at", "<=", now)
    .$if(since !== undefined, (q) => q.where("s.published_at", ">=", since as string))
    .orderBy("s.published_at", "desc")
    .orderBy("s.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    publishedAt: row.published_at as string,
    variants: JSON.parse(row.variants_json) as SitemapStory["variants"],
  }));
}
