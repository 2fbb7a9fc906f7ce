import { describe, expect, it } from "vitest";
import {
  isGone,
  isLive,
  isScheduled,
  isVisibleToPartners,
  type LifecycleState,
  type StoryStatus,
  transition,
} from "../../src/domain/story-lifecycle";

const NOON = "2026-03-01T12:00:00.000Z";
const atNoon = new Date(NOON);
const justBefore = new Date(Date.parse(NOON) - 1);

function story(
  status: StoryStatus,
  publishedAt: string | null = NOON,
  partnerReleaseAt: string | null = null,
): LifecycleState {
  return { status, publishedAt, partnerReleaseAt };
}

describe("the story lifecycle", () => {
  describe("transitions", () => {
    it("publishes a draft, recording a published event", () => {
      expect(transition(story("draft", null), "publish", atNoon)).toEqual({
        to: "published",
        event: "published",
      });
    });

    it("reschedules a story still waiting for its time, and refuses one already live", () => {
      const scheduled = story("published", "2026-03-02T00:00:00.000Z");
      expect(transition(scheduled, "publish", atNoon)).toEqual({
        to: "published",
        event: "rescheduled",
      });
      expect(transition(story("published"), "publish", atNoon)).toEqual({
        refused: "is already published",
      });
    });

    it("refuses to republish a withdrawn story: it must be restored", () => {
      expect(transition(story("withdrawn"), "publish", atNoon)).toEqual({
        refused: "was withdrawn; restore it to publish it again",
      });
      expect(transition(story("withdrawn"), "restore", atNoon)).toEqual({
        to: "published",
        event: "restored",
      });
    });

    it("withdraws only a published story and restores only a withdrawn one", () => {
      expect(transition(story("published"), "withdraw", atNoon)).toEqual({
        to: "withdrawn",
        event: "withdrawn",
      });
      expect(transition(story("draft", null), "withdraw", atNoon)).toEqual({
        refused: "is draft; only a published story can be withdrawn",
      });
      expect(transition(story("withdrawn"), "withdraw", atNoon)).toHaveProperty("refused");
      expect(transition(story("published"), "restore", atNoon)).toEqual({
        refused: "is published; only a withdrawn story can be restored",
      });
      expect(transition(story("draft", null), "restore", atNoon)).toHaveProperty("refused");
    });
  });

  describe("live", () => {
    it("is live from the very instant of its publication, not a millisecond before", () => {
      expect(isLive(story("published"), justBefore)).toBe(false);
      expect(isScheduled(story("published"), justBefore)).toBe(true);
      expect(isLive(story("published"), atNoon)).toBe(true);
      expect(isScheduled(story("published"), atNoon)).toBe(false);
    });

    it("is never live as a draft or once withdrawn, whatever its publication time", () => {
      expect(isLive(story("draft"), atNoon)).toBe(false);
      expect(isLive(story("withdrawn"), atNoon)).toBe(false);
      expect(isLive(story("published", null), atNoon)).toBe(false);
    });
  });

  it("answers 410 Gone only for a withdrawn story; drafts and scheduled ones are absent", () => {
    expect(isGone("withdrawn")).toBe(true);
    expect(isGone("draft")).toBe(false);
    expect(isGone("published")).toBe(false);
  });

  describe("visible to partners", () => {
    it("from publication on, and as a takedown once withdrawn, but never as a draft", () => {
      expect(isVisibleToPartners(story("published"), justBefore.toISOString())).toBe(false);
      expect(isVisibleToPartners(story("published"), NOON)).toBe(true);
      expect(isVisibleToPartners(story("withdrawn"), NOON)).toBe(true);
      expect(isVisibleToPartners(story("draft"), NOON)).toBe(false);
    });

    it("from its embargoed release, before the public sees it", () => {
      const embargoed = story("published", "2026-03-02T00:00:00.000Z", NOON);
      expect(isVisibleToPartners(embargoed, justBefore.toISOString())).toBe(false);
      expect(isVisibleToPartners(embargoed, NOON)).toBe(true);
      expect(isLive(embargoed, atNoon)).toBe(false);
    });
  });
});
