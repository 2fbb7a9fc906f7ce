import * as xssModule from "xss";

// xss is CommonJS; Node's ESM loader exposes only some of its named exports, so read the
// helpers off the module object itself (the default export under Node, the namespace in a bundle).
const xss = (xssModule as unknown as { default?: typeof xssModule }).default ?? xssModule;

/**
 * The tags and attributes a story body may hold. Everything else is dropped: scripts and
 * styles with their content, event handlers, `style` attributes, iframes and forms.
 */
export const ALLOWED: Record<string, string[]> = {
  p: [],
  br: [],
  hr: [],
  h2: [],
  h3: [],
  h4: [],
  blockquote: ["cite"],
  q: ["cite"],
  cite: [],
  a: ["href", "title", "hreflang"],
  em: [],
  i: [],
  strong: [],
  b: [],
  sub: [],
  sup: [],
  ul: [],
  ol: [],
  li: [],
  figure: [],
  figcaption: [],
  img: ["src", "alt", "width", "height"],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: [],
  td: [],
};

const URL_ATTRIBUTES = new Set(["href", "src", "cite"]);

/** http(s), mailto and relative URLs only: no javascript:, data:, vbscript: or other schemes. */
function isSafeUrl(value: string): boolean {
  const trimmed = value.trim();
  if (/^(https?:\/\/|mailto:)/i.test(trimmed)) return true;
  // A relative URL's first segment cannot hold a colon; anything with one names a scheme.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters hide schemes from naive checks
  return !/^[^/?#]*:/.test(trimmed) && !/[\u0000-\u001f]/.test(trimmed);
}

const filter = new xss.FilterXSS({
  whiteList: ALLOWED,
  stripIgnoreTag: true,
  stripIgnoreTagBody: ["script", "style", "iframe", "object", "embed", "noscript", "template"],
  allowCommentTag: false,
  // Returning "" from onTagAttr drops the attribute whole (safeAttrValue would leave `href=""`).
  onTagAttr(_tag, name, value, isAllowed) {
    if (isAllowed && URL_ATTRIBUTES.has(name) && !isSafeUrl(xss.friendlyAttrValue(value)))
      return "";
    return undefined;
  },
  safeAttrValue(_tag, _name, value) {
    return xss.escapeAttrValue(xss.friendlyAttrValue(value));
  },
});

/** The stored form of an editor's HTML body: the allowlist above and nothing else. */
export function sanitizeBody(html: string): string {
  return filter.process(html).trim();
}
