import type { Db } from "../db/client";
import { holdsStory } from "../db/partner-sync";
import { findRemovedVariants, removedKey } from "../db/removed-variants";
import { getStory } from "../db/stories";
import { listAuthors, listCategories } from "../db/taxonomy";
import { coversCategory, coversLanguage, type Partner } from "../domain/partner";
import { storyForLanguage } from "../domain/removed-variant";
import type { Story } from "../domain/story";
import { isVisibleToPartners } from "../domain/story-lifecycle";
import type { FeedPage } from "../feeds/page";
import type { LangTag } from "../i18n/languages";
import type { NinjsInput, NinjsProvider } from "../partners/ninjs";
import { Forbidden, NotFound } from "./errors";
import { type FeedPageRequest, feedPage } from "./feeds";
import { recordReceived } from "./partner-ledger";

/** What every ninjs document of a response shares: where the site is and whose rights. */
export interface NinjsContext {
  origin: string;
  storyUrl: (lang: LangTag, slug: string) => string;
  provider: NinjsProvider;
}

/** Refuses a language outside the partner's licence, naming it and what is licensed. */
export function checkLanguage(partner: Partner, lang: LangTag): void {
  if (!coversLanguage(partner, lang)) {
    throw new Forbidden(`your licence does not cover language ${lang}`, {
      lang,
      allowedLanguages: partner.languages,
    });
  }
}

export function checkCategory(partner: Partner, categoryId: string): void {
  if (!coversCategory(partner, categoryId)) {
    throw new Forbidden(`your licence does not cover category ${categoryId}`, {
      category: categoryId,
      allowedCategories: partner.categories,
    });
  }
}

/**
 * One story variant as a partner may see it: live or withdrawn (as a takedown), never a draft
 * or a story still waiting for its time, in the partner's language and categories, or held
 * by the partner already (it received the story before it moved out of its categories: a
 * takedown or a correction must still reach it).
 */
export async function partnerStory(
  db: Db,
  partner: Partner,
  request: { id: string; lang: LangTag; now: Date },
  ninjs: NinjsContext,
): Promise<NinjsInput> {
  checkLanguage(partner, request.lang);
  const now = request.now.toISOString();
  const found = await getStory(db, request.id);
  const story = found && (await withTakedown(db, partner, found, request.lang));
  if (!story || !isVisibleToPartners(story, now)) {
    throw new NotFound(`no story ${request.id} in ${request.lang}`);
  }
  if (
    !coversCategory(partner, story.categoryId) &&
    !(await holdsStory(db, partner.id, story.id, request.lang))
  ) {
    checkCategory(partner, story.categoryId);
  }
  const [categories, authors] = await Promise.all([listCategories(db), listAuthors(db)]);
  const category = categories.find((c) => c.id === story.categoryId);
  if (!category) throw new NotFound(`no category ${story.categoryId}`);
  const input = ninjsInput(story, request.lang, category, authors, partner, ninjs, now);
  await recordReceived(
    db,
    [{ partnerId: partner.id, storyId: story.id, lang: request.lang, version: story.version }],
    "get",
    now,
  );
  return input;
}

/**
 * The story in one language for a single GET: as it is while it has the variant; once the
 * variant was removed, its takedown, but only for a partner that received the variant (others
 * never knew it, and learn nothing of it).
 */
async function withTakedown(
  db: Db,
  partner: Partner,
  story: Story,
  lang: LangTag,
): Promise<Story | null> {
  if (story.variants[lang]) return story;
  if (!(await holdsStory(db, partner.id, story.id, lang))) return null;
  const removed = await findRemovedVariants(db, [story.id]);
  return storyForLanguage(story, lang, removed.get(removedKey(story.id, lang)));
}

export function ninjsInput(
  story: Story,
  lang: LangTag,
  category: NinjsInput["category"],
  authors: NinjsInput["authors"],
  partner: Partner,
  ninjs: NinjsContext,
  now: string,
): NinjsInput {
  return {
    story,
    lang,
    category,
    authors,
    origin: ninjs.origin,
    storyUrl: ninjs.storyUrl,
    provider: ninjs.provider,
    licence: partner.licence,
    languages: partner.languages,
    now,
  };
}

/**
 * A page of a partner's full-text feed: the public feed's page, narrowed to the partner's
 * categories. A category feed outside the licence is refused, naming the category.
 */
export async function partnerFeedPage(
  db: Db,
  partner: Partner,
  request: FeedPageRequest,
): Promise<FeedPage> {
  checkLanguage(partner, request.language.tag);
  const page = await feedPage(db, {
    ...request,
    audience: "partners",
    ...(partner.categories !== "all" && { categoryIds: partner.categories }),
  });
  if (page.scope.kind === "category") checkCategory(partner, page.scope.category.id);
  return page;
}
