import type { LangTag } from "../i18n/languages";
import type { FeedScope } from "./page";

/**
 * RFC 4287 4.2.6: an entry id is permanent and universally unique; RFC 4151 tag URIs are made
 * for that. The authority and date are fixed here, deliberately not derived from SITE_URL:
 * moving the site to another host must not make every reader show every story again. The id
 * names the story (whose id never changes) and the variant's language, so each translation is
 * its own entry while edits and slug changes keep the id.
 */
const TAG_AUTHORITY = "newsroom.example,2023";

export function storyVariantId(storyId: string, lang: LangTag): string {
  return `tag:${TAG_AUTHORITY}:story/${encodeURIComponent(storyId)}/${lang}`;
}

/** RFC 4287 4.1.1: the feed's own permanent id, shared by all its pages and formats. */
export function feedId(lang: LangTag, scope: FeedScope): string {
  const path =
    scope.kind === "category"
      ? `category/${encodeURIComponent(scope.category.id)}`
      : scope.kind === "author"
        ? `author/${encodeURIComponent(scope.author.id)}`
        : scope.kind;
  return `tag:${TAG_AUTHORITY}:feed/${lang}/${path}`;
}
