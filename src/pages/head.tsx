import type { HeroImage } from "../domain/story";
import { FEED_FORMATS } from "../feeds/formats";
import type { FeedScope } from "../feeds/page";
import { feedTitle } from "../feeds/titles";
import type { Localizer } from "../i18n";
import { LANGUAGES, type Language } from "../i18n/languages";
import { feedPath } from "../urls";
import { JsonLd } from "./json-ld";
import { openSearchPath, type Versions } from "./paths";
import type { SiteContext } from "./site-context";

/** What a page tells search engines, link previews and feed readers about itself. */
export interface PageMeta {
  /** The document title, before the site name is appended. */
  title: string;
  description: string;
  /** Site-relative canonical path; omitted on error pages, which have none. */
  canonicalPath?: string;
  /** This page in each language it exists in (drives hreflang and og:locale:alternate). */
  versions: Versions;
  /** Where `x-default` points: the page for readers whose language is none of these. */
  xDefaultPath?: string;
  type: "website" | "article";
  image?: HeroImage & { alt: string };
  article?: { publishedTime: string; modifiedTime: string; section: string };
  jsonLd?: unknown;
  /**
   * The feeds this page's list is also published as (the site's, a category's...), first the
   * one the footer offers. Each link is titled by its feed, never by the page.
   */
  feeds?: FeedScope[];
  /** Error pages ask not to be indexed. */
  noindex?: boolean;
}

export function absoluteUrl(site: SiteContext, path: string): string {
  return /^https?:\/\//.test(path) ? path : `${site.origin}${path}`;
}

/** The tags inside `<head>` that depend on the page: links, Open Graph, JSON-LD. */
export function HeadMeta({
  l10n,
  language,
  site,
  meta,
}: {
  l10n: Localizer;
  language: Language;
  site: SiteContext;
  meta: PageMeta;
}) {
  const { t } = l10n;
  const url = (path: string) => absoluteUrl(site, path);
  const present = LANGUAGES.filter((l) => meta.versions[l.tag] !== undefined);
  return (
    <>
      <meta name="description" content={meta.description} />
      {meta.noindex ? <meta name="robots" content="noindex" /> : null}
      {meta.canonicalPath ? <link rel="canonical" href={url(meta.canonicalPath)} /> : null}
      {meta.canonicalPath
        ? present.map((l) => (
            <link rel="alternate" hreflang={l.tag} href={url(meta.versions[l.tag] as string)} />
          ))
        : null}
      {meta.canonicalPath && meta.xDefaultPath ? (
        <link rel="alternate" hreflang="x-default" href={url(meta.xDefaultPath)} />
      ) : null}
      {(meta.feeds ?? []).map((scope) => {
        const title = feedTitle(t, scope);
        return FEED_FORMATS.map((format) => (
          <link
            rel="alternate"
            type={format.mediaType}
            title={t("feeds.alternate", { title, format: format.label })}
            href={url(feedPath(language.segment, scope, format.file))}
          />
        ));
      })}
      <link
        rel="search"
        type="application/opensearchdescription+xml"
        title={t("search.openSearchName")}
        href={url(openSearchPath(language.segment))}
      />
      <meta property="og:site_name" content={t("site.name")} />
      <meta property="og:type" content={meta.type} />
      <meta property="og:title" content={meta.title} />
      <meta property="og:description" content={meta.description} />
      {meta.canonicalPath ? <meta property="og:url" content={url(meta.canonicalPath)} /> : null}
      <meta property="og:locale" content={language.ogLocale} />
      {present
        .filter((l) => l.tag !== language.tag)
        .map((l) => (
          <meta property="og:locale:alternate" content={l.ogLocale} />
        ))}
      {meta.image ? (
        <>
          <meta property="og:image" content={url(meta.image.url)} />
          {meta.image.type ? <meta property="og:image:type" content={meta.image.type} /> : null}
          {meta.image.width ? (
            <meta property="og:image:width" content={String(meta.image.width)} />
          ) : null}
          {meta.image.height ? (
            <meta property="og:image:height" content={String(meta.image.height)} />
          ) : null}
          <meta property="og:image:alt" content={meta.image.alt} />
        </>
      ) : null}
      {meta.article ? (
        <>
          <meta property="article:published_time" content={meta.article.publishedTime} />
          <meta property="article:modified_time" content={meta.article.modifiedTime} />
          <meta property="article:section" content={meta.article.section} />
        </>
      ) : null}
      {meta.jsonLd ? <JsonLd data={meta.jsonLd} /> : null}
    </>
  );
}
