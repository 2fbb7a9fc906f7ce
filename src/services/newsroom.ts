import type { Compilable } from "kysely";
import { withScopeBumps } from "../db/cache-scopes";
import type { Db } from "../db/client";
import { appendEventsQuery } from "../db/events";
import { rememberRemovedVariantQuery } from "../db/removed-variants";
import { reindexQueries, unindexStoryQueries } from "../db/search-index";
import { getStory, insertStoriesQueries } from "../db/stories";
import { listStories, type StoryListFilter } from "../db/story-listing";
import {
  bumpVersionQuery,
  deleteVariantQuery,
  findSlugHolders,
  insertVariantQuery,
  replaceAuthorsQueries,
  replaceVariantQuery,
  runStoryWrite,
  StaleVersion,
  type StoryChanges,
  UniqueViolation,
} from "../db/story-writes";
import { findAuthorsByIds, getCategory } from "../db/taxonomy";
import { sanitizeBody } from "../domain/html";
import { jsonPointer } from "../domain/json-pointer";
import { slugify } from "../domain/slug";
import type {
  CreatedCursor,
  HeroImage,
  Story,
  StoryKind,
  StoryStatus,
  StorySummary,
  Variant,
  Withdrawal,
} from "../domain/story";
import type { NewStoryEvent, StoryEventKind } from "../domain/story-event";
import { LANG_TAGS, type LangTag } from "../i18n/languages";
import { searchDocument, searchDocuments } from "../search/documents";
import {
  Conflict,
  Invalid,
  type InvalidField,
  NotFound,
  PreconditionFailed,
  PreconditionRequired,
  Unprocessable,
} from "./errors";
import type { FeedAnnouncement } from "./websub";

/** One language's text as an editor sends it; the body is raw HTML, sanitized here. */
export interface VariantInput {
  lang: LangTag;
  title: string;
  /** Omit to derive one from the title (Latin transliteration). */
  slug?: string;
  summary?: string;
  body: string;
  imageCaption?: string | null;
  /** The photo's credit in this language; null or omitted: the story's `image.credit`. */
  imageCredit?: string | null;
  /** What the photo shows, in this language; null or omitted: the caption, else the title. */
  imageAlt?: string | null;
}

export interface StoryInput {
  /** Omit for a generated id. */
  id?: string;
  kind: StoryKind;
  categoryId: string;
  authorIds: string[];
  image?: HeroImage | null;
  variants: VariantInput[];
  urgency?: number | null;
}

/** A correction: every field optional; variants are added or replaced by language. */
export interface StoryPatch {
  kind?: StoryKind;
  categoryId?: string;
  authorIds?: string[];
  image?: HeroImage | null;
  variants?: VariantInput[];
  urgency?: number | null;
  /** Why the story was corrected: replaces the previous note, for partners' editors. */
  correctionNote?: string;
}

export type VariantPatch = Partial<Omit<VariantInput, "lang">> & { correctionNote?: string };

/**
 * The version an update was based on, and how the editor said so: a stale If-Match gets 412
 * (RFC 9110 13.1.1), a stale `version` in the body gets 409.
 */
export interface Precondition {
  version: number;
  via: "if-match" | "body";
}

/** A stored write: the story as it now is, and the feeds to announce when it is or was live. */
export interface StoryWrite {
  story: Story;
  announce: FeedAnnouncement | null;
  /** False when the request asked for nothing new: no version, event, ping or webhook. */
  changed: boolean;
}

export async function getStoryForEditing(db: Db, id: string): Promise<Story> {
  const story = await getStory(db, id);
  if (!story) throw new NotFound(`no story ${id}`);
  return story;
}

export interface StoryListQuery {
  status?: StoryStatus;
  lang?: LangTag;
  categoryId?: string;
  cursor?: string;
  limit: number;
}

export interface StoryListPage {
  stories: StorySummary[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

/** One page of the newsroom's story list, newest created first. */
export async function listStoriesPage(db: Db, query: StoryListQuery): Promise<StoryListPage> {
  const filter: StoryListFilter = { limit: query.limit + 1 };
  if (query.status) filter.status = query.status;
  if (query.lang) filter.lang = query.lang;
  if (query.categoryId) filter.categoryId = query.categoryId;
  if (query.cursor !== undefined) filter.after = decodeCursor(query.cursor);
  const rows = await listStories(db, filter);
  const stories = rows.slice(0, query.limit);
  const last = stories.at(-1);
  return {
    stories,
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ createdAt: last.createdAt, id: last.id })
        : null,
  };
}

