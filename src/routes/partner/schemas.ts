import { z } from "@hono/zod-openapi";
import {
  isLangTag,
  LANG_SEGMENT_CHOICE,
  LANG_SEGMENTS,
  LANG_TAG_CHOICE,
  LANG_TAG_LIST,
  type LangTag,
} from "../../i18n/languages";
import { DEFAULT_FEED_LIMIT, MAX_FEED_LIMIT } from "../../services/feeds";
import { DEFAULT_SYNC_LIMIT, MAX_SYNC_LIMIT } from "../../services/partner-sync";

// The partner API's request parameters. Messages are the field's own (`errors[].message`);
// validationProblem (src/routes/api/problem.ts) names the field by JSON Pointer.

const UA_HINT = " (ua is the URL segment; the language tag is uk)";

function langIssue(value: string, several: boolean): string {
  const base = several
    ? `must be ${LANG_TAG_CHOICE}, each at most once`
    : `must be ${LANG_TAG_CHOICE}`;
  return value.split(",").includes("ua") ? base + UA_HINT : base;
}

/** `lang=uk`: one BCP 47 tag. */
export const LangTagQuery = z
  .string({ error: "is required" })
  .refine(isLangTag, { error: (issue) => langIssue(String(issue.input), false) })
  .transform((value) => value as LangTag)
  .openapi({ description: `BCP 47 tag: ${LANG_TAG_CHOICE} (not ua)`, example: "uk" });

/** `lang=uk` or several, comma-separated and distinct: `lang=uk,en`. */
const LangListQuery = z
  .string({ error: "is required" })
  .transform((value, ctx) => {
    const parts = value.split(",");
    const langs = parts.filter(isLangTag);
    if (langs.length !== parts.length || new Set(langs).size !== langs.length) {
      ctx.addIssue({ code: "custom", message: langIssue(value, parts.length > 1) });
      return z.NEVER;
    }
    return langs;
  })
  .openapi({
    type: "string",
    description: `one or more BCP 47 tags (${LANG_TAG_LIST}), comma-separated and distinct`,
    example: "uk,en",
  });

/** `category=world` or several, comma-separated: category ids, as the licence names them. */
export const CategoryListQuery = z
  .string()
  .transform((value, ctx) => {
    const ids = value.split(",");
    if (
      ids.some((id) => !/^[a-z0-9][a-z0-9-]{0,79}$/.test(id)) ||
      new Set(ids).size !== ids.length
    ) {
      ctx.addIssue({ code: "custom", message: "must be category ids such as world" });
      return z.NEVER;
    }
    return ids;
  })
  .optional()
  .openapi({
    type: "string",
    description: "only these categories (each within the licence), comma-separated",
    example: "world,economy",
  });

const NinjsVersionQuery = z
  .enum(["3.1", "2.2"], { error: "must be 3.1 or 2.2" })
  .default("3.1")
  .openapi({ description: "ninjs version of the documents" });

const FormatQuery = z
  .enum(["ninjs", "newsml-g2"], { error: "must be ninjs or newsml-g2" })
  .default("ninjs")
  .openapi({ description: "ninjs (JSON) or newsml-g2 (an IPTC NewsML-G2 newsItem, XML)" });

/** A whole number 1..max written in at most three digits, as before the schemas existed. */
export const limitQuery = (max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,3}$/, `must be 1 to ${max}`)
    .transform(Number)
    .pipe(z.number().min(1, `must be 1 to ${max}`).max(max, `must be 1 to ${max}`))
    .optional()
    .openapi({ type: "integer", minimum: 1, maximum: max, default: fallback });

export const SyncQuerySchema = z.object({
  lang: LangListQuery,
  category: CategoryListQuery,
  since: z.string().optional().openapi({
    description: "the `next` of the previous page; leave out to start from the back catalogue",
  }),
  limit: limitQuery(MAX_SYNC_LIMIT, DEFAULT_SYNC_LIMIT),
  ninjs: NinjsVersionQuery,
  format: FormatQuery,
});

export const StoryQuerySchema = z.object({
  lang: LangTagQuery,
  ninjs: NinjsVersionQuery,
  format: FormatQuery,
});

export const StoryParamSchema = z.object({
  id: z.string().openapi({ param: { name: "id", in: "path" }, example: "kyiv-metro-extension" }),
});

// A language the route pattern does not know is a missing resource (404), as for any other
// path; so the segment is checked by the route, and its values are listed here for clients.
const LangSegmentParam = z.string().openapi({
  param: { name: "lang", in: "path" },
  enum: [...LANG_SEGMENTS],
  description: `URL segment: ${LANG_SEGMENT_CHOICE}`,
});

export const FeedParamSchema = z.object({ lang: LangSegmentParam });
export const CategoryFeedParamSchema = z.object({
  lang: LangSegmentParam,
  slug: z.string().openapi({ param: { name: "slug", in: "path" }, example: "world" }),
});

// Paging values are strings here and read by parseFeedPaging, the one reading the public feeds
// share, so a partner feed and a public feed refuse the same bad values the same way.
export const FeedQuerySchema = z.object({
  limit: z
    .string()
    .optional()
    .openapi({ type: "integer", minimum: 1, maximum: MAX_FEED_LIMIT, default: DEFAULT_FEED_LIMIT }),
  after: z.string().optional().openapi({ description: "a cursor from a feed's paging link" }),
  before: z.string().optional().openapi({ description: "a cursor from a feed's paging link" }),
  key: z.string().optional().openapi({
    description:
      "the partner key, for feed readers that cannot send Authorization; it ends up in logs, so prefer the header",
  }),
});
