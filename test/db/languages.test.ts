import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { LANGUAGES } from "../../src/i18n/languages";
import { api, storyPayload } from "../helpers/api";
import { loadSeedStories } from "../helpers/seeds";

const NOW = "2026-01-01T00:00:00.000Z";

/**
 * One insert per table that holds a language, with the language left to fill in. Parents
 * (category `world`, author `martin-fornusek`, story `lang-fk`, partner `lang-fk-partner`) are
 * made in beforeAll; ids that must be fresh carry the language.
 */
const INSERTS: Record<string, (lang: string) => D1PreparedStatement> = {
  category_names: (lang) =>
    env.DB.prepare(
      "insert into category_names (category_id, lang, name) values ('lang-fk-cat', ?, 'n')",
    ).bind(lang),
  author_names: (lang) =>
    env.DB.prepare(
      "insert into author_names (author_id, lang, name) values ('lang-fk-author', ?, 'n')",
    ).bind(lang),
  story_variants: (lang) =>
    env.DB.prepare(
      `insert into story_variants (story_id, lang, slug, title, summary, body, created_at, updated_at)
       values ('lang-fk', ?1, 'lang-fk-' || ?1, 't', 's', '<p>b</p>', ?2, ?2)`,
    ).bind(lang, NOW),
  removed_variants: (lang) =>
    env.DB.prepare(
      `insert into removed_variants (story_id, lang, slug, title, created_at, removed_at)
       values ('lang-fk', ?1, 's', 't', ?2, ?2)`,
    ).bind(lang, NOW),
  story_events: (lang) =>
    env.DB.prepare(
      "insert into story_events (story_id, lang, kind, version, occurred_at) values ('lang-fk', ?, 'updated', 1, ?)",
    ).bind(lang, NOW),
  search_documents: (lang) =>
    env.DB.prepare(
      "insert into search_documents (id, story_id, lang) values (abs(random()) % 1000000000, 'lang-fk', ?)",
    ).bind(lang),
  partner_story_ledger: (lang) =>
    env.DB.prepare(
      `insert into partner_story_ledger (partner_id, story_id, lang, version, via, received_at)
       values ('lang-fk-partner', 'lang-fk', ?, 1, 'get', ?)`,
    ).bind(lang, NOW),
  webhook_messages: (lang) =>
    env.DB.prepare(
      `insert into webhook_messages (webhook_id, partner_id, event_id, story_id, lang, event_type,
         version, occurred_at, origin, state, due_at, created_at)
       values ('msg_' || ?1, 'lang-fk-partner', abs(random()) % 1000000, 'lang-fk', ?1,
         'story.updated', 1, ?2, 'http://localhost', 'pending', ?2, ?2)`,
    ).bind(lang, NOW),
  webhook_deliveries: (lang) =>
    env.DB.prepare(
      `insert into webhook_deliveries (partner_id, webhook_id, event_id, story_id, lang,
         event_type, attempt, status, attempted_at)
       values ('lang-fk-partner', 'msg', 1, 'lang-fk', ?, 'story.updated', 0, 'pending', ?)`,
    ).bind(lang, NOW),
};

describe("the languages table", () => {
  beforeAll(async () => {
    await loadSeedStories();
    // A story in every language, so the rebuilt tables hold rows when their keys are checked.
    expect((await api("POST", "/stories", storyPayload("lang-fk-story"))).status).toBe(201);
    await env.DB.batch([
      env.DB.prepare(
        "insert into categories (id, slug, created_at, updated_at) values ('lang-fk-cat', 'lang-fk-cat', ?1, ?1)",
      ).bind(NOW),
      env.DB.prepare(
        "insert into authors (id, slug, created_at, updated_at) values ('lang-fk-author', 'lang-fk-author', ?1, ?1)",
      ).bind(NOW),
      env.DB.prepare(
        `insert into stories (id, kind, category_id, status, created_at, updated_at)
         values ('lang-fk', 'article', 'lang-fk-cat', 'draft', ?1, ?1)`,
      ).bind(NOW),
      env.DB.prepare(
        `insert into partners (id, name, languages, licence, webhook_secret, key_hash, key_prefix,
           status, created_at, updated_at)
         values ('lang-fk-partner', 'p', '["uk"]', 'full-text', 'whsec_x', ?2, 'k', 'active', ?1, ?1)`,
      ).bind(NOW, "0".repeat(64)),
    ]);
  });

  it("holds every language of src/i18n/languages.ts with the same ordinal", async () => {
    const { results } = await env.DB.prepare(
      "select tag, ordinal from languages order by ordinal",
    ).run<{ tag: string; ordinal: number }>();
    expect(results).toEqual(
      LANGUAGES.map((l) => ({ tag: l.tag, ordinal: l.ordinal })).sort(
        (a, b) => a.ordinal - b.ordinal,
      ),
    );
  });

  it("is what every language column references: no CHECK lists the tags any more", async () => {
    // D1 refuses the pragma_* table functions, but answers the PRAGMA statements themselves.
    const { results: tables } = await env.DB.prepare(
      // Cloudflare's own tables (_cf_*) are not ours to read.
      "select name from sqlite_master where type = 'table' and substr(name, 1, 4) <> '_cf_' order by name",
    ).run<{ name: string }>();
    const withLang: string[] = [];
    for (const { name } of tables) {
      const { results: columns } = await env.DB.prepare(`pragma table_info("${name}")`).run<{
        name: string;
      }>();
      if (!columns.some((c) => c.name === "lang")) continue;
      withLang.push(name);
      const { results: keys } = await env.DB.prepare(`pragma foreign_key_list("${name}")`).run<{
        table: string;
        from: string;
        to: string;
      }>();
      expect(
        keys.filter((k) => k.from === "lang").map((k) => `${k.table}(${k.to})`),
        name,
      ).toEqual(["languages(tag)"]);
    }
    expect(withLang.sort()).toEqual(Object.keys(INSERTS).sort());
    const { results: checks } = await env.DB.prepare(
      "select name from sqlite_master where sql like '%lang IN (%'",
    ).run();
    expect(checks).toEqual([]);
  });

  it("finds no row whose language is missing from it (PRAGMA foreign_key_check)", async () => {
    const { results } = await env.DB.prepare("pragma foreign_key_check").run();
    expect(results).toEqual([]);
  });

  it.each(Object.keys(INSERTS))(
    "%s refuses a language not in the table and takes uk",
    async (table) => {
      const insert = INSERTS[table] as (lang: string) => D1PreparedStatement;
      await expect(insert("xx").run()).rejects.toThrow(/FOREIGN KEY constraint failed/);
      await expect(insert("ua").run()).rejects.toThrow(/FOREIGN KEY constraint failed/);
      expect((await insert("uk").run()).meta.changes).toBe(1);
    },
  );

  it("refuses to drop a language that rows still hold", async () => {
    await expect(env.DB.prepare("delete from languages where tag = 'en'").run()).rejects.toThrow(
      /FOREIGN KEY constraint failed/,
    );
    const { results } = await env.DB.prepare("select tag from languages where tag = 'en'").run();
    expect(results).toEqual([{ tag: "en" }]);
  });
});
