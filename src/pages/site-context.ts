import type { Localizer } from "../i18n";
import type { Language } from "../i18n/languages";

/** What every page needs to know about the site it is rendered for, besides its own content. */
export interface SiteContext {
  /** Public origin without a trailing slash, for absolute URLs (canonical, og:url, JSON-LD). */
  origin: string;
  /** The language `/` falls back to: the story variant that `x-default` points at. */
  defaultLanguage: Language;
}

/** What every reader page is rendered with, and passes on to its layout. */
export interface ReaderFrame {
  l10n: Localizer;
  language: Language;
  site: SiteContext;
}