function encodeCursor(cursor: CreatedCursor): string {
  return btoa(JSON.stringify([cursor.createdAt, cursor.id]))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

function decodeCursor(value: string): CreatedCursor {
  const invalid = new Invalid("the cursor is not one this API handed out", [
    { in: "query", path: "/cursor", message: "must be a nextCursor from a previous page" },
  ]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(atob(value.replace(/-/g, "+").replace(/_/g, "/")));
  } catch {
    throw invalid;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    typeof parsed[0] !== "string" ||
    typeof parsed[1] !== "string" ||
    Number.isNaN(Date.parse(parsed[0]))
  ) {
    throw invalid;
  }
  return { createdAt: parsed[0], id: parsed[1] };
}

/** Creates a draft story with any of its variants, in one batch with its `created` events. */
export async function createStory(db: Db, input: StoryInput, now: Date): Promise<Story> {
  const stamp = now.toISOString();
  const id = input.id ?? crypto.randomUUID();
  await checkReferences(db, input.categoryId, input.authorIds);
  const variants = input.variants.map((v, i) =>
    toVariant(v, stamp, stamp, jsonPointer(["variants", i])),
  );
  await checkIdAndSlugsFree(db, input.id, variants);
  const story: Story = {
    id,
    kind: input.kind,
    categoryId: input.categoryId,
    status: "draft",
    publishedAt: null,
    createdAt: stamp,
    updatedAt: stamp,
    version: 1,
    image: input.image ?? null,
    authorIds: input.authorIds,
    variants: Object.fromEntries(variants.map((v) => [v.lang, v])),
    withdrawal: null,
    urgency: input.urgency ?? null,
    correctionNote: null,
    partnerReleaseAt: null,
  };
  await write(db, id, variants, [
    ...insertStoriesQueries(db, [story]),
    appendEventsQuery(db, events(id, langsOf(story), "created", 1, stamp)),
  ]);
  return getStoryForEditing(db, id);
}

/**
 * Corrects a story: its metadata and any variants sent (added or replaced by language). The
 * story's updated time and version move on; its id and, unless a new slug is sent, every slug
 * stay, so shared links and feed entry ids keep working.
 */
export async function updateStory(
  db: Db,
  id: string,
  precondition: Precondition | null,
  patch: StoryPatch,
  now: Date,
): Promise<StoryWrite> {
  const stamp = now.toISOString();
  const story = await getStoryForEditing(db, id);
  const basedOn = checkVersion(story, precondition);
  await checkReferences(db, patch.categoryId, patch.authorIds);
  const sent = (patch.variants ?? []).map((v, i) => {
    const current = story.variants[v.lang];
    return {
      added: !current,
      variant: toVariant(
        { ...v, slug: v.slug ?? current?.slug },
        current?.createdAt ?? stamp,
        stamp,
        jsonPointer(["variants", i]),
      ),
    };
  });
  await checkSlugsFree(
    db,
    sent.map((s) => s.variant),
    id,
  );
  if (
    (patch.kind === undefined || patch.kind === story.kind) &&
    (patch.categoryId === undefined || patch.categoryId === story.categoryId) &&
    (patch.image === undefined || sameImage(patch.image, story.image)) &&
    (patch.authorIds === undefined || sameList(patch.authorIds, story.authorIds)) &&
    (patch.urgency === undefined || patch.urgency === story.urgency) &&
    (patch.correctionNote === undefined || patch.correctionNote === story.correctionNote) &&
    sent.every((s) => !s.added && sameVariant(s.variant, story.variants[s.variant.lang]))
  ) {
    return unchanged(story);
  }
  const changes: StoryChanges = { updatedAt: stamp };
  if (patch.kind !== undefined) changes.kind = patch.kind;
  if (patch.categoryId !== undefined) changes.categoryId = patch.categoryId;
  if (patch.image !== undefined) changes.image = patch.image;
  if (patch.urgency !== undefined) changes.urgency = patch.urgency;
  if (patch.correctionNote !== undefined) changes.correctionNote = patch.correctionNote;
  const version = basedOn + 1;
  // The story's updated time moved, so every language's pages and feeds changed.
  const langs = new Set([...langsOf(story), ...sent.map((s) => s.variant.lang)]);
  const eventRows = [...langs].map((lang) => {
    const s = sent.find((x) => x.variant.lang === lang);
    const kind: StoryEventKind = !s ? "updated" : s.added ? "variant_added" : "variant_updated";
    return event(id, lang, kind, version, stamp);
  });
  await write(
    db,
    id,
    sent.map((s) => s.variant),
    [
      bumpVersionQuery(db, id, basedOn, changes),
      ...(patch.authorIds ? replaceAuthorsQueries(db, id, patch.authorIds) : []),
      ...sent.map((s) =>
        s.added
          ? insertVariantQuery(db, id, s.variant)
          : replaceVariantQuery(db, id, s.variant, {
              bodyChanged: s.variant.body !== story.variants[s.variant.lang]?.body,
            }),
      ),
      ...reindexVariants(
        db,
        story,
        sent.map((s) => s.variant),
      ),
      appendEventsQuery(db, eventRows),
    ],
    precondition,
  );
  return afterWrite(db, id, isLive(story, now), now, [...langs]);
}

/**
 * Publishes a draft now or at a given time (a future time schedules it: the public queries
 * show it once `published_at <= now`, so nothing has to run when it comes). A story still
 * waiting for its time may be published again to reschedule it.
 */
export async function publishStory(
  db: Db,
  id: string,
  precondition: Precondition | null,
  at: Date | undefined,
  now: Date,
  { embargo = false }: { embargo?: boolean } = {},
): Promise<StoryWrite> {
  const story = await getStoryForEditing(db, id);
  const basedOn = checkVersion(story, precondition);
  const scheduled = story.status === "published" && !isLive(story, now);
  if (story.status !== "draft" && !scheduled) {
    throw new Conflict(
      story.status === "withdrawn"
        ? `story ${id} was withdrawn; restore it to publish it again`
        : `story ${id} is already published`,
      { storyId: id, storyStatus: story.status },
    );
  }
  const langs = langsOf(story);
  if (langs.length === 0) {
    throw new Conflict(`story ${id} has no language variant to publish`, { storyId: id });
  }
  if (at) checkPublicationTime(at, now);
  if (embargo && !(at && at > now)) {
    const message = "an embargo needs a publication time (`at`) in the future";
    throw new Invalid(message, [{ path: "/embargo", message }]);
  }
  const publishedAt = (at ?? now).toISOString();
  // Atom 4.2.15: updated is never earlier than published, so the publication is the last update.
  const changes: StoryChanges = {
    status: "published",
    publishedAt,
    updatedAt: publishedAt,
    // Partners get an embargoed story now; a reschedule without embargo takes that back.
    partnerReleaseAt: embargo ? now.toISOString() : null,
  };
  const kind: StoryEventKind = scheduled ? "rescheduled" : "published";
  await write(
    db,
    id,
    [],
    [
      bumpVersionQuery(db, id, basedOn, changes),
      ...reindexQueries(db, searchDocuments({ ...story, status: "published", publishedAt })),
      appendEventsQuery(db, events(id, langs, kind, basedOn + 1, now.toISOString())),
    ],
    precondition,
  );
  return afterWrite(db, id, false, now, langs);
}

/** The newsroom's archive starts in 1990; feeds and sitemaps show nothing older. */
export const EARLIEST_PUBLICATION = new Date("1990-01-01T00:00:00Z");
/** How far ahead a story can be scheduled: further is an editor's typo, not a plan. */
export const MAX_SCHEDULE_YEARS = 2;

function checkPublicationTime(at: Date, now: Date): void {
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + MAX_SCHEDULE_YEARS);
  if (at >= EARLIEST_PUBLICATION && at <= latest) return;
  const message = `must be between ${EARLIEST_PUBLICATION.toISOString()} and ${latest.toISOString()}`;
  throw new Invalid(`the publication time ${message}`, [{ path: "/at", message }]);
}

