import type { LangTag } from "../i18n/languages";
import type { Story } from "./story";
import { WITHDRAWN_STATUS } from "./story-lifecycle";

/** A language variant the newsroom removed: enough to name it in a takedown. */
export interface RemovedVariant {
  storyId: string;
  lang: LangTag;
  slug: string;
  title: string;
  createdAt: string;
  removedAt: string;
}

/**
 * The story as a partner must now see one removed language: withdrawn in that language, the
 * variant reduced to what identifies it (headline, slug, times; no summary, body or caption,
 * which must stop circulating as a withdrawn story's would). Renderers then produce the same
 * takedown (ninjs `pubStatus: canceled`) as for a withdrawn story. The other languages are
 * unchanged, so the takedown still links them as translations.
 */
export function variantTakedown(story: Story, removed: RemovedVariant): Story {
  return {
    ...story,
    status: WITHDRAWN_STATUS,
    withdrawal: { at: removed.removedAt, note: null },
    correctionNote: null,
    variants: {
      ...story.variants,
      [removed.lang]: {
        lang: removed.lang,
        slug: removed.slug,
        title: removed.title,
        summary: "",
        body: "",
        imageCaption: null,
        imageCredit: null,
        imageAlt: null,
        createdAt: removed.createdAt,
        updatedAt: removed.removedAt,
      },
    },
  };
}

/**
 * What a partner may be sent about one language of a story: the story itself while it has the
 * variant, its takedown once the variant was removed, null when it never had it.
 */
export function storyForLanguage(
  story: Story,
  lang: LangTag,
  removed: RemovedVariant | undefined,
): Story | null {
  if (story.variants[lang]) return story;
  return removed ? variantTakedown(story, removed) : null;
}
