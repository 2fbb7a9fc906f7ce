import { Feed } from "feed";
import { describe, expect, it } from "vitest";
import { renderRss } from "../../src/feeds/rss";
import {
  assertWellFormed,
  CONTEXT,
  feedPageOf,
  HOSTILE_BODY,
  publishedStory,
  readFeed,
  xmlTree,
} from "../helpers/feeds";

type Node = Record<string, unknown>;
// RFC 822 (with RFC 1123's four-digit year), in GMT.
const RFC822_GMT =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

function firstItem(xml: string): Node | undefined {
  return (channelOf(xml).item ?? [])[0];
}

function channelOf(xml: string) {
  const rss = xmlTree(xml).rss as Node;
  return rss.channel as Node & { item?: Node[]; "atom:link": Node[] };
}

describe("RSS renderer", () => {
  it("states the language as uk for Ukrainian and parses as RSS", () => {
    const xml = renderRss(feedPageOf("uk", [publishedStory("uk")]), CONTEXT);
    assertWellFormed(xml);
    expect(channelOf(xml).language).toBe("uk");
    const feed = readFeed(xml);
    expect(feed.meta.type).toBe("rss");
    expect(feed.language).toBe("uk");
  });

  it("points docs at the RSS Advisory Board's specification", () => {
    const channel = channelOf(renderRss(feedPageOf("en", [publishedStory("en")]), CONTEXT));
    expect(channel.docs).toBe("https://www.rssboard.org/rss-specification");
  });

  it("writes RFC 822 dates in GMT", () => {
    const channel = channelOf(renderRss(feedPageOf("en", [publishedStory("en")]), CONTEXT));
    expect(channel.lastBuildDate).toMatch(RFC822_GMT);
    expect(channel.item?.[0]?.pubDate).toBe("Sun, 01 Mar 2026 08:30:00 GMT");
  });

  it("uses the stable variant id as a guid that is not a permalink", () => {
    const item = firstItem(renderRss(feedPageOf("en", [publishedStory("en")]), CONTEXT));
    expect(item?.guid).toMatchObject({ "@_isPermaLink": "false" });
    expect((item?.guid as Node | undefined)?.["#text"]).toMatch(/^tag:.*\/en$/);
  });

  it("has one enclosure with MIME type and length, and media:content with credit", () => {
    const item = firstItem(renderRss(feedPageOf("en", [publishedStory("en")]), CONTEXT));
    expect(item?.enclosure).toEqual({
      "@_url": "https://news.example/media/tech-lab.jpg",
      "@_type": "image/jpeg",
      "@_length": "11598",
    });
    const media = item?.["media:content"] as Node;
    expect(media["@_xmlns:media"]).toBe("http://search.yahoo.com/mrss/");
    expect(media["@_url"]).toBe("https://news.example/media/tech-lab.jpg");
    expect(media["media:credit"]).toBe("Photo desk");
  });

  it("writes length 0 when an image's size is unknown (RSS 2.0 requires the attribute)", () => {
    const story = publishedStory("en");
    story.image = { ...(story.image as NonNullable<typeof story.image>), length: null, type: null };
    const item = channelOf(renderRss(feedPageOf("en", [story]), CONTEXT)).item?.[0];
    expect(item?.enclosure).toMatchObject({ "@_length": "0", "@_type": "image/jpeg" });
  });

  it("names the author with dc:creator and links other variants as related, with hreflang", () => {
    const item = firstItem(renderRss(feedPageOf("en", [publishedStory("en")]), CONTEXT));
    expect(item?.["dc:creator"]).toEqual(["Olena Kovalchuk"]);
    expect(item?.author).toBeUndefined();
    const links = (item?.["atom:link"] ?? []) as Node[];
    expect(links.map((l) => [l["@_rel"], l["@_hreflang"]])).toEqual([["related", "uk"]]);
  });

  it("stays well-formed with ]]> twice, markup characters, control characters and emoji", () => {
    const story = publishedStory("en", {
      body: HOSTILE_BODY,
      title: "Q&A: ]]> ]]> AT&amp;T\u0001",
    });
    const xml = renderRss(feedPageOf("en", [story]), CONTEXT);
    assertWellFormed(xml);
    // The XML text is the title exactly (a reader may then decode entities in it as HTML).
    expect(channelOf(xml).item?.[0]?.title).toBe("Q&A: ]]> ]]> AT&amp;T");
    const item = readFeed(xml).items[0];
    expect(item?.content).toMatch(/a ]](>|&gt;) b ]](>|&gt;) c/);
    expect(item?.content).toContain("🇺🇦 😀");
  });

  it("needs that care: the feed package alone breaks on a second ]]>", () => {
    const feed = new Feed({ title: "t", id: "x", link: "https://news.example/", copyright: "" });
    feed.addItem({
      title: "t",
      link: "https://news.example/a",
      date: new Date(0),
      content: "<p>]]> ]]></p>",
    });
    expect(() => assertWellFormed(feed.rss2())).toThrow();
  });

  it("escapes a category name in the channel description, which readers take as HTML", () => {
    const name = "Cat <script>alert(1)</script> & <b>Dog</b>";
    const page = {
      ...feedPageOf("en", [publishedStory("en")]),
      scope: { kind: "category" as const, category: { id: "c", slug: "cat", name } },
    };
    const xml = renderRss(page, CONTEXT);
    assertWellFormed(xml);
    const channel = channelOf(xml);
    // After XML decoding the description is HTML whose text is the name: no element in it.
    expect(channel.description).toContain(
      "Cat &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;Dog&lt;/b&gt;",
    );
    expect(String(channel.description)).not.toMatch(/<(script|b)\b/);
    // The title is plain text (feedparser and newsboat read it so) and stays exact.
    expect(channel.title).toBe(`Newsroom: ${name}`);
  });

  it("puts self, first and hub links in the channel as atom:link", () => {
    const page = feedPageOf("en", [publishedStory("en")]);
    const links = channelOf(renderRss(page, { ...CONTEXT, hub: "https://hub.example/" }))[
      "atom:link"
    ];
    const byRel = Object.fromEntries(
      links.map((l) => [`${l["@_rel"]}${l["@_hreflang"] ?? ""}`, l["@_href"]]),
    );
    expect(byRel).toMatchObject({
      self: "https://news.example/en/rss.xml",
      first: "https://news.example/en/rss.xml",
      hub: "https://hub.example/",
      relateduk: "https://news.example/ua/rss.xml",
      relatedru: "https://news.example/ru/rss.xml",
    });
    expect(links.filter((l) => l["@_rel"] === "alternate")).toEqual([]);
    expect(byRel.next).toBeUndefined();
  });
});
