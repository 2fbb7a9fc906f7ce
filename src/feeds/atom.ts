import { type FeedEntry, toFeedEntries } from "./entries";
import { renderedItems } from "./items";
import { feedMetadata } from "./metadata";
import type { FeedFormat, FeedPage, RenderContext } from "./page";
import { compact, type XmlNode, xmlDocument } from "./xml";

const ATOM_NS = "http://www.w3.org/2005/Atom";
const MEDIA_RSS_NS = "http://search.yahoo.com/mrss/";
const TOMBSTONES_NS = "http://purl.org/atompub/tombstones/1.0";

export const atomFormat: FeedFormat = {
  id: "atom",
  file: "atom.xml",
  mediaType: "application/atom+xml",
  label: "Atom",
  render: renderAtom,
};

/**
 * Atom 1.0 (RFC 4287) with RFC 5005 paging links. Written with an XML builder rather than the
 * `feed` package: its atom1() takes no language (no xml:lang on <feed>), no extra links (no
 * hreflang alternates, no first/next/previous), ignores item extensions, and derives enclosure
 * types from the file extension (`image/jpg`). Adding those to its output would mean splicing
 * strings into serialized XML.
 */
export function renderAtom(page: FeedPage, ctx: RenderContext): string {
  const meta = feedMetadata(page, atomFormat, ctx);
  const { links } = meta;
  const entries = renderedItems(page.stories, page.language, ctx, atomFormat, (entry) =>
    atomEntryXml(entry, meta.siteName, ctx.partner !== undefined),
  );
  // Only withdrawn stories need their entry again, for the tombstone beside the notice.
  const withdrawn = toFeedEntries(
    page.stories.filter((story) => story.withdrawal),
    page.language,
    ctx,
  );
  const link = (rel: string, href: string | null, extra: XmlNode = {}) =>
    href ? compact({ "@_rel": rel, "@_href": href, ...extra }) : null;
  const feedLinks = [
    link("self", links.self, { "@_type": atomFormat.mediaType }),
    link("alternate", meta.homeUrl, { "@_type": "text/html", "@_hreflang": page.language.tag }),
    // The same feed in the other languages. Not rel="alternate": newsboat takes the feed's
    // last alternate for its link, which must stay this language's page.
    ...meta.translations.map((t) =>
      link("related", t.url, { "@_type": atomFormat.mediaType, "@_hreflang": t.lang }),
    ),
    // RFC 5005 section 3: paged feeds.
    link("first", links.first, { "@_type": atomFormat.mediaType }),
    link("next", links.next, { "@_type": atomFormat.mediaType }),
    link("previous", links.previous, { "@_type": atomFormat.mediaType }),
    link("hub", meta.hub),
  ].filter((l) => l !== null);

  const xml = xmlDocument({
    feed: compact({
      "@_xmlns": ATOM_NS,
      // RFC 4287 2: xml:lang on <feed> gives every element the BCP 47 language of this feed.
      "@_xml:lang": page.language.tag,
      // Partner feeds credit photos with Media RSS (an RFC 4287 6.4 extension element).
      "@_xmlns:media": ctx.partner ? MEDIA_RSS_NS : undefined,
      "@_xmlns:at": withdrawn.length > 0 ? TOMBSTONES_NS : undefined,
      id: meta.id,
      title: { "@_type": "text", "#text": meta.title },
      subtitle: { "@_type": "text", "#text": meta.description },
      // RFC 4287 4.2.10: rights held over the feed, inherited by its entries.
      rights: meta.rights ? { "@_type": "text", "#text": meta.rights } : undefined,
      updated: meta.updated,
      link: feedLinks,
      // One stand-in entry, replaced by the rendered entries below.
      entry: entries.length > 0 ? { id: "stand-in" } : undefined,
      // RFC 6721: a withdrawn story's notice entry and its tombstone share id and time, so a
      // reader that knows tombstones deletes its copy and any other shows the notice.
      "at:deleted-entry": withdrawn.flatMap((entry) =>
        entry.withdrawal
          ? [
              compact({
                "@_ref": entry.id,
                "@_when": entry.withdrawal.at,
                link: { "@_rel": "alternate", "@_type": "text/html", "@_href": entry.url },
                "at:comment": entry.withdrawal.note
                  ? { "@_xml:lang": entry.lang, "#text": entry.withdrawal.note }
                  : undefined,
              }),
            ]
          : [],
      ),
    }),
  });
  return entries.length > 0 ? spliceEntries(xml, entries.join(ENTRY_SEPARATOR)) : xml;
}

/** What the builder writes between two entries of a feed (2-space indentation, depth 1). */
const ENTRY_SEPARATOR = "\n  ";

/** The first `<entry>…</entry>` of a serialized feed, replaced by the given entries. */
function spliceEntries(xml: string, entries: string): string {
  const start = xml.indexOf("<entry>");
  const end = xml.indexOf("</entry>", start) + "</entry>".length;
  return xml.slice(0, start) + entries + xml.slice(end);
}

/**
 * One entry as the builder writes it inside a feed: serialized alone in an otherwise empty
 * feed, at the same depth, and cut out. Text and attributes are escaped, so the only
 * `<entry>` and `</entry>` are its own tags.
 */
function atomEntryXml(entry: FeedEntry, siteName: string, withCredit: boolean): string {
  const xml = xmlDocument({ feed: { entry: atomEntry(entry, siteName, withCredit) } });
  return xml.slice(xml.indexOf("<entry>"), xml.lastIndexOf("</entry>") + "</entry>".length);
}

export function atomEntry(entry: FeedEntry, siteName: string, withCredit: boolean): XmlNode {
  const links: XmlNode[] = [
    { "@_rel": "alternate", "@_type": "text/html", "@_hreflang": entry.lang, "@_href": entry.url },
    // The story in its other languages. Not rel="alternate", though RFC 4287 would allow it:
    // feedparser and newsboat take an entry's last alternate for its link.
    ...entry.translations.map((t) => ({
      "@_rel": "related",
      "@_type": "text/html",
      "@_hreflang": t.lang,
      "@_href": t.url,
    })),
  ];
  if (entry.image) {
    links.push(
      compact({
        "@_rel": "enclosure",
        "@_type": entry.image.type,
        "@_length": entry.image.length ?? undefined,
        "@_href": entry.image.url,
      }),
    );
  }
  return compact({
    id: entry.id,
    title: { "@_type": "text", "#text": entry.title },
    link: links,
    published: entry.published,
    updated: entry.updated,
    // RFC 4287 4.1.2: an entry needs an author unless its feed has one. One author holding
    // the whole localized byline, since readers show one: feedparser's `author` is the last
    // atom:author, newsboat joins them with commas in no language. With several authors,
    // each also appears as a contributor with the link to their page.
    author: compact({
      name: entry.byline ?? siteName,
      uri: entry.authors.length === 1 ? entry.authors[0]?.url : undefined,
    }),
    contributor:
      entry.authors.length > 1
        ? entry.authors.map((a) => ({ name: a.name, uri: a.url }))
        : undefined,
    category: {
      "@_term": entry.category.term,
      "@_label": entry.category.label,
      "@_scheme": entry.category.scheme,
    },
    summary: entry.summary ? { "@_type": "text", "#text": entry.summary } : undefined,
    // RFC 4287 4.1.1.1: with an alternate link, an entry may go without content (summary-only).
    content:
      entry.contentHtml === null ? undefined : { "@_type": "html", "#text": entry.contentHtml },
    "media:credit": withCredit && entry.image?.credit ? entry.image.credit : undefined,
  });
}
