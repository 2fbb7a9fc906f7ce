import type { Db } from "../../db/client";
import { appendEventsQuery } from "../../db/events";
import { insertStoriesQueries } from "../../db/stories";
import {
  bumpVersionQuery,
  insertVariantQuery,
  replaceAuthorsQueries,
  replaceVariantQuery,
  type StoryChanges,
} from "../../db/story-writes";
import { jsonPointer } from "../../domain/json-pointer";
import type { HeroImage, Story, Variant } from "../../domain/story";
import type { StoryEventKind } from "../../domain/story-event";
import { changeStory, langsOf, reindexVariants, storyEvents, writeStory } from "./change";
import { checkIdAndSlugsFree, checkReferences, checkSlugsFree, toVariant } from "./checks";
import type { Precondition, StoryInput, StoryPatch, StoryWrite } from "./inputs";
import { getStoryForEditing } from "./listing";

/** Creates a draft story with any of its variants, in one batch with its `created` events. */
export async function createStory(db: Db, input: StoryInput, now: Date): Promise<StoryWrite> {
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
  const events = storyEvents(id, langsOf(story), "created", 1, stamp);
  await writeStory(db, id, variants, [
    ...insertStoriesQueries(db, [story]),
    appendEventsQuery(db, events),
  ]);
  return { story: await getStoryForEditing(db, id), events, wasLive: false, changed: true };
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
  return changeStory(db, id, precondition, now, {
    plan: async (story, basedOn) => {
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
      const variants = sent.map((s) => s.variant);
      await checkSlugsFree(db, variants, id);
      if (asksForNothingNew(story, patch, sent)) return null;
      const changes: StoryChanges = { updatedAt: stamp };
      if (patch.kind !== undefined) changes.kind = patch.kind;
      if (patch.categoryId !== undefined) changes.categoryId = patch.categoryId;
      if (patch.image !== undefined) changes.image = patch.image;
      if (patch.urgency !== undefined) changes.urgency = patch.urgency;
      if (patch.correctionNote !== undefined) changes.correctionNote = patch.correctionNote;
      // The story's updated time moved, so every language's pages and feeds changed.
      const langs = new Set([...langsOf(story), ...variants.map((v) => v.lang)]);
      const kindOf = (lang: string): StoryEventKind => {
        const s = sent.find((x) => x.variant.lang === lang);
        return !s ? "updated" : s.added ? "variant_added" : "variant_updated";
      };
      return {
        variants,
        queries: [
          bumpVersionQuery(db, id, basedOn, changes),
          ...(patch.authorIds ? replaceAuthorsQueries(db, id, patch.authorIds) : []),
          ...sent.map((s) =>
            s.added
              ? insertVariantQuery(db, id, s.variant)
              : replaceVariantQuery(db, id, s.variant, {
                  bodyChanged: s.variant.body !== story.variants[s.variant.lang]?.body,
                }),
          ),
          ...reindexVariants(db, story, variants),
        ],
        events: storyEvents(id, [...langs], kindOf, basedOn + 1, stamp),
      };
    },
  });
}

function asksForNothingNew(
  story: Story,
  patch: StoryPatch,
  sent: readonly { added: boolean; variant: Variant }[],
): boolean {
  return (
    (patch.kind === undefined || patch.kind === story.kind) &&
    (patch.categoryId === undefined || patch.categoryId === story.categoryId) &&
    (patch.image === undefined || sameImage(patch.image, story.image)) &&
    (patch.authorIds === undefined || sameList(patch.authorIds, story.authorIds)) &&
    (patch.urgency === undefined || patch.urgency === story.urgency) &&
    (patch.correctionNote === undefined || patch.correctionNote === story.correctionNote) &&
    sent.every((s) => !s.added && sameVariant(s.variant, story.variants[s.variant.lang]))
  );
}

export function sameVariant(sent: Variant, current: Variant | undefined): boolean {
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
