/**
 * The one table mapping the newsroom's URL segments to BCP 47 tags.
 * `ua` is only ever a URL segment; every machine-readable place (html lang, hreflang,
 * feed language, Intl locale, ninjs, the database) uses the tag.
 */
export const LANGUAGES = [
  { segment: "ua", tag: "uk", ogLocale: "uk_UA", nativeName: "Українська" },
  { segment: "en", tag: "en", ogLocale: "en_US", nativeName: "English" },
  { segment: "ru", tag: "ru", ogLocale: "ru_RU", nativeName: "Русский" },
] as const;

export type Language = (typeof LANGUAGES)[number];
export type LangTag = Language["tag"];
export type LangSegment = Language["segment"];

export const LANG_TAGS: readonly LangTag[] = LANGUAGES.map((l) => l.tag);
export const LANG_SEGMENTS: readonly LangSegment[] = LANGUAGES.map((l) => l.segment);

const bySegment = new Map<string, Language>(LANGUAGES.map((l) => [l.segment, l]));
const byTag = new Map<string, Language>(LANGUAGES.map((l) => [l.tag, l]));

export function languageBySegment(segment: string): Language | undefined {
  return bySegment.get(segment);
}

export function languageByTag(tag: string): Language | undefined {
  return byTag.get(tag);
}

export function isLangTag(value: string): value is LangTag {
  return byTag.has(value);
}

export function segmentOf(tag: LangTag): LangSegment {
  // biome-ignore lint/style/noNonNullAssertion: every LangTag is in the table
  return byTag.get(tag)!.segment;
}