/**
 * Takes a published story off every page at once (its pages then answer 410). Its feeds show
 * a notice in its place for WITHDRAWAL_NOTICE_DAYS (services/feeds.ts), with the editors' note if one is given.
 */
export async function withdrawStory(
  db: Db,
  id: string,
  precondition: Precondition | null,
  now: Date,
  note: string | null = null,
): Promise<StoryWrite> {
  return changeStatus(db, id, precondition, now, "published", "withdrawn", "withdrawn", {
    at: now.toISOString(),
    note,
  });
}

/** Puts a withdrawn story back where it was, with its original publication time. */
export async function restoreStory(
  db: Db,
  id: string,
  precondition: Precondition | null,
  now: Date,
): Promise<StoryWrite> {
  return changeStatus(db, id, precondition, now, "withdrawn", "published", "restored", null);
}

async function changeStatus(
  db: Db,
  id: string,
  precondition: Precondition | null,
  now: Date,
  from: StoryStatus,
  to: StoryStatus,
  kind: StoryEventKind,
  withdrawal: Withdrawal | null,
): Promise<StoryWrite> {
  const stamp = now.toISOString();
  const story = await getStoryForEditing(db, id);
  const basedOn = checkVersion(story, precondition);
  if (story.status !== from) {
    throw new Conflict(`story ${id} is ${story.status}; only a ${from} story can be ${kind}`, {
      storyId: id,
      storyStatus: story.status,
    });
  }
  const langs = langsOf(story);
  if (to === "published" && langs.length === 0) {
    throw new Conflict(`story ${id} has no language variant to publish`, { storyId: id });
  }
  await write(
    db,
    id,
    [],
    [
      bumpVersionQuery(db, id, basedOn, { status: to, updatedAt: stamp, withdrawal }),
      // A withdrawn story leaves search results in the same transaction; a restored one returns.
      ...(to === "published"
        ? reindexQueries(db, searchDocuments({ ...story, status: to }))
        : unindexStoryQueries(db, id)),
      appendEventsQuery(db, events(id, langs, kind, basedOn + 1, stamp)),
    ],
    precondition,
  );
  return afterWrite(db, id, isLive(story, now), now, langs);
}

