import type { Db } from "../../db/client";
import { getStory } from "../../db/stories";
import { listStories, type StoryListFilter } from "../../db/story-listing";
import { decodeCreatedCursor, encodeCreatedCursor } from "../../domain/cursors";
import type { Story, StoryStatus, StorySummary } from "../../domain/story";
import type { LangTag } from "../../i18n/languages";
import { Invalid, NotFound } from "../errors";

export async function getStoryForEditing(db: Db, id: string): Promise<Story> {
  const story = await getStory(db, id);
  if (!story) throw new NotFound(`no story ${id}`);
  return story;
}

export interface StoryListQuery {
  status?: StoryStatus;
  lang?: LangTag;
  categoryId?: string;
  cursor?: string;
  limit: number;
}

export interface StoryListPage {
  stories: StorySummary[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

/** One page of the newsroom's story list, newest created first. */
export async function listStoriesPage(db: Db, query: StoryListQuery): Promise<StoryListPage> {
  const filter: StoryListFilter = { limit: query.limit + 1 };
  if (query.status) filter.status = query.status;
  if (query.lang) filter.lang = query.lang;
  if (query.categoryId) filter.categoryId = query.categoryId;
  if (query.cursor !== undefined) filter.after = decodeCursor(query.cursor);
  const rows = await listStories(db, filter);
  const stories = rows.slice(0, query.limit);
  const last = stories.at(-1);
  return {
    stories,
    nextCursor:
      rows.length > query.limit && last
        ? encodeCreatedCursor({ createdAt: last.createdAt, id: last.id })
        : null,
  };
}

function decodeCursor(value: string) {
  const cursor = decodeCreatedCursor(value);
  if (cursor) return cursor;
  throw new Invalid("the cursor is not one this API handed out", [
    { in: "query", path: "/cursor", message: "must be a nextCursor from a previous page" },
  ]);
}
