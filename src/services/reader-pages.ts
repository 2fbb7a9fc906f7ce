import type { Db } from "../db/client";
import { findPublishedBySlug, findStatusBySlug, listPublished } from "../db/published-stories";
import { findAuthorBySlug, findCategoryBySlug } from "../db/taxonomy";
import type { Cursor, Named, PublishedStory } from "../domain/story";
import { isGone } from "../domain/story-lifecycle";
import type { LangTag } from "../i18n/languages";
import { Gone, NotFound } from "./errors";

/** Stories per page on the front, category and author pages. */
export const PAGE_SIZE = 20;
/** Briefs in the front page's news feed column. */
export const BRIEFS_COLUMN_SIZE = 10;

/** One page of a newest-first list, and where the next (older) page starts, if there is one. */
export interface StoryPage {
  stories: PublishedStory[];
  next: Cursor | null;
}

export interface FrontPage extends StoryPage {
  /** The newest briefs, for the news feed column beside the articles. */
  briefs: PublishedStory[];
}

export interface SectionPage extends StoryPage {
  /** The category or author the page lists, named in the page's language. */
  section: Named;
}

type ListFilter = Omit<Parameters<typeof listPublished>[1], "limit" | "now" | "after">;

/** Reads one more row than it shows, so it knows whether an older page exists. */
async function pageOf(
  db: Db,
  filter: ListFilter,
  now: Date,
  after: Cursor | undefined,
  size: number,
): Promise<StoryPage> {
  const rows = await listPublished(db, {
    ...filter,
    // Listing pages show titles, summaries and images: no body is read.
    bodies: false,
    now: now.toISOString(),
    ...(after ? { after } : {}),
    limit: size + 1,
  });
  // A cursor past the end names a page that does not exist; an empty first page is just empty.
  if (after && rows.length === 0) throw new NotFound("no stories after this cursor");
  const stories = rows.slice(0, size);
  const last = stories.at(-1);
  return {
    stories,
    next: rows.length > size && last ? { publishedAt: last.publishedAt, id: last.id } : null,
  };
}

/** A language's front page: a page of articles and, beside them, the newest briefs. */
export async function frontPage(
  db: Db,
  lang: LangTag,
  now: Date,
  after?: Cursor,
  size = PAGE_SIZE,
): Promise<FrontPage> {
  const [articles, briefs] = await Promise.all([
    pageOf(db, { lang, kind: "article" }, now, after, size),
    listPublished(db, {
      lang,
      kind: "brief",
      bodies: false,
      now: now.toISOString(),
      limit: BRIEFS_COLUMN_SIZE,
    }),
  ]);
  return { ...articles, briefs };
}

/**
 * The story at a language's slug. A withdrawn story is Gone (410), so readers and crawlers
 * learn it was taken down; drafts, scheduled stories and unknown slugs are all NotFound.
 */
export async function storyBySlug(
  db: Db,
  lang: LangTag,
  slug: string,
  now: Date,
): Promise<PublishedStory> {
  const story = await findPublishedBySlug(db, lang, slug, now.toISOString());
  if (story) return story;
  const status = await findStatusBySlug(db, lang, slug);
  if (status && isGone(status.status)) throw new Gone(`story ${slug} was withdrawn`);
  throw new NotFound(`no story at ${slug}`);
}

/** What a section is and which stories it lists: a category's, or those an author (co-)wrote. */
const SECTIONS = {
  category: { find: findCategoryBySlug, stories: (id: string) => ({ categoryId: id }) },
  author: { find: findAuthorBySlug, stories: (id: string) => ({ authorId: id }) },
} as const;

export type SectionKind = keyof typeof SECTIONS;

/** A page of every kind of story in one category, or by one author. */
export async function sectionPage(
  db: Db,
  kind: SectionKind,
  lang: LangTag,
  slug: string,
  now: Date,
  after?: Cursor,
  size = PAGE_SIZE,
): Promise<SectionPage> {
  const { find, stories } = SECTIONS[kind];
  const section = await find(db, slug, lang);
  if (!section) throw new NotFound(`no ${kind} ${slug}`);
  return { section, ...(await pageOf(db, { lang, ...stories(section.id) }, now, after, size)) };
}
