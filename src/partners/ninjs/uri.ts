import type { LangTag } from "../../i18n/languages";

// RFC 4151 section 2.1: taggingEntity = authorityName "," date.
const TAGGING_ENTITY = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?,\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

/**
 * Identifiers as RFC 4151 `tag:` URIs. ninjs says `uri` identifies the object and is not a link
 * (3.1 ninjsType.uri), and must not change across versions. A URL under the site origin would
 * change with a domain move or differ between the origins one deployment answers on; a `urn:`
 * needs a registered namespace. A tag URI depends only on the configured tagging entity and the
 * story id + language, so every version of a variant keeps it, in both ninjs versions.
 */
export class TagUris {
  constructor(private readonly taggingEntity: string) {
    if (!TAGGING_ENTITY.test(taggingEntity)) {
      throw new Error(`not an RFC 4151 tagging entity (domain,date): ${taggingEntity}`);
    }
  }

  /** One language variant of a story: the ninjs object. */
  variant(storyId: string, lang: LangTag): string {
    return this.mint(`story/${encodeURIComponent(storyId)}/${lang}`);
  }

  /** The story's hero photo, one object whatever the language. */
  picture(storyId: string): string {
    return this.mint(`story/${encodeURIComponent(storyId)}/picture`);
  }

  category(id: string): string {
    return this.mint(`category/${encodeURIComponent(id)}`);
  }

  author(id: string): string {
    return this.mint(`author/${encodeURIComponent(id)}`);
  }

  private mint(specific: string): string {
    return `tag:${this.taggingEntity}:${specific}`;
  }
}
