import type { WebhookEventType } from "./partner";
import type { StoryEventKind } from "./story-event";

/**
 * The story lifecycle, in one place: its states, the editors' moves between them, and who
 * sees a story in each. The SQL twins of `isLive` and `isVisibleToPartners` are
 * `whereLive` / `wherePartnerVisible` in src/db/lifecycle.ts; change both together.
 */
export type StoryStatus = "draft" | "published" | "withdrawn";

export const STORY_STATUSES: readonly StoryStatus[] = ["draft", "published", "withdrawn"];

/** The status of a story the public can see once its publication time has come. */
export const LIVE_STATUS = "published" satisfies StoryStatus;

/** The status of a story taken down: its pages answer 410, partners get a takedown. */
export const WITHDRAWN_STATUS = "withdrawn" satisfies StoryStatus;

/** Statuses partners may know about: live stories, and withdrawn ones as takedowns. */
export const PARTNER_VISIBLE_STATUSES: readonly StoryStatus[] = [LIVE_STATUS, WITHDRAWN_STATUS];

/** What a lifecycle decision needs to know of a story. */
export interface LifecycleState {
  status: StoryStatus;
  publishedAt: string | null;
  partnerReleaseAt: string | null;
}

/** On the site, public feeds and sitemaps: published, and its publication time has come. */
export function isLive(story: Omit<LifecycleState, "partnerReleaseAt">, now: Date): boolean {
  return (
    story.status === LIVE_STATUS &&
    story.publishedAt !== null &&
    story.publishedAt <= now.toISOString()
  );
}

/** Published, but its time has not come yet: it can still be rescheduled. */
export function isScheduled(story: Omit<LifecycleState, "partnerReleaseAt">, now: Date): boolean {
  return story.status === LIVE_STATUS && !isLive(story, now);
}

/** When partners may have a story: its embargoed release, else its publication. */
export function partnerReleaseTime(
  story: Pick<LifecycleState, "publishedAt" | "partnerReleaseAt">,
) {
  return story.partnerReleaseAt ?? story.publishedAt;
}

/** Live now (or released under embargo), or withdrawn after that: what partners may know about. */
export function isVisibleToPartners(story: LifecycleState, now: string): boolean {
  const released = partnerReleaseTime(story);
  return (
    PARTNER_VISIBLE_STATUSES.includes(story.status) &&
    story.publishedAt !== null &&
    released !== null &&
    released <= now
  );
}

/**
 * Whether a story's pages answer 410 Gone rather than 404: taken down after being public, so
 * readers and crawlers learn it was withdrawn (drafts and scheduled stories are simply absent).
 */
export function isGone(status: StoryStatus): boolean {
  return status === WITHDRAWN_STATUS;
}

/** The editors' moves between states. */
export type LifecycleAction = "publish" | "withdraw" | "restore";

/** A move the lifecycle allows: where the story ends and the event that records it. */
export interface Transition {
  to: StoryStatus;
  event: StoryEventKind;
}

/** A move the lifecycle refuses, and why, in words an editor can act on. */
export interface Refusal {
  refused: string;
}

/**
 * Whether `action` may be applied to a story in its state now. Publishing a story still
 * waiting for its time reschedules it; a withdrawn story must be restored, not republished.
 */
export function transition(
  story: Omit<LifecycleState, "partnerReleaseAt">,
  action: LifecycleAction,
  now: Date,
): Transition | Refusal {
  switch (action) {
    case "publish":
      if (story.status === "draft") return { to: "published", event: "published" };
      if (isScheduled(story, now)) return { to: "published", event: "rescheduled" };
      return {
        refused:
          story.status === "withdrawn"
            ? "was withdrawn; restore it to publish it again"
            : "is already published",
      };
    case "withdraw":
      return story.status === "published"
        ? { to: "withdrawn", event: "withdrawn" }
        : { refused: `is ${story.status}; only a published story can be withdrawn` };
    case "restore":
      return story.status === "withdrawn"
        ? { to: "published", event: "restored" }
        : { refused: `is ${story.status}; only a withdrawn story can be restored` };
  }
}

/** Whether a story in this status may lose its last language (a public one keeps one, for 410s). */
export function mayLoseLastVariant(status: StoryStatus): boolean {
  return status === "draft";
}

/**
 * Event kinds a partner hears about. `created` concerns drafts only; taxonomy events change no
 * story document. `variant_removed` reaches partners as a takedown for that language.
 */
export const PARTNER_EVENT_KINDS: readonly StoryEventKind[] = [
  "published",
  "rescheduled",
  "restored",
  "withdrawn",
  "updated",
  "variant_added",
  "variant_updated",
  "variant_removed",
  "went_live",
];

/** The events that put a story in front of partners when its time comes (see went_live). */
export const PUBLICATION_EVENT_KINDS: readonly StoryEventKind[] = [
  "published",
  "rescheduled",
  "restored",
];

/** The webhook each partner event is announced as. */
export const WEBHOOK_TYPE_OF_EVENT: Partial<Record<StoryEventKind, WebhookEventType>> = {
  published: "story.published",
  rescheduled: "story.published",
  restored: "story.published",
  went_live: "story.published",
  variant_added: "story.published",
  updated: "story.updated",
  variant_updated: "story.updated",
  withdrawn: "story.withdrawn",
  // A takedown for the removed language only: the story lives on in its other languages.
  variant_removed: "story.withdrawn",
};
