import type { Compilable } from "kysely";
import { withScopeBumps } from "../../db/cache-scopes";
import type { Db } from "../../db/client";
import { appendEventsQuery } from "../../db/events";
import { reindexQueries } from "../../db/search-index";
import { getStory } from "../../db/stories";
import { runStoryWrite, StaleVersion, UniqueViolation } from "../../db/story-writes";
import type { Story, Variant } from "../../domain/story";
import type { NewStoryEvent, StoryEventKind } from "../../domain/story-event";
import { isLive } from "../../domain/story-lifecycle";
import { LANG_TAGS, type LangTag } from "../../i18n/languages";
import { variantSearchDocuments } from "../../search/documents";
import { Conflict } from "../errors";
import { checkSlugsFree, checkVersion, stale } from "./checks";
import type { Precondition, StoryWrite } from "./inputs";
import { getStoryForEditing } from "./listing";

/** What one write does to a story: its statements and the events it appends with them. */
export interface StoryChange {
  queries: (Compilable<unknown> | null)[];
  events: NewStoryEvent[];
  /** Variants the write stores, to name the holder when a slug was taken meanwhile. */
  variants?: readonly Variant[];
}

/** How a write turns the stored story into a change; null when it asks for nothing new. */
export interface ChangePlan {
  /** Checks that come before the version check (a missing variant is 404, whatever the version). */
  before?: (story: Story) => void;
  plan: (story: Story, basedOn: number) => Promise<StoryChange | null> | StoryChange | null;
}

/**
 * The pattern every change to a stored story follows: load it, check the editor's version,
 * plan the change, run it as one batch with its events (the version check inside the batch,
 * so two editors can never both win), then read the story back.
 */
export async function changeStory(
  db: Db,
  id: string,
  precondition: Precondition | null,
  now: Date,
  { before, plan }: ChangePlan,
): Promise<StoryWrite> {
  const story = await getStoryForEditing(db, id);
  before?.(story);
  const basedOn = checkVersion(story, precondition);
  const change = await plan(story, basedOn);
  const wasLive = isLive(story, now);
  // A correction that asks for what is already stored changes nothing: a version bump would
  // make every partner and feed reader fetch the story again and every editor's copy stale.
  if (!change) return { story, events: [], wasLive, changed: false };
  await writeStory(
    db,
    id,
    change.variants ?? [],
    [...change.queries, appendEventsQuery(db, change.events)],
    precondition,
  );
  return {
    story: await getStoryForEditing(db, id),
    events: change.events,
    wasLive,
    changed: true,
  };
}

/**
 * Runs a story's batch, turning SQLite's refusals into the errors an editor can act on. The
 * checks before the batch name the problem; these cover a write that raced past them.
 */
export async function writeStory(
  db: Db,
  id: string,
  variants: readonly Variant[],
  queries: (Compilable<unknown> | null)[],
  precondition?: Precondition | null,
): Promise<void> {
  try {
    await runStoryWrite(
      db,
      withScopeBumps(
        db,
        id,
        queries.filter((q): q is Compilable<unknown> => q !== null),
      ),
    );
  } catch (error) {
    if (error instanceof StaleVersion && precondition) {
      const current = await getStory(db, id);
      throw stale(id, precondition, current?.version);
    }
    if (error instanceof UniqueViolation && error.target === "slug") {
      await checkSlugsFree(db, variants, id);
      throw new Conflict("a slug in this story was taken by another story meanwhile");
    }
    if (error instanceof UniqueViolation) {
      throw new Conflict(`story ${id} changed meanwhile (${error.message})`, { storyId: id });
    }
    throw error;
  }
}

/** The index statements for the variants a write stores. */
export function reindexVariants(db: Db, story: Story, variants: readonly Variant[]) {
  return reindexQueries(db, variantSearchDocuments(story, variants));
}

export function langsOf(story: Story): LangTag[] {
  return LANG_TAGS.filter((lang) => story.variants[lang]);
}

/** One event per language: `kindOf` names what happened in each. */
export function storyEvents(
  storyId: string,
  langs: readonly LangTag[],
  kindOf: StoryEventKind | ((lang: LangTag) => StoryEventKind),
  version: number,
  occurredAt: string,
): NewStoryEvent[] {
  return langs.map((lang) => ({
    storyId,
    taxonId: null,
    lang,
    kind: typeof kindOf === "string" ? kindOf : kindOf(lang),
    version,
    occurredAt,
  }));
}
