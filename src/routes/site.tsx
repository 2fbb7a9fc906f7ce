import { Hono } from "hono";
import type { AppEnv } from "../env";
import { localizer } from "../i18n";
import { HomePage } from "../pages/home";
import { latestArticles } from "../services/listing";
import { LANG, routeLanguage } from "./context";

/** Reader-facing pages. */
export const site = new Hono<AppEnv>();

site.get(`/${LANG}/`, async (c) => {
  const language = routeLanguage(c);
  const stories = await latestArticles(c.var.db, language.tag, new Date());
  return c.html(<HomePage l10n={localizer(language.tag)} language={language} stories={stories} />);
});
