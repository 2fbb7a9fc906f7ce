import { type DefaultTreeAdapterTypes, parseFragment } from "parse5";

type Node = DefaultTreeAdapterTypes.ChildNode;

// HTML's void elements: written self-closed, as XML requires.
const VOID = new Set([
  "area",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "source",
  "track",
  "wbr",
]);

function text(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Text for an XML attribute value in double quotes (also safe as element text). */
export function xmlAttribute(value: string): string {
  return text(value).replace(/"/g, "&quot;");
}

function serializeNode(node: Node): string {
  if (node.nodeName === "#text") return text((node as DefaultTreeAdapterTypes.TextNode).value);
  if (!("tagName" in node)) return ""; // comments, doctypes: the sanitized body has none
  const attrs = node.attrs.map((a) => ` ${a.name}="${xmlAttribute(a.value)}"`).join("");
  if (VOID.has(node.tagName)) return `<${node.tagName}${attrs}/>`;
  return `<${node.tagName}${attrs}>${node.childNodes.map(serializeNode).join("")}</${node.tagName}>`;
}

/**
 * An HTML fragment (a stored, sanitized body) as well-formed XHTML: parsed by the HTML parser,
 * written back with XML's rules (void elements closed, every `&`, `<` and quote escaped), for
 * formats that embed the body as XML (NewsML-G2 inlineXML).
 */
export function htmlToXhtml(html: string): string {
  return parseFragment(html).childNodes.map(serializeNode).join("");
}
