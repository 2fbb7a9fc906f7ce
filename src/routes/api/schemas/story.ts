import { z } from "@hono/zod-openapi";
import type { Story } from "../../../domain/story";
import { LANG_TAGS } from "../../../i18n/languages";
import { KindSchema, LangSchema, StatusSchema } from "./common";

/** What the newsroom API answers with: a story as stored, and a page of the story list. */

const VariantSchema = z
  .object({
    lang: LangSchema,
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    body: z.string().openapi({ description: "sanitized HTML, as stored" }),
    imageCaption: z.string().nullable(),
    imageCredit: z.string().nullable().openapi({ description: "null: the story's image.credit" }),
    imageAlt: z.string().nullable().openapi({ description: "null: the caption, else the title" }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Variant");

export const StorySchema = z
  .object({
    id: z.string(),
    kind: KindSchema,
    categoryId: z.string(),
    status: StatusSchema,
    publishedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int().openapi({ description: 'also sent as the ETag "v<version>"' }),
    image: z
      .object({
        url: z.string(),
        type: z.string().nullable(),
        length: z.number().nullable(),
        width: z.number().nullable(),
        height: z.number().nullable(),
        credit: z.string().nullable(),
        copyrightHolder: z.string().nullable().optional(),
        usageTerms: z.string().nullable().optional(),
      })
      .nullable(),
    authorIds: z.array(z.string()),
    variants: z.array(VariantSchema),
    withdrawal: z
      .object({
        at: z.string(),
        note: z.string().nullable(),
      })
      .nullable()
      .openapi({ description: "set while the story is withdrawn" }),
    urgency: z.number().int().nullable(),
    correctionNote: z.string().nullable(),
  })
  .openapi("Story");

export const StoryListSchema = z
  .object({
    stories: z.array(
      StorySchema.pick({
        id: true,
        kind: true,
        categoryId: true,
        status: true,
        publishedAt: true,
        createdAt: true,
        updatedAt: true,
        version: true,
      }).extend({
        variants: z.array(z.object({ lang: LangSchema, slug: z.string(), title: z.string() })),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi("StoryList");

/** The API's form of a story: variants as a list in tag order. */
export function storyBody(story: Story): z.infer<typeof StorySchema> {
  return {
    id: story.id,
    kind: story.kind,
    categoryId: story.categoryId,
    status: story.status,
    publishedAt: story.publishedAt,
    createdAt: story.createdAt,
    updatedAt: story.updatedAt,
    version: story.version,
    image: story.image,
    authorIds: story.authorIds,
    variants: LANG_TAGS.flatMap((lang) => {
      const v = story.variants[lang];
      return v ? [v] : [];
    }),
    withdrawal: story.withdrawal,
    urgency: story.urgency,
    correctionNote: story.correctionNote,
  };
}
