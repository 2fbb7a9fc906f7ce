import { localizer } from "../i18n";
import { LANGUAGES } from "../i18n/languages";
import { isLicensed } from "./entries";
import { feedId } from "./ids";
import { feedUrl, type PageLinks, pageLinks, scopePageUrl } from "./links";
import type { FeedFormat, FeedPage, RenderContext } from "./page";
import { feedDescription, feedTitle } from "./titles";
import { xmlChars } from "./xml-safety";

/**
 * An empty feed still needs an `updated` (RFC 4287 4.1.1). It must not be the clock, or the
 * body, and with it the ETag, would change on every poll; the epoch says "nothing yet".
 */
const NOTHING_YET = "1970-01-01T00:00:00.000Z";

/** Feed-level fields every format shares. */
export interface FeedMetadata {
  id: string;
  /** The newsroom's name in this language; stands in as author where a story has none. */
  siteName: string;
  title: string;
  description: string;
  /** The reader-facing page this feed mirrors. */
  homeUrl: string;
  updated: string;
  links: PageLinks;
  /** The same feed in the other languages, same format (categories and authors exist in all). */
  translations: { lang: string; url: string }[];
  hub: string | null;
  /** Copyright and usage terms (partner feeds only). */
  rights: string | null;
}

export function feedMetadata(page: FeedPage, format: FeedFormat, ctx: RenderContext): FeedMetadata {
  const { t } = localizer(page.language.tag);
  const site = t("site:site.name");
  const scope = page.scope;
  const title = feedTitle(t, scope);
  const description = feedDescription(t, scope);
  return {
    id: feedId(page.language.tag, scope, ctx.partner ? "partner" : "public"),
    siteName: xmlChars(site),
    title: xmlChars(title),
    description: xmlChars(description),
    homeUrl: scopePageUrl(ctx, page.language, scope),
    updated: page.updatedAt ?? NOTHING_YET,
    links: pageLinks(ctx, page, format),
    translations: LANGUAGES.filter(
      (l) => l.tag !== page.language.tag && isLicensed(ctx, l.tag),
    ).map((l) => ({
      lang: l.tag,
      url: feedUrl(ctx, l, scope, format),
    })),
    hub: ctx.hub || null,
    rights: ctx.partner ? xmlChars(ctx.partner.rights) : null,
  };
}
