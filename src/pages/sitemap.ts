import type { NewsSitemapStory, SitemapStory } from "../db/sitemap";
import { LANGUAGES, type LangTag } from "../i18n/languages";
import { homePath, NEWS_SITEMAP_PATH, SITEMAP_INDEX_PATH, storyUrl } from "../urls";
import type { SiteContext } from "./site-context";

const XML_SPECIAL = /[&<>"']/;

/**
 * XML 1.0 character escaping for text and attribute values. A sitemap child escapes some
 * 15,000 values, nearly all URLs and dates with nothing to escape: those are returned as given.
 */
function xml(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Every language version of one page, this one included, as xhtml:link alternates. */
function alternateLinks(alternates: readonly { hreflang: string; href: string }[]): string {
  return alternates
    .map((a) => `<xhtml:link rel="alternate" hreflang="${xml(a.hreflang)}" href="${xml(a.href)}"/>`)
    .join("");
}

function urlEntry(loc: string, lastmod: string | undefined, links: string): string {
  const modified = lastmod ? `<lastmod>${xml(lastmod)}</lastmod>` : "";
  return `<url><loc>${xml(loc)}</loc>${modified}${links}</url>`;
}

function urlset(entries: readonly string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...entries,
    "</urlset>",
    "",
  ].join("\n");
}

/** A child of the sitemap index, as its path and the time it last changed. */
export interface SitemapIndexEntry {
  path: string;
  lastmod?: string;
}

/** The sitemap index (sitemaps.org 0.9): one <sitemap> per child, with absolute locations. */
export function renderSitemapIndex(
  children: readonly SitemapIndexEntry[],
  site: SiteContext,
): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...children.map(
      (child) =>
        `<sitemap><loc>${xml(`${site.origin}${child.path}`)}</loc>` +
        (child.lastmod ? `<lastmod>${xml(child.lastmod)}</lastmod>` : "") +
        "</sitemap>",
    ),
    "</sitemapindex>",
    "",
  ].join("\n");
}

/** The front page of every language, each listing all of them plus x-default. */
export function renderFrontPagesSitemap(site: SiteContext): string {
  const url = (path: string) => `${site.origin}${path}`;
  const links = alternateLinks([
    ...LANGUAGES.map((l) => ({ hreflang: l.tag, href: url(homePath(l.segment)) })),
    { hreflang: "x-default", href: url("/") },
  ]);
  return urlset(LANGUAGES.map((l) => urlEntry(url(homePath(l.segment)), undefined, links)));
}

/**
 * A child of stories: every variant, each listing all its language versions plus x-default
 * as xhtml:link alternates (Google's hreflang-in-sitemap form; a URL set must list itself
 * among its alternates). A story's links are built once and shared by its variants.
 */
export function renderStorySitemap(stories: readonly SitemapStory[], site: SiteContext): string {
  const entries: string[] = [];
  for (const story of stories) {
    const hrefs = story.variants.map((v) => storyUrl(site.origin, v.lang, v.slug));
    const preferred = Math.max(
      0,
      story.variants.findIndex((v) => v.lang === site.defaultLanguage.tag),
    );
    const alternates: { hreflang: string; href: string }[] = story.variants.map((v, i) => ({
      hreflang: v.lang,
      href: hrefs[i] ?? "",
    }));
    if (hrefs.length > 0) alternates.push({ hreflang: "x-default", href: hrefs[preferred] ?? "" });
    const links = alternateLinks(alternates);
    story.variants.forEach((variant, i) => {
      entries.push(urlEntry(hrefs[i] ?? "", variant.updatedAt, links));
    });
  }
  return urlset(entries);
}

/**
 * A Google News sitemap: one entry per story variant of the last two days, each with its
 * publication's name and language (an ISO 639 code, which the BCP 47 tags here already are).
 */
export function renderNewsSitemap(
  stories: readonly NewsSitemapStory[],
  site: SiteContext,
  publicationName: Record<LangTag, string>,
  maxUrls: number,
): string {
  const entries = stories
    .flatMap((story) => story.variants.map((variant) => ({ story, variant })))
    .slice(0, maxUrls)
    .map(
      ({ story, variant }) =>
        `<url><loc>${xml(storyUrl(site.origin, variant.lang, variant.slug))}</loc>` +
        "<news:news><news:publication>" +
        `<news:name>${xml(publicationName[variant.lang])}</news:name>` +
        `<news:language>${xml(variant.lang)}</news:language>` +
        "</news:publication>" +
        `<news:publication_date>${xml(story.publishedAt)}</news:publication_date>` +
        `<news:title>${xml(variant.title)}</news:title>` +
        "</news:news></url>",
    );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ...entries,
    "</urlset>",
    "",
  ].join("\n");
}

/** robots.txt (RFC 9309): everything may be crawled but the language-choice redirects. */
export function renderRobots(site: SiteContext): string {
  return [
    "User-agent: *",
    "Disallow: /lang/",
    "Allow: /",
    "",
    // The index names every other sitemap but the news one, which Google reads on its own.
    `Sitemap: ${site.origin}${SITEMAP_INDEX_PATH}`,
    `Sitemap: ${site.origin}${NEWS_SITEMAP_PATH}`,
    "",
  ].join("\n");
}
