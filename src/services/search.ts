import type { Db } from "../db/client";
import { listPublished } from "../db/published-stories";
import { type SearchMatch, searchIndex, termsBeginning } from "../db/search-index";
import type { Cursor, PublishedStory } from "../domain/story";
import type { LangTag } from "../i18n/languages";
import { documentKey, firstKeyOfSecond, lastKeyOfSecond } from "../search/document-key";
import {
  MAX_PREFIX_TERMS,
  matchExpression,
  parseSearchQuery,
  type SearchQuery,
} from "../search/query";
import { PAGE_SIZE } from "./reader-pages";

/**
 * Search results, newest first (not by relevance): every result holds every word asked for,
 * and readers of news look for the latest on a subject. Keyset-paged like the section pages;
 * two queries a page (the index, then the stories; a prefix adds one on the dictionary), whatever
 * the size of the archive.
 */
export interface SearchPage {
  query: SearchQuery;
  stories: PublishedStory[];
  next: Cursor | null;
}

/** Where in the index a search looks: one language, a page, optionally a period and categories. */
export interface IndexWalk {
  lang: LangTag;
  match: string;
  now: Date;
  after?: Cursor;
  /** Publication period, inclusive (RFC 3339 UTC). */
  from?: string;
  to?: string;
  categoryIds?: readonly string[];
  limit: number;
}

/** One page of matching stories, newest first, and whether an older page exists. */
export async function matchingStories(
  db: Db,
  walk: IndexWalk,
): Promise<{ matches: SearchMatch[]; more: boolean }> {
  const found = await searchIndex(db, {
    lang: walk.lang,
    match: walk.match,
    now: walk.now.toISOString(),
    ...(walk.after && { belowKey: documentKey(walk.after.publishedAt, walk.after.id, walk.lang) }),
    ...(walk.from && { fromKey: firstKeyOfSecond(walk.from), publishedFrom: walk.from }),
    ...(walk.to && { toKey: lastKeyOfSecond(walk.to), publishedTo: walk.to }),
    ...(walk.categoryIds && { categoryIds: walk.categoryIds }),
    // One more than shown: it says whether an older page exists.
    limit: walk.limit + 1,
  });
  return { matches: found.slice(0, walk.limit), more: found.length > walk.limit };
}

/**
 * A reader's query and its MATCH expression (null: no word to look for, and no search runs).
 * The last stem of a prefix query becomes the indexed terms it begins, one query on the
 * dictionary. It is matched as the word it is when it begins more than MAX_PREFIX_TERMS of
 * them, or none (FTS5 folds a few letters the Worker's stems keep, such as µ, so the word may
 * still match): the query then says so (`prefix` false), and results highlight what was
 * searched.
 */
export async function resolveQuery(
  db: Db,
  lang: LangTag,
  input: string,
): Promise<{ query: SearchQuery; match: string | null }> {
  const query = parseSearchQuery(lang, input);
  const last = query.stems.at(-1);
  if (!query.prefix || last === undefined) return { query, match: matchExpression(query) };
  const terms = await termsBeginning(db, last, MAX_PREFIX_TERMS + 1);
  if (terms.length === 0 || terms.length > MAX_PREFIX_TERMS) {
    const word = { ...query, prefix: false };
    return { query: word, match: matchExpression(word) };
  }
  return { query, match: matchExpression(query, terms) };
}

/** Items in the order of `ids`; ids with no item (gone between two queries) are skipped. */
export function inOrderOf<T extends { id: string }>(
  ids: readonly string[],
  items: readonly T[],
): T[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function searchPage(
  db: Db,
  lang: LangTag,
  input: string,
  now: Date,
  after?: Cursor,
  size = PAGE_SIZE,
): Promise<SearchPage> {
  const { query, match } = await resolveQuery(db, lang, input);
  // Nothing to look for is an empty result, not an error.
  if (match === null) return { query, stories: [], next: null };
  const { matches, more } = await matchingStories(db, {
    lang,
    match,
    now,
    ...(after && { after }),
    limit: size,
  });
  const ids = matches.map((m) => m.storyId);
  const stories =
    ids.length === 0
      ? []
      : inOrderOf(
          ids,
          await listPublished(db, {
            lang,
            now: now.toISOString(),
            storyIds: ids,
            limit: ids.length,
          }),
        );
  const last = stories.at(-1);
  return {
    query,
    stories,
    next: more && last ? { publishedAt: last.publishedAt, id: last.id } : null,
  };
}
