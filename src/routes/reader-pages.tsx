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

export async function showCategory(c: Context<AppEnv>) {
  const after = pageCursor(c);
  const { section, stories, next } = await categoryPage(
    c.var.db,
    routeLanguage(c).tag,
    slugParam(c),
    new Date(),
    after,
  );
  return c.html(
    <CategoryPage
      {...reader(c)}
      section={section}
      stories={stories}
      next={next}
      isFirstPage={after === undefined}
    />,
  );
}

export async function showAuthor(c: Context<AppEnv>) {
  const after = pageCursor(c);
  const { section, stories, next } = await authorPage(
    c.var.db,
    routeLanguage(c).tag,
    slugParam(c),
    new Date(),
    after,
  );
  return c.html(
    <AuthorPage
      {...reader(c)}
      section={section}
      stories={stories}
      next={next}
      isFirstPage={after === undefined}
    />,
  );
}
