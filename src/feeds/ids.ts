import { TAG_AUTHORITY } from "../domain/identity";
import type { LangTag } from "../i18n/languages";
import type { FeedScope } from "./page";

/**
 * RFC 4287 4.2.6: an entry id is permanent and universally unique; RFC 4151 tag URIs are made
 * for that (authority in src/domain/identity.ts, shared with ninjs). The id names the story
 * (whose id never changes) and the variant's language, so each translation is its own entry
 * while edits and slug changes keep the id.
 */
export function storyVariantId(storyId: string, lang: LangTag): string {
  return `tag:${TAG_AUTHORITY}:story/${encodeURIComponent(storyId)}/${lang}`;
}

/** RFC 4287 4.1.1: the feed's own permanent id, shared by all its pages and formats. */
export function feedId(
  lang: LangTag,
  scope: FeedScope,
  audience: "public" | "partner" = "public",
): string {
  const path =
    scope.kind === "category"
      ? `category/${encodeURIComponent(scope.category.id)}`
      : scope.kind === "author"
        ? `author/${encodeURIComponent(scope.author.id)}`
        : scope.kind;
  // A partner's full-text feed is another feed than the public one: its own id.
  const prefix = audience === "partner" ? "partner/" : "";
  return `tag:${TAG_AUTHORITY}:${prefix}feed/${lang}/${path}`;
}
