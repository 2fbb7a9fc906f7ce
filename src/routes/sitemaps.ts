import { Hono } from "hono";
import type { AppEnv } from "../env";
import { localizer } from "../i18n";
import { renderNewsSitemap, renderRobots, renderSitemap } from "../pages/sitemap";
import { NEWS_SITEMAP_URL_LIMIT, recentNewsStories, sitemapStories } from "../services/sitemaps";
import { readerSite } from "./reader-context";

/** What crawlers read: the site map, the Google News sitemap, robots.txt. */
export const sitemaps = new Hono<AppEnv>();

const XML = { "Content-Type": "application/xml; charset=utf-8" };

sitemaps.get("/sitemap.xml", async (c) => {
  const stories = await sitemapStories(c.var.db, new Date());
  return c.body(renderSitemap(stories, readerSite(c)), 200, XML);
});

sitemaps.get("/news-sitemap.xml", async (c) => {
  const stories = await recentNewsStories(c.var.db, new Date());
  const names = {
    uk: localizer("uk").t("site.name"),
    en: localizer("en").t("site.name"),
    ru: localizer("ru").t("site.name"),
  };
  return c.body(renderNewsSitemap(stories, readerSite(c), names, NEWS_SITEMAP_URL_LIMIT), 200, XML);
});

sitemaps.get("/robots.txt", (c) => c.text(renderRobots(readerSite(c))));
