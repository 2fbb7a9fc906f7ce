import enFeeds from "../../locales/en/feeds.json";
import enSite from "../../locales/en/site.json";
import ruFeeds from "../../locales/ru/feeds.json";
import ruSite from "../../locales/ru/site.json";
import ukFeeds from "../../locales/uk/feeds.json";
import ukSite from "../../locales/uk/site.json";

/**
 * The one table of the newsroom's languages: everything else in code (route pattern, API enums
 * and their messages, sitemap names, seed validation, UI strings) derives from it. A new
 * language is an entry here, its row in the database's `languages` table (a migration
 * inserting its tag and ordinal; every table holding a language references that table) and its
 * locales/<tag>/ folder. `ua` is only ever a URL segment; every machine-readable place (html
 * lang, hreflang, feed language, Intl locale, ninjs, the database) uses the tag.
 *
 * `ordinal` is the language's place in search document keys (src/search/document-key.ts),
 * mirrored in its `languages` row: stored keys carry it, so it never changes and is never
 * reused, whatever the order of this table. The keys have two bits for it: four languages.
 */
export const LANGUAGES = [
  {
    segment: "ua",
    tag: "uk",
    ordinal: 0,
    ogLocale: "uk_UA",
    nativeName: "Українська",
    messages: { site: ukSite, feeds: ukFeeds },
  },
  {
    segment: "en",
    tag: "en",
    ordinal: 1,
    ogLocale: "en_US",
    nativeName: "English",
    messages: { site: enSite, feeds: enFeeds },
  },
  {
    segment: "ru",
    tag: "ru",
    ordinal: 2,
    ogLocale: "ru_RU",
    nativeName: "Русский",
    messages: { site: ruSite, feeds: ruFeeds },
  },
] as const;

export type Language = (typeof LANGUAGES)[number];
export type LangTag = Language["tag"];
export type LangSegment = Language["segment"];

/**
 * Everything derived from a table of languages. A function of the table, so that a test can
 * derive the same from a table with one more entry.
 */
export function deriveLanguages(table: readonly Language[]) {
  const tags = table.map((l) => l.tag);
  const segments = table.map((l) => l.segment);
  const bySegment = new Map<string, Language>(table.map((l) => [l.segment, l]));
  const byTag = new Map<string, Language>(table.map((l) => [l.tag, l]));
  return {
    LANG_TAGS: tags as readonly LangTag[],
    LANG_SEGMENTS: segments as readonly LangSegment[],
    /** The tags as a zod enum wants them: a non-empty tuple. */
    LANG_TAG_TUPLE: tags as [LangTag, ...LangTag[]],
    /** "uk, en, ru": for messages and API descriptions. */
    LANG_TAG_LIST: tags.join(", "),
    /** "uk, en or ru". */
    LANG_TAG_CHOICE: `${tags.slice(0, -1).join(", ")} or ${tags.at(-1)}`,
    /** "ua, en or ru". */
    LANG_SEGMENT_CHOICE: `${segments.slice(0, -1).join(", ")} or ${segments.at(-1)}`,
    /**
     * The segments as a route-pattern group. The group matters: Hono's trie router anchors
     * the pattern as `^...$`, and a bare `ua|en|ru` would then read as `^ua` or `ru$`.
     */
    LANG_SEGMENT_PATTERN: `(?:${segments.join("|")})`,
    languageBySegment(segment: string): Language | undefined {
      return bySegment.get(segment);
    },
    languageByTag(tag: string): Language | undefined {
      return byTag.get(tag);
    },
    isLangTag(value: string): value is LangTag {
      return byTag.has(value);
    },
    segmentOf(tag: LangTag): LangSegment {
      // biome-ignore lint/style/noNonNullAssertion: every LangTag is in the table
      return byTag.get(tag)!.segment;
    },
    /** The language's fixed place in search document keys (see `ordinal` above). */
    ordinalOf(tag: LangTag): number {
      // biome-ignore lint/style/noNonNullAssertion: every LangTag is in the table
      return byTag.get(tag)!.ordinal;
    },
  };
}

export const {
  LANG_TAGS,
  LANG_SEGMENTS,
  LANG_TAG_TUPLE,
  LANG_TAG_LIST,
  LANG_TAG_CHOICE,
  LANG_SEGMENT_CHOICE,
  LANG_SEGMENT_PATTERN,
  languageBySegment,
  languageByTag,
  isLangTag,
  segmentOf,
  ordinalOf,
} = deriveLanguages(LANGUAGES);
