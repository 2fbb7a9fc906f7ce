import type { HeroImage, Story, Variant, Withdrawal } from "../domain/story";
import { WITHDRAWN_STATUS } from "../domain/story-lifecycle";
import type { NewVariantRow, StoryRow } from "./schema";

/** How stories map to their table rows and back: the one place that knows both spellings. */

/** The columns every story listing shares, by their domain names. */
export function storyHeader(
  row: Pick<
    StoryRow,
    | "id"
    | "kind"
    | "category_id"
    | "status"
    | "published_at"
    | "created_at"
    | "updated_at"
    | "version"
  >,
) {
  return {
    id: row.id,
    kind: row.kind,
    categoryId: row.category_id,
    status: row.status,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function withdrawal(row: StoryRow): Withdrawal | null {
  if (row.status !== WITHDRAWN_STATUS || row.withdrawn_at === null) return null;
  return { at: row.withdrawn_at, note: row.withdrawal_note };
}

export function heroImage(row: StoryRow): HeroImage | null {
  if (!row.image_url) return null;
  return {
    url: row.image_url,
    type: row.image_type,
    length: row.image_length,
    width: row.image_width,
    height: row.image_height,
    credit: row.image_credit,
    // Absent, not null, when the newsroom's own terms apply (the common case).
    ...(row.image_copyright_holder !== null && { copyrightHolder: row.image_copyright_holder }),
    ...(row.image_usage_terms !== null && { usageTerms: row.image_usage_terms }),
  };
}

/** The stories columns that store a hero image (all null: none). */
export function imageColumns(image: HeroImage | null) {
  return {
    image_url: image?.url ?? null,
    image_type: image?.type ?? null,
    image_length: image?.length ?? null,
    image_width: image?.width ?? null,
    image_height: image?.height ?? null,
    image_credit: image?.credit ?? null,
    image_copyright_holder: image?.copyrightHolder ?? null,
    image_usage_terms: image?.usageTerms ?? null,
  };
}

/** The stories columns that store a withdrawal (null: not withdrawn). */
export function withdrawalColumns(withdrawal: Withdrawal | null) {
  return { withdrawn_at: withdrawal?.at ?? null, withdrawal_note: withdrawal?.note ?? null };
}

/** The table rows that store these stories, their variants and their authors. */
export function storyRows(stories: readonly Story[]) {
  return {
    stories: stories.map((story) => ({
      id: story.id,
      kind: story.kind,
      category_id: story.categoryId,
      status: story.status,
      published_at: story.publishedAt,
      created_at: story.createdAt,
      updated_at: story.updatedAt,
      version: story.version,
      ...imageColumns(story.image),
      ...withdrawalColumns(story.withdrawal),
      urgency: story.urgency,
      correction_note: story.correctionNote,
      partner_release_at: story.partnerReleaseAt,
    })),
    variants: stories.flatMap((story) =>
      Object.values(story.variants).map((v) => variantRow(story.id, v)),
    ),
    authors: stories.flatMap((story) =>
      story.authorIds.map((authorId, position) => ({
        story_id: story.id,
        author_id: authorId,
        position,
      })),
    ),
  };
}

/** The story_variants row that stores one variant. */
export function variantRow(storyId: string, v: Variant): NewVariantRow {
  return {
    story_id: storyId,
    lang: v.lang,
    slug: v.slug,
    title: v.title,
    summary: v.summary,
    body: v.body,
    image_caption: v.imageCaption,
    image_credit: v.imageCredit,
    image_alt: v.imageAlt,
    created_at: v.createdAt,
    updated_at: v.updatedAt,
  };
}
