import type { LangTag } from "../../i18n/languages";
import type { NinjsInput } from "./input";
import { type Concept, type ItemImage, type NewsItem, newsItem, type PubStatus } from "./item";
import type { MediaTopic } from "./media-topics";

// The subset of ninjs 2.2 (standards/ninjs-schema_2.2.json) this service emits, for
// partners whose systems predate 3.x. 2.x spells every property in lowercase (`versioncreated`,
// `contenttype`, `altids`) and already uses the `headlines` and `bodies` arrays: the 1.x
// `headline` / `body_html` fields are gone, and the closed schema would reject them.

export interface Ninjs2Text {
  role?: string;
  contenttype?: string;
  value: string;
}

export interface Ninjs2Rendition {
  name: string;
  href: string;
  contenttype?: string;
  width?: number;
  height?: number;
  sizeinbytes?: number;
}

export interface Ninjs2Concept {
  name: string;
  rel?: string;
  uri: string;
  literal: string;
}

export interface Ninjs2AltId {
  role: string;
  value: string;
}

/** 2.2 associations have `name` but no `rel`: the name carries the relationship. */
export type Ninjs2Association =
  | {
      name: string;
      uri: string;
      type: "text";
      language: LangTag;
      headlines: Ninjs2Text[];
      altids: Ninjs2AltId[];
    }
  | {
      name: string;
      uri: string;
      type: "picture";
      representationtype: "full";
      renditions: Ninjs2Rendition[];
      descriptions?: Ninjs2Text[];
      by?: string;
      copyrightholder?: string;
      usageterms?: string;
    };

export interface Ninjs2Document {
  uri: string;
  standard: { name: "ninjs"; version: "2.2"; schema: string };
  type: "text";
  profile: string;
  representationtype: "full" | "partial";
  version: string;
  firstcreated: string;
  versioncreated: string;
  embargoed?: string;
  pubstatus: PubStatus;
  language: LangTag;
  headlines: Ninjs2Text[];
  descriptions?: Ninjs2Text[];
  bodies?: Ninjs2Text[];
  renditions?: Ninjs2Rendition[];
  by?: string;
  people?: Ninjs2Concept[];
  subjects: Ninjs2Concept[];
  urgency: number;
  ednote?: string;
  copyrightholder: string;
  copyrightnotice: string;
  usageterms: string;
  rightsinfo?: { linkedrights: string };
  altids: Ninjs2AltId[];
  associations?: Ninjs2Association[];
}

export const NINJS2_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json#";

/** One story variant as an IPTC ninjs 2.2 document: the same facts as `renderNinjs3`. */
export function renderNinjs2(input: NinjsInput): Ninjs2Document {
  const item = newsItem(input);
  const descriptions = descriptionsOf(item);
  return {
    uri: item.uri,
    standard: { name: "ninjs", version: "2.2", schema: NINJS2_SCHEMA },
    type: "text",
    profile: item.profile,
    representationtype: item.representation,
    version: item.version,
    firstcreated: item.firstCreated,
    versioncreated: item.versionCreated,
    ...(item.embargoedUntil && { embargoed: item.embargoedUntil }),
    pubstatus: item.pubStatus,
    language: item.language,
    headlines: [{ role: "main", contenttype: "text/plain", value: item.headline }],
    ...(descriptions.length > 0 && { descriptions }),
    ...(item.body !== null && {
      bodies: [{ role: "main", contenttype: "text/html", value: item.body }],
    }),
    ...(item.image && { renditions: [rendition(item.image)] }),
    ...(item.byline && { by: item.byline }),
    ...(item.authors.length > 0 && { people: item.authors.map((a) => person(a)) }),
    subjects: [subject(item.subject), ...(item.mediaTopic ? [topicSubject(item.mediaTopic)] : [])],
    urgency: item.urgency,
    ...(item.edNote && { ednote: item.edNote }),
    copyrightholder: item.rights.copyrightHolder,
    copyrightnotice: item.rights.copyrightNotice,
    usageterms: item.rights.usageTerms,
    ...(item.rights.rightsUrl && { rightsinfo: { linkedrights: item.rights.rightsUrl } }),
    altids: altIds(item),
    ...((item.translations.length > 0 || item.image) && {
      associations: [
        ...(item.image ? [picture(item.image)] : []),
        ...item.translations.map((t) => ({
          name: `translation-${t.lang}`,
          uri: t.uri,
          type: "text" as const,
          language: t.lang,
          headlines: [{ role: "main", contenttype: "text/plain", value: t.headline }],
          altids: [{ role: "canonical", value: t.canonicalUrl }],
        })),
      ],
    }),
  };
}

/** The hero photo as a picture object, as in 3.1. */
function picture(image: ItemImage): Ninjs2Association {
  const descriptions = imageDescriptions(image);
  return {
    name: "hero",
    uri: image.uri,
    type: "picture",
    representationtype: "full",
    renditions: [rendition(image)],
    ...(descriptions.length > 0 && { descriptions }),
    ...(image.credit && { by: image.credit }),
    ...(image.copyrightHolder && { copyrightholder: image.copyrightHolder }),
    ...(image.usageTerms && { usageterms: image.usageTerms }),
  };
}

function imageDescriptions(image: ItemImage): Ninjs2Text[] {
  return [
    ...(image.caption
      ? [{ role: "caption", contenttype: "text/plain", value: image.caption }]
      : []),
    ...(image.credit ? [{ role: "credit", contenttype: "text/plain", value: image.credit }] : []),
  ];
}

/** The same provider-defined roles as 3.1: summary, and the image's caption and credit. */
function descriptionsOf(item: NewsItem): Ninjs2Text[] {
  const texts: Ninjs2Text[] = [];
  if (item.summary !== null) {
    texts.push({ role: "summary", contenttype: "text/plain", value: item.summary });
  }
  if (item.image) texts.push(...imageDescriptions(item.image));
  return texts;
}

function rendition(image: ItemImage): Ninjs2Rendition {
  return {
    name: "hero",
    href: image.href,
    ...(image.contentType && { contenttype: image.contentType }),
    ...(image.width !== null && { width: image.width }),
    ...(image.height !== null && { height: image.height }),
    ...(image.sizeInBytes !== null && { sizeinbytes: image.sizeInBytes }),
  };
}

function person(author: Concept): Ninjs2Concept {
  return { name: author.name, rel: "author", uri: author.uri, literal: author.literal };
}

/** The IPTC Media Topic beside the newsroom's own section, with the QCode as its literal. */
function topicSubject(topic: MediaTopic): Ninjs2Concept {
  return { name: topic.name, rel: "about", uri: topic.uri, literal: topic.qcode };
}

function subject(category: Concept): Ninjs2Concept {
  return { name: category.name, rel: "category", uri: category.uri, literal: category.literal };
}

function altIds(item: NewsItem): Ninjs2AltId[] {
  return [
    { role: "canonical", value: item.canonicalUrl },
    { role: "story", value: item.storyId },
  ];
}
