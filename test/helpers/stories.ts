import type { Story, Variant } from "../../src/domain/story";
import type { LangTag } from "../../src/i18n/languages";

let counter = 0;

/** A story in the given languages; override anything else. Ids and slugs are unique per call. */
export function makeStory(
  langs: readonly LangTag[],
  overrides: Partial<Omit<Story, "variants">> = {},
): Story {
  counter += 1;
  const id = overrides.id ?? `test-story-${counter}`;
  const publishedAt = overrides.publishedAt ?? "2026-01-01T10:00:00.000Z";
  const variants: Story["variants"] = {};
  for (const lang of langs) {
    const variant: Variant = {
      lang,
      slug: `${id}-${lang}`,
      title: `Title ${id} ${lang}`,
      summary: `Summary ${lang}`,
      body: `<p>Body ${lang}</p>`,
      imageCaption: null,
      imageCredit: null,
      imageAlt: null,
      createdAt: publishedAt ?? "2026-01-01T10:00:00.000Z",
      updatedAt: publishedAt ?? "2026-01-01T10:00:00.000Z",
    };
    variants[lang] = variant;
  }
  return {
    id,
    kind: "article",
    categoryId: "world",
    status: "published",
    publishedAt,
    createdAt: publishedAt ?? "2026-01-01T10:00:00.000Z",
    updatedAt: publishedAt ?? "2026-01-01T10:00:00.000Z",
    version: 1,
    image: null,
    authorIds: ["martin-fornusek"],
    variants,
    ...overrides,
    withdrawal: overrides.withdrawal ?? null,
    urgency: overrides.urgency ?? null,
    correctionNote: overrides.correctionNote ?? null,
    partnerReleaseAt: overrides.partnerReleaseAt ?? null,
  };
}
