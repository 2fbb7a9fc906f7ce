import { type Compilable, sql } from "kysely";
import type { LangTag } from "../i18n/languages";
import type { Db } from "./client";

const NOW = sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/** Adds one to each named scope's generation (a scope seen for the first time starts at 1). */
function bumpScopes(db: Db, scopes: ReturnType<typeof sql>): Compilable<unknown> {
  const query = sql`insert into cache_scopes (scope, generation, changed_at)
    select scope, 1, ${NOW} from (${scopes}) where true
    on conflict (scope) do update set generation = generation + 1, changed_at = excluded.changed_at`;
  return { compile: () => query.compile(db) };
}

/**
 * Bumps every scope the story is in as stored when the statement runs (names as in
 * src/domain/cache-scopes.ts): its pages in each language, its kind's list, its category and
 * authors per language, its languages, the sitemaps and its month's sitemap children. A draft shows nowhere and bumps none.
 */
function bumpStoryScopesQuery(db: Db, storyId: string): Compilable<unknown> {
  return bumpScopes(
    db,
    // D1 allows few terms in a compound SELECT: one row per variant spreads into its scopes.
    sql`select scopes.value as scope
        from stories s join story_variants v on v.story_id = s.id
        join categories c on c.id = s.category_id,
        json_each(json_array(
          'story:' || v.lang || ':' || v.slug,
          case s.kind when 'brief' then 'briefs:' else 'articles:' end || v.lang,
          'lang:' || v.lang,
          'category:' || c.slug || ':' || v.lang,
          'sitemap',
          'sitemap:' || substr(s.published_at, 1, 7))) scopes
        where s.id = ${storyId} and s.status <> 'draft'
      union select 'author:' || a.slug || ':' || v.lang
        from stories s join story_variants v on v.story_id = s.id
        join story_authors sa on sa.story_id = s.id join authors a on a.id = sa.author_id
        where s.id = ${storyId} and s.status <> 'draft'`,
  );
}

/**
 * A story write's statements with the scope bumps around them, in the same batch: the first
 * bump sees the story as it was, the last as it is, so a story leaving a category, an author
 * or a language (or withdrawn) refreshes where it was as well as where it now is.
 */
export function withScopeBumps(
  db: Db,
  storyId: string,
  queries: readonly Compilable<unknown>[],
): Compilable<unknown>[] {
  return [bumpStoryScopesQuery(db, storyId), ...queries, bumpStoryScopesQuery(db, storyId)];
}

/**
 * A category or author named anew in these languages: every page and feed item showing the
 * name there changes, and the OPML list of feeds.
 */
export function bumpTaxonomyScopesQuery(db: Db, langs: readonly LangTag[]): Compilable<unknown> {
  const names = ["taxonomy", ...langs.map((lang) => `taxonomy:${lang}`)];
  return bumpScopes(db, sql`select value as scope from json_each(${JSON.stringify(names)})`);
}
