import type { Db } from "../db/client";
import { listPublished } from "../db/stories";
import type { PublishedStory } from "../domain/story";
import type { LangTag } from "../i18n/languages";

export const DEFAULT_PAGE_SIZE = 20;

/** The newest published articles in one language, as the front page lists them. */
export function latestArticles(
  db: Db,
  lang: LangTag,
  now: Date,
  limit = DEFAULT_PAGE_SIZE,
): Promise<PublishedStory[]> {
  return listPublished(db, { lang, kind: "article", now: now.toISOString(), limit });
}
