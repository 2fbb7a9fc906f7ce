import { z } from "@hono/zod-openapi";
import type { FeedFormat } from "../../feeds/page";
import { NEWSML_G2_MEDIA_TYPE } from "../../partners/newsml-g2";
import { ProblemSchema } from "../api/problem";
import { NewsMLG2TextSchema, Ninjs2Schema, Ninjs3Schema } from "./ninjs-schemas";

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: "invalid query parameters, each listed in `errors` by JSON Pointer (`in: query`)",
  401: "missing, unknown or revoked key (WWW-Authenticate says which)",
  403: "a language or category outside the partner's licence",
  404: "no such language, category or story",
  429: "too many requests for this key; Retry-After says when to try again",
};

/**
 * OpenAPI entries for the problems a partner route can answer. Every partner route checks the
 * key (401) and counts requests against its limit (429).
 */
export function partnerProblems(...statuses: number[]) {
  return Object.fromEntries(
    [...statuses, 401, 429].map((status) => [
      status,
      {
        description: PROBLEM_DESCRIPTIONS[status] ?? "problem",
        content: { "application/problem+json": { schema: ProblemSchema } },
      },
    ]),
  );
}

const XmlTextSchema = z.string().openapi({ description: "XML text" });

/** JSON Feed 1.1: the top-level members every feed has; items as the public feeds carry them. */
const JsonFeedSchema = z
  .object({
    version: z.literal("https://jsonfeed.org/version/1.1"),
    title: z.string(),
    items: z.array(z.object({ id: z.string() }).catchall(z.unknown())),
  })
  .catchall(z.unknown())
  .openapi("JsonFeed");

/** Formats whose documents have a schema here; any other is described as XML text. */
const FEED_SCHEMAS: Partial<Record<string, z.ZodType>> = { json: JsonFeedSchema };

export const feedResponse = (format: FeedFormat) => ({
  description: "the feed page, with the partner's rights and licensed categories",
  headers: {
    ETag: { schema: { type: "string" as const } },
    "Last-Modified": { schema: { type: "string" as const } },
  },
  content: { [format.mediaType]: { schema: FEED_SCHEMAS[format.id] ?? XmlTextSchema } },
});

export const notModified = {
  description: "If-None-Match or If-Modified-Since matches: the client's copy is current",
};

/** A story: ninjs 3.1 or 2.2 (`ninjs=`), or NewsML-G2 with `format=newsml-g2`. */
export const storyDocument = (description: string) => ({
  description,
  content: {
    "application/json": { schema: z.union([Ninjs3Schema, Ninjs2Schema]) },
    [NEWSML_G2_MEDIA_TYPE]: { schema: NewsMLG2TextSchema },
  },
});
