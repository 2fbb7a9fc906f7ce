import { photoCredit, type StoryKind, type Variant } from "../../domain/story";
import { isScheduled, partnerReleaseTime } from "../../domain/story-lifecycle";
import type { Author, Category } from "../../domain/taxonomy";
import { resolveWebUrl } from "../../domain/web-url";
import { absolutizeBody } from "../../feeds/absolute-urls";
import { byline } from "../../i18n/byline";
import { LANG_TAGS, type LangTag } from "../../i18n/languages";
import type { NinjsInput, NinjsProvider } from "./input";
import { type MediaTopic, mediaTopicOf } from "./media-topics";
import { TagUris } from "./uri";

/** Urgency when the editors set none: briefs are the newsroom's running news, a step ahead. */
export const BRIEF_URGENCY = 4;
export const ARTICLE_URGENCY = 5;

/** ninjs pubStatus: the NewsML-G2 publishing status codes both versions share. */
export type PubStatus = "usable" | "withheld" | "canceled";

/** A named thing with a stable identifier: an author or the category. */
export interface Concept {
  name: string;
  uri: string;
  /** The newsroom's own id, for partners who map it to their sections. */
  literal: string;
}

export interface ItemImage {
  /** The picture's own ninjs uri (it is also sent as an association). */
  uri: string;
  /** Absolute. */
  href: string;
  contentType: string | null;
  width: number | null;
  height: number | null;
  sizeInBytes: number | null;
  caption: string | null;
  credit: string | null;
  /** The photo's own rights, when not the newsroom's. */
  copyrightHolder: string | null;
  usageTerms: string | null;
}

/** The same story in another language: a separate ninjs object, linked as an association. */
export interface Translation {
  uri: string;
  lang: LangTag;
  headline: string;
  canonicalUrl: string;
}

/**
 * What a document says, decided once for both ninjs versions; v3.ts and v2.ts only spell it in
 * their schema's property names. `null` content was left out on purpose (see `newsItem`).
 */
export interface NewsItem {
  uri: string;
  storyId: string;
  version: string;
  firstCreated: string;
  versionCreated: string;
  embargoedUntil: string | null;
  pubStatus: PubStatus;
  representation: "full" | "partial";
  profile: StoryKind;
  language: LangTag;
  headline: string;
  summary: string | null;
  /** Sanitized HTML. */
  body: string | null;
  image: ItemImage | null;
  byline: string | null;
  authors: Concept[];
  subject: Concept;
  /** The section's IPTC Media Topic, when it has one. */
  mediaTopic: MediaTopic | null;
  /** 1 (flash) .. 9: the editors' choice, else by kind (BRIEF_URGENCY, ARTICLE_URGENCY). */
  urgency: number;
  /** For the partner's editors, not for publication: why it was corrected or withdrawn. */
  edNote: string | null;
  canonicalUrl: string;
  translations: Translation[];
  rights: NinjsProvider;
}

/**
 * The facts of one variant as a partner may receive them.
 *
 * Content by status: a `usable` item carries what the licence allows (summary-only partners get
 * no body). A `canceled` (withdrawn) or `withheld` (draft, scheduled) item keeps only what
 * identifies it: uri, headline, times, byline, subject and links, so a partner can find and take
 * down its copy. Its summary, body and image are dropped: a story is withdrawn because
 * something in it must stop circulating (a legal demand, a revoked photo licence, an error),
 * and a takedown notice that re-sends that text would circulate it again.
 */
