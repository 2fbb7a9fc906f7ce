import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { Db } from "../../src/db/client";
import { readFreshness } from "../../src/db/freshness";
import { insertStory } from "../../src/db/stories";
import app from "../../src/index";
import { recordingD1, type Statement } from "../helpers/d1";
import { createPartner } from "../helpers/partners";
import { loadSeedStories, testDb } from "../helpers/seeds";
import { makeStory } from "../helpers/stories";

interface PlanStep {
  detail: string;
  /** 0 for steps of the outermost query. */
  parent: number;
}

async function planSteps({ sql, params }: Statement): Promise<PlanStep[]> {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<PlanStep>();
  return results;
}

async function plan(statement: Statement): Promise<string[]> {
  return (await planSteps(statement)).map((step) => step.detail);
}

/** The big tables, which must only ever be searched through an index. */
const FULL_SCAN = /^SCAN (stories|story_variants|story_events|story_authors|s|v|e|sa)\b(?!.*USING)/;

const HOT_PATHS = [
  "/en/rss.xml",
  "/ua/atom.xml",
  "/ru/feed.json",
  "/en/briefs/rss.xml",
  "/en/category/world/rss.xml",
  "/en/author/martin-fornusek/atom.xml",
  "/ua/author/martin-fornusek",
  "/sitemap.xml",
  "/sitemaps/stories-2023-12-1.xml",
  "/news-sitemap.xml",
  "/ua/",
  "/ua/?after=2026-01-01T00%3A00%3A00.000Z~x",
  "/en/category/world",
  "/en/news/white-house-russia-china-north-korea-seek-to-strengthen-ties",
  "/ua/search?q=%D0%BF%D1%80%D0%BE%D0%B2%D0%BE%D0%BA%D0%B0%D1%86%D1%96%D1%8F",
  "/en/search?q=north%20korea&after=2026-01-01T00%3A00%3A00.000Z~x",
];

describe("query plans of the hot paths", () => {
  beforeAll(loadSeedStories);

  it.each(HOT_PATHS)("%s searches stories only through indexes", async (path) => {
    const statements: Statement[] = [];
    const response = await app.request(
      path,
      {},
      { ...env, EDGE_CACHE: "off", DB: recordingD1(statements) },
    );
    expect(response.status).toBe(200);
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      const details = await plan(statement);
      expect(
        details.filter((d) => FULL_SCAN.test(d)),
        statement.sql,
      ).toEqual([]);
    }
  });

  it.each([
    // Feeds list withdrawn stories too (as notices), through the in_feeds indexes.
    ["/en/rss.xml", "idx_story_feed_kind_published"],
    ["/en/category/world/rss.xml", "idx_story_category_feed_published"],
    // An author's feed and page walk the author's own range of story_authors, newest first.
    ["/en/author/martin-fornusek/atom.xml", "idx_story_author_published"],
    ["/ua/author/martin-fornusek", "idx_story_author_published"],
    // A sitemap child reads one month's range of the index, oldest first.
    ["/sitemaps/stories-2023-12-1.xml", "idx_story_status_published_id"],
  ])("pages %s in the order of %s, without sorting anything", async (path, index) => {
    const statements: Statement[] = [];
    await app.request(path, {}, { ...env, EDGE_CACHE: "off", DB: recordingD1(statements) });
    const listing = statements.find((s) => s.sql.includes('"stories" as "s"'));
    expect(listing).toBeDefined();
    const steps = await planSteps(listing as Statement);
    expect(steps.map((s) => s.detail).join("\n")).toContain(index);
    expect(steps.filter((s) => /TEMP B-TREE/.test(s.detail))).toEqual([]);
  });
});

