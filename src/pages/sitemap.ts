import type { SitemapStory } from "../db/sitemap";
import { LANGUAGES, type LangTag, segmentOf } from "../i18n/languages";
import { homePath, storyPath } from "./paths";
import type { SiteContext } from "./site-context";

/** XML 1.0 character escaping for text and attribute values. */
function xml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

interface Page {
  loc: string;
  lastmod?: string;
  /** Every language version, this one included, as hreflang -> absolute URL. */
  alternates: { hreflang: string; href: string }[];
}

function urlEntry(page: Page): string {
  const links = page.alternates
    .map((a) => `<xhtml:link rel="alternate" hreflang="${xml(a.hreflang)}" href="${xml(a.href)}"/>`)
    .join("");
  const lastmod = page.lastmod ? `<lastmod>${xml(page.lastmod)}</lastmod>` : "";
  return `<url><loc>${xml(page.loc)}</loc>${lastmod}${links}</url>`;
}

/**
 * The site map: every language's front page and every published story variant, each listing
 * all its language versions plus x-default as xhtml:link alternates (Google's hreflang-in-
 * sitemap form; a URL set must list itself among its alternates).
 */
export function renderSitemap(stories: readonly SitemapStory[], site: SiteContext): string {
  const url = (path: string) => `${site.origin}${path}`;
  const homeAlternates = [
    ...LANGUAGES.map((l) => ({ hreflang: l.tag, href: url(homePath(l.segment)) })),
    { hreflang: "x-default", href: url("/") },
  ];
  const pages: Page[] = LANGUAGES.map((l) => ({
    loc: url(homePath(l.segment)),
    alternates: homeAlternates,
  }));
  for (const story of stories) {
    const hrefOf = (lang: LangTag, slug: string) => url(storyPath(segmentOf(lang), slug));
    const preferred =
      story.variants.find((v) => v.lang === site.defaultLanguage.tag) ?? story.variants[0];
    const alternates: Page["alternates"] = story.variants.map((v) => ({
      hreflang: v.lang,
      href: hrefOf(v.lang, v.slug),
    }));
    if (preferred) {
      alternates.push({ hreflang: "x-default", href: hrefOf(preferred.lang, preferred.slug) });
    }
    for (const variant of story.variants) {
      pages.push({
        loc: hrefOf(variant.lang, variant.slug),
        lastmod: variant.updatedAt,
        alternates,
      });
    }
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...pages.map(urlEntry),
    "</urlset>",
    "",
  ].join("\n");
}

/**
 * A Google News sitemap: one entry per story variant of the last two days, each with its
 * publication's name and language (an ISO 639 code, which the BCP 47 tags here already are).
 */
export function renderNewsSitemap(
  stories: readonly SitemapStory[],
  site: SiteContext,
  publicationName: Record<LangTag, string>,
  maxUrls: number,
): string {
  const entries = stories
    .flatMap((story) => story.variants.map((variant) => ({ story, variant })))
    .slice(0, maxUrls)
    .map(
      ({ story, variant }) =>
        `<url><loc>${xml(`${site.origin}${storyPath(segmentOf(variant.lang), variant.slug)}`)}</loc>` +
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
    `Sitemap: ${site.origin}/sitemap.xml`,
    `Sitemap: ${site.origin}/news-sitemap.xml`,
    "",
  ].join("\n");
}
