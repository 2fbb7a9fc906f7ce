import { z } from "@hono/zod-openapi";
import { SLUG_PATTERN } from "../../../domain/slug";
import { LANG_TAG_LIST, LANG_TAG_TUPLE } from "../../../i18n/languages";

/** Fields every newsroom and partner-admin resource shares. */

export const LangSchema = z
  .enum(LANG_TAG_TUPLE, { error: `must be one of the BCP 47 tags ${LANG_TAG_LIST}` })
  .openapi({ description: "BCP 47 language tag (uk, not ua)" });

export const SlugSchema = z
  .string()
  .max(80, "must be at most 80 characters")
  .regex(SLUG_PATTERN, "must be lowercase Latin words joined by hyphens");

export const InstantSchema = z.iso
  .datetime({ offset: true, message: "must be an RFC 3339 date-time, e.g. 2026-05-01T09:00:00Z" })
  .openapi({ example: "2026-05-01T09:00:00Z" });

export const VersionSchema = z
  .number()
  .int()
  .positive()
  .openapi({ description: "the version this change is based on (instead of If-Match)" });

export const StatusSchema = z.enum(["draft", "published", "withdrawn"]);
export const KindSchema = z.enum(["article", "brief"]);

export const IfMatchHeaderSchema = z.object({
  "if-match": z
    .string()
    // At most 15 digits: every version stays an exact integer once parsed.
    .regex(/^"v[1-9][0-9]{0,14}"$/, 'must be the story\'s ETag, one strong entity tag like "v3"')
    .optional()
    .openapi({
      param: { in: "header" },
      description: "the ETag of the story version this change is based on",
      example: '"v3"',
    }),
});
