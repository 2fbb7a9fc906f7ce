import { type Context, Hono } from "hono";
import type { AppEnv } from "../env";
import { FEED_FORMATS } from "../feeds/formats";
import { pinHeldItems } from "../feeds/items";
import { renderOpml } from "../feeds/opml";
import type { FeedFormat, RenderContext } from "../feeds/page";
import { languageBySegment } from "../i18n/languages";
import { conditionalResponse } from "../middleware/conditional";
import { feedItems } from "../middleware/isolate-cache";
import { ServiceError } from "../services/errors";
import { DEFAULT_FEED_LIMIT, type FeedSelector, feedDirectory, feedPage } from "../services/feeds";
import { siteOrigin } from "./context";
import { parseFeedPaging } from "./feed-paging";

/** RSS 2.0, Atom 1.0 and JSON Feed 1.1 per language, and the OPML list of them all. */
export const feeds = new Hono<AppEnv>();

for (const format of FEED_FORMATS) {
  const { file } = format;
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
  const paging = parseFeedPaging(c.req.query());
  const { ctx, needsBody } = pinHeldItems(renderContext(c), language, format);
  const page = await feedPage(c.var.db, {
    language,
    selector,
    ...paging,
    now: new Date(),
    needsBody,
  });
  return conditionalResponse(c, {
    body: format.render(page, ctx),
    contentType: `${format.mediaType}; charset=utf-8`,
    lastModified: page.updatedAt,
  });
}

function renderContext(c: Context<AppEnv>): RenderContext {
  return {
    origin: siteOrigin(c),
    hub: c.env.WEBSUB_HUB_URL,
    defaultLimit: DEFAULT_FEED_LIMIT,
    items: feedItems,
  };
}
