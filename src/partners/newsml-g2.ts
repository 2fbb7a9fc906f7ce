import { xmlChars } from "../feeds/xml-safety";
import type { NinjsInput } from "./ninjs";
import { newsItem, type PubStatus } from "./ninjs/item";
import { htmlToXhtml, xmlAttribute } from "./xhtml";

export const NEWSML_G2_MEDIA_TYPE = "application/vnd.iptc.g2.newsitem+xml";
const NAR = "http://iptc.org/std/nar/2006-10-01/";
const XHTML = "http://www.w3.org/1999/xhtml";
// The IPTC catalog that defines the QCode aliases used below (ninat, stat, medtop, irel, …).
const IPTC_CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_40.xml";

const PUB_STATUS: Record<PubStatus, string> = {
  usable: "stat:usable",
  withheld: "stat:withheld",
  canceled: "stat:canceled",
};

function esc(value: string): string {
  return xmlAttribute(xmlChars(value));
}

/** An element with escaped attributes and raw (already XML) content; null parts are left out. */
function el(name: string, attrs: Record<string, string | number | null>, content = ""): string {
  const written = Object.entries(attrs)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => ` ${k}="${esc(String(v))}"`)
    .join("");
  return content === "" ? `<${name}${written}/>` : `<${name}${written}>${content}</${name}>`;
}

const textEl = (name: string, value: string, attrs: Record<string, string | null> = {}) =>
  el(name, attrs, esc(value));

/**
 * One story variant as a NewsML-G2 2.35 newsItem (Power conformance): the same facts as the
 * ninjs documents (src/partners/ninjs/item.ts), in the element order the IPTC schema fixes,
 * with the body as inline XHTML. Validated against the IPTC XML Schema in the tests.
 */
export function renderNewsMLG2(input: NinjsInput): string {
  const item = newsItem(input);
  const rights = el(
    "rightsInfo",
    {},
    [
      el("copyrightHolder", {}, textEl("name", item.rights.copyrightHolder)),
      textEl("copyrightNotice", item.rights.copyrightNotice),
      textEl("usageTerms", item.rights.usageTerms),
      item.rights.rightsUrl ? el("link", { href: item.rights.rightsUrl }) : "",
    ].join(""),
  );
  const itemMeta = el(
    "itemMeta",
    {},
    [
      el("itemClass", { qcode: "ninat:text" }),
      el("provider", { literal: item.rights.copyrightHolder }),
      textEl("versionCreated", item.versionCreated),
      textEl("firstCreated", item.firstCreated),
      item.embargoedUntil ? textEl("embargoed", item.embargoedUntil) : "",
      el("pubStatus", { qcode: PUB_STATUS[item.pubStatus] }),
      item.edNote ? textEl("edNote", item.edNote) : "",
      el("link", { rel: "irel:seeAlso", href: item.canonicalUrl, contenttype: "text/html" }),
      // The same story in another language: its own newsItem (guid in residref), its page.
      ...item.translations.map((t) =>
        el("link", {
          rel: "irel:seeAlso",
          residref: t.uri,
          href: t.canonicalUrl,
          contenttype: "text/html",
          "xml:lang": t.lang,
        }),
      ),
    ].join(""),
  );
  const contentMeta = el(
    "contentMeta",
    {},
    [
      textEl("urgency", String(item.urgency)),
      textEl("contentCreated", item.firstCreated),
      textEl("contentModified", item.versionCreated),
      ...item.authors.map((a) =>
        el("creator", { uri: a.uri, literal: null, role: "crol:author" }, textEl("name", a.name)),
      ),
      el("language", { tag: item.language }),
      el(
        "subject",
        { type: "cpnat:abstract", uri: item.subject.uri },
        textEl("name", item.subject.name),
      ),
      item.mediaTopic
        ? el(
            "subject",
            { type: "cpnat:abstract", qcode: item.mediaTopic.qcode },
            textEl("name", item.mediaTopic.name, { "xml:lang": "en" }),
          )
        : "",
      textEl("headline", item.headline),
      item.byline ? textEl("by", item.byline) : "",
      item.image?.credit ? textEl("creditline", item.image.credit) : "",
      item.summary ? textEl("description", item.summary, { role: "drol:summary" }) : "",
    ].join(""),
  );
  const body = item.body === null ? "" : htmlToXhtml(item.body);
  const contentSet =
    item.body === null
      ? ""
      : el(
          "contentSet",
          {},
          el(
            "inlineXML",
            { contenttype: "application/xhtml+xml" },
            `<html xmlns="${XHTML}"><head><title>${esc(item.headline)}</title></head><body>${body}</body></html>`,
          ),
        );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${el(
    "newsItem",
    {
      xmlns: NAR,
      guid: item.uri,
      version: item.version,
      standard: "NewsML-G2",
      standardversion: "2.35",
      conformance: "power",
      "xml:lang": item.language,
    },
    [el("catalogRef", { href: IPTC_CATALOG }), rights, itemMeta, contentMeta, contentSet].join(""),
  )}\n`;
}
