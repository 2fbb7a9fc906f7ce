import { type Compilable, sql } from "kysely";
import type { HeroImage, StoryKind, StoryStatus, Variant, Withdrawal } from "../domain/story";
import type { LangTag } from "../i18n/languages";
import type { Db } from "./client";
import { imageColumns, variantRow, withdrawalColumns } from "./story-rows";

/** The batch was based on a version that is no longer the stored one; nothing was written. */
export class StaleVersion extends Error {
  constructor() {
    super("stale story version");
    this.name = "StaleVersion";
  }
}

/** A unique index refused the batch (a story id or a slug in a language); nothing was written. */
export class UniqueViolation extends Error {
  constructor(readonly target: "story" | "slug" | "variant") {
    super(`unique ${target} taken`);
    this.name = "UniqueViolation";
  }
}

/**
 * Runs a story write as one D1 batch (a transaction: all or nothing) and names why SQLite
 * refused it. A stale version surfaces as the NOT NULL failure bumpVersionQuery provokes.
 */
export async function runStoryWrite(
  db: Db,
  queries: readonly Compilable<unknown>[],
): Promise<void> {
  try {
    await db.batch(queries);
  } catch (error) {
    const message = String((error as Error)?.message ?? error);
    if (message.includes("NOT NULL constraint failed: stories.version")) throw new StaleVersion();
    if (message.includes("UNIQUE constraint failed: stories.id"))
      throw new UniqueViolation("story");
    if (message.includes("UNIQUE constraint failed: story_variants.lang, story_variants.slug"))
      throw new UniqueViolation("slug");
    if (message.includes("UNIQUE constraint failed: story_variants.story_id, story_variants.lang"))
      throw new UniqueViolation("variant");
    throw error;
  }
}

/** Story columns a write may change besides its version. */
export interface StoryChanges {
  kind?: StoryKind;
  categoryId?: string;
  status?: StoryStatus;
  publishedAt?: string | null;
  updatedAt?: string;
  image?: HeroImage | null;
  /** Set on withdrawal, cleared (null) on restore. */
  withdrawal?: Withdrawal | null;
  urgency?: number | null;
  correctionNote?: string | null;
  partnerReleaseAt?: string | null;
}

/**
 * The first statement of every update batch: bumps the version the editor based the write on.
 * When the stored version differs (another write won meanwhile), the CASE yields NULL, the
 * NOT NULL constraint fails, and D1 rolls the whole batch back: the version check and the
 * write are one transaction, so two updates from the same version can never both land.
 */
export function bumpVersionQuery(db: Db, id: string, basedOn: number, changes: StoryChanges) {
  return db
    .updateTable("stories")
    .set({
      version: sql<number>`case when version = ${basedOn} then version + 1 end`,
      ...(changes.kind !== undefined && { kind: changes.kind }),
      ...(changes.categoryId !== undefined && { category_id: changes.categoryId }),
      ...(changes.status !== undefined && { status: changes.status }),
      ...(changes.publishedAt !== undefined && { published_at: changes.publishedAt }),
      ...(changes.updatedAt !== undefined && { updated_at: changes.updatedAt }),
      ...(changes.urgency !== undefined && { urgency: changes.urgency }),
      ...(changes.partnerReleaseAt !== undefined && {
        partner_release_at: changes.partnerReleaseAt,
      }),
      ...(changes.correctionNote !== undefined && { correction_note: changes.correctionNote }),
      ...(changes.withdrawal !== undefined && withdrawalColumns(changes.withdrawal)),
      ...(changes.image !== undefined && imageColumns(changes.image)),
    })
    .where("id", "=", id);
}

/** Statements that replace a story's authors, in byline order. */
export function replaceAuthorsQueries(
  db: Db,
  storyId: string,
  authorIds: readonly string[],
): Compilable<unknown>[] {
  return [
    db.deleteFrom("story_authors").where("story_id", "=", storyId),
    ...(authorIds.length > 0
      ? [
          db.insertInto("story_authors").values(
            authorIds.map((authorId, position) => ({
              story_id: storyId,
              author_id: authorId,
              position,
            })),
          ),
        ]
      : []),
  ];
}

/** Adds a language variant; one the story already has fails the batch. */
export function insertVariantQuery(db: Db, storyId: string, variant: Variant) {
  return db.insertInto("story_variants").values(variantRow(storyId, variant));
}

/**
 * Replaces a language variant's text, keeping when it was first created. A new body goes in
 * D1 (body_key cleared: the trigger of migration 0057 lists the old object for deletion and
 * the mover of src/db/bodies.ts moves the new one); an unchanged body keeps its object.
 */
export function replaceVariantQuery(
  db: Db,
  storyId: string,
  variant: Variant,
  { bodyChanged }: { bodyChanged: boolean },
) {
  return db
    .updateTable("story_variants")
    .set({
      slug: variant.slug,
      title: variant.title,
      summary: variant.summary,
      ...(bodyChanged && { body: variant.body, body_key: null }),
      image_caption: variant.imageCaption,
      image_credit: variant.imageCredit,
      image_alt: variant.imageAlt,
      updated_at: variant.updatedAt,
    })
    .where("story_id", "=", storyId)
    .where("lang", "=", variant.lang);
}

export function deleteVariantQuery(db: Db, storyId: string, lang: LangTag) {
  return db.deleteFrom("story_variants").where("story_id", "=", storyId).where("lang", "=", lang);
}

/** Which other stories already hold any of these slugs in their languages. */
export async function findSlugHolders(
  db: Db,
  slugs: readonly { lang: LangTag; slug: string }[],
  exceptStoryId: string | null,
): Promise<{ lang: LangTag; slug: string; storyId: string }[]> {
  if (slugs.length === 0) return [];
  const rows = await db
    .selectFrom("story_variants")
    .select(["lang", "slug", "story_id"])
    .where((eb) =>
      eb.or(slugs.map((s) => eb.and([eb("lang", "=", s.lang), eb("slug", "=", s.slug)]))),
    )
    .$if(exceptStoryId !== null, (q) => q.where("story_id", "!=", exceptStoryId as string))
    .execute();
  return rows.map((r) => ({ lang: r.lang as LangTag, slug: r.slug, storyId: r.story_id }));
}
