import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { FEED_FORMATS } from "../feeds/formats";
import { feedPath, homePath } from "../urls";
import { HeadMeta, type PageMeta } from "./head";
import { SearchBox } from "./search-box";
import type { ReaderFrame } from "./site-context";
import { Switcher } from "./switcher";

export interface LayoutProps extends ReaderFrame {
  meta: PageMeta;
  /** What the search box in the masthead holds: the query, on search result pages. */
  searchQuery?: string;
  children: Child;
}

/** The page shell: head, masthead with the ua · en · ru switcher, the page, a footer. */
export function Layout({ l10n, language, site, meta, searchQuery, children }: LayoutProps) {
  const { t } = l10n;
  const documentTitle = `${meta.title} · ${t("site.name")}`;
  // The footer offers the same feeds as the head: a section's own, else the language's.
  const footerFeeds = meta.feeds?.[0] ?? { kind: "site" };
  return (
    <>
      {/* Without a doctype browsers render in quirks mode (HTML 13.2.6.4.1). */}
      {raw("<!DOCTYPE html>")}
      <html lang={language.tag}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{documentTitle}</title>
          <link rel="stylesheet" href="/style.css" />
          <link rel="icon" href="/favicon.ico" sizes="32x32" />
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          <HeadMeta l10n={l10n} language={language} site={site} meta={meta} />
        </head>
        <body>
          <a class="skip-link" href="#content">
            {t("nav.skipToContent")}
          </a>
          <header class="masthead">
            <div class="masthead-inner">
              <div class="brand-block">
                <a class="brand" href={homePath(language.segment)}>
                  {t("site.name")}
                </a>
                <span class="tagline">{t("site.tagline")}</span>
              </div>
              <SearchBox l10n={l10n} language={language} query={searchQuery ?? ""} />
              <Switcher l10n={l10n} language={language} versions={meta.versions} />
            </div>
          </header>
          <main id="content">{children}</main>
          <footer class="site-footer">
            <div class="site-footer-inner">
              <a href={homePath(language.segment)}>{t("nav.home")}</a>
              <span class="feeds">
                {FEED_FORMATS.map((format) => (
                  <a
                    href={feedPath(language.segment, footerFeeds, format.file)}
                    type={format.mediaType}
                  >
                    {format.label}
                  </a>
                ))}
              </span>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}
