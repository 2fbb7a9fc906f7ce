import type { StoryKind } from "../domain/story";
import { FEED_FORMATS } from "../feeds/formats";
import { type LangTag, segmentOf } from "../i18n/languages";
import { type FeedList, feedPath } from "../urls";

/** The feeds a write to a live story changed: in which languages, and which lists it sits in. */
export interface FeedAnnouncement {
  langs: LangTag[];
  kind: StoryKind;
  categorySlug: string;
  authorSlugs: string[];
}

/**
 * Every feed URL that lists the story, in each affected language: the site's feed (articles)
 * or the briefs feed (briefs), its category's and each author's.
 */
export function affectedFeedUrls(origin: string, announcement: FeedAnnouncement): string[] {
  const urls: string[] = [];
  for (const lang of announcement.langs) {
    const segment = segmentOf(lang);
    const lists: FeedList[] = [
      announcement.kind === "brief" ? { kind: "briefs" } : { kind: "site" },
      { kind: "category", category: { slug: announcement.categorySlug } },
      ...announcement.authorSlugs.map((slug) => ({ kind: "author" as const, author: { slug } })),
    ];
    for (const list of lists) {
      for (const format of FEED_FORMATS)
        urls.push(`${origin}${feedPath(segment, list, format.file)}`);
    }
  }
  return urls;
}

/**
 * WebSub 7 (publishing): tells the hub each feed changed, one `hub.mode=publish` form POST per
 * feed URL, so subscribers are pushed the new content. A refused or failed ping is logged and
 * dropped: the write has already happened, and subscribers still poll.
 */
export async function pingHub(hubUrl: string, feedUrls: readonly string[]): Promise<void> {
  await Promise.all(
    feedUrls.map(async (feedUrl) => {
      try {
        const response = await fetch(hubUrl, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ "hub.mode": "publish", "hub.url": feedUrl }),
        });
        if (!response.ok) {
          console.warn(`WebSub hub ${hubUrl} answered ${response.status} for ${feedUrl}`);
        }
      } catch (error) {
        console.warn(`WebSub ping to ${hubUrl} for ${feedUrl} failed`, error);
      }
    }),
  );
}
