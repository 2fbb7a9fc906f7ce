import { describe, expect, it } from "vitest";
import type { PublishedStory, Variant } from "../../src/domain/story";
import { renderAtom } from "../../src/feeds/atom";
import { renderJsonFeed } from "../../src/feeds/json-feed";
import { renderRss } from "../../src/feeds/rss";
import type { LangTag } from "../../src/i18n/languages";
import {
  assertWellFormed,
  CONTEXT,
  feedPageOf,
  publishedStory,
  readFeed,
  xmlTree,
} from "../helpers/feeds";

type Node = Record<string, unknown>;

const TWO_AUTHORS: Record<LangTag, PublishedStory["authors"]> = {
  en: [
    { id: "martin-fornusek", slug: "martin-fornusek", name: "Martin Fornusek" },
    { id: "news-desk", slug: "news-desk", name: "The Kyiv Independent news desk" },
  ],
  uk: [
    { id: "martin-fornusek", slug: "martin-fornusek", name: "Мартин Форнусек" },
    { id: "news-desk", slug: "news-desk", name: "Редакція новин" },
  ],
  ru: [
    { id: "martin-fornusek", slug: "martin-fornusek", name: "Мартин Форнусек" },
    { id: "news-desk", slug: "news-desk", name: "Редакция новостей" },
  ],
};

const BYLINES: Record<LangTag, string> = {
  en: "Martin Fornusek and The Kyiv Independent news desk",
  uk: "Мартин Форнусек і Редакція новин",
  ru: "Мартин Форнусек и Редакция новостей",
};

function rssItems(xml: string): Node[] {
  return ((xmlTree(xml).rss as Node).channel as Node).item as Node[];
}

function atomEntries(xml: string): Node[] {
  return (xmlTree(xml).feed as Node).entry as Node[];
}

const withdrawn = (lang: LangTag, note: string | null) =>
  publishedStory(lang, {
    updatedAt: "2026-03-05T10:00:00.000Z",
    withdrawal: { at: "2026-03-05T10:00:00.000Z", note },
  });

describe("what feed readers show of an item", () => {
  it.each(["en", "uk", "ru"] as const)(
    "joins the authors into one %s byline: one dc:creator, one atom:author",
    (lang) => {
      const story = publishedStory(lang, { authors: TWO_AUTHORS[lang] });
      const rss = renderRss(feedPageOf(lang, [story]), CONTEXT);
      expect(rssItems(rss)[0]?.["dc:creator"]).toEqual([BYLINES[lang]]);
      const atom = renderAtom(feedPageOf(lang, [story]), CONTEXT);
      const entry = atomEntries(atom)[0] as Node;
      expect(entry.author).toEqual([{ name: BYLINES[lang] }]);
      // Each author keeps a link to their page, as a contributor.
      expect((entry.contributor as Node[]).map((c) => c.uri)).toEqual([
        `https://news.example/${lang === "uk" ? "ua" : lang}/author/martin-fornusek`,
        `https://news.example/${lang === "uk" ? "ua" : lang}/author/news-desk`,
      ]);
    },
  );

  it("leads the content with the hero figure: image, alt text, caption and localized credit", () => {
    for (const [lang, credit] of [
      ["en", "Photo: Photo desk"],
      ["uk", "Фото: Photo desk"],
    ] as const) {
      const story = publishedStory(lang);
      for (const xml of [
        renderRss(feedPageOf(lang, [story]), CONTEXT),
        renderAtom(feedPageOf(lang, [story]), CONTEXT),
      ]) {
        const content = readFeed(xml).items[0]?.content ?? "";
        expect(content.startsWith("<figure>")).toBe(true);
        expect(content).toContain(
          '<img src="https://news.example/media/tech-lab.jpg" alt="A caption" width="1200" height="675">',
        );
        expect(content).toContain(`<figcaption>A caption <small>${credit}</small></figcaption>`);
      }
      const json = JSON.parse(renderJsonFeed(feedPageOf(lang, [story]), CONTEXT));
      expect(json.items[0].content_html).toMatch(/^<figure><img [^>]*alt="A caption"/);
    }
  });

  it("escapes the caption and credit in the figure, and uses the title as alt without a caption", () => {
    const story = publishedStory("en", { title: 'Say "hi" & <b>' });
    story.variant = { ...story.variant, imageCaption: null };
    story.image = { ...(story.image as NonNullable<PublishedStory["image"]>), credit: "A<b>&" };
    const json = JSON.parse(renderJsonFeed(feedPageOf("en", [story]), CONTEXT));
    const html = json.items[0].content_html as string;
    expect(html).toContain('alt="Say &quot;hi&quot; &amp; &lt;b&gt;"');
    expect(html).toContain("<small>Photo: A&lt;b&gt;&amp;</small>");
  });
});

