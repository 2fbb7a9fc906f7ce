import { type Context, Hono } from "hono";
import type { AppEnv } from "../env";
import { renderAtom } from "../feeds/atom";
import { decodeCursor } from "../feeds/cursor";
import { renderJsonFeed } from "../feeds/json-feed";
import { FEED_FILES, FEED_MEDIA_TYPES } from "../feeds/links";
import { renderOpml } from "../feeds/opml";
import type { FeedFormat, FeedPage, PagePosition, RenderContext } from "../feeds/page";
import { renderRss } from "../feeds/rss";
import { languageBySegment } from "../i18n/languages";
import { ServiceError } from "../services/errors";
import {
  DEFAULT_FEED_LIMIT,
  type FeedSelector,
  feedDirectory,
  feedPage,
  MAX_FEED_LIMIT,
} from "../services/feeds";
import { conditionalResponse } from "./conditional";
import { siteOrigin } from "./context";

/** RSS 2.0, Atom 1.0 and JSON Feed 1.1 per language, and the OPML list of them all. */
export const feeds = new Hono<AppEnv>();

const RENDERERS: Record<FeedFormat, (page: FeedPage, ctx: RenderContext) => string> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJsonFeed,
};

for (const format of Object.keys(FEED_FILES) as FeedFormat[]) {
  const file = FEED_FILES[format];
  feeds.get(`/:lang/${file}`, (c) => serveFeed(c, format, { kind: "site" }));
  feeds.get(`/:lang/briefs/${file}`, (c) => serveFeed(c, format, { kind: "briefs" }));
  feeds.get(`/:lang/category/:slug/${file}`, (c) =>
    serveFeed(c, format, { kind: "category", slug: c.req.param("slug") ?? "" }),
  );
  feeds.get(`/:lang/author/:slug/${file}`, (c) =>
    serveFeed(c, format, { kind: "author", slug: c.req.param("slug") ?? "" }),
  );
}

feeds.get("/feeds.opml", async (c) =>
  conditionalResponse(c, {
    body: renderOpml(await feedDirectory(c.var.db), renderContext(c)),
    contentType: "text/x-opml; charset=utf-8",
    lastModified: null,
  }),
);

// Feed clients get short plain text, not the readers' HTML error page.
feeds.onError((error, c) => {
  if (error instanceof ServiceError) return c.text(error.message, error.status as 400);
  throw error;
});

async function serveFeed(c: Context<AppEnv>, format: FeedFormat, selector: FeedSelector) {
  const language = languageBySegment(c.req.param("lang") ?? "");
  if (!language) return c.text("No such language; feeds exist for ua, en and ru.", 404);
  const paging = parsePaging(c.req.query());
  if (typeof paging === "string") return c.text(paging, 400);
  const page = await feedPage(c.var.db, {
    language,
    selector,
    ...paging,
    now: new Date(),
    lastWriteAt: c.var.freshness?.lastWriteAt ?? null,
  });
  return conditionalResponse(c, {
    body: RENDERERS[format](page, renderContext(c)),
    contentType: `${FEED_MEDIA_TYPES[format]}; charset=utf-8`,
    lastModified: page.updatedAt,
  });
}

/** `limit` (1-100) and at most one of `after`/`before`; a reason string when they are bad. */
function parsePaging(
  query: Record<string, string>,
): { limit: number; position: PagePosition | null } | string {
  const { limit: rawLimit, after, before } = query;
  let limit = DEFAULT_FEED_LIMIT;
  if (rawLimit !== undefined) {
    if (!/^\d{1,3}$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > MAX_FEED_LIMIT) {
      return `limit must be a whole number from 1 to ${MAX_FEED_LIMIT}`;
    }
    limit = Number(rawLimit);
  }
  if (after !== undefined && before !== undefined) return "give after or before, not both";
  const token = after ?? before;
  if (token === undefined) return { limit, position: null };
  const cursor = decodeCursor(token);
  if (!cursor) return `${after !== undefined ? "after" : "before"} is not a valid page cursor`;
  return { limit, position: { direction: after !== undefined ? "after" : "before", cursor } };
}

function renderContext(c: Context<AppEnv>): RenderContext {
  return { origin: siteOrigin(c), hub: c.env.WEBSUB_HUB_URL, defaultLimit: DEFAULT_FEED_LIMIT };
}