describe("a story page", () => {
  beforeAll(loadSeedStories);

  it("finds its story by slug, then by id: one row, not a walk of the published stories", async () => {
    const statements: Statement[] = [];
    const response = await app.request(
      "/en/news/white-house-russia-china-north-korea-seek-to-strengthen-ties",
      {},
      { ...env, EDGE_CACHE: "off", DB: recordingD1(statements) },
    );
    expect(response.status).toBe(200);
    const listing = statements.find((s) => s.sql.includes('"stories" as "s"'));
    const details = (await planSteps(listing as Statement)).map((s) => s.detail);
    expect(details).toContain("SEARCH s USING INDEX sqlite_autoindex_stories_1 (id=?)");
    expect(details.join("\n")).toContain("idx_variant_lang_slug (lang=? AND slug=?)");
    expect(details.filter((d) => /idx_story_status_published/.test(d))).toEqual([]);
  });
});

describe("variants in listings", () => {
  beforeAll(loadSeedStories);

  it.each(["/sitemaps/stories-2023-12-1.xml", "/en/rss.xml", "/ua/"])(
    "%s reads other variants from idx_variant_listing, never their bodies",
    async (path) => {
      const statements: Statement[] = [];
      await app.request(path, {}, { ...env, EDGE_CACHE: "off", DB: recordingD1(statements) });
      const listing = statements.find((s) => s.sql.includes('"stories" as "s"'));
      expect(listing).toBeDefined();
      const details = (await planSteps(listing as Statement)).map((s) => s.detail);
      const variantReads = details.filter((d) => /story_variants/.test(d));
      expect(variantReads.length).toBeGreaterThan(0);
      // The listed variant itself is read whole (feeds show its body); every other read of
      // story_variants goes through the covering index.
      const others = variantReads.filter((d) => !/^SEARCH v /.test(d));
      expect(others.length).toBeGreaterThan(0);
      for (const read of others) expect(read).toMatch(/COVERING INDEX idx_variant_listing/);
    },
  );
});

describe("query plan of the edge cache's freshness check", () => {
  beforeAll(loadSeedStories);

  it("seeks the next scheduled publication in idx_story_status_published_id", async () => {
    const statements: Statement[] = [];
    await readFreshness(new Db(recordingD1(statements)), ["lang:en"], new Date().toISOString());
    expect(statements).toHaveLength(1);
    const details = await plan(statements[0] as Statement);
    expect(details.join("\n")).toMatch(
      /SEARCH stories USING COVERING INDEX idx_story_status_published_id/,
    );
    expect(details.filter((d) => FULL_SCAN.test(d))).toEqual([]);
  });
});

describe("query plan of a search", () => {
  beforeAll(loadSeedStories);

  async function statementsOf(path: string): Promise<Statement[]> {
    const statements: Statement[] = [];
    const response = await app.request(path, {}, { ...env, DB: recordingD1(statements) });
    expect(response.status).toBe(200);
    return statements;
  }

  it("answers with three queries (dictionary, index, stories), however many stories match", async () => {
    const one = await statementsOf("/en/search?q=provocation");
    const many = await statementsOf("/en/search?q=ukraine");
    const none = await statementsOf("/en/search?q=zanzibar");
    expect(one).toHaveLength(3);
    expect(many).toHaveLength(3);
    // No match: the stories need not be read.
    expect(none).toHaveLength(2);
    // A last word too short to be a prefix needs no dictionary.
    expect(
      (await statementsOf("/en/search?q=ukraine%20us")).some((s) => /search_terms/.test(s.sql)),
    ).toBe(false);
    // Nothing to look for costs nothing.
    expect(await statementsOf("/en/search?q=%22%2A%22")).toHaveLength(0);
  });

  it("reads a range of the dictionary, walks the FTS index newest first and stops at the page, sorting nothing", async () => {
    const [terms, walk, listing] = await statementsOf("/ru/search?q=%D0%A1%D0%A8%D0%90");
    const dictionary = (await planSteps(terms as Statement)).map((s) => s.detail);
    expect(dictionary).toEqual(["SEARCH search_terms USING PRIMARY KEY (term>? AND term<?)"]);
    const details = (await planSteps(walk as Statement)).map((s) => s.detail);
    expect(details.join("\n")).toMatch(/story_search VIRTUAL TABLE INDEX/);
    expect(details.filter((d) => /TEMP B-TREE/.test(d))).toEqual([]);
    expect(details.filter((d) => FULL_SCAN.test(d))).toEqual([]);
    const stories = (await planSteps(listing as Statement)).map((s) => s.detail);
    expect(stories.filter((d) => FULL_SCAN.test(d))).toEqual([]);
  });
});

