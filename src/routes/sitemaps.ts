import { Hono } from "hono";
import type { AppEnv } from "../env";
import { localizer } from "../i18n";
import { LANG_TAGS, type LangTag } from "../i18n/languages";
import { conditionalResponse } from "../middleware/conditional";
import {
  renderFrontPagesSitemap,
  renderNewsSitemap,
  renderRobots,
  renderSitemapIndex,
  renderStorySitemap,
} from "../pages/sitemap";
import {
  NEWS_SITEMAP_URL_LIMIT,
  recentNewsStories,
  sitemapChildren,
  sitemapChildStories,
} from "../services/sitemaps";
import {
  FRONT_PAGES_SITEMAP_PATH,
  NEWS_SITEMAP_PATH,
  SITEMAP_INDEX_PATH,
  storySitemapPath,
} from "../urls";
import { readerSite } from "./reader-context";

/** What crawlers read: the sitemap index and its children, Google News' sitemap, robots.txt. */
export const sitemaps = new Hono<AppEnv>();

const XML_TYPE = "application/xml; charset=utf-8";
const XML = { "Content-Type": XML_TYPE };

sitemaps.get(SITEMAP_INDEX_PATH, async (c) => {
  const children = await sitemapChildren(c.var.db, new Date());
  const entries = [
    { path: FRONT_PAGES_SITEMAP_PATH },
    ...children.map((child) => ({
      path: storySitemapPath(child.month, child.page),
      lastmod: child.lastModified,
    })),
  ];
  return c.body(renderSitemapIndex(entries, readerSite(c)), 200, XML);
});

sitemaps.get(FRONT_PAGES_SITEMAP_PATH, (c) =>
  c.body(renderFrontPagesSitemap(readerSite(c)), 200, XML),
);

sitemaps.get("/sitemaps/:file{stories-[0-9]{4}-[0-9]{2}-[1-9][0-9]{0,5}\\.xml}", async (c) => {
  const [, month = "", page = ""] =
    /^stories-([0-9]{4}-[0-9]{2})-([0-9]+)\.xml$/.exec(c.req.param("file")) ?? [];
  const { child, stories } = await sitemapChildStories(c.var.db, month, Number(page), new Date());
  // The month's lastmod, as the index states it: a crawler revalidating gets a 304.
  return conditionalResponse(c, {
    body: renderStorySitemap(stories, readerSite(c)),
    contentType: XML_TYPE,
    lastModified: child.lastModified,
  });
});

sitemaps.get(NEWS_SITEMAP_PATH, async (c) => {
  const stories = await recentNewsStories(c.var.db, new Date());
  const names = Object.fromEntries(
    LANG_TAGS.map((lang) => [lang, localizer(lang).t("site.name")]),
  ) as Record<LangTag, string>;
  return c.body(renderNewsSitemap(stories, readerSite(c), names, NEWS_SITEMAP_URL_LIMIT), 200, XML);
});

sitemaps.get("/robots.txt", (c) => c.text(renderRobots(readerSite(c))));
