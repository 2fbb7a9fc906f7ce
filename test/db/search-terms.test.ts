import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { termsBeginning } from "../../src/db/search-index";
import { loadSeedStories, testDb } from "../helpers/seeds";

beforeAll(loadSeedStories);

async function dictionary(): Promise<string[]> {
  const rows = await testDb().selectFrom("search_terms").select("term").orderBy("term").execute();
  return rows.map((r) => r.term);
}

describe("the search index's dictionary", () => {
  it("is filled by migration 0064 from an index made before it, as story writes fill it", async () => {
    const written = await dictionary();
    expect(written).toContain("provoc");
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith("0064_"));
    if (!migration) throw new Error("no migration 0064");
    // The index as it stood before the dictionary existed.
    await env.DB.prepare("DROP TABLE search_terms").run();
    for (const query of migration.queries) await env.DB.prepare(query).run();
    const rebuilt = await dictionary();
    // The same terms, but for one: FTS5's tokenizer case-folds the micro sign (U+00B5) of the
    // seeds' "µg" into Greek mu (U+03BC), where the Worker's stems keep it. Either spelling,
    // quoted in a MATCH, is folded to the same token, so both find the same documents.
    expect(rebuilt.filter((t) => !written.includes(t))).toEqual(["\u03bcg"]);
    expect(written.filter((t) => !rebuilt.includes(t))).toEqual(["\u00b5g"]);
  });

  it("lists the terms a prefix begins, in order, up to a limit, and nothing past them", async () => {
    const db = testDb();
    await db
      .insertInto("search_terms")
      .values(["tst", "tsta", "tstb", "tstc", "tsu", "ts"].map((term) => ({ term })))
      .execute();
    expect(await termsBeginning(db, "tst", 10)).toEqual(["tst", "tsta", "tstb", "tstc"]);
    expect(await termsBeginning(db, "tst", 2)).toEqual(["tst", "tsta"]);
    expect(await termsBeginning(db, "tsz", 10)).toEqual([]);
    // Multi-byte letters order and bound the same way.
    await db
      .insertInto("search_terms")
      .values(["мост", "мостов", "мосч", "мос"].map((term) => ({ term })))
      .execute();
    expect(await termsBeginning(db, "мост", 10)).toEqual(["мост", "мостов"]);
  });
});
