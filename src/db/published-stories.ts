import { type RawBuilder, sql } from "kysely";
import type {
  Alternate,
  Cursor,
  Named,
  PublishedStory,
  StoryKind,
  StoryStatus,
  Variant,
} from "../domain/story";
import type { LangTag } from "../i18n/languages";
import { requireBodies, rowsWithBodies } from "./bodies";
import type { Db } from "./client";
import {
  whereLive,
  wherePublished,
  whereReleasedToPartners,
  whereReleasedToPublic,
} from "./lifecycle";
import { heroImage, withdrawal } from "./story-rows";

/**
 * What readers, feeds and partners list: published stories (and, for feeds, recently
 * withdrawn ones), one language at a time, newest first.
 */

/** What a newest-first list of published stories is filtered by. */
export interface PublishedFilter {
  lang: LangTag;
  /** Omit for every kind. */
  kind?: StoryKind;
  categoryId?: string;
  /** Only stories in one of these categories (a partner's licence). */
  categoryIds?: readonly string[];
  authorId?: string;
  /** Stories published after this instant are scheduled, not yet visible. */
  now: string;
  /** Return only stories strictly older than this position. */
  after?: Cursor;
  /** Return only stories strictly newer than this position: the `limit` nearest ones. */
  before?: Cursor;
  limit: number;
  /**
   * Feeds only: also list stories withdrawn at or after this instant, in their place, with
   * `withdrawal` set (they are shown as notices). Pages and sitemaps leave it out.
   */
  withdrawnSince?: string;
  /**
   * "partners": also list stories released to partners under embargo (published later than
   * `now`), with `embargoedUntil` set. The public never sees them before their time.
   */
  audience?: "public" | "partners";
  /** Only these stories (search results, found by search-index.ts). */
  storyIds?: readonly string[];
  /**
   * false: every `variant.body` is '' and neither D1's body column nor R2 is read (front,
   * category and author pages, which show no body). Default true.
   */
  bodies?: boolean;
}

/**
 * Newest-first published stories in one language, each with its category, authors and
 * alternates. One query whatever the page size: authors and alternates come from correlated
 * JSON subqueries, evaluated inside SQLite, not as extra round trips.
 */
export async function listPublished(db: Db, filter: PublishedFilter): Promise<PublishedStory[]> {
  const released = filter.audience === "partners" ? whereReleasedToPartners : whereReleasedToPublic;
  const listed =
    filter.withdrawnSince === undefined
      ? (bodies: boolean) => publishedStories(db, filter.lang, filter.now, bodies, filter.authorId)
      : (bodies: boolean) =>
          feedStories(
            db,
            filter.lang,
            released(filter.now),
            filter.withdrawnSince as string,
            bodies,
            filter.authorId,
          );
  // An author's stories are walked along idx_story_author_published, in the same order.
  const order = filter.authorId === undefined ? STORY_ORDER : AUTHOR_ORDER;
  const rows = await listed(filter.bodies ?? true)
    .$if(filter.kind !== undefined, (q) => q.where("s.kind", "=", filter.kind as StoryKind))
    .$if(filter.categoryId !== undefined, (q) =>
      q.where("s.category_id", "=", filter.categoryId as string),
    )
    .$if(filter.categoryIds !== undefined, (q) =>
      q.where(
        "s.category_id",
        "in",
        sql<string>`(select value from json_each(${JSON.stringify(filter.categoryIds)}))`,
      ),
    )
    .$if(filter.storyIds !== undefined, (q) =>
      q.where(
        "s.id",
        "in",
        sql<string>`(select value from json_each(${JSON.stringify(filter.storyIds)}))`,
      ),
    )
    .$if(filter.after !== undefined, (q) => q.where(olderThan(order, filter.after as Cursor)))
    .$if(filter.before !== undefined, (q) => q.where(newerThan(order, filter.before as Cursor)))
    // Walking back (before) takes the nearest newer stories first, then restores newest-first.
    .orderBy(order.publishedAt, filter.before ? "asc" : "desc")
    .orderBy(order.id, filter.before ? "asc" : "desc")
    .limit(filter.limit)
    .execute();
  if (filter.before) rows.reverse();
  return (await rowsWithBodies(db, rows)).map((row) =>
    toPublishedStory(row, filter.lang, filter.now),
  );
}