export function newsItem(input: NinjsInput): NewsItem {
  const { story, lang, provider } = input;
  const variant = story.variants[lang];
  if (!variant) throw new Error(`story ${story.id} has no ${lang} variant`);
  if (input.category.id !== story.categoryId) {
    throw new Error(
      `category ${input.category.id} is not story ${story.id}'s (${story.categoryId})`,
    );
  }
  const uris = new TagUris(provider.tagAuthority);
  const pubStatus = publishingStatus(input);
  const usable = pubStatus === "usable";
  const fullText = usable && input.licence === "full-text";
  const authors = storyAuthors(input).map((a) => concept(a, lang, uris.author(a.id)));
  return {
    uri: uris.variant(story.id, lang),
    storyId: story.id,
    // ninjs `version` is a string in both schemas; the newsroom's counter is an integer.
    version: String(story.version),
    firstCreated: rfc3339(variant.createdAt),
    versionCreated: rfc3339(later(story.updatedAt, variant.updatedAt)),
    // Scheduled, or released to partners ahead of the public: not to be published before then.
    embargoedUntil:
      story.publishedAt && isScheduled(story, new Date(input.now))
        ? rfc3339(story.publishedAt)
        : null,
    pubStatus,
    representation: fullText ? "full" : "partial",
    profile: story.kind,
    language: lang,
    headline: variant.title,
    summary: usable ? variant.summary : null,
    // Partners show the body away from our site: every link and image must be absolute.
    body: fullText ? absolutizeBody(variant.body, input.storyUrl(lang, variant.slug)) : null,
    image: usable && story.image ? itemImage(input, variant, uris.picture(story.id)) : null,
    byline: byline(
      authors.map((a) => a.name),
      lang,
    ),
    authors,
    subject: concept(input.category, lang, uris.category(input.category.id)),
    mediaTopic: mediaTopicOf(input.category.slug),
    urgency: story.urgency ?? (story.kind === "brief" ? BRIEF_URGENCY : ARTICLE_URGENCY),
    edNote: pubStatus === "canceled" ? (story.withdrawal?.note ?? null) : story.correctionNote,
    canonicalUrl: input.storyUrl(lang, variant.slug),
    translations: LANG_TAGS.filter(
      (other) => other !== lang && (input.languages?.includes(other) ?? true),
    ).flatMap((other) => {
      const sibling = story.variants[other];
      if (!sibling) return [];
      return [
        {
          uri: uris.variant(story.id, other),
          lang: other,
          headline: sibling.title,
          canonicalUrl: input.storyUrl(other, sibling.slug),
        },
      ];
    }),
    rights: provider,
  };
}

function publishingStatus({ story, now }: NinjsInput): PubStatus {
  switch (story.status) {
    case "withdrawn":
      return "canceled";
    case "draft":
      return "withheld";
    case "published": {
      // Scheduled: published in the newsroom, not yet released, so not yet for partners. An
      // embargoed story is released to partners before its publication (embargoedUntil).
      const released = partnerReleaseTime(story);
      return released && Date.parse(released) <= Date.parse(now) ? "usable" : "withheld";
    }
  }
}

function storyAuthors({ story, authors }: NinjsInput): Author[] {
  const byId = new Map(authors.map((a) => [a.id, a]));
  return story.authorIds.map((id) => {
    const author = byId.get(id);
    if (!author) throw new Error(`author ${id} of story ${story.id} was not supplied`);
    return author;
  });
}

/** A localized name, falling back to the slug as the repositories do. */
function concept(named: Category | Author, lang: LangTag, uri: string): Concept {
  return { name: named.names[lang] ?? named.slug, uri, literal: named.id };
}

function itemImage({ story, origin }: NinjsInput, variant: Variant, uri: string): ItemImage | null {
  const image = story.image;
  // Stored image URLs may be site-relative (/media/x.jpg); a partner needs them absolute.
  const href = image ? resolveWebUrl(image.url, origin) : null;
  if (!image || !href) return null;
  return {
    uri,
    href,
    contentType: image.type,
    width: image.width,
    height: image.height,
    sizeInBytes: image.length,
    caption: variant.imageCaption,
    // The credit in the item's language, as its caption is.
    credit: photoCredit(image, variant),
    copyrightHolder: image.copyrightHolder ?? null,
    usageTerms: image.usageTerms ?? null,
  };
}

/** RFC 3339 in UTC (`Z`), whatever offset the stored instant was written with. */
function rfc3339(instant: string): string {
  return new Date(instant).toISOString();
}

function later(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
