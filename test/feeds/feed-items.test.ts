import { describe, expect, it } from "vitest";
import type { PublishedStory } from "../../src/domain/story";
import { toFeedEntry } from "../../src/feeds/entries";
import { FEED_FORMATS } from "../../src/feeds/formats";
import { feedItemCache } from "../../src/feeds/items";
import { feedMetadata } from "../../src/feeds/metadata";
import type { RenderContext } from "../../src/feeds/page";
import { renderRss, rssChannel, rssFormat, rssItem } from "../../src/feeds/rss";
import { languageByTag } from "../../src/i18n/languages";
import { assertWellFormed, CONTEXT, feedPageOf, publishedStory } from "../helpers/feeds";

function stories(count: number): PublishedStory[] {
  return Array.from({ length: count }, (_, i) =>
    publishedStory("uk", {
      id: `story-${i}`,
      slug: `story-${i}`,
      title: `Story ${i}`,
      body: `<p>Body ${i}, <a href="/ua/category/world">World</a>.</p>`,
      authors: i % 2 ? [] : [{ id: "a", slug: "olena", name: "Olena" }],
      withdrawal: i === 3 ? { at: "2026-03-03T00:00:00.000Z", note: "Wrong figures." } : null,
    }),
  );
}

const PARTNER: RenderContext["partner"] = {
  feedRoot: "/partner/v1",
  rights: "© Newsroom",
  fullText: false,
  languages: ["uk"],
};

describe("feed items kept between renders", () => {
  it("writes RSS byte for byte as the feed package writes the whole channel at once", () => {
    for (const ctx of [CONTEXT, { ...CONTEXT, partner: PARTNER }]) {
      const page = feedPageOf("uk", stories(5));
      const meta = feedMetadata(page, rssFormat, ctx);
      const whole = rssChannel(page, meta);
      for (const story of page.stories) {
        whole.addItem(rssItem(toFeedEntry(story, page.language, ctx), meta.siteName));
      }
      expect(renderRss(page, ctx)).toBe(whole.rss2());
    }
  });

  it("renders the same document from kept items as afresh, in every format", () => {
    const items = feedItemCache(1_000_000);
    const page = feedPageOf("uk", stories(5));
    for (const format of FEED_FORMATS) {
      const fresh = format.render(page, CONTEXT);
      expect(format.render(page, { ...CONTEXT, items })).toBe(fresh);
      // The second render takes every item from the cache.
      expect(format.render(page, { ...CONTEXT, items })).toBe(fresh);
      if (format.id !== "json") assertWellFormed(fresh);
      else expect(JSON.parse(fresh).items).toHaveLength(5);
    }
  });

  it("renders an item again when anything it shows has changed", () => {
    const base = stories(1)[0] as PublishedStory;
    const changes: [string, PublishedStory, RenderContext][] = [
      [
        "a new version",
        { ...base, version: 2, variant: { ...base.variant, title: "Fixed" } },
        CONTEXT,
      ],
      ["a renamed category", { ...base, category: { ...base.category, name: "Planet" } }, CONTEXT],
      [
        "a renamed author",
        { ...base, authors: [{ id: "a", slug: "olena", name: "Olha" }] },
        CONTEXT,
      ],
      ["an embargo", { ...base, embargoedUntil: "2026-03-05T00:00:00.000Z" }, CONTEXT],
      ["another origin", base, { ...CONTEXT, origin: "https://mirror.example" }],
      ["a summary-only licence", base, { ...CONTEXT, partner: PARTNER }],
    ];
    for (const format of FEED_FORMATS) {
      const items = feedItemCache(1_000_000);
      const before = format.render(feedPageOf("uk", [base]), { ...CONTEXT, items });
      for (const [change, story, ctx] of changes) {
        const page = feedPageOf("uk", [story]);
        const kept = format.render(page, { ...ctx, items });
        expect(kept, `${format.id}: ${change}`).toBe(format.render(page, ctx));
        expect(kept, `${format.id}: ${change}`).not.toBe(before);
      }
    }
  });

  it("leaves out, and does not keep, a story that cannot be rendered", () => {
    const language = languageByTag("uk");
    if (!language) throw new Error("no uk");
    const broken = {
      ...publishedStory("uk", { id: "broken" }),
      category: null,
    } as unknown as PublishedStory;
    const items = feedItemCache(1_000_000);
    for (const format of FEED_FORMATS) {
      const page = feedPageOf("uk", [broken, ...stories(2)]);
      const text = format.render(page, { ...CONTEXT, items });
      expect(text).not.toContain("broken");
      expect(text).toContain("story-1");
    }
  });

  it("forgets the least recently used items past its bound", () => {
    const items = feedItemCache(100);
    items.set("a", "x".repeat(10));
    items.set("b", "y".repeat(10));
    expect(items.get("a")).toBe("x".repeat(10));
    for (let i = 0; i < 9; i++) items.set(`filler-${i}`, "z".repeat(10));
    // "a" was read after "b" was written, so "b" went first.
    expect(items.get("b")).toBeUndefined();
    expect(items.get("a")).toBe("x".repeat(10));
    items.set("filler-9", "z".repeat(10));
    expect(items.get("filler-0")).toBeUndefined();
    expect(items.get("a")).toBe("x".repeat(10));
    // A value over an eighth of the bound is never kept.
    items.set("big", "w".repeat(13));
    expect(items.get("big")).toBeUndefined();
    expect(items.get("filler-8")).toBe("z".repeat(10));
  });
});
