import type { Db } from "../db/client";
import { listSitemapStories, type SitemapStory } from "../db/sitemap";

/**
 * sitemaps.org caps one sitemap at 50,000 URLs; a story has up to three (one per language),
 * so the newest 16,000 stories always fit. Older ones stay reachable through the paged lists.
 */
export const SITEMAP_STORY_LIMIT = 16_000;
/** Google News sitemaps list articles of the last two days, at most 1,000 of them. */
export const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;
export const NEWS_SITEMAP_URL_LIMIT = 1_000;

export function sitemapStories(db: Db, now: Date): Promise<SitemapStory[]> {
  return listSitemapStories(db, { now: now.toISOString(), limit: SITEMAP_STORY_LIMIT });
}

export function recentNewsStories(db: Db, now: Date): Promise<SitemapStory[]> {
  return listSitemapStories(db, {
    now: now.toISOString(),
    since: new Date(now.getTime() - NEWS_WINDOW_MS).toISOString(),
    limit: NEWS_SITEMAP_URL_LIMIT,
  });
}
