import { parseJsonFeed } from "feedsmith";
import { describe, expect, it } from "vitest";
import { renderJsonFeed } from "../../src/feeds/json-feed";
import type { RenderContext } from "../../src/feeds/page";
import { CONTEXT, feedPageOf, HOSTILE_BODY, publishedStory } from "../helpers/feeds";
import { expectValidJsonFeed, validateJsonFeed } from "../helpers/json-feed-schema";

const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describe("JSON Feed renderer", () => {
  it("writes JSON Feed 1.1 with language, authors arrays and no deprecated author", () => {
    const json = renderJsonFeed(feedPageOf("uk", [publishedStory("uk")]), CONTEXT);
    const feed = JSON.parse(json);
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.language).toBe("uk");
    expect(feed.feed_url).toBe("https://news.example/ua/feed.json");
    expect(feed.home_page_url).toBe("https://news.example/ua/");
    const [item] = feed.items;
    expect(item.author).toBeUndefined();
    expect(item.authors).toEqual([
      { name: "Olena Kovalchuk", url: "https://news.example/ua/author/olena-kovalchuk" },
    ]);
    expect(item.date_published).toMatch(RFC3339_UTC);
    expect(item.date_modified).toMatch(RFC3339_UTC);
    expect(item.image).toBe("https://news.example/media/tech-lab.jpg");
    const parsed = parseJsonFeed(json);
    expect(parsed.items?.[0]?.id).toBe(item.id);
    expect(parsed.language).toBe("uk");
  });

  it("carries the full body with absolute URLs as content_html and the summary apart", () => {
    const item = JSON.parse(renderJsonFeed(feedPageOf("en", [publishedStory("en")]), CONTEXT))
      .items[0];
    expect(item.content_html).toContain('href="https://news.example/ua/category/world"');
    expect(item.summary).toBe("A summary.");
  });

  it("keeps control characters out and everything else as written", () => {
    const json = renderJsonFeed(
      feedPageOf("en", [publishedStory("en", { body: HOSTILE_BODY })]),
      CONTEXT,
    );
    const item = JSON.parse(json).items[0];
    expect(item.content_html).toMatch(/a ]](>|&gt;) b ]](>|&gt;) c &lt;tag&gt; &amp; AT&amp;amp;T/);
    expect(item.content_html).toContain("🇺🇦 😀");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
    expect(item.content_html).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });

  it("holds every extension in an object, as JSON Feed 1.1 requires of custom keys", () => {
    const feed = JSON.parse(
      renderJsonFeed(feedPageOf("en", [publishedStory("en")]), {
        ...CONTEXT,
        partner: {
          feedRoot: "/partner/v1",
          fullText: true,
          rights: "© Newsroom",
          languages: ["uk", "en", "ru"],
        },
      }),
    );
    const extensions = [feed, ...feed.items].flatMap((object: Record<string, unknown>) =>
      Object.entries(object).filter(([key]) => key.startsWith("_")),
    );
    expect(extensions.map(([key]) => key)).toEqual(
      expect.arrayContaining(["_rights", "_image", "_translations"]),
    );
    for (const [key, value] of extensions) {
      expect({ key, isObject: typeof value === "object" && !Array.isArray(value) }).toEqual({
        key,
        isObject: true,
      });
    }
    expect(feed._rights).toEqual({ notice: "© Newsroom" });
    expect(feed.items[0]._translations.items[0]).toEqual({
      language: "uk",
      url: expect.stringMatching(/^https:\/\/news\.example\/ua\/news\//),
    });
  });

  it("passes the JSON Feed 1.1 schema: live stories, notices, summary-only and paged feeds", () => {
    const stories = [
      publishedStory("en", { id: "live", body: HOSTILE_BODY }),
      publishedStory("en", {
        id: "gone",
        withdrawal: { at: "2026-03-05T10:00:00.000Z", note: "Retracted." },
      }),
    ];
    const page = {
      ...feedPageOf("en", stories),
      next: {
        direction: "after" as const,
        cursor: { publishedAt: stories[0]?.publishedAt ?? "", id: "x" },
      },
    };
    for (const ctx of <RenderContext[]>[
      { ...CONTEXT, hub: "https://hub.example/" },
      {
        ...CONTEXT,
        partner: {
          feedRoot: "/partner/v1",
          fullText: true,
          rights: "© Newsroom",
          languages: ["uk", "en", "ru"],
        },
      },
      {
        ...CONTEXT,
        partner: {
          feedRoot: "/partner/v1",
          fullText: false,
          rights: "© Newsroom",
          languages: ["uk", "en", "ru"],
        },
      },
    ]) {
      expectValidJsonFeed(JSON.parse(renderJsonFeed(page, ctx)));
    }
    expectValidJsonFeed(JSON.parse(renderJsonFeed(feedPageOf("uk", []), CONTEXT)));
  });

  it("has a schema check that can fail: an extension holding a string is refused", () => {
    const feed = JSON.parse(renderJsonFeed(feedPageOf("en", [publishedStory("en")]), CONTEXT));
    feed.items[0]._image_credit = "Photo desk";
    expect(validateJsonFeed(feed)).toBe(false);
  });

  it("adds next_url when there is an older page and hubs when WebSub is on", () => {
    const page = {
      ...feedPageOf("en", [publishedStory("en")]),
      next: {
        direction: "after" as const,
        cursor: { publishedAt: "2026-03-01T08:30:00.000Z", id: "story-1" },
      },
    };
    const feed = JSON.parse(renderJsonFeed(page, { ...CONTEXT, hub: "https://hub.example/" }));
    expect(feed.next_url).toMatch(/^https:\/\/news\.example\/en\/feed\.json\?after=[\w-]+$/);
    expect(feed.hubs).toEqual([{ type: "WebSub", url: "https://hub.example/" }]);
    const plain = JSON.parse(renderJsonFeed(feedPageOf("en", []), CONTEXT));
    expect(plain.next_url).toBeUndefined();
    expect(plain.hubs).toBeUndefined();
  });
});
