import type { Db } from "../../src/db/client";
import { listAuthors, listCategories } from "../../src/db/taxonomy";
import type { Story } from "../../src/domain/story";
import type { Author, Category } from "../../src/domain/taxonomy";
import { type LangTag, segmentOf } from "../../src/i18n/languages";
import {
  type Ninjs2Document,
  type Ninjs3Document,
  type NinjsInput,
  type NinjsProvider,
  renderNinjs2,
  renderNinjs3,
} from "../../src/partners/ninjs";
import { expectValid, validate22, validate31 } from "./ninjs-schemas";

export const ORIGIN = "https://news.example";
// After every seed story (the latest is dated 2026-11-23), so all of them are due.
export const NOW = "2027-01-01T00:00:00.000Z";

export const PROVIDER: NinjsProvider = {
  tagAuthority: "news.example,2026",
  copyrightHolder: "Newsroom Ltd",
  copyrightNotice: "© 2026 Newsroom Ltd. All rights reserved.",
  usageTerms: "Republication by licensed partners only, with a link to the original.",
  rightsUrl: "https://news.example/partners/licence",
};

export const storyUrl = (lang: LangTag, slug: string) =>
  `${ORIGIN}/${segmentOf(lang)}/news/${slug}`;

/** Builds renderer inputs against the stored taxonomy (read once). */
export async function ninjsInputs(db: Db) {
  const categories: Category[] = await listCategories(db);
  const authors: Author[] = await listAuthors(db);
  return {
    categories,
    authors,
    inputFor(story: Story, lang: LangTag, overrides: Partial<NinjsInput> = {}): NinjsInput {
      const category = categories.find((c) => c.id === story.categoryId);
      if (!category) throw new Error(`no category ${story.categoryId}`);
      return {
        story,
        lang,
        category,
        authors,
        origin: ORIGIN,
        storyUrl,
        provider: PROVIDER,
        licence: "full-text",
        now: NOW,
        ...overrides,
      };
    },
  };
}

/** Renders in both versions and fails with Ajv's own messages when either is invalid. */
export function renderValid(input: NinjsInput): { v3: Ninjs3Document; v2: Ninjs2Document } {
  const v3 = renderNinjs3(input);
  const v2 = renderNinjs2(input);
  expectValid(validate31, v3);
  expectValid(validate22, v2);
  return { v3, v2 };
}
