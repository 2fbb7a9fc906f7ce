import type { HeroImage, Story, StoryKind } from "../../domain/story";
import type { NewStoryEvent } from "../../domain/story-event";
import type { LangTag } from "../../i18n/languages";

/** One language's text as an editor sends it; the body is raw HTML, sanitized here. */
export interface VariantInput {
  lang: LangTag;
  title: string;
  /** Omit to derive one from the title (Latin transliteration). */
  slug?: string;
  summary?: string;
  body: string;
  imageCaption?: string | null;
  /** The photo's credit in this language; null or omitted: the story's `image.credit`. */
  imageCredit?: string | null;
  /** What the photo shows, in this language; null or omitted: the caption, else the title. */
  imageAlt?: string | null;
}

export interface StoryInput {
  /** Omit for a generated id. */
  id?: string;
  kind: StoryKind;
  categoryId: string;
  authorIds: string[];
  image?: HeroImage | null;
  variants: VariantInput[];
  urgency?: number | null;
}

/** A correction: every field optional; variants are added or replaced by language. */
export interface StoryPatch {
  kind?: StoryKind;
  categoryId?: string;
  authorIds?: string[];
  image?: HeroImage | null;
  variants?: VariantInput[];
  urgency?: number | null;
  /** Why the story was corrected: replaces the previous note, for partners' editors. */
  correctionNote?: string;
}

export type VariantPatch = Partial<Omit<VariantInput, "lang">> & { correctionNote?: string };

/**
 * The version an update was based on, and how the editor said so: a stale If-Match gets 412
 * (RFC 9110 13.1.1), a stale `version` in the body gets 409.
 */
export interface Precondition {
  version: number;
  via: "if-match" | "body";
}

/**
 * A stored write: the story as it now is, and the events the write appended in its batch
 * (what the announcer tells partners and the WebSub hub about).
 */
export interface StoryWrite {
  story: Story;
  events: NewStoryEvent[];
  /** Whether the story was live before the write: its feeds then changed even if it left them. */
  wasLive: boolean;
  /** False when the request asked for nothing new: no version, event, ping or webhook. */
  changed: boolean;
}
