import { z } from "@hono/zod-openapi";
import type { HeroImage } from "../../../domain/story";
import { LANG_TAGS } from "../../../i18n/languages";
import {
  InstantSchema,
  KindSchema,
  LangSchema,
  SlugSchema,
  StatusSchema,
  VersionSchema,
} from "./common";
import { link, optionalText, text } from "./fields";

/** What an editor sends: stories, variants and their lifecycle changes, and the list query. */

const ImageSchema = z
  .strictObject({
    // https only: the pages' Content-Security-Policy admits images from https hosts and the site.
    url: link({ schemes: ["https:"], paths: true }).openapi({
      description:
        "an https URL or a site path starting with a single /; stored as the URL parser normalizes it",
      example: "https://cdn.example/photo.jpg",
    }),
    type: z
      .string()
      .regex(/^image\/[a-z0-9.+-]+$/, "must be an image MIME type")
      .nullable()
      .optional(),
    length: z.number().int().positive().nullable().optional(),
    width: z.number().int().positive().nullable().optional(),
    height: z.number().int().positive().nullable().optional(),
    credit: optionalText(300).nullable().optional().openapi({
      description: "the photo's credit for every language whose variant sets no imageCredit",
    }),
    copyrightHolder: optionalText(300).nullable().optional().openapi({
      description: "the photo's copyright holder when not the newsroom (sent to partners)",
    }),
    usageTerms: optionalText(2000, "lines").nullable().optional().openapi({
      description: "how partners may use the photo, when it differs from the story's terms",
    }),
  })
  .openapi("HeroImage");

const variantFields = {
  title: text(300),
  slug: SlugSchema.optional().openapi({
    description: "derived from the title when omitted; a title correction keeps the slug",
  }),
  summary: optionalText(2000, "lines").optional(),
  body: text(200_000, "body").openapi({
    description: "HTML; sanitized on write to an allowlist (no scripts, styles, handlers)",
  }),
  imageCaption: optionalText(1000, "lines").nullable().optional(),
  imageCredit: optionalText(300).nullable().optional().openapi({
    description:
      "the photo's credit in this language (one line); null or empty: the story's image.credit",
  }),
  imageAlt: optionalText(1000).nullable().optional().openapi({
    description:
      "what the photo shows, for readers who cannot see it (one line); null or empty: the caption, else the title",
  }),
};

export const VariantInputSchema = z
  .strictObject({ lang: LangSchema, ...variantFields })
  .openapi("VariantInput");

/** Each language at most once: a repeated one is reported at its own position. */
const VariantListSchema = z
  .array(VariantInputSchema)
  .max(LANG_TAGS.length)
  .superRefine((variants, ctx) => {
    const seen = new Set<string>();
    variants.forEach((v, i) => {
      if (seen.has(v.lang)) {
        ctx.addIssue({
          code: "custom",
          path: [i, "lang"],
          message: `duplicate language ${v.lang}`,
        });
      }
      seen.add(v.lang);
    });
  });

const AuthorIdsSchema = z
  .array(SlugSchema)
  .max(20)
  .superRefine((ids, ctx) => {
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) {
        ctx.addIssue({ code: "custom", path: [i], message: `duplicate author ${id}` });
      }
    });
  });

const UrgencySchema = z.number().int().min(1).max(9).nullable().openapi({
  description:
    "editorial urgency for partners (ninjs urgency): 1 flash, 2 breaking, ... 9 lowest; null: by kind (brief 4, article 5)",
});

const CorrectionNoteSchema = text(2000, "lines").openapi({
  description:
    "why the story was corrected, for partners' editors (ninjs edNote); replaces the previous note",
});

export const StoryCreateSchema = z
  .strictObject({
    id: SlugSchema.optional().openapi({ description: "generated when omitted" }),
    kind: KindSchema.default("article"),
    categoryId: SlugSchema,
    authorIds: AuthorIdsSchema.default([]),
    image: ImageSchema.nullable().optional(),
    variants: VariantListSchema.default([]),
    urgency: UrgencySchema.optional(),
  })
  .openapi("StoryCreate");

export const StoryPatchSchema = z
  .strictObject({
    version: VersionSchema.optional(),
    kind: KindSchema.optional(),
    categoryId: SlugSchema.optional(),
    authorIds: AuthorIdsSchema.optional(),
    image: ImageSchema.nullable().optional(),
    variants: VariantListSchema.optional().openapi({
      description: "variants to add or replace, by language; others stay as they are",
    }),
    urgency: UrgencySchema.optional(),
    correctionNote: CorrectionNoteSchema.optional(),
  })
  .openapi("StoryPatch");

export const PublishSchema = z
  .strictObject({
    version: VersionSchema.optional(),
    at: InstantSchema.optional().openapi({
      description:
        "publication time; in the future it schedules the story (at most two years ahead, not before 1990); default now",
    }),
    embargo: z.boolean().optional().openapi({
      description:
        "with a future `at`: release to partners now, embargoed until `at` (ninjs embargoedUntil); the public site and feeds still show it only at `at`",
    }),
  })
  .openapi("Publish");

export const VersionOnlySchema = z
  .strictObject({ version: VersionSchema.optional() })
  .openapi("VersionOnly");

export const WithdrawSchema = z
  .strictObject({
    version: VersionSchema.optional(),
    note: text(2000, "lines").optional().openapi({
      description: "the editors' note to readers: feeds show it in the story's place for 30 days",
    }),
  })
  .openapi("Withdraw");

export const VariantAddSchema = z
  .strictObject({ version: VersionSchema.optional(), lang: LangSchema, ...variantFields })
  .openapi("VariantAdd");

export const VariantPatchSchema = z
  .strictObject({
    version: VersionSchema.optional(),
    title: variantFields.title.optional(),
    slug: SlugSchema.optional(),
    summary: variantFields.summary,
    body: variantFields.body.optional(),
    imageCaption: variantFields.imageCaption,
    imageCredit: variantFields.imageCredit,
    imageAlt: variantFields.imageAlt,
    correctionNote: CorrectionNoteSchema.optional(),
  })
  .openapi("VariantPatch");

export const StoryIdParamSchema = z.object({
  id: z
    .string()
    .max(200)
    .openapi({ param: { name: "id", in: "path" }, example: "ukraine-marks-independence-day" }),
});

export const VariantParamSchema = StoryIdParamSchema.extend({
  lang: LangSchema.openapi({ param: { name: "lang", in: "path" } }),
});

export const StoryListQuerySchema = z.object({
  status: StatusSchema.optional().openapi({ param: { name: "status", in: "query" } }),
  lang: LangSchema.optional().openapi({ param: { name: "lang", in: "query" } }),
  category: SlugSchema.optional().openapi({ param: { name: "category", in: "query" } }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .openapi({ param: { name: "limit", in: "query" } }),
  cursor: z
    .string()
    .max(500)
    .optional()
    .openapi({
      param: { name: "cursor", in: "query" },
      description: "nextCursor of the previous page",
    }),
});

/** The stored form of a hero image sent by an editor. */
export function heroImage(
  image: z.infer<typeof ImageSchema> | null | undefined,
): HeroImage | null | undefined {
  if (!image) return image;
  return {
    url: image.url,
    type: image.type ?? null,
    length: image.length ?? null,
    width: image.width ?? null,
    height: image.height ?? null,
    credit: image.credit ?? null,
    copyrightHolder: image.copyrightHolder || null,
    usageTerms: image.usageTerms || null,
  };
}
