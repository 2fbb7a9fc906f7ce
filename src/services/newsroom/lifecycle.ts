import type { Db } from "../../db/client";
import { reindexQueries, unindexStoryQueries } from "../../db/search-index";
import { bumpVersionQuery, type StoryChanges } from "../../db/story-writes";
import type { Story, Withdrawal } from "../../domain/story";
import {
  LIVE_STATUS,
  type LifecycleAction,
  type Transition,
  transition,
} from "../../domain/story-lifecycle";
import { searchDocuments } from "../../search/documents";
import { Conflict, Invalid } from "../errors";
import { changeStory, langsOf, storyEvents } from "./change";
import { checkPublicationTime } from "./checks";
import type { Precondition, StoryWrite } from "./inputs";

/**
 * Publishes a draft now or at a given time (a future time schedules it: the public queries
 * show it once `published_at <= now`, so nothing has to run when it comes). A story still
 * waiting for its time may be published again to reschedule it.
 */
export async function publishStory(
  db: Db,
  id: string,
  precondition: Precondition | null,
  at: Date | undefined,
  now: Date,
  { embargo = false }: { embargo?: boolean } = {},
): Promise<StoryWrite> {
  return changeStory(db, id, precondition, now, {
    plan: (story, basedOn) => {
      const move = allowed(story, "publish", now);
      const langs = publishableLangs(story);
      if (at) checkPublicationTime(at, now);
      if (embargo && !(at && at > now)) {
        const message = "an embargo needs a publication time (`at`) in the future";
        throw new Invalid(message, [{ path: "/embargo", message }]);
      }
      const publishedAt = (at ?? now).toISOString();
      // Atom 4.2.15: updated is never earlier than published, so the publication is the last update.
      const changes: StoryChanges = {
        status: move.to,
        publishedAt,
        updatedAt: publishedAt,
        // Partners get an embargoed story now; a reschedule without embargo takes that back.
        partnerReleaseAt: embargo ? now.toISOString() : null,
      };
      return {
        queries: [
          bumpVersionQuery(db, id, basedOn, changes),
          ...reindexQueries(db, searchDocuments({ ...story, status: move.to, publishedAt })),
        ],
        events: storyEvents(id, langs, move.event, basedOn + 1, now.toISOString()),
      };
    },
  });
}

/**
 * Takes a published story off every page at once (its pages then answer 410). Its feeds show
 * a notice in its place for WITHDRAWAL_NOTICE_DAYS (services/feeds.ts), with the editors' note if one is given.
 */
export async function withdrawStory(
  db: Db,
  id: string,
  precondition: Precondition | null,
  now: Date,
  note: string | null = null,
): Promise<StoryWrite> {
  return changeStatus(db, id, precondition, now, "withdraw", { at: now.toISOString(), note });
}

/** Puts a withdrawn story back where it was, with its original publication time. */
export async function restoreStory(
  db: Db,
  id: string,
  precondition: Precondition | null,
  now: Date,
): Promise<StoryWrite> {
  return changeStatus(db, id, precondition, now, "restore", null);
}

function changeStatus(
  db: Db,
  id: string,
  precondition: Precondition | null,
  now: Date,
  action: "withdraw" | "restore",
  withdrawal: Withdrawal | null,
): Promise<StoryWrite> {
  const stamp = now.toISOString();
  return changeStory(db, id, precondition, now, {
    plan: (story, basedOn) => {
      const move = allowed(story, action, now);
      const langs = move.to === LIVE_STATUS ? publishableLangs(story) : langsOf(story);
      return {
        queries: [
          bumpVersionQuery(db, id, basedOn, { status: move.to, updatedAt: stamp, withdrawal }),
          // A withdrawn story leaves search results in the same transaction; a restored one returns.
          ...(move.to === LIVE_STATUS
            ? reindexQueries(db, searchDocuments({ ...story, status: move.to }))
            : unindexStoryQueries(db, id)),
        ],
        events: storyEvents(id, langs, move.event, basedOn + 1, stamp),
      };
    },
  });
}

/** The lifecycle's move for this action, or a 409 saying why the story's state forbids it. */
function allowed(story: Story, action: LifecycleAction, now: Date): Transition {
  const move = transition(story, action, now);
  if ("refused" in move) {
    throw new Conflict(`story ${story.id} ${move.refused}`, {
      storyId: story.id,
      storyStatus: story.status,
    });
  }
  return move;
}

function publishableLangs(story: Story) {
  const langs = langsOf(story);
  if (langs.length === 0) {
    throw new Conflict(`story ${story.id} has no language variant to publish`, {
      storyId: story.id,
    });
  }
  return langs;
}
