import { type FeedEntry, toFeedEntry } from "./entries";
import { FEED_MEDIA_TYPES } from "./links";
import { feedMetadata } from "./metadata";
import type { FeedPage, RenderContext } from "./page";
import { compact, type XmlNode, xmlDocument } from "./xml";

const ATOM_NS = "http://www.w3.org/2005/Atom";
const MEDIA_RSS_NS = "http://search.yahoo.com/mrss/";

/**
 * Atom 1.0 (RFC 4287) with RFC 5005 paging links. Written with an XML builder rather than the
 * `feed` package: its atom1() takes no language (no xml:lang on <feed>), no extra links (no
 * hreflang alternates, no first/next/previous), ignores item extensions, and derives enclosure
 * types from the file extension (`image/jpg`). Adding those to its output would mean splicing
 * strings into serialized XML.
 */
export function renderAtom(page: FeedPage, ctx: RenderContext): string {
  const meta = feedMetadata(page, "atom", ctx);
  const { links } = meta;
  const link = (rel: string, href: string | null, extra: XmlNode = {}) =>
    href ? compact({ "@_rel": rel, "@_href": href, ...extra }) : null;
  const feedLinks = [
    link("self", links.self, { "@_type": FEED_MEDIA_TYPES.atom }),
    link("alternate", meta.homeUrl, { "@_type": "text/html", "@_hreflang": page.language.tag }),
    ...meta.translations.map((t) =>
      link("alternate", t.url, { "@_type": FEED_MEDIA_TYPES.atom, "@_hreflang": t.lang }),
    ),
    // RFC 5005 section 3: paged feeds.
    link("first", links.first, { "@_type": FEED_MEDIA_TYPES.atom }),
    link("next", links.next, { "@_type": FEED_MEDIA_TYPES.atom }),
    link("previous", links.previous, { "@_type": FEED_MEDIA_TYPES.atom }),
    link("hub", meta.hub),
  ].filter((l) => l !== null);

  return xmlDocument({
    feed: compact({
      "@_xmlns": ATOM_NS,
      // RFC 4287 2: xml:lang on <feed> gives every element the BCP 47 language of this feed.
      "@_xml:lang": page.language.tag,
      // Partner feeds credit photos with Media RSS (an RFC 4287 6.4 extension element).
      "@_xmlns:media": ctx.partner ? MEDIA_RSS_NS : undefined,
      id: meta.id,
      title: { "@_type": "text", "#text": meta.title },
      subtitle: { "@_type": "text", "#text": meta.description },
      // RFC 4287 4.2.10: rights held over the feed, inherited by its entries.
      rights: meta.rights ? { "@_type": "text", "#text": meta.rights } : undefined,
      updated: meta.updated,
      link: feedLinks,
      entry: page.stories.map((story) =>
        atomEntry(toFeedEntry(story, page.language, ctx), meta.siteName, ctx.partner !== undefined),
      ),
    }),
  });
}

function atomEntry(entry: FeedEntry, siteName: string, withCredit: boolean): XmlNode {
  const links: XmlNode[] = [
    { "@_rel": "alternate", "@_type": "text/html", "@_hreflang": entry.lang, "@_href": entry.url },
    // One alternate per other existing variant; RFC 4287 4.2.7.2 lets hreflang tell them apart.
    ...entry.translations.map((t) => ({
      "@_rel": "alternate",
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
    // RFC 4287 4.1.2: an entry needs an author unless its feed has one; give each its own.
    author:
      entry.authors.length > 0
        ? entry.authors.map((a) => ({ name: a.name, uri: a.url }))
        : [{ name: siteName }],
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
