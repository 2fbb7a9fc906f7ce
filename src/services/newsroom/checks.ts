import type { Db } from "../../db/client";
import { getStory } from "../../db/stories";
import { findSlugHolders } from "../../db/story-writes";
import { findAuthorsByIds, getCategory } from "../../db/taxonomy";
import { sanitizeBody } from "../../domain/html";
import { jsonPointer } from "../../domain/json-pointer";
import { slugify } from "../../domain/slug";
import type { Story, Variant } from "../../domain/story";
import type { LangTag } from "../../i18n/languages";
import {
  Conflict,
  Invalid,
  type InvalidField,
  PreconditionFailed,
  PreconditionRequired,
  Unprocessable,
} from "../errors";
import type { Precondition, VariantInput } from "./inputs";

/** The newsroom's archive starts in 1990; feeds and sitemaps show nothing older. */
export const EARLIEST_PUBLICATION = new Date("1990-01-01T00:00:00Z");
/** How far ahead a story can be scheduled: further is an editor's typo, not a plan. */
export const MAX_SCHEDULE_YEARS = 2;

export function checkPublicationTime(at: Date, now: Date): void {
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + MAX_SCHEDULE_YEARS);
  if (at >= EARLIEST_PUBLICATION && at <= latest) return;
  const message = `must be between ${EARLIEST_PUBLICATION.toISOString()} and ${latest.toISOString()}`;
  throw new Invalid(`the publication time ${message}`, [{ path: "/at", message }]);
}

/** The stored version the write is based on; refuses a missing or stale precondition. */
export function checkVersion(story: Story, precondition: Precondition | null): number {
  if (!precondition) {
    throw new PreconditionRequired(
      `send If-Match: "v${story.version}" (or "version": ${story.version}) to change story ${story.id}`,
    );
  }
  if (precondition.version !== story.version) throw stale(story.id, precondition, story.version);
  return precondition.version;
}

export function stale(id: string, precondition: Precondition, currentVersion?: number) {
  const detail = `story ${id} has changed since version ${precondition.version}; reload it and reapply the change`;
  const extensions = currentVersion === undefined ? {} : { currentVersion };
  return precondition.via === "if-match"
    ? new PreconditionFailed(detail, extensions)
    : new Conflict(detail, extensions);
}

/** Refuses, naming each, a category or author that does not exist. */
export async function checkReferences(
  db: Db,
  categoryId: string | undefined,
  authorIds: readonly string[] | undefined,
): Promise<void> {
  const fields: InvalidField[] = [];
  if (categoryId !== undefined && !(await getCategory(db, categoryId))) {
    fields.push({ path: jsonPointer(["categoryId"]), message: `unknown category ${categoryId}` });
  }
  if (authorIds && authorIds.length > 0) {
    const known = new Set((await findAuthorsByIds(db, authorIds)).map((a) => a.id));
    authorIds.forEach((authorId, i) => {
      if (!known.has(authorId)) {
        fields.push({ path: jsonPointer(["authorIds", i]), message: `unknown author ${authorId}` });
      }
    });
  }
  if (fields.length > 0) {
    throw new Unprocessable(fields.map((f) => f.message).join("; "), fields);
  }
}

/**
 * 409 when a new story's id or one of its slugs is taken, naming every holder at once: an
 * editor who fixes only the slug should not learn about the id on the next try.
 */
export async function checkIdAndSlugsFree(
  db: Db,
  id: string | undefined,
  variants: readonly Variant[],
): Promise<void> {
  const [held] = await findSlugHolders(db, variants, null);
  const idTaken = id !== undefined && (await getStory(db, id)) !== null;
  if (!held && !idTaken) return;
  if (!held) {
    throw new Conflict(`story ${id} already exists`, { storyId: id }, [
      { path: "/id", message: `story ${id} already exists` },
    ]);
  }
  if (!idTaken) throw slugConflict(held);
  const slugTaken = `the ${held.lang} slug "${held.slug}" is already used by story ${held.storyId}`;
  const slugField = {
    path: jsonPointer(["variants", variants.findIndex((v) => v.lang === held.lang), "slug"]),
    message: slugTaken,
  };
  throw new Conflict(
    `story ${id} already exists, and ${slugTaken}`,
    { storyId: id, lang: held.lang, slug: held.slug, slugHolder: held.storyId },
    [{ path: "/id", message: `story ${id} already exists` }, slugField],
  );
}

function slugConflict(held: { lang: LangTag; slug: string; storyId: string }): Conflict {
  return new Conflict(
    `the ${held.lang} slug "${held.slug}" is already used by story ${held.storyId}`,
    { lang: held.lang, slug: held.slug, storyId: held.storyId, slugHolder: held.storyId },
  );
}

/** 409 naming the story that already holds one of these slugs in its language. */
export async function checkSlugsFree(
  db: Db,
  variants: readonly Variant[],
  storyId: string | null,
): Promise<void> {
  const [held] = await findSlugHolders(db, variants, storyId);
  if (held) throw slugConflict(held);
}

/** An editor's variant in its stored form: a slug for it, the body sanitized. */
export function toVariant(
  input: VariantInput,
  createdAt: string,
  updatedAt: string,
  at: string,
): Variant {
  const slug = input.slug ?? slugify(input.title, input.lang);
  const fields: InvalidField[] = [];
  if (!slug) {
    fields.push({
      path: `${at}/title`,
      message: "has no letters or digits to make a slug from; send a slug",
    });
  }
  const body = sanitizeBody(input.body);
  if (!body) {
    fields.push({
      path: `${at}/body`,
      message: "is empty once scripts and unsafe markup are removed",
    });
  }
  if (fields.length > 0) throw new Invalid("the request body has invalid fields", fields);
  return {
    lang: input.lang,
    slug,
    title: input.title,
    summary: input.summary ?? "",
    body,
    imageCaption: input.imageCaption ?? null,
    // An empty credit or alt is none: the story's credit, the caption or title stand in.
    imageCredit: input.imageCredit || null,
    imageAlt: input.imageAlt || null,
    createdAt,
    updatedAt,
  };
}
