import { type Context, Hono } from "hono";
import type { AppEnv } from "../../env";
import { renderAtom } from "../../feeds/atom";
import { decodeCursor } from "../../feeds/cursor";
import { renderJsonFeed } from "../../feeds/json-feed";
import { FEED_FILES, FEED_MEDIA_TYPES } from "../../feeds/links";
import type { FeedFormat, FeedPage, PagePosition, RenderContext } from "../../feeds/page";
import { renderRss } from "../../feeds/rss";
import { languageBySegment } from "../../i18n/languages";
import { rightsLine } from "../../partners/provider";
import { Invalid, NotFound } from "../../services/errors";
import { DEFAULT_FEED_LIMIT, type FeedSelector, MAX_FEED_LIMIT } from "../../services/feeds";
import { partnerFeedPage } from "../../services/partner-content";
import { conditionalResponse } from "../conditional";
import { siteOrigin } from "../context";

/** Where these feeds are mounted: part of every self and paging link they carry. */
export const PARTNER_ROOT = "/partner/v1";

/**
 * A partner's full-text feeds: the public feeds' renderers, with rights, the partner's
 * categories only, and no body for a summary-only licence. Keyed content: `private` caching.
 */
export const partnerFeeds = new Hono<AppEnv>();

const RENDERERS: Record<FeedFormat, (page: FeedPage, ctx: RenderContext) => string> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJsonFeed,
};

for (const format of Object.keys(FEED_FILES) as FeedFormat[]) {
  const file = FEED_FILES[format];
  partnerFeeds.get(`/:lang/${file}`, (c) => serveFeed(c, format, { kind: "site" }));
  partnerFeeds.get(`/:lang/category/:slug/${file}`, (c) =>
    serveFeed(c, format, { kind: "category", slug: c.req.param("slug") ?? "" }),
  );
}

async function serveFeed(c: Context<AppEnv>, format: FeedFormat, selector: FeedSelector) {
  const language = languageBySegment(c.req.param("lang") ?? "");
  if (!language) throw new NotFound("no such language; partner feeds exist for ua, en and ru");
  const partner = c.var.partner;
  const page = await partnerFeedPage(c.var.db, partner, {
    language,
    selector,
    ...parsePaging(c.req.query()),
    now: new Date(),
  });
  const context: RenderContext = {
    origin: siteOrigin(c),
    hub: "",
    defaultLimit: DEFAULT_FEED_LIMIT,
    partner: {
      feedRoot: PARTNER_ROOT,
      rights: rightsLine(c.env),
      fullText: partner.licence === "full-text",
    },
  };
  return conditionalResponse(c, {
    body: RENDERERS[format](page, context),
    contentType: `${FEED_MEDIA_TYPES[format]}; charset=utf-8`,
    lastModified: page.updatedAt,
    // Shared caches must not hand one partner's feed to another (or to anyone without a key).
    cacheControl: "private, max-age=60",
  });
}

/** `limit` (1-100) and at most one of `after`/`before`, as on the public feeds. */
function parsePaging(query: Record<string, string>): {
  limit: number;
  position: PagePosition | null;
} {
  const { limit: rawLimit, after, before } = query;
  let limit = DEFAULT_FEED_LIMIT;
  if (rawLimit !== undefined) {
    if (!/^\d{1,3}$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > MAX_FEED_LIMIT) {
      throw new Invalid(`limit must be a whole number from 1 to ${MAX_FEED_LIMIT}`, [
        { in: "query", path: "/limit", message: `must be 1 to ${MAX_FEED_LIMIT}` },
      ]);
    }
    limit = Number(rawLimit);
  }
  if (after !== undefined && before !== undefined) {
    throw new Invalid("give after or before, not both");
  }
  const token = after ?? before;
  if (token === undefined) return { limit, position: null };
  const cursor = decodeCursor(token);
  const name = after !== undefined ? "after" : "before";
  if (!cursor) {
    throw new Invalid(`${name} is not a valid page cursor`, [
      { in: "query", path: `/${name}`, message: "must be a cursor from a feed's paging link" },
    ]);
  }
  return { limit, position: { direction: name, cursor } };
}