describe("a withdrawn story's notice", () => {
  it("keeps the entry id, says it was withdrawn, and carries the note but none of the story", () => {
    const live = publishedStory("en");
    const notice = withdrawn("en", "Sources could not be verified.");
    for (const render of [renderRss, renderAtom]) {
      const before = readFeed(render(feedPageOf("en", [live]), CONTEXT)).items[0];
      const xml = render(feedPageOf("en", [notice]), CONTEXT);
      assertWellFormed(xml);
      const item = readFeed(xml).items[0];
      expect(item?.id).toBe(before?.id);
      expect(item?.title).toBe("Withdrawn: Story one (en)");
      expect(item?.content).toContain("The editors withdrew this story on March 5, 2026.");
      expect(item?.content).toContain("Editors’ note: Sources could not be verified.");
      expect(item?.content).not.toContain("See <a");
      expect(item?.content).not.toContain("<figure>");
      expect(xml).not.toContain("tech-lab.jpg");
    }
  });

  it("is localized", () => {
    const ua = readFeed(renderRss(feedPageOf("uk", [withdrawn("uk", null)]), CONTEXT)).items[0];
    expect(ua?.title).toBe("Відкликано: Story one (uk)");
    expect(ua?.content).toContain("Редакція відкликала цей матеріал 5 березня 2026 р.");
    const ru = readFeed(renderRss(feedPageOf("ru", [withdrawn("ru", null)]), CONTEXT)).items[0];
    expect(ru?.title).toBe("Отозвано: Story one (ru)");
  });

  it("comes with an RFC 6721 tombstone in Atom, with the same ref and time as the entry", () => {
    const xml = renderAtom(feedPageOf("en", [withdrawn("en", "Retracted.")]), CONTEXT);
    const feed = xmlTree(xml).feed as Node;
    expect(feed["@_xmlns:at"]).toBe("http://purl.org/atompub/tombstones/1.0");
    const entry = atomEntries(xml)[0] as Node;
    expect(feed["at:deleted-entry"]).toMatchObject({
      "@_ref": entry.id,
      "@_when": entry.updated,
      "at:comment": { "#text": "Retracted.", "@_xml:lang": "en" },
    });
    const live = renderAtom(feedPageOf("en", [publishedStory("en")]), CONTEXT);
    expect(live).not.toContain("deleted-entry");
    expect(live).not.toContain("xmlns:at");
  });

  it("is marked in JSON Feed with a _withdrawn object", () => {
    const json = JSON.parse(renderJsonFeed(feedPageOf("en", [withdrawn("en", null)]), CONTEXT));
    expect(json.items[0]._withdrawn).toEqual({ at: "2026-03-05T10:00:00.000Z", note: null });
    expect(json.items[0].image).toBeUndefined();
    expect(json.items[0]._translations).toBeUndefined();
  });
});

describe("one story that cannot be rendered", () => {
  it("loses only its broken photo when the image URL is not a web URL", () => {
    for (const url of ["https://[bad/x.jpg", "javascript:alert(1)"]) {
      const story = publishedStory("en");
      story.image = { ...(story.image as NonNullable<PublishedStory["image"]>), url };
      for (const render of [renderRss, renderAtom, renderJsonFeed]) {
        const out = render(feedPageOf("en", [story]), CONTEXT);
        expect(out).toContain("Story one (en)");
        expect(out).not.toContain("[bad");
        expect(out).not.toContain("javascript:");
      }
    }
  });

  it("is left out, and the rest of the feed still renders", () => {
    const broken = publishedStory("en", { id: "broken" });
    broken.variant = null as unknown as Variant;
    const fine = publishedStory("en", { id: "fine", title: "Still here" });
    for (const render of [renderRss, renderAtom, renderJsonFeed]) {
      const out = render(feedPageOf("en", [broken, fine]), CONTEXT);
      expect(out).toContain("Still here");
      expect(out).not.toContain("story/broken");
    }
  });
});
