import { Feed, type Item } from "feed";
import type { FeedEntry } from "./entries";
import { renderedItems } from "./items";
import { type FeedMetadata, feedMetadata } from "./metadata";
import type { FeedFormat, FeedPage, RenderContext } from "./page";
import { cdataSafeHtml, textAsHtml } from "./xml-safety";

const MEDIA_RSS_NS = "http://search.yahoo.com/mrss/";
const DC_NS = "http://purl.org/dc/elements/1.1/";

/*
 * The `feed` package writes through xml-js, whose serializer escapes only `"` in attribute
 * values and, in text, first turns every `&amp;` back into `&`. Values we hand it as raw
 * attributes (extensions) therefore get escaped here, and text gets its `&` doubled so that
 * its un-escaping step restores it exactly.
 */
function attribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function text(value: string): string {
  return value.replace(/&/g, "&amp;");
}

export const rssFormat: FeedFormat = {
  id: "rss",
  file: "rss.xml",
  mediaType: "application/rss+xml",
  label: "RSS",
  render: renderRss,
};

/**
 * RSS 2.0 through the `feed` package, extended where it falls short: atom:link paging and
 * language alternates, dc:creator (RSS <author> must be an e-mail address), media:content with
 * credit, enclosures with their real MIME type and length, and CDATA that survives any body.
 */
export function renderRss(page: FeedPage, ctx: RenderContext): string {
  const meta = feedMetadata(page, rssFormat, ctx);
  const items = renderedItems(page.stories, page.language, ctx, rssFormat, (entry) =>
    rssItemXml(entry, meta.siteName),
  );
  const feed = rssChannel(page, meta);
  if (items.length === 0) return feed.rss2();
  // The package declares the content and dc namespaces on <rss> only when an item has
  // content, so a stand-in item with content (or without, for a summary-only licence)
  // takes the items' place and gets the declarations right.
  feed.addItem({
    title: "",
    link: "",
    date: new Date(0),
    ...(ctx.partner?.fullText === false ? {} : { content: "stand-in" }),
  });
  return spliceItems(feed.rss2(), items.join(ITEM_SEPARATOR));
}

/** What the package writes between two items of a channel (4-space indentation, depth 2). */
const ITEM_SEPARATOR = "\n        ";

/** The first `<item>…</item>` of a serialized channel, replaced by the given items. */
function spliceItems(xml: string, items: string): string {
  const start = xml.indexOf("<item>");
  const end = xml.indexOf("</item>", start) + "</item>".length;
  return xml.slice(0, start) + items + xml.slice(end);
}

/**
 * One item as the package writes it inside a channel: serialized alone in an otherwise empty
 * channel, at the same depth, and cut out. Nothing before it can hold `<item>` (text and
 * attributes are escaped) and nothing after it can hold `</item>`.
 */
function rssItemXml(entry: FeedEntry, siteName: string): string {
  const feed = new Feed({ title: "" });
  feed.addItem(rssItem(entry, siteName));
  const xml = feed.rss2();
  return xml.slice(xml.indexOf("<item>"), xml.lastIndexOf("</item>") + "</item>".length);
}

