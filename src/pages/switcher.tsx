import type { Localizer } from "../i18n";
import { LANGUAGES, type Language } from "../i18n/languages";
import { homePath } from "../urls";
import { languageChoicePath, type Versions } from "./paths";

/** A page's language and the paths of its versions in the others. */
interface LanguageVersionsProps {
  l10n: Localizer;
  language: Language;
  versions: Versions;
}

/**
 * The `ua · en · ru` switcher. Each other language links to this page in that language when
 * it exists there; otherwise to that language's front page, saying the page is not available
 * in it. Every link passes through /lang/{segment}, which remembers the choice, so no script.
 */
export function Switcher({ l10n, language, versions }: LanguageVersionsProps) {
  const { t } = l10n;
  return (
    <nav class="switcher" aria-label={t("nav.switchLanguage")}>
      {LANGUAGES.map((other) => {
        if (other.tag === language.tag) {
          return (
            <span class="current" lang={other.tag} aria-current="page">
              {other.segment}
            </span>
          );
        }
        const target = versions[other.tag];
        const label = target ? readInLabel(l10n, other) : unavailableLabel(l10n, other);
        return (
          <a
            class={target ? undefined : "unavailable"}
            href={languageChoicePath(other.segment, target ?? homePath(other.segment))}
            hreflang={other.tag}
            title={label}
            // WCAG 2.5.3 (label in name): the name starts with the visible "en", so a voice
            // user who says "click en" reaches the link.
            aria-label={`${other.segment}: ${label}`}
          >
            {other.segment}
          </a>
        );
      })}
    </nav>
  );
}

/** The languages this page is missing in, each as a link to that language's front page. */
export function UnavailableNotes({ l10n, language, versions }: LanguageVersionsProps) {
  const missing = LANGUAGES.filter((l) => l.tag !== language.tag && !versions[l.tag]);
  if (missing.length === 0) return null;
  return (
    <ul class="availability">
      {missing.map((l) => (
        <li>
          <a href={languageChoicePath(l.segment, homePath(l.segment))} hreflang={l.tag}>
            {unavailableLabel(l10n, l)}
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * "Read this in English": each locale words it for each language it knows (the grammar differs
 * per language); for a language added after it, a generic wording with the language's name
 * from Intl, so a new language needs only its own locales folder.
 */
function readInLabel(l10n: Localizer, other: Language): string {
  const key = `switcher.readIn.${other.tag}`;
  if (l10n.t(key, { defaultValue: "" }) !== "") return l10n.t(key);
  return l10n.t("switcher.readInLanguage", { language: languageName(l10n, other) });
}

function unavailableLabel(l10n: Localizer, other: Language): string {
  const key = `switcher.unavailable.${other.tag}`;
  if (l10n.t(key, { defaultValue: "" }) !== "") return l10n.t(key);
  return l10n.t("switcher.unavailableInLanguage", { language: languageName(l10n, other) });
}

function languageName(l10n: Localizer, other: Language): string {
  return l10n.intl.formatDisplayName(other.tag, { type: "language" }) ?? other.nativeName;
}
