import type { LangTag } from "../i18n/languages";
import type { StoryStatus } from "./story-lifecycle";

export type { StoryStatus };
export type StoryKind = "article" | "brief";

export interface HeroImage {
  url: string;
  /** MIME type, e.g. image/jpeg. */
  type: string | null;
  /** Size in bytes, where known (RSS enclosure length). */
  length: number | null;
  width: number | null;
  height: number | null;
  credit: string | null;
  /** Who holds the photo's copyright, when not the newsroom (an agency); absent: the newsroom. */
  copyrightHolder?: string | null;
  /** The terms partners may use the photo under, when they differ from the story's. */
  usageTerms?: string | null;
}

/** Why and when the editors took a story down; feeds show it as a notice for a while. */
export interface Withdrawal {
  at: string;
  /** The editors' note to readers, in whatever language they wrote it; null if none. */
  note: string | null;
}

/** One language's text of a story. */
export interface Variant {
  lang: LangTag;
  slug: string;
  title: string;
  summary: string;
  /** Sanitized HTML. */
  body: string;
  imageCaption: string | null;
  /** The photo's credit in this language; null: the story's `image.credit`. */
  imageCredit: string | null;
  /** What the photo shows, for readers who cannot see it; null: the caption, else the title. */
  imageAlt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The credit a language's readers see: the variant's own, else the story's. */
export function photoCredit(image: HeroImage, variant: Variant): string | null {
  return variant.imageCredit ?? image.credit;
}

/** The photo's alternative text in a language: its own, else the caption, else the title. */
export function photoAlt(variant: Variant): string {
  return variant.imageAlt ?? variant.imageCaption ?? variant.title;
}

/** A story with every variant it has, as the newsroom edits it. */
export interface Story {
  id: string;
  kind: StoryKind;
  categoryId: string;
  status: StoryStatus;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  image: HeroImage | null;
  authorIds: string[];
  variants: Partial<Record<LangTag, Variant>>;
  /** Set while the story is withdrawn. */
  withdrawal: Withdrawal | null;
  /** Editorial urgency, 1 (flash) to 9 (lowest); null leaves it to the story's kind. */
  urgency: number | null;
  /** The editors' note on the latest correction, for partners' editors; null if none. */
  correctionNote: string | null;
  /**
   * Set when partners got the story before the public, under embargo until `publishedAt`;
   * null when they get it with the public.
   */
  partnerReleaseAt: string | null;
}

/** A name in the reader's language, with the slug its pages and feeds live at. */
export interface Named {
  id: string;
  slug: string;
  name: string;
}

/** Where the same story lives in another language. */
export interface Alternate {
  lang: LangTag;
  slug: string;
}

/**
 * A published story as one language's readers see it: the variant, the story's metadata,
 * the localized category and author names, and the story's other languages. Feeds also list
 * recently withdrawn stories this way, with `withdrawal` set, to show them as notices.
 */
export interface PublishedStory {
  id: string;
  kind: StoryKind;
  publishedAt: string;
  /** The later of the story's and this variant's update times. */
  updatedAt: string;
  version: number;
  image: HeroImage | null;
  category: Named;
  authors: Named[];
  variant: Variant;
  /** Every variant of the story, this one included. */
  alternates: Alternate[];
  /** Set for a withdrawn story a feed still shows as a notice; null for a live one. */
  withdrawal: Withdrawal | null;
  /** Set in partner feeds for a story released under embargo: not to be published before. */
  embargoedUntil: string | null;
}

/** Keyset position in a newest-first list: the last item seen. */
export interface Cursor {
  publishedAt: string;
  id: string;
}

/** A story as the newsroom's list shows it: metadata and each language's title, no bodies. */
export type StorySummary = Omit<
  Story,
  | "image"
  | "authorIds"
  | "variants"
  | "withdrawal"
  | "urgency"
  | "correctionNote"
  | "partnerReleaseAt"
> & {
  variants: { lang: LangTag; slug: string; title: string }[];
};

/** Keyset position in the newsroom's newest-created-first list. */
export interface CreatedCursor {
  createdAt: string;
  id: string;
}
