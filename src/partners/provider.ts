import { TAG_AUTHORITY } from "../domain/identity";
import type { Env } from "../env";
import type { NinjsContext } from "../services/partner-content";
import { storyUrl } from "../urls";
import type { NinjsProvider } from "./ninjs";

/** Who issues partner documents and on what terms: configuration (wrangler.toml [vars]). */
export function ninjsProvider(env: Env): NinjsProvider {
  return {
    // The same tagging entity as feed entry ids, so a feed entry and a ninjs document agree.
    tagAuthority: TAG_AUTHORITY,
    copyrightHolder: env.COPYRIGHT_HOLDER,
    copyrightNotice: env.COPYRIGHT_NOTICE,
    usageTerms: env.USAGE_TERMS,
  };
}

/** Links into the public site at `origin`, and the rights, for every document of a response. */
export function ninjsContext(origin: string, env: Env): NinjsContext {
  return {
    origin,
    storyUrl: (lang, slug) => storyUrl(origin, lang, slug),
    provider: ninjsProvider(env),
  };
}

/** The one-line rights statement feeds carry (RSS copyright, Atom rights, JSON Feed _rights). */
export function rightsLine(env: Env): string {
  return `${env.COPYRIGHT_NOTICE} ${env.USAGE_TERMS}`;
}
