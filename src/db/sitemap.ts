import { sql } from "kysely";
import type { LangTag } from "../i18n/languages";
import type { Db } from "./client";
import { whereLive, whereLiveWithin, whereScheduledWithin } from "./lifecycle";

/** A published story as a sitemap lists it: when, and where each language variant lives. */
export interface SitemapStory {
  id: string;
  publishedAt: string;
  variants: { lang: LangTag; slug: string; updatedAt: string }[];
}

/** A story of the news sitemap, which names each variant's title as well. */
export interface NewsSitemapStory extends SitemapStory {
  variants: (SitemapStory["variants"][number] & { title: string })[];
}

/**
 * Every variant's slug and update time (and, for the news sitemap, title) as JSON, from one
 * correlated subquery that idx_variant_listing covers (migrations/0055): no body is read.
 * A sitemap child leaves the titles out: a quarter of what its 500 rows carried, unused.
 */
function variantsJson(withTitles: boolean) {
  const title = withTitles ? sql`'title', lv.title,` : sql``;
  const titleColumn = withTitles ? sql`title,` : sql``;
  return sql<string>`(
  select json_group_array(json_object(
    'lang', lv.lang, 'slug', lv.slug, ${title}
    'updatedAt', max(s.updated_at, lv.updated_at)))
  from (select lang, slug, ${titleColumn} updated_at from story_variants where story_id = s.id
    order by lang) lv
)`;
}

function toSitemapStory<S extends SitemapStory>(row: {
  id: string;
  published_at: string | null;
  variants_json: string;
}): S {
  return {
    id: row.id,
    publishedAt: row.published_at as string,
    variants: JSON.parse(row.variants_json),
  } as S;
}

/**
 * Newest-first published stories with every variant, in one query. `since` keeps only stories
 * published at or after that instant, for the news sitemap's two-day window.
 */
export async function listSitemapStories(
  db: Db,
  { now, since, limit }: { now: string; since?: string; limit: number },
): Promise<NewsSitemapStory[]> {
  const rows = await db
    .selectFrom("stories as s")
    .select(["s.id", "s.published_at", variantsJson(true).as("variants_json")])
    .where(whereLive(now))
    .$if(since !== undefined, (q) => q.where("s.published_at", ">=", since as string))
    .orderBy("s.published_at", "desc")
    .orderBy("s.id", "desc")
    .limit(limit)
    .execute();
  return rows.map(toSitemapStory<NewsSitemapStory>);
}

/** The bounds of the sitemap_months row `m`'s month, as monthBounds gives them. */
const monthStart = sql<string>`m.month || '-01'`;
const monthEnd = sql<string>`m.month || '-32'`;

/** A month ("2024-03") as bounds on published_at: no day of any month sorts after "-32". */
function monthBounds(month: string): { from: string; to: string } {
  return { from: `${month}-01`, to: `${month}-32` };
}

/**
 * One month's live stories, oldest first, `limit` from `offset`: a range of
 * idx_story_status_published_id, so it reads at most one month of index entries.
 */
export async function listSitemapMonthStories(
  db: Db,
  { month, now, offset, limit }: { month: string; now: string; offset: number; limit: number },
): Promise<SitemapStory[]> {
  const { from, to } = monthBounds(month);
  const rows = await db
    .selectFrom("stories as s")
    .select(["s.id", "s.published_at", variantsJson(false).as("variants_json")])
    .where(whereLiveWithin(now, sql.val(from), sql.val(to)))
    .orderBy("s.published_at")
    .orderBy("s.id")
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toSitemapStory<SitemapStory>);
}

/** A month with stories to list, as the sitemap index shows it. */
export interface SitemapMonth {
  month: string;
  /** Published stories already due (scheduled ones not yet). */
  liveCount: number;
  /** When the month's sitemap last changed: a write, or a scheduled story falling due. */
  lastModified: string;
}

/**
 * Every month with published stories, newest first, from the summary table migration 0040
 * keeps: per month two seeks on idx_story_status_published_id (the scheduled stories not yet
 * due, the newest one that is), never a read of the month's stories.
 */
export async function listSitemapMonths(
  db: Db,
  now: string,
  month?: string,
): Promise<SitemapMonth[]> {
  const rows = await db
    .selectFrom("sitemap_months as m")
    .select([
      "m.month",
      sql<number>`m.published_count - (select count(*) from stories
        where ${whereScheduledWithin(now, monthStart, monthEnd, "stories")})`.as("live_count"),
      sql<string>`max(m.changed_at, coalesce((select max(published_at) from stories
        where ${whereLiveWithin(now, monthStart, monthEnd, "stories")}), ''))`.as("last_modified"),
    ])
    .$if(month !== undefined, (q) => q.where("m.month", "=", month as string))
    .orderBy("m.month", "desc")
    .execute();
  return rows
    .filter((row) => row.live_count > 0)
    .map((row) => ({
      month: row.month,
      liveCount: row.live_count,
      lastModified: row.last_modified,
    }));
}