/** Adds one language to a story; the other languages' pages gain it in their switcher. */
export async function addVariant(
  db: Db,
  id: string,
  precondition: Precondition | null,
  input: VariantInput,
  now: Date,
): Promise<StoryWrite> {
  const stamp = now.toISOString();
  const story = await getStoryForEditing(db, id);
  const basedOn = checkVersion(story, precondition);
  if (story.variants[input.lang]) {
    throw new Conflict(`story ${id} already has a ${input.lang} variant; update it instead`, {
      storyId: id,
      lang: input.lang,
    });
  }
  const variant = toVariant(input, stamp, stamp, "");
  await checkSlugsFree(db, [variant], id);
  const langs = [...langsOf(story), input.lang];
  await write(
    db,
    id,
    [variant],
    [
      bumpVersionQuery(db, id, basedOn, {}),
      insertVariantQuery(db, id, variant),
      ...reindexVariants(db, story, [variant]),
      appendEventsQuery(
        db,
        langs.map((lang) =>
          event(id, lang, lang === input.lang ? "variant_added" : "updated", basedOn + 1, stamp),
        ),
      ),
    ],
    precondition,
  );
  return afterWrite(db, id, isLive(story, now), now, langs);
}

/** Corrects one language's text; the other languages change only when its slug does. */
export async function updateVariant(
  db: Db,
  id: string,
  lang: LangTag,
  precondition: Precondition | null,
  patch: VariantPatch,
  now: Date,
): Promise<StoryWrite> {
  const stamp = now.toISOString();
  const story = await getStoryForEditing(db, id);
  const current = story.variants[lang];
  if (!current) throw new NotFound(`story ${id} has no ${lang} variant`);
  const basedOn = checkVersion(story, precondition);
  const variant = toVariant(
    {
      lang,
      title: patch.title ?? current.title,
      slug: patch.slug ?? current.slug,
      summary: patch.summary ?? current.summary,
      // The stored body is already sanitized; sanitizing is idempotent.
      body: patch.body ?? current.body,
      imageCaption: patch.imageCaption !== undefined ? patch.imageCaption : current.imageCaption,
      imageCredit: patch.imageCredit !== undefined ? patch.imageCredit : current.imageCredit,
      imageAlt: patch.imageAlt !== undefined ? patch.imageAlt : current.imageAlt,
    },
    current.createdAt,
    stamp,
    "",
  );
  if (
    sameVariant(variant, current) &&
    (patch.correctionNote === undefined || patch.correctionNote === story.correctionNote)
  ) {
    return unchanged(story);
  }
  await checkSlugsFree(db, [variant], id);
  // Other languages link to this one by slug (hreflang, the language switcher).
  const langs = variant.slug !== current.slug ? langsOf(story) : [lang];
  await write(
    db,
    id,
    [variant],
    [
      bumpVersionQuery(
        db,
        id,
        basedOn,
        patch.correctionNote === undefined ? {} : { correctionNote: patch.correctionNote },
      ),
      replaceVariantQuery(db, id, variant, { bodyChanged: variant.body !== current.body }),
      ...reindexVariants(db, story, [variant]),
      appendEventsQuery(
        db,
        langs.map((l) =>
          event(id, l, l === lang ? "variant_updated" : "updated", basedOn + 1, stamp),
        ),
      ),
    ],
    precondition,
  );
  return afterWrite(db, id, isLive(story, now), now, langs);
}

