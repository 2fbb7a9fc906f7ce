/**
 * Links an editor may store (a hero image's URL): an absolute URL with an allowed scheme, or a
 * path on this site. Checked by the WHATWG URL parser, the same one every renderer, browser and
 * feed reader uses later, so nothing stored can fail to parse there. A path must really be a
 * path: `//host/x` and `/\host/x` are protocol-relative URLs to another host (browsers treat a
 * backslash like a slash), and a path that resolves off the site is refused too.
 */

export interface LinkRules {
  /** Allowed schemes, with the colon, as URL.protocol spells them: ["https:"]. */
  schemes: readonly string[];
  /** Whether a site-relative path ("/images/x.jpg") is allowed. */
  paths: boolean;
}

export type LinkCheck = { ok: true; link: string } | { ok: false; problem: string };

// Any base works: it only tells whether a path stays on the site it is resolved against.
const PROBE_ORIGIN = "https://site.invalid";

/** Parses an editor's link; `link` is its normalized form (what the URL parser serializes). */
export function checkLink(raw: string, rules: LinkRules): LinkCheck {
  const expected = describe(rules);
  // The URL parser silently drops tabs and line breaks and trims spaces and controls; a link
  // that needs that was not what the editor meant, so refuse instead of guessing.
  if (/[\s\p{Cc}]/u.test(raw)) {
    return { ok: false, problem: `must be ${expected}, without spaces or control characters` };
  }
  if (raw.startsWith("/")) {
    if (!rules.paths) return { ok: false, problem: `must be ${expected}` };
    if (raw.startsWith("//") || raw.startsWith("/\\")) {
      return { ok: false, problem: `must be ${expected}; "//" starts another host` };
    }
    let url: URL;
    try {
      url = new URL(raw, PROBE_ORIGIN);
    } catch {
      return { ok: false, problem: `must be ${expected}; this path does not parse` };
    }
    if (url.origin !== PROBE_ORIGIN) return { ok: false, problem: `must be ${expected}` };
    return { ok: true, link: `${url.pathname}${url.search}${url.hash}` };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, problem: `must be ${expected}; this one does not parse as a URL` };
  }
  if (!rules.schemes.includes(url.protocol)) {
    return { ok: false, problem: `must be ${expected}, not ${url.protocol}` };
  }
  // The parser forgives "https:host/x" and "https:\\host\x"; an editor who typed that meant
  // something else, so only the plain "scheme://" form is taken.
  if (!raw.toLowerCase().startsWith(`${url.protocol}//`)) {
    return { ok: false, problem: `must be ${expected}, written ${url.protocol}//host/path` };
  }
  if (url.username || url.password) return { ok: false, problem: "must not carry credentials" };
  if (!url.hostname) return { ok: false, problem: `must be ${expected} with a host` };
  return { ok: true, link: url.href };
}

function describe(rules: LinkRules): string {
  const schemes = rules.schemes.map((s) => s.replace(/:$/, "")).join(" or ");
  return rules.paths ? `an ${schemes} URL or a site-relative path` : `an ${schemes} URL`;
}
