import type { Cursor, Named, PublishedStory } from "../domain/story";
import type { Language } from "../i18n/languages";
import type { FeedItemCache } from "./items";

/** Which stories a feed follows: the whole site's articles, the briefs, a category, an author. */
export type FeedScope =
  | { kind: "site" }
  | { kind: "briefs" }
  | { kind: "category"; category: Taxon }
  | { kind: "author"; author: Taxon };

/** A category or author as a feed names it; `updatedAt` is when its names last changed. */
export type Taxon = Named & { updatedAt?: string };

/**
 * One page of one language's feed, newest first, with the keyset positions of its
 * neighbours (RFC 5005 section 3: a paged feed links to its first, next and previous pages).
 */
export interface FeedPage {
  language: Language;
  scope: FeedScope;
  stories: PublishedStory[];
  /** Page size as requested; it is part of every paging link. */
  limit: number;
  /** Where this page starts, as requested (null on the first page). */
  position: PagePosition | null;
  /** The older page, when there is one. */
  next: PagePosition | null;
  /** The newer page, when this is not the first one. */
  previous: PagePosition | null;
  /** Newest change among the stories shown (the feed's `updated`); null for an empty page. */
  updatedAt: string | null;
}

/** A page boundary: the stories older (`after`) or newer (`before`) than one story. */
export interface PagePosition {
  direction: "after" | "before";
  cursor: Cursor;
}

/** One feed format: a renderer and what its documents are served as. formats.ts lists them. */
export interface FeedFormat {
  /** Short name: item caches and the partner API's response schemas key on it. */
  id: string;
  /** The file name a feed is served under (`/ua/rss.xml`): part of the public URL contract. */
  file: string;
  mediaType: string;
  /** How pages name the format next to a feed's title: head links, the footer. */
  label: string;
  render: (page: FeedPage, ctx: RenderContext) => string;
}

/** What a renderer needs besides the page: where the site lives and who to ping. */
export interface RenderContext {
  /** Absolute origin for every link, without a trailing slash (https://news.example). */
  origin: string;
  /** WebSub hub URL; empty when WebSub is off. */
  hub: string;
  /** Default page size: the paging links leave `limit` out when it equals this. */
  defaultLimit: number;
  /** Set for a partner's keyed feed; absent for the public feeds. */
  partner?: PartnerFeedTerms;
  /** Items rendered by earlier requests; absent, every item is rendered afresh. */
  items?: FeedItemCache;
  /**
   * Items this request found held before it read bodies (keyed as in `items`): the page's
   * stories read none for them, so these texts must be used even if `items` drops them.
   */
  pinned?: Map<string, string>;
}

/** How a partner's feed differs from the public one. */
export interface PartnerFeedTerms {
  /** Path the partner feeds hang under, e.g. /partner/v1 (self and paging links use it). */
  feedRoot: string;
  /** Copyright and usage terms: RSS copyright, Atom rights, JSON Feed _rights. */
  rights: string;
  /** False for a summary-only licence: entries carry no body. */
  fullText: boolean;
  /** The licensed languages: links to the others (translations, other feeds) are left out. */
  languages: readonly Language["tag"][];
}
