import type { Story } from "../../domain/story";
import type { Author, Category } from "../../domain/taxonomy";
import type { LangTag } from "../../i18n/languages";

/**
 * Who issues the documents and on what terms: configuration, the same for every story.
 */
export interface NinjsProvider {
  /**
   * The RFC 4151 tagging entity every `uri` is minted under: a domain the newsroom holds and a
   * date it held it on, e.g. `news.example,2026`. Fixed forever once partners have seen it.
   */
  tagAuthority: string;
  copyrightHolder: string;
  copyrightNotice: string;
  usageTerms: string;
  /** A page with the full licence terms, sent as rightsInfo.linkedRights; omit if none. */
  rightsUrl?: string;
}

/** What a partner may republish: the whole body, or headline, summary and image only. */
export type PartnerLicence = "full-text" | "summary";

/**
 * Everything one ninjs document is made from. A service builds it with a fixed number of
 * queries whatever the page size: the stories, then `listCategories` and `listAuthors` once.
 */
export interface NinjsInput {
  /** The whole story, every variant: the other languages become associations. */
  story: Story;
  /** Which variant to render; the story must have it. */
  lang: LangTag;
  /** The story's category (its id is `story.categoryId`). */
  category: Category;
  /** At least the story's authors, in any order: the byline follows `story.authorIds`. */
  authors: readonly Author[];
  /** Public origin without a trailing slash, e.g. https://news.example; image URLs resolve on it. */
  origin: string;
  /** The public page of a variant: `${origin}/${segment}/news/${slug}`. */
  storyUrl: (lang: LangTag, slug: string) => string;
  provider: NinjsProvider;
  licence: PartnerLicence;
  /**
   * The languages the partner is licensed for: other variants are not linked, named or
   * counted, so nothing outside the licence reaches the partner. Omit for every language.
   */
  languages?: readonly LangTag[];
  /** The clock (ISO 8601): a published story dated later is scheduled, so withheld. */
  now: string;
}
