import type { SearchDocument } from "../db/search-index";
import type { Story, Variant } from "../domain/story";
import { LIVE_STATUS } from "../domain/story-lifecycle";
import { documentKey } from "./document-key";
import { bodyPlainText } from "./plain-text";
import { stemmedText } from "./stemmer";

/**
 * What the index holds for a story: a document per variant while the story is published
 * (scheduled ones too: queries check the publication time), none for drafts or withdrawn ones.
 * The summary and the photo caption are searched with the body.
 */
export function searchDocuments(
  story: Pick<Story, "id" | "status" | "publishedAt" | "variants">,
): SearchDocument[] {
  return variantSearchDocuments(story, Object.values(story.variants));
}

/** The same for those of a story's variants a write stores. */
export function variantSearchDocuments(
  story: Pick<Story, "id" | "status" | "publishedAt">,
  variants: readonly Variant[],
): SearchDocument[] {
  const { publishedAt } = story;
  if (story.status !== LIVE_STATUS || publishedAt === null) return [];
  return variants.map((variant) => searchDocument(story.id, publishedAt, variant));
}

export function searchDocument(
  storyId: string,
  publishedAt: string,
  variant: Variant,
): SearchDocument {
  const text = [variant.summary, bodyPlainText(variant.body), variant.imageCaption ?? ""].join(" ");
  return {
    key: documentKey(publishedAt, storyId, variant.lang),
    storyId,
    lang: variant.lang,
    title: stemmedText(variant.lang, variant.title),
    body: stemmedText(variant.lang, text),
  };
}
