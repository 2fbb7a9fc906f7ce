import { Feed } from "feed";
import type { FeedEntry } from "./entries";
import { renderedItems } from "./items";
import { feedMetadata } from "./metadata";
import type { FeedFormat, FeedPage, RenderContext } from "./page";

type JsonObject = Record<string, unknown>;

export const jsonFeedFormat: FeedFormat = {
  id: "json",
  file: "feed.json",
  mediaType: "application/feed+json",
  label: "JSON Feed",
  render: renderJsonFeed,
};

/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). The `feed` package writes version 1
 * with the deprecated singular `author` and no `language`, `authors`, `next_url` or `hubs`;
 * its output is parsed back and upgraded field by field rather than string-edited.
 */
export function renderJsonFeed(page: FeedPage, ctx: RenderContext): string {
  const meta = feedMetadata(page, jsonFeedFormat, ctx);
  const items = renderedItems(page.stories, page.language, ctx, jsonFeedFormat, (entry) =>
    jsonItemText(entry, meta.siteName),
  );
  const feed = new Feed({
    title: meta.title,
    description: meta.description,
    id: meta.id,
    link: meta.homeUrl,
    feedLinks: { json: meta.links.self },
  });
  const generated = JSON.parse(feed.json1()) as JsonObject;
  const upgraded: JsonObject = {
    ...generated,
    version: "https://jsonfeed.org/version/1.1",
    language: page.language.tag,
    ...(meta.links.next ? { next_url: meta.links.next } : {}),
    ...(meta.hub ? { hubs: [{ type: "WebSub", url: meta.hub }] } : {}),
    // Extension: JSON Feed has no rights field; partner feeds carry the copyright line here.
    // JSON Feed 1.1 "Extensions": a custom key holds an object, never a bare value.
    ...(meta.rights ? { _rights: { notice: meta.rights } } : {}),
    items: [],
  };
  const text = JSON.stringify(upgraded, null, 2);
  if (items.length === 0) return text;
  // The key is written `"items": []` once: a quote inside any string value is escaped.
  const at = text.indexOf(EMPTY_ITEMS);
  return `${text.slice(0, at)}"items": [${ITEM_INDENT}${items.join(`,${ITEM_INDENT}`)}\n  ]${text.slice(at + EMPTY_ITEMS.length)}`;
}

const EMPTY_ITEMS = '"items": []';
/** Where JSON.stringify with 2-space indentation starts an element of a top-level array. */
const ITEM_INDENT = "\n    ";

/**
 * One item as JSON.stringify writes it inside the feed's `items`: alone, then indented two
 * levels. JSON escapes every newline inside a string, so each raw newline is indentation.
 */
function jsonItemText(entry: FeedEntry, siteName: string): string {
  const feed = new Feed({ title: "" });
  feed.addItem({
    title: entry.title,
    id: entry.id,
    link: entry.url,
    date: new Date(entry.updated),
    published: new Date(entry.published),
    description: entry.summary || undefined,
    content: entry.contentHtml ?? undefined,
    image: entry.image?.url,
    category: [{ name: entry.category.label }],
  });
  const generated = JSON.parse(feed.json1()) as { items: JsonObject[] };
  const item = upgradeItem(generated.items[0] as JsonObject, entry, siteName);
  return JSON.stringify(item, null, 2).replace(/\n/g, ITEM_INDENT);
}

function upgradeItem(item: JsonObject, entry: FeedEntry, siteName: string): JsonObject {
  const { author: _deprecated, ...generated } = item;
  // A summary-only item: the package fell back to the summary as content_html; JSON Feed 1.1
  // wants content_html or content_text, and plain text it is.
  const { content_html: _summaryAsHtml, ...bodiless } = generated;
  const rest =
    entry.contentHtml === null
      ? {
          ...bodiless,
          content_text: entry.summary || entry.title,
          summary: entry.summary || undefined,
        }
      : generated;
  return {
    ...rest,
    ...(entry.image?.credit ? { _image: { credit: entry.image.credit } } : {}),
    authors:
      entry.authors.length > 0
        ? entry.authors.map((a) => ({ name: a.name, url: a.url }))
        : [{ name: siteName }],
    language: entry.lang,
    // Extension: partner feeds say when an embargoed story may be published.
    ...(entry.embargoedUntil ? { _embargo: { until: entry.embargoedUntil } } : {}),
    // Extension: a withdrawn story's notice says so in a form a program can act on.
    ...(entry.withdrawal
      ? { _withdrawn: { at: entry.withdrawal.at, note: entry.withdrawal.note } }
      : {}),
    // Extension (JSON Feed 1.1 "Extensions": keys start with an underscore and hold objects):
    // the same story in the other languages it exists in, as Atom's hreflang alternates say.
    ...(entry.translations.length > 0
      ? {
          _translations: {
            items: entry.translations.map((t) => ({ language: t.lang, url: t.url })),
          },
        }
      : {}),
  };
}