/** The published story a language's readers reach at /{lang}/news/{slug}, if any. */
export async function findPublishedBySlug(
  db: Db,
  lang: LangTag,
  slug: string,
  now: string,
): Promise<PublishedStory | null> {
  // The slug names one story: find it by idx_variant_lang_slug first. Left to itself, SQLite
  // walked every published story's index entry, checking each one's variant for the slug.
  const row = await publishedStories(db, lang, now, true)
    .where(
      "s.id",
      "=",
      sql<string>`(select story_id from story_variants where lang = ${lang} and slug = ${slug})`,
    )
    .where("v.slug", "=", slug)
    .executeTakeFirst();
  if (!row) return null;
  const [body] = await requireBodies(db, [row]);
  return toPublishedStory({ ...row, body: body as string }, lang, now);
}

/**
 * The bodies of these stories' variants in one language, by story id: one query, the R2 ones
 * fetched in parallel. A body whose object is lost is left out (and logged).
 */
export async function readVariantBodies(
  db: Db,
  lang: LangTag,
  storyIds: readonly string[],
): Promise<Map<string, string>> {
  if (storyIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("story_variants")
    .select(["story_id", "body", "body_key"])
    .where("lang", "=", lang)
    // json_each keeps this one bound parameter, clear of D1's 100-parameter limit.
    .where(
      "story_id",
      "in",
      sql<string>`(select value from json_each(${JSON.stringify(storyIds)}))`,
    )
    .execute();
  return new Map((await rowsWithBodies(db, rows)).map((row) => [row.story_id, row.body]));
}

/** Status of whatever story holds a slug in a language, published or not. */
export async function findStatusBySlug(
  db: Db,
  lang: LangTag,
  slug: string,
): Promise<{ storyId: string; status: StoryStatus; publishedAt: string | null } | null> {
  const row = await db
    .selectFrom("story_variants as v")
    .innerJoin("stories as s", "s.id", "v.story_id")
    .select(["s.id", "s.status", "s.published_at"])
    .where("v.lang", "=", lang)
    .where("v.slug", "=", slug)
    .executeTakeFirst();
  return row ? { storyId: row.id, status: row.status, publishedAt: row.published_at } : null;
}

function publishedStories(db: Db, lang: LangTag, now: string, bodies: boolean, authorId?: string) {
  return storyListing(db, lang, bodies, authorId).where(whereLive(now));
}

/**
 * Published stories and those withdrawn since `withdrawnSince`: the generated `in_feeds`
 * column keeps both statuses in one index range, so the newest-first order needs no sort.
 */
function feedStories(
  db: Db,
  lang: LangTag,
  released: RawBuilder<boolean>,
  withdrawnSince: string,
  bodies: boolean,
  authorId?: string,
) {
  return storyListing(db, lang, bodies, authorId)
    .where(released)
    .where("s.in_feeds", "=", 1)
    .where((eb) => eb.or([wherePublished(), eb("s.withdrawn_at", ">=", withdrawnSince)]));
}

function storyListing(db: Db, lang: LangTag, bodies: boolean, authorId?: string) {
  return storiesOf(db, authorId)
    .innerJoin("story_variants as v", (join) =>
      join.onRef("v.story_id", "=", "s.id").on("v.lang", "=", lang),
    )
    .innerJoin("categories as c", "c.id", "s.category_id")
    .leftJoin("category_names as cn", (join) =>
      join.onRef("cn.category_id", "=", "c.id").on("cn.lang", "=", lang),
    )
    .selectAll("s")
    .select([
      "v.lang",
      "v.slug",
      "v.title",
      "v.summary",
      // A constant when unwanted: SQLite then never walks an inline body's overflow pages.
      bodies ? sql<string>`v.body`.as("body") : sql<string>`''`.as("body"),
      bodies ? sql<string | null>`v.body_key`.as("body_key") : sql<null>`null`.as("body_key"),
      "v.image_caption",
      "v.image_credit as variant_image_credit",
      "v.image_alt",
      "v.created_at as variant_created_at",
      "v.updated_at as variant_updated_at",
      "c.slug as category_slug",
      sql<string>`max(s.updated_at, v.updated_at)`.as("last_updated_at"),
      sql<string>`coalesce(cn.name, c.slug)`.as("category_name"),
      sql<string>`(
        select json_group_array(json_object('id', a.id, 'slug', a.slug, 'name', a.name)) from (
          select au.id, au.slug, coalesce(an.name, au.slug) as name
          from story_authors sa
          join authors au on au.id = sa.author_id
          left join author_names an on an.author_id = au.id and an.lang = v.lang
          where sa.story_id = s.id
          order by sa.position
        ) a
      )`.as("authors_json"),
      sql<string>`(
        select json_group_array(json_object('lang', o.lang, 'slug', o.slug)) from (
          select lang, slug from story_variants where story_id = s.id order by lang
        ) o
      )`.as("alternates_json"),
    ]);
}

type PublishedRow = Awaited<ReturnType<ReturnType<typeof storyListing>["executeTakeFirstOrThrow"]>>;

/** The columns a listing is ordered by: the story's, or its copies in story_authors. */
interface ListingOrder {
  publishedAt: RawBuilder<string>;
  id: RawBuilder<string>;
}

const STORY_ORDER: ListingOrder = { publishedAt: sql.ref("s.published_at"), id: sql.ref("s.id") };
const AUTHOR_ORDER: ListingOrder = {
  publishedAt: sql.ref("sa.published_at"),
  id: sql.ref("sa.story_id"),
};

/**
 * Every story, or one author's: then story_authors leads, CROSS JOIN keeping SQLite on the
 * author's range of idx_story_author_published rather than walking the whole archive's
 * newest stories for the few that are the author's.
 */
function storiesOf(db: Db, authorId: string | undefined) {
  const stories = db.selectFrom("stories as s");
  if (authorId === undefined) return stories;
  return db
    .selectFrom("story_authors as sa")
    .crossJoin("stories as s")
    .whereRef("s.id", "=", "sa.story_id")
    .where("sa.author_id", "=", authorId) as unknown as typeof stories;
}

function olderThan(order: ListingOrder, c: Cursor) {
  return sql<boolean>`(${order.publishedAt} < ${c.publishedAt}
    or (${order.publishedAt} = ${c.publishedAt} and ${order.id} < ${c.id}))`;
}

function newerThan(order: ListingOrder, c: Cursor) {
  return sql<boolean>`(${order.publishedAt} > ${c.publishedAt}
    or (${order.publishedAt} = ${c.publishedAt} and ${order.id} > ${c.id}))`;
}

function toPublishedStory(row: PublishedRow, lang: LangTag, now: string): PublishedStory {
  const variant: Variant = {
    lang,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    body: row.body,
    imageCaption: row.image_caption,
    imageCredit: row.variant_image_credit,
    imageAlt: row.image_alt,
    createdAt: row.variant_created_at,
    updatedAt: row.variant_updated_at,
  };
  return {
    id: row.id,
    kind: row.kind,
    // The query admits only rows with published_at <= now, so it is set.
    publishedAt: row.published_at as string,
    updatedAt: row.last_updated_at,
    version: row.version,
    image: heroImage(row),
    category: { id: row.category_id, slug: row.category_slug, name: row.category_name },
    authors: JSON.parse(row.authors_json) as Named[],
    variant,
    alternates: JSON.parse(row.alternates_json) as Alternate[],
    withdrawal: withdrawal(row),
    embargoedUntil: row.published_at !== null && row.published_at > now ? row.published_at : null,
  };
}
