import type { LangTag } from "../../i18n/languages";
import type { NinjsInput } from "./input";
import { type Concept, type ItemImage, type NewsItem, newsItem, type PubStatus } from "./item";
import type { MediaTopic } from "./media-topics";

// The subset of ninjs 3.1 (standards/ninjs-schema_3.1.json) this service emits, in
// that schema's camelCase names. Every object there is closed (additionalProperties or
// unevaluatedProperties false), so nothing else may appear.

export interface Ninjs3Text {
  role?: string;
  contentType?: string;
  value: string;
}

export interface Ninjs3Rendition {
  name: string;
  href: string;
  contentType?: string;
  width?: number;
  height?: number;
  sizeInBytes?: number;
}

export interface Ninjs3Concept {
  name: string;
  rel?: string;
  uri: string;
  literal: string;
}

export interface Ninjs3AltId {
  role: string;
  value: string;
}

/** An association is itself a ninjs object; `name` and `uri` are required (3.1 associations). */
export type Ninjs3Association =
  | {
      name: string;
      rel: string;
      uri: string;
      type: "text";
      language: LangTag;
      headlines: Ninjs3Text[];
      altIds: Ninjs3AltId[];
    }
  | {
      name: string;
      rel: string;
      uri: string;
      type: "picture";
      representationType: "full";
      renditions: Ninjs3Rendition[];
      descriptions?: Ninjs3Text[];
      by?: string;
      copyrightHolder?: string;
      usageTerms?: string;
    };

export interface Ninjs3Document {
  uri: string;
  standard: { name: "ninjs"; version: "3.1"; schema: string };
  type: "text";
  profile: string;
  representationType: "full" | "partial";
  version: string;
  firstCreated: string;
  versionCreated: string;
  embargoedUntil?: string;
  pubStatus: PubStatus;
  language: LangTag;
  headlines: Ninjs3Text[];
  descriptions?: Ninjs3Text[];
  bodies?: Ninjs3Text[];
  renditions?: Ninjs3Rendition[];
  by?: string;
  people?: Ninjs3Concept[];
  subjects: Ninjs3Concept[];
  urgency: number;
  edNote?: string;
  copyrightHolder: string;
  copyrightNotice: string;
  usageTerms: string;
  rightsInfo?: { linkedRights: string };
  altIds: Ninjs3AltId[];
  associations?: Ninjs3Association[];
}

export const NINJS3_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#";

/**
 * One story variant as an IPTC ninjs 3.1 document. Publish, update and withdrawal events have no
 * property in ninjs (pubStatus says only usable/withheld/canceled), so a webhook wraps the
 * document with its event type rather than bending a field to carry it.
 */
export function renderNinjs3(input: NinjsInput): Ninjs3Document {
  const item = newsItem(input);
  const descriptions = descriptionsOf(item);
  return {
    uri: item.uri,
    standard: { name: "ninjs", version: "3.1", schema: NINJS3_SCHEMA },
    type: "text",
    profile: item.profile,
    representationType: item.representation,
    version: item.version,
    firstCreated: item.firstCreated,
    versionCreated: item.versionCreated,
    ...(item.embargoedUntil && { embargoedUntil: item.embargoedUntil }),
    pubStatus: item.pubStatus,
    language: item.language,
    headlines: [{ role: "main", contentType: "text/plain", value: item.headline }],
    ...(descriptions.length > 0 && { descriptions }),
    ...(item.body !== null && {
      bodies: [{ role: "main", contentType: "text/html", value: item.body }],
    }),
    ...(item.image && { renditions: [rendition(item.image)] }),
    ...(item.byline && { by: item.byline }),
    ...(item.authors.length > 0 && { people: item.authors.map((a) => person(a)) }),
    subjects: [subject(item.subject), ...(item.mediaTopic ? [topicSubject(item.mediaTopic)] : [])],
    urgency: item.urgency,
    ...(item.edNote && { edNote: item.edNote }),
    copyrightHolder: item.rights.copyrightHolder,
    copyrightNotice: item.rights.copyrightNotice,
    usageTerms: item.rights.usageTerms,
    ...(item.rights.rightsUrl && { rightsInfo: { linkedRights: item.rights.rightsUrl } }),
    altIds: altIds(item),
    ...((item.translations.length > 0 || item.image) && {
      associations: [
        ...(item.image ? [picture(item.image)] : []),
        ...item.translations.map((t) => ({
          name: `translation-${t.lang}`,
          rel: "translation",
          uri: t.uri,
          type: "text" as const,
          language: t.lang,
          headlines: [{ role: "main", contentType: "text/plain", value: t.headline }],
          altIds: [{ role: "canonical", value: t.canonicalUrl }],
        })),
      ],
    }),
  };
}

/**
 * The hero photo as a picture object of its own, as agencies send it: its renditions, and its
 * caption and credit with the picture itself, so an ingest that files pictures apart keeps them.
 */
function picture(image: ItemImage): Ninjs3Association {
  const descriptions = imageDescriptions(image);
  return {
    name: "hero",
    rel: "hero",
    uri: image.uri,
    type: "picture",
    representationType: "full",
    renditions: [rendition(image)],
    ...(descriptions.length > 0 && { descriptions }),
    ...(image.credit && { by: image.credit }),
    // The photo's own rights (an agency's), not the story's: they go with the picture.
    ...(image.copyrightHolder && { copyrightHolder: image.copyrightHolder }),
    ...(image.usageTerms && { usageTerms: image.usageTerms }),
  };
}

function imageDescriptions(image: ItemImage): Ninjs3Text[] {
  return [
    ...(image.caption
      ? [{ role: "caption", contentType: "text/plain", value: image.caption }]
      : []),
    ...(image.credit ? [{ role: "credit", contentType: "text/plain", value: image.credit }] : []),
  ];
}

/**
 * Description roles are the provider's to define (3.1 descriptions): `summary` is the standfirst,
 * `caption` and `credit` belong to the image in `renditions`.
 */
function descriptionsOf(item: NewsItem): Ninjs3Text[] {
  const texts: Ninjs3Text[] = [];
  if (item.summary !== null) {
    texts.push({ role: "summary", contentType: "text/plain", value: item.summary });
  }
  if (item.image) texts.push(...imageDescriptions(item.image));
  return texts;
}

function rendition(image: ItemImage): Ninjs3Rendition {
  return {
    name: "hero",
    href: image.href,
    ...(image.contentType && { contentType: image.contentType }),
    ...(image.width !== null && { width: image.width }),
    ...(image.height !== null && { height: image.height }),
    ...(image.sizeInBytes !== null && { sizeInBytes: image.sizeInBytes }),
  };
}

function person(author: Concept): Ninjs3Concept {
  return { name: author.name, rel: "author", uri: author.uri, literal: author.literal };
}

/** The IPTC Media Topic beside the newsroom's own section, with the QCode as its literal. */
function topicSubject(topic: MediaTopic): Ninjs3Concept {
  return { name: topic.name, rel: "about", uri: topic.uri, literal: topic.qcode };
}

function subject(category: Concept): Ninjs3Concept {
  return { name: category.name, rel: "category", uri: category.uri, literal: category.literal };
}

/** Other names for this same object: its page on the site, and the story all variants share. */
function altIds(item: NewsItem): Ninjs3AltId[] {
  return [
    { role: "canonical", value: item.canonicalUrl },
    { role: "story", value: item.storyId },
  ];
}
