import { XMLBuilder } from "fast-xml-parser";

/**
 * The XML writer for the documents the `feed` package cannot shape (Atom, OPML). Attributes
 * are keys starting with `@_`; text is `#text`; every value is entity-escaped, so no content
 * can break out of its element.
 */
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  format: true,
  indentBy: "  ",
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
  processEntities: true,
});

export type XmlNode = Record<string, unknown>;

export function xmlDocument(root: XmlNode): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(root)}`;
}

/** Drops undefined and null attributes/children so the builder never writes "undefined". */
export function compact<T extends XmlNode>(node: T): T {
  return Object.fromEntries(
    Object.entries(node).filter(([, value]) => value !== undefined && value !== null),
  ) as T;
}
