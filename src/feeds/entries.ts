import type { PublishedStory } from "../domain/story";
import { type Language, languageByTag } from "../i18n/languages";
import { absoluteUrl, absolutizeBody } from "./absolute-urls";
import { storyVariantId } from "./ids";
import { categorySchemeUrl, storyUrl } from "./links";
import type { RenderContext } from "./page";
import { xmlChars } from "./xml-safety";

/**
 * One story as every format needs it: absolute URLs, stable id, text free of characters XML
 * cannot carry. The three renderers differ only in how they spell these fields.
 */
export interface FeedEntry {
  id: string;
  title: string;
  url: string;
  lang: Language["tag"];
  summary: string;
  /** Sanitized body HTML with absolute URLs; null for a summary-only partner licence. */
  contentHtml: string | null;
  published: string;
  updated: string;
  authors: { name: string; url: string }[];
  category: { term: string; label: string; url: string; scheme: string };
  image: {
    url: string;
    type: string;
    /** Bytes, where known. */
    length: number | null;
    width: number | null;
    height: number | null;
    credit: string | null;
    caption: string | null;
  } | null;
  /** The same story in the other languages it exists in (never this one). */
  translations: { lang: Language["tag"]; url: string }[];
}

/** RSS 2.0 and RFC 4287 both want a MIME type on an enclosure; guess only from the extension. */
const IMAGE_TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  svg: "image/svg+xml",
};

function imageType(url: string, stored: string | null): string {
  if (stored) return stored;
  const extension = new URL(url).pathname.split(".").pop()?.toLowerCase() ?? "";
  return IMAGE_TYPES[extension] ?? "application/octet-stream";
}

export function toFeedEntry(
  story: PublishedStory,
  language: Language,
  ctx: RenderContext,
): FeedEntry {
  const url = storyUrl(ctx, language, story.variant.slug);
  const imageUrl = story.image ? absoluteUrl(story.image.url, `${ctx.origin}/`) : null;
  return {
    id: storyVariantId(story.id, language.tag),
    title: xmlChars(story.variant.title),
    url,
    lang: language.tag,
    summary: xmlChars(story.variant.summary),
    contentHtml:
      ctx.partner?.fullText === false ? null : xmlChars(absolutizeBody(story.variant.body, url)),
    published: story.publishedAt,
    updated: story.updatedAt,
    authors: story.authors.map((author) => ({
      name: xmlChars(author.name),
      url: `${ctx.origin}/${language.segment}/author/${author.slug}`,
    })),
    category: {
      term: story.category.slug,
      label: xmlChars(story.category.name),
      url: `${categorySchemeUrl(ctx, language)}${story.category.slug}`,
      scheme: categorySchemeUrl(ctx, language),
    },
    image:
      story.image && imageUrl
        ? {
            url: imageUrl,
            type: imageType(imageUrl, story.image.type),
            length: story.image.length,
            width: story.image.width,
            height: story.image.height,
            credit: story.image.credit ? xmlChars(story.image.credit) : null,
            caption: story.variant.imageCaption ? xmlChars(story.variant.imageCaption) : null,
          }
        : null,
    translations: story.alternates.flatMap((alternate) => {
      const other = languageByTag(alternate.lang);
      if (!other || other.tag === language.tag) return [];
      return [{ lang: other.tag, url: storyUrl(ctx, other, alternate.slug) }];
    }),
  };
}
