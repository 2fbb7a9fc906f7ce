import { xmlDocument } from "../feeds/xml";
import type { Localizer } from "../i18n";
import type { Language } from "../i18n/languages";
import { openSearchPath, searchPath } from "./paths";

export const OPENSEARCH_MEDIA_TYPE = "application/opensearchdescription+xml";

/**
 * The OpenSearch 1.1 description of one language's search, so browsers can offer the site as a
 * search engine. `Language` is the BCP 47 tag (uk), never the URL segment (ua).
 */
export function renderOpenSearch(l10n: Localizer, language: Language, origin: string): string {
  const { t } = l10n;
  // `{searchTerms}` is OpenSearch's placeholder; it must reach the client unencoded.
  const template = `${origin}${searchPath(language.segment)}?q={searchTerms}`;
  return xmlDocument({
    OpenSearchDescription: {
      "@_xmlns": "http://a9.com/-/spec/opensearch/1.1/",
      // OpenSearch 1.1: ShortName at most 16 characters, Description at most 1024.
      ShortName: t("search.openSearchName").slice(0, 16),
      Description: t("search.openSearchDescription"),
      InputEncoding: "UTF-8",
      Language: language.tag,
      Url: [
        { "@_type": "text/html", "@_method": "get", "@_template": template },
        {
          "@_type": OPENSEARCH_MEDIA_TYPE,
          "@_rel": "self",
          "@_template": `${origin}${openSearchPath(language.segment)}`,
        },
      ],
    },
  });
}
