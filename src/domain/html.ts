import {
  type DefaultTreeAdapterTypes,
  defaultTreeAdapter,
  html,
  parseFragment,
  serialize,
} from "parse5";

type ChildNode = DefaultTreeAdapterTypes.ChildNode;
type Element = DefaultTreeAdapterTypes.Element;
type ParentNode = DefaultTreeAdapterTypes.ParentNode;

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

/** Elements dropped together with their content; any other unknown element is unwrapped. */
const DROPPED_WITH_CONTENT = new Set([
  "script",
  "style",
  "iframe",
  "object",
  "embed",
  "noscript",
  "noembed",
  "noframes",
  "template",
  "textarea",
  "select",
  "title",
  "xmp",
]);

const URL_ATTRIBUTES = new Set(["href", "src", "cite"]);

/** http(s), mailto and relative URLs only: no javascript:, data:, vbscript: or other schemes. */
function isSafeUrl(value: string): boolean {
  const trimmed = value.trim();
  if (/^(https?:\/\/|mailto:)/i.test(trimmed)) return true;
  // A relative URL's first segment cannot hold a colon; anything with one names a scheme.
  return !/^[^/?#]*:/.test(trimmed) && !/\p{Cc}/u.test(trimmed);
}

// Story bodies sit inside the page's <body>; parsing in that context builds the tree a browser
// builds when it meets the same markup there (HTML 13.4, the fragment parsing algorithm).
const BODY_CONTEXT = defaultTreeAdapter.createElement("body", html.NS.HTML, []);

/** The children `node` keeps: allowed elements (cleaned), text, and the unwrapped rest. */
function cleanChildren(node: ParentNode): ChildNode[] {
  const kept: ChildNode[] = [];
  for (const child of node.childNodes) {
    if (defaultTreeAdapter.isTextNode(child)) {
      kept.push(child);
    } else if (defaultTreeAdapter.isElementNode(child)) {
      kept.push(...cleanElement(child));
    }
    // Comments, doctypes and processing instructions go.
  }
  for (const child of kept) child.parentNode = node;
  return kept;
}

function cleanElement(element: Element): ChildNode[] {
  // SVG and MathML are where HTML's parsing rules change (mutation XSS lives there): gone whole.
  if (element.namespaceURI !== html.NS.HTML) return [];
  if (DROPPED_WITH_CONTENT.has(element.tagName)) return [];
  const allowed = ALLOWED[element.tagName];
  const children = cleanChildren(element);
  if (!allowed) return children;
  element.attrs = element.attrs.filter(
    (attr) =>
      !attr.namespace &&
      allowed.includes(attr.name) &&
      (!URL_ATTRIBUTES.has(attr.name) || isSafeUrl(attr.value)),
  );
  element.childNodes = children;
  return [element];
}

function sanitizeOnce(markup: string): string {
  const fragment = parseFragment(BODY_CONTEXT, markup, {});
  fragment.childNodes = cleanChildren(fragment);
  return serialize(fragment);
}

/**
 * The stored form of an editor's HTML body: parsed as a browser would (every element closed,
 * misnesting repaired by the HTML parser's own rules), cut to the allowlist above, serialized.
 * Unwrapping a refused element can leave an allowed tree a browser would build differently
 * (a <p> inside a <p>), so the result is parsed again until it no longer changes: what is stored
 * is exactly what every reader's parser will see.
 */
export function sanitizeBody(markup: string): string {
  let current = sanitizeOnce(markup);
  for (let pass = 0; pass < 3; pass++) {
    const next = sanitizeOnce(current);
    if (next === current) break;
    current = next;
  }
  return current.trim();
}
