import type { Category } from "../domain/taxonomy";
import { localizer } from "../i18n";
import { LANGUAGES, type Language } from "../i18n/languages";
import { feedUrl, scopePageUrl } from "./links";
import type { FeedScope, RenderContext } from "./page";
import { rssFormat } from "./rss";
import { xmlDocument } from "./xml";
import { xmlChars } from "./xml-safety";

/**
 * OPML 2.0 subscription list: each language's site, briefs and category feeds (RSS), grouped
 * under that language and titled in it, so a reader can import one language or all.
 */
export function renderOpml(categories: readonly Category[], ctx: RenderContext): string {
  const en = localizer("en").t;
  return xmlDocument({
    opml: {
      "@_version": "2.0",
      head: { title: xmlChars(en("feeds:opml.title", { site: en("site:site.name") })) },
      body: {
        outline: LANGUAGES.map((language) => ({
          "@_text": language.nativeName,
          outline: languageFeeds(language, categories, ctx),
        })),
      },
    },
  });
}

function languageFeeds(language: Language, categories: readonly Category[], ctx: RenderContext) {
  const { t } = localizer(language.tag);
  const site = t("site:site.name");
  const scopes: { scope: FeedScope; title: string }[] = [
    { scope: { kind: "site" }, title: t("feeds:site.title", { site }) },
    { scope: { kind: "briefs" }, title: t("feeds:briefs.title", { site }) },
    ...categories.map((c) => {
      const name = c.names[language.tag] ?? c.slug;
      return {
        scope: { kind: "category", category: { id: c.id, slug: c.slug, name } } as FeedScope,
        title: t("feeds:category.title", { site, category: name }),
      };
    }),
  ];
  return scopes.map(({ scope, title }) => ({
    "@_type": "rss",
    "@_version": "RSS2",
    "@_text": xmlChars(title),
    "@_title": xmlChars(title),
    "@_language": language.tag,
    "@_xmlUrl": feedUrl(ctx, language, scope, rssFormat),
    "@_htmlUrl": scopePageUrl(ctx, language, scope),
  }));
}
