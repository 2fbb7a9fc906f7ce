import type { Db } from "../db/client";
import { listPublished, readVariantBodies } from "../db/published-stories";
import { findAuthorBySlug, findCategoryBySlug, listCategories } from "../db/taxonomy";
import type { PublishedStory } from "../domain/story";
import type { Category } from "../domain/taxonomy";
import type { FeedPage, FeedScope, PagePosition } from "../feeds/page";
import type { Language } from "../i18n/languages";
import { NotFound } from "./errors";

export const DEFAULT_FEED_LIMIT = 50;
export const MAX_FEED_LIMIT = 100;
/** How long a withdrawn story stays in its feeds as a notice, so every reader's poll sees it. */
export const WITHDRAWAL_NOTICE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A feed as the URL names it: categories and authors by slug, not yet resolved. */
export type FeedSelector =
  | { kind: "site" }
  | { kind: "briefs" }
  | { kind: "category"; slug: string }
  | { kind: "author"; slug: string };

export interface FeedPageRequest {
  language: Language;
  selector: FeedSelector;
  limit: number;
  position: PagePosition | null;
  now: Date;
  /** Only stories in these categories (a partner's licence); omit for all. */
  categoryIds?: readonly string[];
  /** "partners" adds stories released to partners under embargo. */
  audience?: "public" | "partners";
  /**
   * Which listed stories need their body (those whose items are not already rendered);
   * omit to read every body.
   */
  needsBody?: (story: PublishedStory) => boolean;
}

/**
 * One page of a language's feed: at most two queries (resolve the category or author, then
 * the page itself), whatever the page size. One extra story is read past the page to learn
 * whether a further page exists without another query.
 */
export async function feedPage(db: Db, request: FeedPageRequest): Promise<FeedPage> {
  const { language, limit, position } = request;
  const scope = await resolveScope(db, request.selector, language);
  const filter = {
    lang: language.tag,
    now: request.now.toISOString(),
    withdrawnSince: new Date(request.now.getTime() - WITHDRAWAL_NOTICE_DAYS * DAY_MS).toISOString(),
    limit: limit + 1,
    ...(scope.kind === "site" ? { kind: "article" as const } : {}),
    ...(scope.kind === "briefs" ? { kind: "brief" as const } : {}),
    ...(scope.kind === "category" ? { categoryId: scope.category.id } : {}),
    ...(scope.kind === "author" ? { authorId: scope.author.id } : {}),
    ...(request.categoryIds ? { categoryIds: request.categoryIds } : {}),
    ...(request.audience ? { audience: request.audience } : {}),
    ...(position?.direction === "after" ? { after: position.cursor } : {}),
    ...(position?.direction === "before" ? { before: position.cursor } : {}),
  };
  const needsBody = request.needsBody;
  const found = await listPublished(db, { ...filter, bodies: needsBody === undefined });
  const walkingBack = position?.direction === "before";
  const hasMore = found.length > limit;
  // Walking back, the surplus story is the newest one (index 0); otherwise the oldest.
  const listed = hasMore ? (walkingBack ? found.slice(1) : found.slice(0, limit)) : found;
  const stories = needsBody ? await withBodies(db, language, listed, needsBody) : listed;
  const first = stories[0];
  const last = stories[stories.length - 1];
  const older = walkingBack || hasMore;
  const newer = walkingBack ? hasMore : position !== null;
  return {
    language,
    scope,
    stories,
    limit,
    position,
    next: older && last ? { direction: "after", cursor: positionOf(last) } : null,
    previous: newer && first ? { direction: "before", cursor: positionOf(first) } : null,
    updatedAt: feedLastModified(stories, scopeChangedAt(scope)),
  };
}

/** The stories with the bodies `needsBody` asks for read in: one query, R2 in parallel. */
async function withBodies(
  db: Db,
  language: Language,
  stories: PublishedStory[],
  needsBody: (story: PublishedStory) => boolean,
): Promise<PublishedStory[]> {
  const wanted = stories.filter(needsBody);
  const bodies = await readVariantBodies(
    db,
    language.tag,
    wanted.map((s) => s.id),
  );
  return stories.map((story) => {
    const body = bodies.get(story.id);
    return body === undefined ? story : { ...story, variant: { ...story.variant, body } };
  });
}

/**
 * The feed's validator time: the newest change to what this feed shows, and nothing else, so
 * a write elsewhere leaves its ETag and Last-Modified alone and pollers get 304. A story enters
 * the feed when it falls due, which may be after its last edit, so its publication time
 * counts too; a withdrawal stays in the feed as a notice, its time being the story's update
 * time. A category or author feed's title changes with the taxon's names.
 */
export function feedLastModified(
  stories: readonly PublishedStory[],
  titleChangedAt: string | null = null,
): string | null {
  let newest = titleChangedAt;
  for (const story of stories) {
    for (const time of [story.updatedAt, story.publishedAt]) {
      if (newest === null || time > newest) newest = time;
    }
  }
  return newest;
}

function scopeChangedAt(scope: FeedScope): string | null {
  if (scope.kind === "category") return scope.category.updatedAt ?? null;
  if (scope.kind === "author") return scope.author.updatedAt ?? null;
  return null;
}

function positionOf(story: PublishedStory) {
  return { publishedAt: story.publishedAt, id: story.id };
}

async function resolveScope(
  db: Db,
  selector: FeedSelector,
  language: Language,
): Promise<FeedScope> {
  switch (selector.kind) {
    case "site":
    case "briefs":
      return { kind: selector.kind };
    case "category": {
      const category = await findCategoryBySlug(db, selector.slug, language.tag);
      if (!category) throw new NotFound(`No category "${selector.slug}"`);
      return { kind: "category", category };
    }
    case "author": {
      const author = await findAuthorBySlug(db, selector.slug, language.tag);
      if (!author) throw new NotFound(`No author "${selector.slug}"`);
      return { kind: "author", author };
    }
  }
}

/** Every category with its names, for the OPML subscription list. One query. */
export function feedDirectory(db: Db): Promise<Category[]> {
  return listCategories(db);
}
