import type { Db } from "../../db/client";
import { rememberRemovedVariantQuery } from "../../db/removed-variants";
import { unindexStoryQueries } from "../../db/search-index";
import {
  bumpVersionQuery,
  deleteVariantQuery,
  insertVariantQuery,
  replaceVariantQuery,
} from "../../db/story-writes";
import type { Story } from "../../domain/story";
import type { StoryEventKind } from "../../domain/story-event";
import { mayLoseLastVariant } from "../../domain/story-lifecycle";
import type { LangTag } from "../../i18n/languages";
import { Conflict, NotFound } from "../errors";
import { changeStory, langsOf, reindexVariants, storyEvents } from "./change";
import { checkSlugsFree, toVariant } from "./checks";
import type { Precondition, StoryWrite, VariantInput, VariantPatch } from "./inputs";
import { sameVariant } from "./stories";

/** Adds one language to a story; the other languages' pages gain it in their switcher. */
export async function addVariant(
  db: Db,
  id: string,
  precondition: Precondition | null,
  input: VariantInput,
  now: Date,
): Promise<StoryWrite> {
  const stamp = now.toISOString();
  return changeStory(db, id, precondition, now, {
    plan: async (story, basedOn) => {
      if (story.variants[input.lang]) {
        throw new Conflict(`story ${id} already has a ${input.lang} variant; update it instead`, {
          storyId: id,
          lang: input.lang,
        });
      }
      const variant = toVariant(input, stamp, stamp, "");
      await checkSlugsFree(db, [variant], id);
      const langs = [...langsOf(story), input.lang];
      return {
        variants: [variant],
        queries: [
          bumpVersionQuery(db, id, basedOn, {}),
          insertVariantQuery(db, id, variant),
          ...reindexVariants(db, story, [variant]),
        ],
        events: storyEvents(id, langs, kindFor(input.lang, "variant_added"), basedOn + 1, stamp),
      };
    },
  });
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
  return changeStory(db, id, precondition, now, {
    before: (story) => variantOf(story, lang),
    plan: async (story, basedOn) => {
      const current = variantOf(story, lang);
      const variant = toVariant(
        {
          lang,
          title: patch.title ?? current.title,
          slug: patch.slug ?? current.slug,
          summary: patch.summary ?? current.summary,
          // The stored body is already sanitized; sanitizing is idempotent.
          body: patch.body ?? current.body,
          imageCaption:
            patch.imageCaption !== undefined ? patch.imageCaption : current.imageCaption,
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
        return null;
      }
      await checkSlugsFree(db, [variant], id);
      // Other languages link to this one by slug (hreflang, the language switcher).
      const langs = variant.slug !== current.slug ? langsOf(story) : [lang];
      const changes =
        patch.correctionNote === undefined ? {} : { correctionNote: patch.correctionNote };
      return {
        variants: [variant],
        queries: [
          bumpVersionQuery(db, id, basedOn, changes),
          replaceVariantQuery(db, id, variant, { bodyChanged: variant.body !== current.body }),
          ...reindexVariants(db, story, [variant]),
        ],
        events: storyEvents(id, langs, kindFor(lang, "variant_updated"), basedOn + 1, stamp),
      };
    },
  });
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
  return changeStory(db, id, precondition, now, {
    before: (story) => variantOf(story, lang),
    plan: (story, basedOn) => {
      const langs = langsOf(story);
      if (langs.length === 1 && !mayLoseLastVariant(story.status)) {
        throw new Conflict(
          `${lang} is the last variant of ${story.status} story ${id}; withdraw the story instead`,
          { storyId: id, lang },
        );
      }
      return {
        queries: [
          bumpVersionQuery(db, id, basedOn, {}),
          // Partners that hold the variant are sent a takedown naming it (see README, Partners).
          rememberRemovedVariantQuery(db, id, lang, stamp),
          deleteVariantQuery(db, id, lang),
          ...unindexStoryQueries(db, id, [lang]),
        ],
        events: storyEvents(id, langs, kindFor(lang, "variant_removed"), basedOn + 1, stamp),
      };
    },
  });
}

function variantOf(story: Story, lang: LangTag) {
  const variant = story.variants[lang];
  if (!variant) throw new NotFound(`story ${story.id} has no ${lang} variant`);
  return variant;
}

/** The changed language gets `kind`; the others only see their switcher or alternates move. */
function kindFor(changed: LangTag, kind: StoryEventKind) {
  return (lang: LangTag): StoryEventKind => (lang === changed ? kind : "updated");
}
