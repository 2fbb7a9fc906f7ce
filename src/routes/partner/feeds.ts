import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { FEED_FORMATS } from "../../feeds/formats";
import type { FeedFormat, RenderContext } from "../../feeds/page";
import { languageBySegment } from "../../i18n/languages";
import { conditionalResponse } from "../../middleware/conditional";
import { feedItems } from "../../middleware/isolate-cache";
import { rightsLine } from "../../partners/provider";
import { NotFound } from "../../services/errors";
import { DEFAULT_FEED_LIMIT, type FeedSelector } from "../../services/feeds";
import { partnerFeedPage } from "../../services/partner-content";
import { siteOrigin } from "../context";
import { parseFeedPaging } from "../feed-paging";
import { feedResponse, notModified, partnerProblems } from "./responses";
import { CategoryFeedParamSchema, FeedParamSchema, FeedQuerySchema } from "./schemas";

/** Where these feeds are mounted: part of every self and paging link they carry. */
export const PARTNER_ROOT = "/partner/v1";

/**
 * A partner's full-text feeds: the public feeds' renderers, with rights, the partner's
 * categories only, and no body for a summary-only licence. Keyed content: `private` caching.
 */
export const partnerFeeds = new OpenAPIHono<AppEnv>();

// Feed readers that cannot send headers may put the key in the URL (see README for the risk).
const security: Record<string, string[]>[] = [{ bearer: [] }, { queryKey: [] }];

for (const format of FEED_FORMATS) {
  const { file, mediaType } = format;
  const responses = {
    200: feedResponse(format),
    304: notModified,
    ...partnerProblems(400, 403, 404),
  };
  partnerFeeds.openapi(
    createRoute({
      method: "get",
      path: `/{lang}/${file}`,
      summary: `The partner's ${mediaType} feed of one language`,
      security,
      request: { params: FeedParamSchema, query: FeedQuerySchema },
      responses,
    }),
    (c) => serveFeed(c, format, { kind: "site" }),
  );
  partnerFeeds.openapi(
    createRoute({
      method: "get",
      path: `/{lang}/category/{slug}/${file}`,
      summary: `The partner's ${mediaType} feed of one category in one language`,
      security,
      request: { params: CategoryFeedParamSchema, query: FeedQuerySchema },
      responses,
    }),
    (c) => serveFeed(c, format, { kind: "category", slug: c.req.param("slug") ?? "" }),
  );
}

async function serveFeed(c: Context<AppEnv>, format: FeedFormat, selector: FeedSelector) {
  const language = languageBySegment(c.req.param("lang") ?? "");
  if (!language) throw new NotFound("no such language; partner feeds exist for ua, en and ru");
  const partner = c.var.partner;
  const page = await partnerFeedPage(c.var.db, partner, {
    language,
    selector,
    ...parseFeedPaging(c.req.query()),
    now: new Date(),
  });
  const context: RenderContext = {
    origin: siteOrigin(c),
    hub: "",
    defaultLimit: DEFAULT_FEED_LIMIT,
    items: feedItems,
    partner: {
      feedRoot: PARTNER_ROOT,
      rights: rightsLine(c.env),
      fullText: partner.licence === "full-text",
      languages: partner.languages,
    },
  };
  return conditionalResponse(c, {
    body: format.render(page, context),
    contentType: `${format.mediaType}; charset=utf-8`,
    lastModified: page.updatedAt,
    // Shared caches must not hand one partner's feed to another (or to anyone without a key).
    cacheControl: "private, max-age=60",
  });
}