/** The channel without items: metadata and the atom:link set. */
export function rssChannel(page: FeedPage, meta: FeedMetadata): Feed {
  const { links } = meta;
  const feed = new Feed({
    title: text(meta.title),
    // RSS readers take the channel description as HTML (feedparser sanitizes it as such), so
    // a category or author name in it is escaped as the item descriptions are; titles are
    // plain text in both feedparser and newsboat, and stay so.
    description: text(textAsHtml(meta.description)),
    id: meta.id,
    link: meta.homeUrl,
    language: page.language.tag,
    updated: new Date(meta.updated),
    // Setting `feed` makes the package declare xmlns:atom; the links themselves come below.
    feed: links.self,
    generator: false,
    // RSS Advisory Board profile: docs points at the specification this file follows.
    docs: "https://www.rssboard.org/rss-specification",
    ttl: 5,
    ...(meta.rights ? { copyright: text(meta.rights) } : {}),
  });
  const atomLink = (rel: string, href: string | null, extra: Record<string, string> = {}) =>
    href ? { _attributes: { rel, href: attribute(href), ...extra } } : null;
  // The channel extension replaces the package's own atom:link list (self only), so that
  // self, paging (RFC 5005) and hub links sit together.
  feed.addExtension({
    name: "atom:link",
    objects: [
      atomLink("self", links.self, { type: rssFormat.mediaType }),
      // The same feed in the other languages. Not rel="alternate": readers take an alternate
      // for the feed's own link (newsboat takes the last one), which must stay this language.
      ...meta.translations.map((t) =>
        atomLink("related", t.url, { type: rssFormat.mediaType, hreflang: t.lang }),
      ),
      atomLink("first", links.first, { type: rssFormat.mediaType }),
      atomLink("next", links.next, { type: rssFormat.mediaType }),
      atomLink("previous", links.previous, { type: rssFormat.mediaType }),
      atomLink("hub", meta.hub),
    ].filter((l) => l !== null) as unknown as Record<string, unknown>,
  });
  return feed;
}

export function rssItem(entry: FeedEntry, siteName: string): Item {
  const extensions: NonNullable<Item["extensions"]> = [
    // The package writes titles as CDATA and splits only the first `]]>`; as escaped text
    // any title is safe.
    { name: "title", objects: { _text: text(entry.title) } },
    {
      // One dc:creator with the whole byline: readers given several show only the first
      // (sfeed, rss2email) or only the last (newsboat, Miniflux, feedparser's `author`).
      name: "dc:creator",
      objects: {
        // The package declares the dc namespace only beside content:encoded; a summary-only
        // item has none, so the element declares it itself.
        ...(entry.contentHtml === null ? { _attributes: { "xmlns:dc": DC_NS } } : {}),
        _text: text(entry.byline ?? siteName),
      },
    },
  ];
  if (entry.translations.length > 0) {
    extensions.push({
      // The story in its other languages, as rel="related": feedparser and newsboat take the
      // last rel="alternate" link for the item's link, which must stay this feed's language.
      name: "atom:link",
      objects: entry.translations.map((t) => ({
        _attributes: {
          rel: "related",
          type: "text/html",
          hreflang: t.lang,
          href: attribute(t.url),
        },
      })) as unknown as Record<string, unknown>,
    });
  }
  if (entry.image) {
    const { image } = entry;
    extensions.push({
      name: "media:content",
      objects: {
        // Declared on the element: the package offers no way to add a namespace to <rss>.
        _attributes: {
          "xmlns:media": MEDIA_RSS_NS,
          url: attribute(image.url),
          type: image.type,
          medium: "image",
          ...(image.length ? { fileSize: String(image.length) } : {}),
          ...(image.width ? { width: String(image.width) } : {}),
          ...(image.height ? { height: String(image.height) } : {}),
        },
        ...(image.caption ? { "media:description": { _text: text(image.caption) } } : {}),
        ...(image.credit ? { "media:credit": { _text: text(image.credit) } } : {}),
      },
    });
  }
  return {
    title: entry.title,
    id: entry.id,
    guid: entry.id,
    link: entry.url,
    date: new Date(entry.updated),
    published: new Date(entry.published),
    description: entry.summary ? cdataSafeHtml(textAsHtml(entry.summary)) : undefined,
    content: entry.contentHtml === null ? undefined : cdataSafeHtml(entry.contentHtml),
    category: [{ name: text(entry.category.label), domain: attribute(entry.category.scheme) }],
    enclosure: entry.image
      ? {
          url: entry.image.url,
          type: entry.image.type,
          // RSS 2.0 requires length; the RSS Advisory Board advises 0 when it is unknown.
          length: entry.image.length ?? 0,
        }
      : undefined,
    extensions,
  };
}
