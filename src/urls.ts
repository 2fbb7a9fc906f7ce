import { type LangSegment, type LangTag, segmentOf } from "./i18n/languages";

/**
 * Where the public site keeps each thing: front pages, stories, sections, feeds, sitemaps.
 * Pages, feeds, partner documents and WebSub pings all build their links here, so a link and
 * the route that answers it cannot drift apart. Paths are site-relative; a URL takes the
 * origin as an argument (no request, no environment).
 */

/** A language's front page. */
export function homePath(segment: LangSegment): string {
  return `/${segment}/`;
}

/**
 * A story variant's page. The slug is encoded although stored slugs are plain Latin words:
 * a path must stay one path segment whatever the database holds.
 */
export function storyPath(segment: LangSegment, slug: string): string {
  return `/${segment}/news/${encodeURIComponent(slug)}`;
}

/** A story variant's page as an absolute URL, from the variant's BCP 47 tag (`uk` is `/ua/`). */
export function storyUrl(origin: string, lang: LangTag, slug: string): string {
  return `${origin}${storyPath(segmentOf(lang), slug)}`;
}

/** What every category page of a language starts with: the scheme feed category terms use. */
export function categoriesPath(segment: LangSegment): string {
  return `/${segment}/category/`;
}

export function categoryPath(segment: LangSegment, slug: string): string {
  return `${categoriesPath(segment)}${slug}`;
}

export function authorPath(segment: LangSegment, slug: string): string {
  return `/${segment}/author/${slug}`;
}

/** A list of stories that is published as feeds: a language's articles, briefs, a section. */
export type FeedList =
  | { kind: "site" }
  | { kind: "briefs" }
  | { kind: "category"; category: { slug: string } }
  | { kind: "author"; author: { slug: string } };

/** The path a list's feeds hang under, e.g. /ua or /ua/category/world. */
export function feedListPath(segment: LangSegment, list: FeedList): string {
  switch (list.kind) {
    case "site":
      return `/${segment}`;
    case "briefs":
      return `/${segment}/briefs`;
    case "category":
      return categoryPath(segment, list.category.slug);
    case "author":
      return authorPath(segment, list.author.slug);
  }
}

/** One feed of a list: `file` is its format's file name (rss.xml, atom.xml, feed.json). */
export function feedPath(segment: LangSegment, list: FeedList, file: string): string {
  return `${feedListPath(segment, list)}/${file}`;
}

/** The reader page a list's feeds mirror: briefs have none of their own, the front page shows them. */
export function listPagePath(segment: LangSegment, list: FeedList): string {
  return list.kind === "site" || list.kind === "briefs"
    ? homePath(segment)
    : feedListPath(segment, list);
}

/** The sitemap index robots.txt names; its children are the front pages' and the months'. */
export const SITEMAP_INDEX_PATH = "/sitemap.xml";
export const FRONT_PAGES_SITEMAP_PATH = "/sitemaps/front-pages.xml";
/** Google News' sitemap: robots.txt names it apart, the index does not list it. */
export const NEWS_SITEMAP_PATH = "/news-sitemap.xml";

/** Page `page` (1-based) of the stories published in `month` ("2026-03"). */
export function storySitemapPath(month: string, page: number): string {
  return `/sitemaps/stories-${month}-${page}.xml`;
}

/** A story sitemap's file name, as the router matches it (no `^`/`$`: Hono anchors it). */
export const STORY_SITEMAP_FILE = "stories-[0-9]{4}-[0-9]{2}-[1-9][0-9]{0,5}\\.xml";
const STORY_SITEMAP = new RegExp(
  `^/sitemaps/(?=${STORY_SITEMAP_FILE}$)stories-([0-9]{4}-[0-9]{2})-([0-9]+)\\.xml$`,
);

/** The month and page a story sitemap's path names, or null when it names none. */
export function storySitemapOf(path: string): { month: string; page: number } | null {
  const [, month, page] = STORY_SITEMAP.exec(path) ?? [];
  return month && page ? { month, page: Number(page) } : null;
}
