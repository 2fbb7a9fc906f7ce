import type { Db } from "../db/client";
import { findAuthorsByIds, getCategory } from "../db/taxonomy";
import type { Story } from "../domain/story";
import { isLive, PARTNER_EVENT_KINDS } from "../domain/story-lifecycle";
import type { LangTag } from "../i18n/languages";
import { moveStoryBodies } from "./body-storage";
import type { StoryWrite } from "./newsroom";
import { dispatchWebhooks, type WebhookQueue } from "./webhooks";
import { affectedFeedUrls, type FeedAnnouncement, pingHub } from "./websub";

/** Where a write is announced, from the request's bindings. */
export interface Channels {
  queue: WebhookQueue;
  /** The WebSub hub to ping; unset: none. */
  hubUrl: string | undefined;
  /** The site's public origin, for feed URLs and partner documents. */
  origin: string;
  now: Date;
}

/**
 * Everything a story write sets off, meant to run after the response: the new bodies move to
 * R2, partners hear of its events (fanned out from the event log, where the write's batch put
 * them: if this never runs, the minute sweep does it), and the WebSub hub is pinged for every
 * feed of a story that is or was live. The three run side by side and each failure is
 * reported without stopping the others, so a slow hub or R2 never holds back a partner.
 */
export async function announceWrite(db: Db, write: StoryWrite, channels: Channels): Promise<void> {
  if (!write.changed) return;
  const tasks: Promise<unknown>[] = [moveStoryBodies(db, write.story.id)];
  if (write.events.some((e) => PARTNER_EVENT_KINDS.includes(e.kind))) {
    tasks.push(dispatchWebhooks(db, channels.queue, channels));
  }
  const { hubUrl } = channels;
  if (hubUrl && (write.wasLive || isLive(write.story, channels.now))) {
    const langs = [...new Set(write.events.map((e) => e.lang))];
    tasks.push(
      feedAnnouncement(db, write.story, langs).then((announcement) =>
        pingHub(hubUrl, affectedFeedUrls(channels.origin, announcement)),
      ),
    );
  }
  const failures = (await Promise.allSettled(tasks)).flatMap((r) =>
    r.status === "rejected" ? [r.reason] : [],
  );
  if (failures.length > 0) throw new AggregateError(failures, "announcing a story write failed");
}

/** The feeds that list the story: its kind's, its category's and its authors', by slug. */
async function feedAnnouncement(db: Db, story: Story, langs: LangTag[]): Promise<FeedAnnouncement> {
  const [category, authors] = await Promise.all([
    getCategory(db, story.categoryId),
    findAuthorsByIds(db, story.authorIds),
  ]);
  return {
    langs,
    kind: story.kind,
    categorySlug: category?.slug ?? story.categoryId,
    authorSlugs: story.authorIds.map((a) => authors.find((x) => x.id === a)?.slug ?? a),
  };
}
