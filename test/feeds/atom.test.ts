import { describe, expect, it } from "vitest";
import { renderAtom } from "../../src/feeds/atom";
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
const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function atomOf(xml: string) {
  return xmlTree(xml).feed as Node & { entry?: Node[]; link: Node[] };
}

function firstEntry(xml: string): Node {
  return (atomOf(xml).entry ?? [])[0] as Node;
}

describe("Atom renderer", () => {
  it("tags the feed with xml:lang uk for Ukrainian and parses as Atom", () => {
    const xml = renderAtom(feedPageOf("uk", [publishedStory("uk")]), CONTEXT);
    assertWellFormed(xml);
    expect(atomOf(xml)["@_xml:lang"]).toBe("uk");
    const feed = readFeed(xml);
    expect(feed.meta.type).toBe("atom");
    expect(feed.language).toBe("uk");
    expect(feed.items).toHaveLength(1);
  });

  it("gives every entry an id, author, updated and published time in UTC", () => {
    const xml = renderAtom(feedPageOf("en", [publishedStory("en")]), CONTEXT);
    const feed = atomOf(xml);
    expect(feed.updated).toMatch(RFC3339_UTC);
    const entry = feed.entry?.[0] as Node;
    expect(entry.id).toMatch(/^tag:/);
    expect(entry.updated).toMatch(RFC3339_UTC);
    expect(entry.published).toMatch(RFC3339_UTC);
    expect((entry.author as Node[])[0]?.name).toBe("Olena Kovalchuk");
  });

  it("keeps an entry's id through an edit and a slug change, and differs per language", () => {
    const idOf = (xml: string) => ((atomOf(xml).entry ?? [])[0] as Node).id;
    const before = idOf(renderAtom(feedPageOf("en", [publishedStory("en")]), CONTEXT));
    const edited = idOf(
      renderAtom(
        feedPageOf("en", [
          publishedStory("en", {
            title: "A new title",
            slug: "a-new-slug",
            updatedAt: "2026-04-01T00:00:00.000Z",
            version: 2,
          }),
        ]),
        CONTEXT,
      ),
    );
    const ukrainian = idOf(renderAtom(feedPageOf("uk", [publishedStory("uk")]), CONTEXT));
    expect(edited).toBe(before);
    expect(ukrainian).not.toBe(before);
  });

  it("keeps ids when the site moves to another origin", () => {
    const idOf = (origin: string) =>
      firstEntry(renderAtom(feedPageOf("en", [publishedStory("en")]), { ...CONTEXT, origin })).id;
    expect(idOf("https://elsewhere.example")).toBe(idOf("https://news.example"));
  });

  it("has one alternate, the story in the feed's language; the other variants are related", () => {
    const xml = renderAtom(feedPageOf("en", [publishedStory("en")]), CONTEXT);
    const links = ((atomOf(xml).entry ?? [])[0] as Node).link as Node[];
    const hrefs = (rel: string) =>
      links.filter((l) => l["@_rel"] === rel).map((l) => [l["@_hreflang"], l["@_href"]]);
    expect(hrefs("alternate")).toEqual([["en", "https://news.example/en/news/story-one-en"]]);
    expect(hrefs("related")).toEqual([["uk", "https://news.example/ua/news/story-one-uk"]]);
  });

  it("carries the hero image as an enclosure with its MIME type and length", () => {
    const xml = renderAtom(feedPageOf("en", [publishedStory("en")]), CONTEXT);
    const links = ((atomOf(xml).entry ?? [])[0] as Node).link as Node[];
    expect(links.find((l) => l["@_rel"] === "enclosure")).toMatchObject({
      "@_href": "https://news.example/media/tech-lab.jpg",
      "@_type": "image/jpeg",
      "@_length": "11598",
    });
  });

  it("makes relative URLs in content absolute", () => {
    const xml = renderAtom(feedPageOf("en", [publishedStory("en")]), CONTEXT);
    const content = readFeed(xml).items[0]?.content ?? "";
    expect(content).toContain('href="https://news.example/ua/category/world"');
    expect(content).not.toMatch(/(href|src)="\//);
  });

  it("stays well-formed with ]]> twice, markup characters, control characters and emoji", () => {
    const story = publishedStory("en", { body: HOSTILE_BODY, title: "Q&A: <b>]]> ]]>\u0001" });
    const xml = renderAtom(feedPageOf("en", [story]), CONTEXT);
    assertWellFormed(xml);
    const item = readFeed(xml).items[0];
    expect(item?.title).toBe("Q&A: <b>]]> ]]>");
    expect(item?.content).toContain("a ]]> b ]]> c");
    expect(item?.content).toContain("🇺🇦 😀");
  });

  it("advertises the WebSub hub only when one is configured", () => {
    const page = feedPageOf("en", [publishedStory("en")]);
    const rels = (ctx: typeof CONTEXT) => atomOf(renderAtom(page, ctx)).link.map((l) => l["@_rel"]);
    expect(rels(CONTEXT)).not.toContain("hub");
    const withHub = atomOf(renderAtom(page, { ...CONTEXT, hub: "https://hub.example/" }));
    expect(withHub.link.find((l) => l["@_rel"] === "hub")?.["@_href"]).toBe("https://hub.example/");
  });

  it("renders an empty feed that is still valid Atom", () => {
    const xml = renderAtom(feedPageOf("ru", []), CONTEXT);
    assertWellFormed(xml);
    const feed = atomOf(xml);
    expect(feed.entry).toBeUndefined();
    expect(feed.updated).toMatch(RFC3339_UTC);
    expect(feed.id).toBeTruthy();
  });
});