/** A partner request's answer (asserted 200) and the statements it sent to D1. */
async function partnerStatements(path: string, key: string) {
  const statements: Statement[] = [];
  const response = await app.request(
    path,
    { headers: { Authorization: `Bearer ${key}` } },
    { ...env, DB: recordingD1(statements) },
  );
  expect(response.status).toBe(200);
  return { response, statements };
}

describe("query plan of a partner's back catalogue", () => {
  it("pages the archive along idx_story_published_id, without sorting it", async () => {
    await loadSeedStories();
    const { key } = await createPartner({
      name: "Plans",
      languages: ["en"],
      categories: ["world", "economy"],
    });
    const first = await partnerStatements("/partner/v1/stories?lang=en&limit=2", key);
    const next = ((await first.response.json()) as { next: string }).next;
    const { statements } = await partnerStatements(
      `/partner/v1/stories?lang=en&limit=2&since=${next}`,
      key,
    );
    const snapshot = statements.find((s) => s.sql.includes("cross join story_variants"));
    expect(snapshot).toBeDefined();
    const steps = (await planSteps(snapshot as Statement)).map((s) => s.detail).join("\n");
    expect(steps).toContain("idx_story_published_id");
    expect(steps).not.toMatch(/TEMP B-TREE/);
  });
});

describe("query plan of a sync page's first read", () => {
  it("looks for publications due since the watermark in idx_story_status_published_id", async () => {
    await loadSeedStories();
    const { key } = await createPartner({ name: "Surfacing plan", languages: ["en"] });
    const { statements } = await partnerStatements("/partner/v1/stories?lang=en&limit=2", key);
    const start = statements.find((s) => s.sql.includes("select max(id) from story_events"));
    expect(start).toBeDefined();
    const details = await plan(start as Statement);
    expect(details.join("\n")).toContain("idx_story_status_published_id");
    expect(details.filter((d) => FULL_SCAN.test(d))).toEqual([]);
  });
});

describe("the sitemap index", () => {
  beforeAll(loadSeedStories);

  /** Forty published stories in `month` ("2019-03"), two a day, under ids starting `prefix`. */
  async function fillMonth(month: string, prefix: string) {
    for (let n = 1; n <= 40; n++) {
      const day = String(Math.ceil(n / 2)).padStart(2, "0");
      const at = `${month}-${day}T0${n % 2}:30:00.000Z`;
      await insertStory(testDb(), makeStory(["en"], { id: `${prefix}-${n}`, publishedAt: at }));
    }
  }

  async function rowsRead({ sql, params }: Statement): Promise<number> {
    const { meta } = await env.DB.prepare(sql)
      .bind(...params)
      .all();
    return meta.rows_read;
  }

  it("seeks each month's bounds: the rows it reads do not grow with the archive", async () => {
    await fillMonth("2019-03", "plan-month-a");
    const statements: Statement[] = [];
    const response = await app.request(
      "/sitemap.xml",
      {},
      { ...env, EDGE_CACHE: "off", DB: recordingD1(statements) },
    );
    expect(await response.text()).toContain("/sitemaps/stories-2019-03-1.xml");
    const months = statements.find((s) => s.sql.includes('"sitemap_months"'));
    expect(months).toBeDefined();
    const before = await rowsRead(months as Statement);
    // A month's newest story was found by walking back from now past every newer story.
    await fillMonth("2023-12", "plan-month-b");
    const after = await rowsRead(months as Statement);
    expect(after).toBe(before);
  });
});
