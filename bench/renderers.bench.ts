// npm run bench:render: CPU time of the pure renderers for one 50-item page in each format,
// cold (every item rendered) and warm (every item from the isolate's item cache, as after a
// write that touched none of them). The Workers free plan allows 10 ms of CPU per request.
import { test } from "vitest";
import { syntheticStory } from "../seeds/synthetic-stories";
import type { PublishedStory } from "../src/domain/story";
import { renderAtom } from "../src/feeds/atom";
import { feedItemCache } from "../src/feeds/items";
import { renderJsonFeed } from "../src/feeds/json-feed";
import type { FeedPage, RenderContext } from "../src/feeds/page";
import { renderRss } from "../src/feeds/rss";
import { languageByTag } from "../src/i18n/languages";

const language = languageByTag("uk");
if (!language) throw new Error("no uk language");

const newest = new Date("2026-11-20T12:00:00.000Z");
const stories: PublishedStory[] = Array.from({ length: 50 }, (_, i) => {
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

const page: FeedPage = {
  language,
  scope: { kind: "site" },
  stories,
  limit: 50,
  position: null,
  next: { direction: "after", cursor: { publishedAt: "2026-11-01T00:00:00.000Z", id: "x" } },
  previous: null,
  updatedAt: stories[0]?.updatedAt ?? null,
};
const context: RenderContext = { origin: "https://news.example", hub: "", defaultLimit: 50 };
const warm: RenderContext = { ...context, items: feedItemCache(8 * 1024 * 1024) };

// Figures only, no timed assertions: vitest prints mean and percentiles per renderer.
test("one 50-item feed page in each format", async ({ bench }) => {
  await bench.compare(
    bench("RSS 2.0", () => {
      renderRss(page, context);
    }),
    bench("Atom 1.0", () => {
      renderAtom(page, context);
    }),
    bench("JSON Feed 1.1", () => {
      renderJsonFeed(page, context);
    }),
    bench("RSS 2.0, items kept", () => {
      renderRss(page, warm);
    }),
    bench("Atom 1.0, items kept", () => {
      renderAtom(page, warm);
    }),
    bench("JSON Feed 1.1, items kept", () => {
      renderJsonFeed(page, warm);
    }),
    { time: 2000 },
  );
});
