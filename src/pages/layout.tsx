import type { Child } from "hono/jsx";
import type { Localizer } from "../i18n";
import { LANGUAGES, type Language } from "../i18n/languages";

export interface LayoutProps {
  l10n: Localizer;
  language: Language;
  title: string;
  /** For each language segment, where the switcher sends the reader. */
  switcher?: Partial<Record<Language["segment"], string>>;
  children: Child;
}

/** The page shell: masthead with the ua · en · ru switcher, then the page's content. */
export function Layout({ l10n, language, title, switcher, children }: LayoutProps) {
  const { t } = l10n;
  return (
    <html lang={language.tag}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t("site.name")}`}</title>
        <link rel="stylesheet" href="/style.css" />
      </head>
      <body>
        <header class="masthead">
          <a class="brand" href={`/${language.segment}/`}>
            {t("site.name")}
          </a>
          <nav class="switcher" aria-label={t("nav.switchLanguage")}>
            {LANGUAGES.map((other) =>
              other.segment === language.segment ? (
                <span class="current" lang={other.tag} aria-current="true">
                  {other.segment}
                </span>
              ) : (
                <a
                  href={switcher?.[other.segment] ?? `/${other.segment}/`}
                  hreflang={other.tag}
                  lang={other.tag}
                  title={other.nativeName}
                >
                  {other.segment}
                </a>
              ),
            )}
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
