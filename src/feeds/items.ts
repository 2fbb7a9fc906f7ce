import { BoundedLru } from "../domain/bounded-lru";
import type { PublishedStory } from "../domain/story";
import type { Language } from "../i18n/languages";
import { type FeedEntry, toFeedEntry } from "./entries";
import type { FeedFormat, RenderContext } from "./page";

/**
 * Feed items as rendered text, kept in the isolate between requests. A feed missed after a
 * write differs from its last render by one story; sanitizing, absolutizing and serializing
 * the other 49 again was most of a miss's CPU.
 */
export type FeedItemCache = BoundedLru<string>;

/** A cache of feed items bounded in UTF-16 code units. */
export function feedItemCache(maxChars: number): FeedItemCache {
  return new BoundedLru(maxChars, (text) => text.length);
}

/**
 * Each story's item in one format, from the cache when the story shows the same as when it
 * was rendered. A story that cannot be rendered is logged and left out: one bad row must
 * never take a whole feed, and every reader of it, down.
 */
export function renderedItems(
  stories: readonly PublishedStory[],
  language: Language,
  ctx: RenderContext,
  format: FeedFormat,
  render: (entry: FeedEntry) => string,
): string[] {
  return stories.flatMap((story) => {
    try {
      const key = ctx.items ? itemKey(story, language, ctx, format) : null;
      const held = key === null ? undefined : (ctx.pinned?.get(key) ?? ctx.items?.get(key));
      if (held !== undefined) return [held];
      // A body is never empty: this one was not read (see pinHeldItems), so render nothing.
      if (story.variant.body === "") throw new Error("its body was not read");
      const text = render(toFeedEntry(story, language, ctx));
      if (key !== null) ctx.items?.set(key, text);
      return [text];
    } catch (error) {
      console.error(`feed entry for story ${story.id} (${language.tag}) left out:`, error);
      return [];
    }
  });
}

/**
 * For a feed that reads bodies only for items it does not hold: a context that pins each
 * held item's text as the listing is checked (a later eviction cannot leave it unrendered),
 * and the check itself, true for the stories whose bodies must be read.
 */
export function pinHeldItems(
  ctx: RenderContext,
  language: Language,
  format: FeedFormat,
): { ctx: RenderContext; needsBody: (story: PublishedStory) => boolean } {
  const items = ctx.items;
  if (!items) return { ctx, needsBody: () => true };
  const pinned = new Map<string, string>();
  return {
    ctx: { ...ctx, pinned },
    needsBody: (story) => {
      const key = itemKey(story, language, ctx, format);
      const held = items.get(key);
      if (held === undefined) return true;
      pinned.set(key, held);
      return false;
    },
  };
}

/**
 * Everything an item shows that can change. The version moves on every write to the story
 * (its text, image, languages, withdrawal, schedule); category and author names can change
 * without one; an embargo stops showing when it passes; partner terms decide body and links.
 */
function itemKey(
  story: PublishedStory,
  language: Language,
  ctx: RenderContext,
  format: FeedFormat,
): string {
  return JSON.stringify([
    format.id,
    story.id,
    language.tag,
    story.version,
    story.updatedAt,
    story.embargoedUntil,
    story.category.slug,
    story.category.name,
    story.authors.map((author) => [author.slug, author.name]),
    ctx.origin,
    ctx.partner ? [ctx.partner.fullText, ctx.partner.languages] : null,
  ]);
}
