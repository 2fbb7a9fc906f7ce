/** Small, dependency-free readers for the HTML our pages render (attributes in double quotes). */

/** Every tag of a name, e.g. tags(html, "link"), as its raw source text. */
export function tags(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`<${name}\\b[^>]*>`, "g"))].map((m) => m[0]);
}

/** One attribute of a tag's source text, entity-decoded for &amp; only (all our URLs need). */
export function attr(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match?.[1]?.replaceAll("&amp;", "&");
}

/** `<link>` tags with rel, plus extra attribute filters. */
export function links(html: string, rel: string, filter: Record<string, string> = {}): string[] {
  return tags(html, "link").filter(
    (tag) =>
      attr(tag, "rel") === rel &&
      Object.entries(filter).every(([name, value]) => attr(tag, name) === value),
  );
}

/** `<meta property=... content=...>` values for one property, in document order. */
export function metaProperty(html: string, property: string): string[] {
  return tags(html, "meta")
    .filter((tag) => attr(tag, "property") === property)
    .map((tag) => attr(tag, "content") ?? "");
}

/** The switcher's links, by language segment. */
export function switcherLinks(html: string): Record<string, { href: string; label: string }> {
  const nav = /<nav class="switcher"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? "";
  const result: Record<string, { href: string; label: string }> = {};
  for (const match of nav.matchAll(/<a\b([^>]*)>([a-z]{2})<\/a>/g)) {
    const tag = `<a${match[1]}>`;
    result[match[2] as string] = {
      href: attr(tag, "href") ?? "",
      label: attr(tag, "aria-label") ?? "",
    };
  }
  return result;
}

/** Text with tags removed, for assertions about what a reader sees. */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");
}

/** The parsed JSON of the page's `application/ld+json` block. */
export function jsonLd(html: string): Record<string, unknown> {
  const body = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (body === undefined) throw new Error("no JSON-LD block on the page");
  return JSON.parse(body) as Record<string, unknown>;
}
