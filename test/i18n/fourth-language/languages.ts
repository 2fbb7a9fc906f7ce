// The language table of the fourth-language test (vitest project `fourth-language`): the
// real table of src/i18n/languages.ts plus one entry, Polish, with its locales folder beside
// this file. vitest.config.ts makes every import of src/i18n/languages in that project resolve
// here, so the app runs its production code on a table of four languages; nothing else about a
// language is added anywhere, apart from its row in `languages`, which the test inserts.
import * as real from "../../../src/i18n/languages";
import plFeeds from "./locales/pl/feeds.json";
import plSite from "./locales/pl/site.json";

const polish = {
  segment: "pl",
  tag: "pl",
  ordinal: 3,
  ogLocale: "pl_PL",
  nativeName: "Polski",
  messages: { site: plSite, feeds: plFeeds },
} as const;

export const LANGUAGES = [...real.LANGUAGES, polish] as unknown as typeof real.LANGUAGES;
export type { LangSegment, LangTag, Language } from "../../../src/i18n/languages";
export const deriveLanguages = real.deriveLanguages;

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
