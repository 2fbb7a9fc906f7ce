import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  SYNTHETIC_AUTHORS,
  SYNTHETIC_CATEGORIES,
  syntheticStory,
} from "../../seeds/synthetic-stories";
import { bulkInsertStoriesStatements } from "../../src/db/bulk";
import { insertAuthorIfAbsentQueries, insertCategoryIfAbsentQueries } from "../../src/db/taxonomy";
import { searchPage } from "../../src/services/search";
import { backfillSearchIndex } from "../../src/services/search-backfill";
import { loadSeedStories, testDb } from "../helpers/seeds";

async function count(sql: string): Promise<number> {
  return (await env.DB.prepare(sql).first<{ n: number }>())?.n ?? 0;
}

const PUBLISHED_VARIANTS = `select count(*) as n from story_variants v join stories s on s.id = v.story_id
  where s.status = 'published'`;

beforeAll(loadSeedStories);

describe("the search index of stored stories", () => {
  it("holds one row per variant of every published story, none for drafts or withdrawn ones", async () => {
    expect(await count("select count(*) as n from search_documents")).toBe(
      await count(PUBLISHED_VARIANTS),
    );
    expect(await count("select count(*) as n from story_search")).toBe(
      await count(PUBLISHED_VARIANTS),
    );
    expect(
      await count(`select count(*) as n from search_documents d join stories s on s.id = d.story_id
        where s.status != 'published'`),
    ).toBe(0);
  });

  it("keeps no second copy of the text: its rows answer MATCH but read back no title or body", async () => {
    const row = await env.DB.prepare("select rowid, title, body from story_search limit 1").first();
    expect(row?.rowid).toBeTypeOf("number");
    expect(row?.title).toBeNull();
    expect(row?.body).toBeNull();
    expect(
      await count("select count(*) as n from sqlite_master where name = 'story_search_content'"),
    ).toBe(0);
  });

  it("is rebuilt by the backfill for stories stored without it, and the backfill is idempotent", async () => {
    await env.DB.batch([
      env.DB.prepare("delete from story_search"),
      env.DB.prepare("delete from search_documents"),
    ]);
    const db = testDb();
    expect((await searchPage(db, "en", "provocation", new Date())).stories).toEqual([]);
    const published = await count("select count(*) as n from stories where status = 'published'");
    expect(await backfillSearchIndex(db)).toBe(published);
    expect(await backfillSearchIndex(db)).toBe(0);
    expect((await searchPage(db, "en", "provocation", new Date())).stories).toHaveLength(1);
  });

  it("is filled by the synthetic generator's bulk statements", async () => {
    const db = testDb();
    const stamp = new Date().toISOString();
    await db.batch([
      ...SYNTHETIC_CATEGORIES.flatMap((c) => insertCategoryIfAbsentQueries(db, c, stamp)),
      ...SYNTHETIC_AUTHORS.flatMap((a) => insertAuthorIfAbsentQueries(db, a, stamp)),
    ]);
    const stories = Array.from({ length: 30 }, (_, i) =>
      syntheticStory(i + 1, new Date("2026-01-01T00:00:00Z")),
    );
    await db.d1.batch(bulkInsertStoriesStatements(db, stories));
    // Every synthetic title reads «Синтетична новина N».
    const page = await searchPage(db, "uk", "синтетичні новини", new Date());
    expect(page.stories.map((s) => s.id).slice(0, 3)).toEqual([
      stories[0]?.id,
      stories[1]?.id,
      stories[2]?.id,
    ]);
    expect(page.next).not.toBeNull();
  });
});