/**
 * Removes one language. A story that is or was public keeps at least one: withdrawing is how
 * a story leaves the site, and its pages must then answer 410, not 404.
 */
export async function removeVariant(
  db: Db,
  id: string,
  lang: LangTag,
  precondition: Precondition | null,
  now: Date,
): Promise<StoryWrite> {
  const stamp = now.toISOString();
  const story = await getStoryForEditing(db, id);
  if (!story.variants[lang]) throw new NotFound(`story ${id} has no ${lang} variant`);
  const basedOn = checkVersion(story, precondition);
  const langs = langsOf(story);
  if (langs.length === 1 && story.status !== "draft") {
    throw new Conflict(
      `${lang} is the last variant of ${story.status} story ${id}; withdraw the story instead`,
      { storyId: id, lang },
    );
  }
  await write(
    db,
    id,
    [],
    [
      bumpVersionQuery(db, id, basedOn, {}),
      // Partners that hold the variant are sent a takedown naming it (see README, Partners).
      rememberRemovedVariantQuery(db, id, lang, stamp),
      deleteVariantQuery(db, id, lang),
      ...unindexStoryQueries(db, id, [lang]),
      appendEventsQuery(
        db,
        langs.map((l) =>
          event(id, l, l === lang ? "variant_removed" : "updated", basedOn + 1, stamp),
        ),
      ),
    ],
    precondition,
  );
  return afterWrite(db, id, isLive(story, now), now, langs);
}

/** The index statements for variants a write stores: only a published story is searchable. */
function reindexVariants(db: Db, story: Story, variants: readonly Variant[]) {
  const { publishedAt } = story;
  if (story.status !== "published" || publishedAt === null) return [];
  return reindexQueries(
    db,
    variants.map((v) => searchDocument(story.id, publishedAt, v)),
  );
}

/**
 * A correction that asks for what is already stored changes nothing: a version bump would make
 * every partner and feed reader fetch the story again and every editor's open copy stale.
 */
function unchanged(story: Story): StoryWrite {
  return { story, announce: null, changed: false };
}

function sameVariant(sent: Variant, current: Variant | undefined): boolean {
  return (
    current !== undefined &&
    sent.slug === current.slug &&
    sent.title === current.title &&
    sent.summary === current.summary &&
    sent.body === current.body &&
    sent.imageCaption === current.imageCaption &&
    sent.imageCredit === current.imageCredit &&
    sent.imageAlt === current.imageAlt
  );
}

