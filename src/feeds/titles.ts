import type { TFunction } from "i18next";
import type { FeedScope } from "./page";

/**
 * A feed's title and description in the language `t` speaks. One place, so the feed document
 * and the pages that link it (`<link rel="alternate" title>`) name it the same way.
 */
export function feedTitle(t: TFunction, scope: FeedScope): string {
  const site = t("site:site.name");
  switch (scope.kind) {
    case "category":
      return t("feeds:category.title", { site, category: scope.category.name });
    case "author":
      return t("feeds:author.title", { site, author: scope.author.name });
    default:
      return t(`feeds:${scope.kind}.title`, { site });
  }
}

export function feedDescription(t: TFunction, scope: FeedScope): string {
  const site = t("site:site.name");
  switch (scope.kind) {
    case "category":
      return t("feeds:category.description", { site, category: scope.category.name });
    case "author":
      return t("feeds:author.description", { site, author: scope.author.name });
    default:
      return t(`feeds:${scope.kind}.description`, { site });
  }
}
