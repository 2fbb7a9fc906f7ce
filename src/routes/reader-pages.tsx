import type { Context } from "hono";
import { decodeCursor } from "../domain/page-cursor";
import type { Cursor } from "../domain/story";
import type { AppEnv } from "../env";
import { localizer } from "../i18n";
import { HomePage } from "../pages/home";
import { AuthorPage, CategoryPage } from "../pages/section";
import { StoryPage } from "../pages/story";
import { Invalid } from "../services/errors";
import { authorPage, categoryPage, frontPage, storyBySlug } from "../services/reader-pages";
import { routeLanguage } from "./context";
import { readerSite } from "./reader-context";

/** `?after=` as a keyset cursor; absent means the first page, malformed is refused (400). */
function pageCursor(c: Context<AppEnv>): Cursor | undefined {
  const after = c.req.query("after");
  if (after === undefined) return undefined;
  const cursor = decodeCursor(after);
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
const SECTIONS = {
  category: { load: categoryPage, Page: CategoryPage },
  author: { load: authorPage, Page: AuthorPage },
} as const;

function showSection(kind: keyof typeof SECTIONS) {
  const { load, Page } = SECTIONS[kind];
  return async (c: Context<AppEnv>) => {
    const after = pageCursor(c);
    const page = await load(c.var.db, routeLanguage(c).tag, slugParam(c), new Date(), after);
    return c.html(<Page {...reader(c)} {...page} isFirstPage={after === undefined} />);
  };
}

export const showCategory = showSection("category");
export const showAuthor = showSection("author");
