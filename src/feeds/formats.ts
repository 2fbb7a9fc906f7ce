import { atomFormat } from "./atom";
import { jsonFeedFormat } from "./json-feed";
import type { FeedFormat } from "./page";
import { rssFormat } from "./rss";

/**
 * Every feed format the site publishes, in the order pages offer them. Routes, WebSub pings,
 * `<head>` links, the footer and the edge cache's scopes all iterate this list: a new format
 * is its renderer file (which describes it as a `FeedFormat`) and one entry here.
 */
export const FEED_FORMATS: readonly FeedFormat[] = [rssFormat, atomFormat, jsonFeedFormat];

/** The file names of every feed (rss.xml, atom.xml, feed.json). */
export const FEED_FILE_NAMES: ReadonlySet<string> = new Set(FEED_FORMATS.map((f) => f.file));
