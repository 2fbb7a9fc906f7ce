// npm run bench:render also measures the Worker's CPU for a search page: parsing and stemming
// the query, and rendering 20 results with their highlighted snippets (the D1 queries are I/O,
// not Worker CPU), plus stemming one story for the index on the write path.
import { test } from "vitest";
import { syntheticStory } from "../seeds/synthetic-stories";
import type { PublishedStory } from "../src/domain/story";
import { localizer } from "../src/i18n";
import { languageByTag } from "../src/i18n/languages";
import { SearchPage } from "../src/pages/search";
import { searchDocuments } from "../src/search/documents";
import { parseSearchQuery } from "../src/search/query";

const language = languageByTag("uk");
if (!language) throw new Error("no uk language");
const l10n = localizer("uk");
const newest = new Date("2026-11-20T12:00:00.000Z");

const stories: PublishedStory[] = Array.from({ length: 20 }, (_, i) => {
  const story = syntheticStory(i + 1, newest);
  const variant = story.variants.uk;
  if (!variant || !story.publishedAt) throw new Error("synthetic story without uk variant");
  return {
    id: story.id,
    kind: story.kind,
    publishedAt: story.publishedAt,
    updatedAt: story.updatedAt,
    version: story.version,
    image: story.image,
    category: { id: story.categoryId, slug: story.categoryId, name: "Розділ" },
    authors: [{ id: "a", slug: "author", name: "Авторка" }],
    variant,
    alternates: Object.values(story.variants).map((v) => ({ lang: v.lang, slug: v.slug })),
    withdrawal: null,
    embargoedUntil: null,
  };
});
const site = { origin: "https://news.example", defaultLanguage: language };

// Figures only, no timed assertions: vitest prints mean and percentiles.
test("a search page's Worker CPU", async ({ bench }) => {
  await bench.compare(
    bench("query + 20 results with snippets (uk)", async () => {
      const query = parseSearchQuery("uk", "ремонт мостів");
      const page = SearchPage({
        l10n,
        language,
        site,
        results: { query, stories, next: null },
        isFirstPage: true,
      });
      String(await page);
    }),
    bench("stem one story for the index (3 languages)", () => {
      searchDocuments(syntheticStory(1, newest));
    }),
    { time: 2000 },
  );
});
