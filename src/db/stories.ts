import { type Compilable, sql } from "kysely";
import type { Story, Variant } from "../domain/story";
import { searchDocuments } from "../search/documents";
import { requireBodies, type StoredBody } from "./bodies";
import { chunkRows, type Db } from "./client";
import { bumpImportEpochQuery } from "./freshness";
import type { StoryRow } from "./schema";
import { indexDocumentsQueries } from "./search-index";
import { heroImage, storyHeader, storyRows, withdrawal } from "./story-rows";

/** Whole stories, every variant with them: read for editing and syncing, inserted by loaders. */

/** A whole story with every variant, for editing and syncing; null when absent. */
export async function getStory(db: Db, id: string): Promise<Story | null> {
  const row = await wholeStories(db).where("s.id", "=", id).executeTakeFirst();
  return row ? ((await withBodies(db, [toStory(row)]))[0] ?? null) : null;
}

/** Whole stories by id, in no particular order; absent ids are left out. One query. */
export async function getStories(db: Db, ids: readonly string[]): Promise<Story[]> {
  if (ids.length === 0) return [];
  const rows = await wholeStories(db)
    // json_each keeps this one bound parameter, clear of D1's 100-parameter limit.
    .where("s.id", "in", sql<string>`(select value from json_each(${JSON.stringify(ids)}))`)
    .execute();
  return withBodies(db, rows.map(toStory));
}

function wholeStories(db: Db) {
  return db
    .selectFrom("stories as s")
    .selectAll("s")
    .select([
      sql<string>`(select json_group_array(sa.author_id) from (
        select author_id from story_authors where story_id = s.id order by position) sa)`.as(
        "author_ids_json",
      ),
      sql<string>`(select json_group_array(json_object(
        'lang', v.lang, 'slug', v.slug, 'title', v.title, 'summary', v.summary, 'body', v.body, 'body_key', v.body_key,
        'imageCaption', v.image_caption, 'imageCredit', v.image_credit, 'imageAlt', v.image_alt,
        'createdAt', v.created_at, 'updatedAt', v.updated_at))
        from story_variants v where v.story_id = s.id)`.as("variants_json"),
    ]);
}

type StoredVariant = Variant & Pick<StoredBody, "body_key">;

/** Whole stories with every R2 body read in (their keys taken off). */
async function withBodies(db: Db, stored: { story: Story; variants: StoredVariant[] }[]) {
  const bodies = await requireBodies(
    db,
    stored.flatMap((s) => s.variants),
  );
  let i = 0;
  for (const { story, variants } of stored) {
    for (const { body_key: _, ...variant } of variants) {
      story.variants[variant.lang] = { ...variant, body: bodies[i++] as string };
    }
  }
  return stored.map((s) => s.story);
}

function toStory(row: StoryRow & { author_ids_json: string; variants_json: string }) {
  const stored = JSON.parse(row.variants_json) as StoredVariant[];
  const story: Story = {
    ...storyHeader(row),
    image: heroImage(row),
    authorIds: JSON.parse(row.author_ids_json) as string[],
    variants: {},
    withdrawal: withdrawal(row),
    urgency: row.urgency,
    correctionNote: row.correction_note,
    partnerReleaseAt: row.partner_release_at,
  };
  return { story, variants: stored };
}

/** Which of these story ids are already stored. One query for any number of ids. */
export async function existingStoryIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom("stories")
    .select("id")
    // json_each keeps this one bound parameter, clear of D1's 100-parameter limit.
    .where("id", "in", sql<string>`(select value from json_each(${JSON.stringify(ids)}))`)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * The statements that insert new stories with their variants and authors, as multi-row
 * INSERTs chunked to D1's parameter limit. `skipExisting` leaves stored ids untouched
 * (for generators that may run twice); otherwise an existing id fails the batch.
 */
export function insertStoriesQueries(
  db: Db,
  stories: readonly Story[],
  { skipExisting = false } = {},
): Compilable<unknown>[] {
  const rows = storyRows(stories);
  const orIgnore = <Q extends { orIgnore(): Q }>(q: Q) => (skipExisting ? q.orIgnore() : q);
  return [
    ...chunkRows(rows.stories).map((c) => orIgnore(db.insertInto("stories").values(c))),
    ...chunkRows(rows.variants).map((c) => orIgnore(db.insertInto("story_variants").values(c))),
    ...chunkRows(rows.authors).map((c) => orIgnore(db.insertInto("story_authors").values(c))),
    // Adds only what is not indexed yet, so a skipped story keeps its index rows.
    ...indexDocumentsQueries(db, stories.flatMap(searchDocuments)),
  ];
}

/**
 * Inserts a new story, its variants and authors in one atomic batch, outside the newsroom's
 * event log (seed files, tests): the import epoch moves instead, so cached pages refresh.
 */
export async function insertStory(db: Db, story: Story): Promise<void> {
  await db.batch([...insertStoriesQueries(db, [story]), bumpImportEpochQuery(db)]);
}
