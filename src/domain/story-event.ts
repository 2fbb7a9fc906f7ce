import type { LangTag } from "../i18n/languages";

/** What a write did, as recorded in the append-only story_events log. */
export type StoryEventKind =
  | "created"
  | "updated"
  | "published"
  | "rescheduled"
  | "withdrawn"
  | "restored"
  | "variant_added"
  | "variant_updated"
  | "variant_removed"
  | "category_created"
  | "category_updated"
  | "author_created"
  | "author_updated"
  /** A scheduled publication's time came (appended by the partner sync; see 0003_partners). */
  | "went_live";

/** One language's share of a write; exactly one of storyId and taxonId is set. */
export interface NewStoryEvent {
  storyId: string | null;
  taxonId: string | null;
  lang: LangTag;
  kind: StoryEventKind;
  /** The story's version after the write; null for taxonomy events. */
  version: number | null;
  occurredAt: string;
}

export interface StoryEvent extends NewStoryEvent {
  id: number;
}
