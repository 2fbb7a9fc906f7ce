import type { Context } from "hono";
import { decodePageCursor } from "../domain/cursors";
import type { Cursor } from "../domain/story";
import type { AppEnv } from "../env";
import { localizer } from "../i18n";
import { HomePage } from "../pages/home";
import { OPENSEARCH_MEDIA_TYPE, renderOpenSearch } from "../pages/opensearch";
import { SearchPage } from "../pages/search";
import { AuthorPage, CategoryPage } from "../pages/section";
import { StoryPage } from "../pages/story";
import { Invalid } from "../services/errors";
import { frontPage, type SectionKind, sectionPage, storyBySlug } from "../services/reader-pages";
import { searchPage } from "../services/search";
import { routeLanguage, siteOrigin } from "./context";
import { readerSite } from "./reader-context";

/** `?after=` as a keyset cursor; absent means the first page, malformed is refused (400). */
function pageCursor(c: Context<AppEnv>): Cursor | undefined {
  const after = c.req.query("after");
  if (after === undefined) return undefined;
  const cursor = decodePageCursor(after);
  if (!cursor) throw new Invalid("after is not a page cursor");
  return cursor;
}

/** The route patterns guarantee `:slug`; an empty one simply matches no story. */
function slugParam(c: Context<AppEnv>): string {
  return c.req.param("slug") ?? "";
}

/** What every page handler starts from: language, its strings, and the site. */
function reader(c: Context<AppEnv>) {
  const language = routeLanguage(c);
  return { language, l10n: localizer(language.tag), site: readerSite(c) };
}

export async function showHome(c: Context<AppEnv>) {
  const after = pageCursor(c);
  const page = await frontPage(c.var.db, routeLanguage(c).tag, new Date(), after);
  return c.html(<HomePage {...reader(c)} {...page} isFirstPage={after === undefined} />);
}

export async function showStory(c: Context<AppEnv>) {
  const story = await storyBySlug(c.var.db, routeLanguage(c).tag, slugParam(c), new Date());
  return c.html(<StoryPage {...reader(c)} story={story} />);
}

/** Category and author pages: one section of the archive, paginated like the front page. */
const SECTION_PAGES = { category: CategoryPage, author: AuthorPage } as const;

function showSection(kind: SectionKind) {
  const Page = SECTION_PAGES[kind];
  return async (c: Context<AppEnv>) => {
    const after = pageCursor(c);
    const lang = routeLanguage(c).tag;
    const page = await sectionPage(c.var.db, kind, lang, slugParam(c), new Date(), after);
    return c.html(<Page {...reader(c)} {...page} isFirstPage={after === undefined} />);
  };
}

export const showCategory = showSection("category");
export const showAuthor = showSection("author");

/**
 * `/{L}/search?q=`: results in that language only. Not cached at the edge (see edge-cache.ts):
 * every query is its own page, and a withdrawn story must leave the results at once.
 */
export async function showSearch(c: Context<AppEnv>) {
  const after = pageCursor(c);
  const results = await searchPage(
    c.var.db,
    routeLanguage(c).tag,
    c.req.query("q") ?? "",
    new Date(),
    after,
  );
  c.header("Cache-Control", "private, no-cache");
  return c.html(<SearchPage {...reader(c)} results={results} isFirstPage={after === undefined} />);
}

export function showOpenSearch(c: Context<AppEnv>) {
  const language = routeLanguage(c);
  return c.body(renderOpenSearch(localizer(language.tag), language, siteOrigin(c)), 200, {
    "Content-Type": `${OPENSEARCH_MEDIA_TYPE}; charset=utf-8`,
  });
}