function sameImage(sent: HeroImage | null, current: HeroImage | null): boolean {
  if (sent === null || current === null) return sent === current;
  return (
    sent.url === current.url &&
    sent.type === current.type &&
    sent.length === current.length &&
    sent.width === current.width &&
    sent.height === current.height &&
    sent.credit === current.credit &&
    (sent.copyrightHolder ?? null) === (current.copyrightHolder ?? null) &&
    (sent.usageTerms ?? null) === (current.usageTerms ?? null)
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function isLive(story: Story, now: Date): boolean {
  return (
    story.status === "published" &&
    story.publishedAt !== null &&
    story.publishedAt <= now.toISOString()
  );
}

function langsOf(story: Story): LangTag[] {
  return LANG_TAGS.filter((lang) => story.variants[lang]);
}

function event(
  storyId: string,
  lang: LangTag,
  kind: StoryEventKind,
  version: number,
  occurredAt: string,
): NewStoryEvent {
  return { storyId, taxonId: null, lang, kind, version, occurredAt };
}

function events(
  storyId: string,
  langs: readonly LangTag[],
  kind: StoryEventKind,
  version: number,
  occurredAt: string,
): NewStoryEvent[] {
  return langs.map((lang) => event(storyId, lang, kind, version, occurredAt));
}

/** The stored version the write is based on; refuses a missing or stale precondition. */
function checkVersion(story: Story, precondition: Precondition | null): number {
  if (!precondition) {
    throw new PreconditionRequired(
      `send If-Match: "v${story.version}" (or "version": ${story.version}) to change story ${story.id}`,
    );
  }
  if (precondition.version !== story.version) throw stale(story.id, precondition, story.version);
  return precondition.version;
}

function stale(id: string, precondition: Precondition, currentVersion?: number) {
  const detail = `story ${id} has changed since version ${precondition.version}; reload it and reapply the change`;
  const extensions = currentVersion === undefined ? {} : { currentVersion };
  return precondition.via === "if-match"
    ? new PreconditionFailed(detail, extensions)
    : new Conflict(detail, extensions);
}

/** Refuses, naming each, a category or author that does not exist. */
async function checkReferences(
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
async function checkIdAndSlugsFree(
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
async function checkSlugsFree(
  db: Db,
  variants: readonly Variant[],
  storyId: string | null,
): Promise<void> {
  const [held] = await findSlugHolders(db, variants, storyId);
  if (held) throw slugConflict(held);
}

/** An editor's variant in its stored form: a slug for it, the body sanitized. */
function toVariant(input: VariantInput, createdAt: string, updatedAt: string, at: string): Variant {
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

/**
 * Runs a story's batch, turning SQLite's refusals into the errors an editor can act on. The
 * checks before the batch name the problem; these cover a write that raced past them.
 */
async function write(
  db: Db,
  id: string,
  variants: readonly Variant[],
  queries: (Compilable<unknown> | null)[],
  precondition?: Precondition | null,
): Promise<void> {
  try {
    await runStoryWrite(
      db,
      withScopeBumps(
        db,
        id,
        queries.filter((q): q is Compilable<unknown> => q !== null),
      ),
    );
  } catch (error) {
    if (error instanceof StaleVersion && precondition) {
      const current = await getStory(db, id);
      throw stale(id, precondition, current?.version);
    }
    if (error instanceof UniqueViolation && error.target === "slug") {
      await checkSlugsFree(db, variants, id);
      throw new Conflict("a slug in this story was taken by another story meanwhile");
    }
    if (error instanceof UniqueViolation) {
      throw new Conflict(`story ${id} changed meanwhile (${error.message})`, { storyId: id });
    }
    throw error;
  }
}

/** Reads the written story back and, when it is or was live, what its feeds must announce. */
async function afterWrite(
  db: Db,
  id: string,
  wasLive: boolean,
  now: Date,
  langs: LangTag[],
): Promise<StoryWrite> {
  const story = await getStoryForEditing(db, id);
  if (!wasLive && !isLive(story, now)) return { story, announce: null, changed: true };
  const category = await getCategory(db, story.categoryId);
  const authors = await findAuthorsByIds(db, story.authorIds);
  return {
    story,
    changed: true,
    announce: {
      langs,
      kind: story.kind,
      categorySlug: category?.slug ?? story.categoryId,
      authorSlugs: story.authorIds.map((a) => authors.find((x) => x.id === a)?.slug ?? a),
    },
  };
}
