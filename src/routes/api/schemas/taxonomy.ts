import { z } from "@hono/zod-openapi";
import type { Author, Category } from "../../../domain/taxonomy";
import { LANG_TAG_LIST, LANG_TAGS, type LangTag } from "../../../i18n/languages";
import { SlugSchema } from "./common";
import { text } from "./fields";

/** Categories and authors: their localized names, as sent and as answered. */

const NamesSchema = z
  .strictObject(
    Object.fromEntries(LANG_TAGS.map((lang) => [lang, text(200).optional()])) as Record<
      LangTag,
      z.ZodOptional<z.ZodString>
    >,
  )
  .refine(
    (names) => Object.keys(names).length > 0,
    `needs a name in at least one of ${LANG_TAG_LIST}`,
  )
  .openapi("LocalizedNames");

export const TaxonCreateSchema = z
  .strictObject({ slug: SlugSchema, names: NamesSchema })
  .openapi("TaxonCreate");

export const TaxonPatchSchema = z.strictObject({ names: NamesSchema }).openapi("TaxonPatch");

export const TaxonSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    names: z.object({
      uk: z.string().optional(),
      en: z.string().optional(),
      ru: z.string().optional(),
    }),
  })
  .openapi("Taxon");

export const TaxonIdParamSchema = z.object({
  id: z
    .string()
    .max(200)
    .openapi({ param: { name: "id", in: "path" }, example: "world" }),
});

export function taxonBody(taxon: Category | Author): z.infer<typeof TaxonSchema> {
  return { id: taxon.id, slug: taxon.slug, names: taxon.names };
}
