import { type PublishedStory, photoAlt, photoCredit } from "../domain/story";
import { resolveWebUrl } from "../domain/web-url";
import { byline } from "../i18n/byline";
import { type Language, languageByTag } from "../i18n/languages";
import { authorPath, categoriesPath, categoryPath, storyUrl } from "../urls";
import { absolutizeBody } from "./absolute-urls";
import { embargoNotice, heroFigureHtml, withdrawalNotice } from "./entry-content";
import { storyVariantId } from "./ids";
import type { RenderContext } from "./page";
import { textAsHtml, xmlChars } from "./xml-safety";

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
  /**
   * Sanitized body HTML with absolute URLs, led by the hero figure; null for a summary-only
   * partner licence.
   */
  contentHtml: string | null;
  published: string;
  updated: string;
  authors: { name: string; url: string }[];
  /** Every author in one localized phrase; null when the story names none. */
  byline: string | null;
  category: { term: string; label: string; url: string; scheme: string };
  image: {
    url: string;
    type: string;
    /** Bytes, where known. */
    length: number | null;
    width: number | null;
    height: number | null;
    /** In the entry's language, as the caption and alt text are. */
    credit: string | null;
    caption: string | null;
    alt: string;
  } | null;
  /** The same story in the other languages it exists in (never this one). */
  translations: { lang: Language["tag"]; url: string }[];
  /** Set when the entry is the notice of a withdrawn story (Atom adds a tombstone). */
  withdrawal: { at: string; note: string | null } | null;
  /** Partner feeds: not to be published before this time. */
  embargoedUntil: string | null;
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

function imageType(url: URL, stored: string | null): string {
  if (stored) return stored;
  const extension = url.pathname.split(".").pop()?.toLowerCase() ?? "";
  return IMAGE_TYPES[extension] ?? "application/octet-stream";
}

/**
 * The page's stories as entries. A story that cannot be rendered is logged and left out: one
 * bad row must never take a whole feed, and every reader of it, down.
 */
export function toFeedEntries(
  stories: readonly PublishedStory[],
  language: Language,
  ctx: RenderContext,
): FeedEntry[] {
  return stories.flatMap((story) => {
    try {
      return [toFeedEntry(story, language, ctx)];
    } catch (error) {
      console.error(`feed entry for story ${story.id} (${language.tag}) left out:`, error);
      return [];
    }
  });
}

export function toFeedEntry(
  story: PublishedStory,
  language: Language,
  ctx: RenderContext,
): FeedEntry {
  const url = storyUrl(ctx.origin, language.tag, story.variant.slug);
  const authors = story.authors.map((author) => ({
    name: xmlChars(author.name),
    url: `${ctx.origin}${authorPath(language.segment, author.slug)}`,
  }));
  const common = {
    id: storyVariantId(story.id, language.tag),
    url,
    lang: language.tag,
    published: story.publishedAt,
    updated: story.updatedAt,
    authors,
    byline:
      authors.length > 0
        ? byline(
            authors.map((a) => a.name),
            language.tag,
          )
        : null,
    category: {
      term: story.category.slug,
      label: xmlChars(story.category.name),
      url: `${ctx.origin}${categoryPath(language.segment, story.category.slug)}`,
      // RFC 4287 4.2.2.2: an IRI naming the categorization, here the language's category pages.
      scheme: `${ctx.origin}${categoriesPath(language.segment)}`,
    },
  };
  if (story.withdrawal) {
    const notice = withdrawalNotice(
      xmlChars(story.variant.title),
      { at: story.withdrawal.at, note: story.withdrawal.note && xmlChars(story.withdrawal.note) },
      language.tag,
    );
    return {
      ...common,
      embargoedUntil: null,
      title: notice.title,
      summary: notice.text,
      contentHtml: ctx.partner?.fullText === false ? null : notice.html,
      image: null,
      translations: [],
      withdrawal: story.withdrawal,
    };
  }
  const image = entryImage(story, ctx);
  const title = xmlChars(story.variant.title);
  const body = absolutizeBody(story.variant.body, url);
  // Only partner listings hold embargoed stories; the line leads, so no editor misses it.
  const embargo = story.embargoedUntil ? embargoNotice(story.embargoedUntil, language.tag) : null;
  const summary = xmlChars(story.variant.summary);
  return {
    ...common,
    embargoedUntil: story.embargoedUntil,
    title,
    summary: embargo ? `${embargo} ${summary}`.trim() : summary,
    contentHtml:
      ctx.partner?.fullText === false
        ? null
        : xmlChars(
            (embargo ? `<p><strong>${textAsHtml(embargo)}</strong></p>` : "") +
              (image ? heroFigureHtml(image, image.alt, language.tag) : "") +
              body,
          ),
    image,
    translations: story.alternates.flatMap((alternate) => {
      const other = languageByTag(alternate.lang);
      if (!other || other.tag === language.tag || !isLicensed(ctx, other.tag)) return [];
      return [{ lang: other.tag, url: storyUrl(ctx.origin, other.tag, alternate.slug) }];
    }),
    withdrawal: null,
  };
}

/**
 * The hero image with an absolute http(s) URL, or null when its stored URL cannot be one: the
 * entry then goes out without its photo rather than not at all.
 */
function entryImage(story: PublishedStory, ctx: RenderContext): FeedEntry["image"] {
  if (!story.image) return null;
  const url = resolveWebUrl(story.image.url, ctx.origin);
  if (!url) {
    console.error(`story ${story.id}: hero image URL left out, not a web URL`);
    return null;
  }
  const credit = photoCredit(story.image, story.variant);
  return {
    url,
    type: imageType(new URL(url), story.image.type),
    length: story.image.length,
    width: story.image.width,
    height: story.image.height,
    credit: credit ? xmlChars(credit) : null,
    caption: story.variant.imageCaption ? xmlChars(story.variant.imageCaption) : null,
    alt: xmlChars(photoAlt(story.variant)),
  };
}

/** Whether a partner's feed may point to a language (every public feed may). */
export function isLicensed(ctx: RenderContext, lang: Language["tag"]): boolean {
  return ctx.partner?.languages.includes(lang) ?? true;
}
