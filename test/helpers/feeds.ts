import { parseFeed } from "@rowanmanning/feed-parser";
import { XMLParser } from "fast-xml-parser";
import { SaxesParser } from "saxes";
import type { PublishedStory } from "../../src/domain/story";
import type { FeedPage, RenderContext } from "../../src/feeds/page";
import { type LangTag, languageByTag } from "../../src/i18n/languages";

/** Throws unless the document is well-formed, namespace-correct XML 1.0 (saxes is strict). */
export function assertWellFormed(xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  let failure: Error | null = null;
  parser.on("error", (error) => {
    failure ??= error;
  });
  parser.write(xml).close();
  if (failure) throw failure;
}

/** The document as a plain tree: attributes as `@_name`, repeated elements always as arrays. */
export function xmlTree(xml: string): Record<string, unknown> {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    textNodeName: "#text",
    parseTagValue: false,
    parseAttributeValue: false,
    isArray: (name) =>
      ["item", "entry", "link", "atom:link", "author", "outline", "dc:creator"].includes(name),
  }).parse(xml) as Record<string, unknown>;
}

/** An independent feed parser, as a feed reader would read the document. */
export function readFeed(xml: string) {
  return parseFeed(xml);
}

export const CONTEXT: RenderContext = {
  origin: "https://news.example",
  hub: "",
  defaultLimit: 50,
};

/** A published story as the repository returns it; override what a test is about. */
export function publishedStory(
  lang: LangTag,
  overrides: Partial<PublishedStory> & { body?: string; title?: string; slug?: string } = {},
): PublishedStory {
  const { body, title, slug, ...rest } = overrides;
  return {
    id: "story-1",
    kind: "article",
    publishedAt: "2026-03-01T08:30:00.000Z",
    updatedAt: "2026-03-02T09:00:00.000Z",
    version: 1,
    image: {
      url: "/media/tech-lab.jpg",
      type: "image/jpeg",
      length: 11598,
      width: 1200,
      height: 675,
      credit: "Photo desk",
    },
    category: { id: "world", slug: "world", name: "World" },
    authors: [{ id: "olena-kovalchuk", slug: "olena-kovalchuk", name: "Olena Kovalchuk" }],
    variant: {
      lang,
      slug: slug ?? `story-one-${lang}`,
      title: title ?? `Story one (${lang})`,
      summary: "A summary.",
      body: body ?? '<p>See <a href="/ua/category/world">World</a>.</p>',
      imageCaption: "A caption",
      imageCredit: null,
      imageAlt: null,
      createdAt: "2026-03-01T08:30:00.000Z",
      updatedAt: "2026-03-02T09:00:00.000Z",
    },
    alternates: [
      { lang: "en", slug: "story-one-en" },
      { lang: "uk", slug: "story-one-uk" },
    ],
    ...rest,
    withdrawal: rest.withdrawal ?? null,
    embargoedUntil: rest.embargoedUntil ?? null,
  };
}

export function feedPageOf(lang: LangTag, stories: PublishedStory[]): FeedPage {
  const language = languageByTag(lang);
  if (!language) throw new Error(lang);
  return {
    language,
    scope: { kind: "site" },
    stories,
    limit: 50,
    position: null,
    next: null,
    previous: null,
    updatedAt: stories[0]?.updatedAt ?? null,
  };
}

/** Body text that has broken real feeds: CDATA terminators, markup characters, controls. */
export const HOSTILE_BODY =
  "<p>a ]]> b ]]> c &lt;tag&gt; &amp; AT&amp;amp;T \u0001\u0008\u000B\u001F bell\u0007 🇺🇦 😀</p>";
