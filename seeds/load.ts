import { z } from "zod";
import type { Db } from "../src/db/client";
import { existingStoryIds, insertStory } from "../src/db/stories";
import { insertAuthorIfAbsentQueries, insertCategoryIfAbsentQueries } from "../src/db/taxonomy";
import { sanitizeBody } from "../src/domain/html";
import { plainTextProblem } from "../src/domain/plain-text";
import { SLUG_PATTERN, slugify } from "../src/domain/slug";
import type { Story, Variant } from "../src/domain/story";
import { LANG_TAG_LIST, LANG_TAGS, type LangTag } from "../src/i18n/languages";
import { backfillSearchIndex } from "../src/services/search-backfill";

const slug = z.string().regex(SLUG_PATTERN, "must be lowercase Latin words joined by hyphens");
const instant = z.iso.datetime({
  offset: false,
  message: "must be an RFC 3339 UTC time ending in Z",
});
const text = z.string().trim().min(1);
/** A credit or alt text: one line, by the same rule the API holds editors to. */
const line = text.superRefine((value, ctx) => {
  const problem = plainTextProblem(value, "line");
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const localizedNames = z
  .strictObject(
    Object.fromEntries(LANG_TAGS.map((lang) => [lang, text])) as Record<LangTag, typeof text>,
  )
  .describe(`a name in each of ${LANG_TAG_LIST}`);

const taxonSchema = z.strictObject({ slug, names: localizedNames });

const variantSchema = z.strictObject({
  title: text,
  slug: slug.optional(),
  summary: z.string().trim().default(""),
  body: text,
  caption: text.optional(),
  /** The photo's credit in this language; absent: the image's credit. */
  credit: line.optional(),
  /** What the photo shows, in this language; absent: the caption. */
  alt: line.optional(),
});

const imageSchema = z.strictObject({
  url: z.string().regex(/^(https:\/\/|\/)[^\s]+$/, "must be an https URL or a site-relative path"),
  type: z.string().regex(/^image\/[a-z0-9.+-]+$/, "must be an image MIME type"),
  length: z.number().int().positive().optional(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  credit: text.optional(),
});

const storySchema = z
  .strictObject({
    id: slug,
    kind: z.enum(["article", "brief"]),
    category: slug,
    authors: z.array(slug).min(1),
    status: z.enum(["draft", "published", "withdrawn"]).default("published"),
    publishedAt: instant,
    updatedAt: instant.optional(),
    dateNote: z.string().optional(),
    image: imageSchema.optional(),
    variants: z
      .strictObject(
        Object.fromEntries(LANG_TAGS.map((lang) => [lang, variantSchema.optional()])) as Record<
          LangTag,
          z.ZodOptional<typeof variantSchema>
        >,
      )
      .refine((v) => LANG_TAGS.some((lang) => v[lang]), `needs at least one of ${LANG_TAG_LIST}`),
  })
  .refine((s) => !s.updatedAt || s.updatedAt >= s.publishedAt, {
    path: ["updatedAt"],
    message: "must not be before publishedAt",
  });

export type SeedStory = z.infer<typeof storySchema>;

/** One seed file as read from disk: its name (for error messages) and parsed JSON. */
export interface SeedFile {
  file: string;
  content: unknown;
}

export interface SeedBundle {
  categories: SeedFile;
  authors: SeedFile;
  stories: SeedFile[];
}

export interface SeedReport {
  categories: number;
  authors: number;
  storiesAdded: number;
  storiesKept: number;
}

/** A seed file that failed validation: names the file and the field at fault. */
export class SeedValidationError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${file}: ${field || "(root)"}: ${reason}`);
    this.name = "SeedValidationError";
  }
}

function parse<T>(schema: z.ZodType<T>, seed: SeedFile): T {
  const result = schema.safeParse(seed.content);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new SeedValidationError(
    seed.file,
    issue?.path.join(".") ?? "",
    issue?.message ?? "invalid",
  );
}

/**
 * Validates every seed file, then adds what is missing: categories and authors by slug, stories
 * by id. A story already stored is left as it is, so edits made since the last start survive.
 * Nothing is written when any file fails validation.
 */
export async function loadSeeds(db: Db, bundle: SeedBundle, now: Date): Promise<SeedReport> {
  const categories = parse(z.array(taxonSchema), bundle.categories);
  const authors = parse(z.array(taxonSchema), bundle.authors);
  const stories = bundle.stories.map((file) => ({
    file: file.file,
    story: parse(storySchema, file),
  }));

  const categorySlugs = new Set(categories.map((c) => c.slug));
  const authorSlugs = new Set(authors.map((a) => a.slug));
  const ids = new Set<string>();
  for (const { file, story } of stories) {
    if (ids.has(story.id))
      throw new SeedValidationError(file, "id", `duplicate story id ${story.id}`);
    ids.add(story.id);
    if (!categorySlugs.has(story.category)) {
      throw new SeedValidationError(file, "category", `unknown category ${story.category}`);
    }
    story.authors.forEach((author, i) => {
      if (!authorSlugs.has(author)) {
        throw new SeedValidationError(file, `authors.${i}`, `unknown author ${author}`);
      }
    });
  }

  const stamp = now.toISOString();
  await db.batch([
    ...categories.flatMap((c) => insertCategoryIfAbsentQueries(db, { id: c.slug, ...c }, stamp)),
    ...authors.flatMap((a) => insertAuthorIfAbsentQueries(db, { id: a.slug, ...a }, stamp)),
  ]);

  const existing = await existingStoryIds(db, [...ids]);
  const fresh = stories.filter(({ story }) => !existing.has(story.id));
  for (const { file, story } of fresh) {
    try {
      // One batch per story: a story and its variants land together or not at all.
      await insertStory(db, toStory(story));
    } catch (error) {
      throw new SeedValidationError(file, "", `could not be stored: ${(error as Error).message}`);
    }
  }
  // Stories stored before the search index existed get their index rows now.
  await backfillSearchIndex(db);
  return {
    categories: categories.length,
    authors: authors.length,
    storiesAdded: fresh.length,
    storiesKept: stories.length - fresh.length,
  };
}

/** Turns a validated seed story into the domain story it describes. */
export function toStory(seed: SeedStory): Story {
  const updatedAt = toStamp(seed.updatedAt ?? seed.publishedAt);
  const variants: Story["variants"] = {};
  for (const lang of LANG_TAGS) {
    const v = seed.variants[lang];
    if (!v) continue;
    const variant: Variant = {
      lang,
      slug: v.slug ?? slugify(v.title, lang),
      title: v.title,
      summary: v.summary,
      body: sanitizeBody(v.body),
      imageCaption: v.caption ?? null,
      imageCredit: v.credit ?? null,
      imageAlt: v.alt ?? null,
      createdAt: toStamp(seed.publishedAt),
      updatedAt,
    };
    variants[lang] = variant;
  }
  return {
    id: seed.id,
    kind: seed.kind,
    categoryId: seed.category,
    status: seed.status,
    publishedAt: toStamp(seed.publishedAt),
    createdAt: toStamp(seed.publishedAt),
    updatedAt,
    version: 1,
    image: seed.image
      ? {
          url: seed.image.url,
          type: seed.image.type,
          length: seed.image.length ?? null,
          width: seed.image.width ?? null,
          height: seed.image.height ?? null,
          credit: seed.image.credit ?? null,
        }
      : null,
    authorIds: seed.authors,
    variants,
    // A seed gives no withdrawal time; its last update is the closest thing to one.
    withdrawal: seed.status === "withdrawn" ? { at: updatedAt, note: null } : null,
    urgency: null,
    correctionNote: null,
    partnerReleaseAt: null,
  };
}

/** Normalizes to the stored form, with milliseconds, so text order is time order. */
function toStamp(iso: string): string {
  return new Date(iso).toISOString();
}
