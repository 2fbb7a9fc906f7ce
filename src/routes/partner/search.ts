import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { TypedResponse } from "hono";
import { decodePageCursor, encodePageCursor } from "../../domain/cursors";
import type { AppEnv } from "../../env";
import { partnerDocuments } from "../../middleware/isolate-cache";
import { ninjsContext } from "../../partners/provider";
import { MAX_QUERY_CHARS } from "../../search/query";
import { partnerSearch } from "../../services/partner-search";
import { siteOrigin } from "../context";
import { documentBytes, jsonBody } from "./document-bytes";
import { Ninjs3Schema } from "./ninjs-schemas";
import { partnerProblems } from "./responses";
import { CategoryListQuery, LangTagQuery, limitQuery } from "./schemas";

/**
 * `GET /partner/v1/stories/search`: the site's search index over the partner's licence, as
 * ninjs 3.1 items, newest first, keyset-paged. Mounted before /stories/{id} (index.ts).
 */
export const partnerSearchRoutes = new OpenAPIHono<AppEnv>();

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
/** Longer input is refused; what is kept of it is cut further (search/query.ts). */
const MAX_Q_CHARS = 10 * MAX_QUERY_CHARS;

const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

const instantQuery = (description: string) =>
  z
    .string()
    .refine(
      (value) => RFC3339_UTC.test(value) && !Number.isNaN(Date.parse(value)),
      "must be an RFC 3339 UTC time ending in Z",
    )
    .transform((value) => new Date(value).toISOString())
    .optional()
    .openapi({ type: "string", format: "date-time", description, example: "2024-01-31T00:00:00Z" });

const SearchQuerySchema = z.object({
  lang: LangTagQuery,
  q: z
    .string({ error: "is required" })
    .refine((value) => value.trim() !== "", "must hold at least one word")
    .refine(
      (value) => [...value].length <= MAX_Q_CHARS,
      `must be at most ${MAX_Q_CHARS} characters`,
    )
    .openapi({
      description:
        "words to find, in any inflected form (stemmed per language); every word must occur, " +
        "the last also as a prefix; FTS syntax is read as plain words",
      example: "провокація",
    }),
  from: instantQuery("only stories published at or after this time"),
  to: instantQuery("only stories published at or before this time"),
  category: CategoryListQuery,
  limit: limitQuery(MAX_LIMIT, DEFAULT_LIMIT),
  after: z
    .string()
    .transform((value, ctx) => {
      const cursor = decodePageCursor(value);
      if (cursor) return cursor;
      ctx.addIssue({ code: "custom", message: "must be a cursor from a previous page's next" });
      return z.NEVER;
    })
    .optional()
    .openapi({ type: "string", description: "the `next` of the previous page" }),
});

const SearchPageSchema = z
  .object({
    items: z.array(Ninjs3Schema),
    next: z
      .string()
      .nullable()
      .openapi({ description: "send as `after` for the next (older) page; null on the last" }),
  })
  .openapi("SearchPage");

partnerSearchRoutes.openapi(
  createRoute({
    method: "get",
    path: "/stories/search",
    summary: "Search the back catalogue within the licence, newest first, as ninjs 3.1",
    security: [{ bearer: [] }],
    request: { query: SearchQuerySchema },
    responses: {
      200: {
        description: "one page of matching stories",
        content: { "application/json": { schema: SearchPageSchema } },
      },
      ...partnerProblems(400, 403),
    },
  }),
  async (c) => {
    const { lang, q, from, to, category, limit, after } = c.req.valid("query");
    const page = await partnerSearch(
      c.var.db,
      c.var.partner,
      {
        lang,
        q,
        ...(from && { from }),
        ...(to && { to }),
        ...(category && { categoryIds: category }),
        ...(after && { after }),
        limit: limit ?? DEFAULT_LIMIT,
        now: new Date(),
      },
      ninjsContext(siteOrigin(c), c.env),
      documentBytes("3.1"),
      partnerDocuments,
    );
    const next = JSON.stringify(page.next ? encodePageCursor(page.next) : null);
    const items = page.items.flatMap((document, i) => (i > 0 ? [",", document] : [document]));
    // SearchPageSchema's JSON with the kept documents spliced in (document-bytes.ts).
    return c.body(jsonBody(['{"items":[', ...items, `],"next":${next}}`]), 200, {
      "Content-Type": "application/json",
      // Keyed and changing: no shared cache may keep it.
      "Cache-Control": "private, no-cache",
    }) as unknown as TypedResponse<z.infer<typeof SearchPageSchema>, 200, "json">;
  },
);
