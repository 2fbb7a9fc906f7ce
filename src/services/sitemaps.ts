import type { Db } from "../db/client";
import {
  listSitemapMonthStories,
  listSitemapMonths,
  listSitemapStories,
  type NewsSitemapStory,
  type SitemapMonth,
  type SitemapStory,
} from "../db/sitemap";
import { NotFound } from "./errors";

/**
 * Stories per sitemap child. sitemaps.org caps a file at 50,000 URLs and 50 MB; a story gives
 * at most three URLs of under 1 KB each (with its hreflang alternates), so a child stays under
 * 1,500 URLs and 1.5 MB, and renders in a few milliseconds.
 */
export const SITEMAP_STORIES_PER_CHILD = 500;
/** Google News sitemaps list articles of the last two days, at most 1,000 of them. */
export const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;
export const NEWS_SITEMAP_URL_LIMIT = 1_000;

/** One child of the sitemap index: page `page` (1-based) of a month's stories. */
export interface SitemapChild {
  month: string;
  page: number;
  lastModified: string;
}

/** Every child, newest month first, each page of a month with the month's lastmod. */
export async function sitemapChildren(db: Db, now: Date): Promise<SitemapChild[]> {
  const months = await listSitemapMonths(db, now.toISOString());
  return months.flatMap(childrenOf);
}

function childrenOf(month: SitemapMonth): SitemapChild[] {
  const pages = Math.ceil(month.liveCount / SITEMAP_STORIES_PER_CHILD);
  return Array.from({ length: pages }, (_, i) => ({
    month: month.month,
    page: i + 1,
    // Pages of a month share its lastmod: a story added or removed early in the month moves
    // the boundaries of every later page.
    lastModified: month.lastModified,
  }));
}

/** One child's stories, or NotFound for a month or page that lists none. */
export async function sitemapChildStories(
  db: Db,
  month: string,
  page: number,
  now: Date,
): Promise<{ child: SitemapChild; stories: SitemapStory[] }> {
  const [summary] = await listSitemapMonths(db, now.toISOString(), month);
  const child = summary ? childrenOf(summary)[page - 1] : undefined;
  if (!child) throw new NotFound(`no sitemap for ${month} page ${page}`);
  const stories = await listSitemapMonthStories(db, {
    month,
    now: now.toISOString(),
    offset: (page - 1) * SITEMAP_STORIES_PER_CHILD,
    limit: SITEMAP_STORIES_PER_CHILD,
  });
  return { child, stories };
}

export function recentNewsStories(db: Db, now: Date): Promise<NewsSitemapStory[]> {
  return listSitemapStories(db, {
    now: now.toISOString(),
    since: new Date(now.getTime() - NEWS_WINDOW_MS).toISOString(),
    limit: NEWS_SITEMAP_URL_LIMIT,
  });
}
