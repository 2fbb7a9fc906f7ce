import { createRoute, OpenAPIHono, type z } from "@hono/zod-openapi";
import type { Context, TypedResponse } from "hono";
import { isGone } from "../../domain/story-lifecycle";
import type { AppEnv } from "../../env";
import { partnerDocuments } from "../../middleware/isolate-cache";
import { NEWSML_G2_MEDIA_TYPE } from "../../partners/newsml-g2";
import { ninjsContext } from "../../partners/provider";
import { partnerStory } from "../../services/partner-content";
import { DEFAULT_SYNC_LIMIT, type SyncPage, syncPage } from "../../services/partner-sync";
import { dispatchWebhooks } from "../../services/webhooks";
import { runAfterResponse } from "../after-response";
import { siteOrigin } from "../context";
import { type DocumentBytes, documentBytes, jsonBody, RENDER } from "./document-bytes";
import { SyncPageSchema } from "./ninjs-schemas";
import { partnerProblems, storyDocument } from "./responses";
import { StoryParamSchema, StoryQuerySchema, SyncQuerySchema } from "./schemas";

/** IPTC ninjs: incremental sync, and one story. JSON only; problems as problem+json. */
export const partnerStories = new OpenAPIHono<AppEnv>();

const security = [{ bearer: [] }];

/**
 * The page as SyncPageSchema's JSON, each item's kept document spliced in as the member its
 * format names (`"ninjs":{…}` or `"newsmlG2":"…"`). Typed as the JSON response it is, which
 * c.json would have built by serializing every document again.
 */
type SyncPageJsonResponse = TypedResponse<z.infer<typeof SyncPageSchema>, 200, "json">;

function syncPageResponse(
  c: Context<AppEnv>,
  page: SyncPage<DocumentBytes>,
  member: "ninjs" | "newsmlG2",
): SyncPageJsonResponse {
  const parts: (string | DocumentBytes)[] = ['{"items":['];
  page.items.forEach(({ event, document }, i) => {
    const { id, kind, storyId, lang, version, occurredAt } = event;
    const head = JSON.stringify({ id, kind, storyId, lang, version, occurredAt });
    parts.push(`${i > 0 ? "," : ""}{"event":${head},"${member}":`, document, "}");
  });
  parts.push(`],"next":${JSON.stringify(page.next)},"hasMore":${page.hasMore}}`);
  const headers = { "Content-Type": "application/json", ...KEYED };
  return c.body(jsonBody(parts), 200, headers) as unknown as SyncPageJsonResponse;
}

// Keyed and changing: no shared cache may keep it.
const KEYED = { "Cache-Control": "private, no-cache" };

partnerStories.openapi(
  createRoute({
    method: "get",
    path: "/stories",
    summary:
      "Incremental sync: the back catalogue first, then every change, each item as the story is now",
    security,
    request: { query: SyncQuerySchema },
    responses: {
      200: {
        description: "one page; send `next` as `since` for the following one",
        content: { "application/json": { schema: SyncPageSchema } },
      },
      ...partnerProblems(400, 403),
    },
  }),
  async (c) => {
    const {
      lang: langs,
      category: categoryIds,
      since,
      limit,
      ninjs,
      format,
    } = c.req.valid("query");
    const documentFormat = format === "newsml-g2" ? "newsml-g2" : ninjs;
    const now = new Date();
    const page = await syncPage(
      c.var.db,
      c.var.partner,
      {
        langs,
        ...(categoryIds && { categoryIds }),
        since,
        limit: limit ?? DEFAULT_SYNC_LIMIT,
        now,
      },
      ninjsContext(siteOrigin(c), c.env),
      documentBytes(documentFormat),
      partnerDocuments,
    );
    if (page.surfaced.length > 0) {
      runAfterResponse(
        c,
        dispatchWebhooks(c.var.db, c.env.WEBHOOKS, { origin: siteOrigin(c), now }),
      );
    }
    return syncPageResponse(c, page, documentFormat === "newsml-g2" ? "newsmlG2" : "ninjs");
  },
);

partnerStories.openapi(
  createRoute({
    method: "get",
    path: "/stories/{id}",
    summary: "One story in one language, as it is now",
    security,
    request: { params: StoryParamSchema, query: StoryQuerySchema },
    responses: {
      200: storyDocument("the story"),
      // RFC 9110 15.5.11: the story was there and is gone for good; the body says it is canceled.
      410: storyDocument("withdrawn: its takedown document (pubStatus canceled)"),
      ...partnerProblems(400, 403, 404),
    },
  }),
  async (c) => {
    const { lang, ninjs, format } = c.req.valid("query");
    const render = RENDER[ninjs];
    const input = await partnerStory(
      c.var.db,
      c.var.partner,
      { id: c.req.valid("param").id, lang, now: new Date() },
      ninjsContext(siteOrigin(c), c.env),
    );
    const status = isGone(input.story.status) ? 410 : 200;
    if (format === "newsml-g2") {
      return c.body(RENDER["newsml-g2"](input), status, {
        "Content-Type": `${NEWSML_G2_MEDIA_TYPE}; charset=utf-8`,
        ...KEYED,
      });
    }
    return c.json(render(input), status, KEYED);
  },
);
