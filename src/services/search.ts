import type { Db } from "../db/client";
import { listPublished } from "../db/stories";
import type { Cursor, PublishedStory } from "../domain/story";
import type { LangTag } from "../i18n/languages";
import { parseSearchQuery, type SearchQuery } from "../search/query";
import { PAGE_SIZE } from "./reader-pages";

/**
 * Search results, newest first (not by relevance): every result holds every word asked for,
 * and readers of news look for the latest on a subject; keyset paging then works as on the
 * section pages, one query per page whatever the size of the archive.
 */
export interface SearchPage {
  query: SearchQuery;
  stories: PublishedStory[];
  next: Cursor | null;
}

export async function searchPage(
  db: Db,
  lang: LangTag,
  input: string,
  now: Date,
  after?: Cursor,
  size = PAGE_SIZE,
): Promise<SearchPage> {
  const query = parseSearchQuery(lang, input);
  // Nothing to look for is an empty result, not an error, and costs no query.
  if (query.match === null) return { query, stories: [], next: null };
  const rows = await listPublished(db, {
    lang,
    match: query.match,
    now: now.toISOString(),
    ...(after ? { after } : {}),
    limit: size + 1,
  });
  const stories = rows.slice(0, size);
  const last = stories.at(-1);
  return {
    query,
    stories,
    next: rows.length > size && last ? { publishedAt: last.publishedAt, id: last.id } : null,
  };
}
