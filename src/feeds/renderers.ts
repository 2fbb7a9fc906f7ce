import { renderAtom } from "./atom";
import { renderJsonFeed } from "./json-feed";
import type { FeedFormat, FeedPage, RenderContext } from "./page";
import { renderRss } from "./rss";

/** The renderer of each feed format, for routes that serve all three. */
export const FEED_RENDERERS: Record<FeedFormat, (page: FeedPage, ctx: RenderContext) => string> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJsonFeed,
};
