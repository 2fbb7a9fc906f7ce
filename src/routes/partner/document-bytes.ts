import { renderNewsMLG2 } from "../../partners/newsml-g2";
import { renderNinjs2, renderNinjs3 } from "../../partners/ninjs";
import type { DocumentRenderer } from "../../services/partner-documents";

/**
 * A partner document as UTF-8 JSON: a ninjs object, or a NewsML-G2 document as a JSON string.
 * Serialized and encoded once when rendered and kept so, by sync and search alike: a page of
 * kept documents is spliced together as bytes (a 50-item sync page is some 330 KB of JSON, and
 * encoding that text for the response was the largest cost of a page of kept documents).
 */
export type DocumentBytes = Uint8Array;

export type DocumentFormat = "3.1" | "2.2" | "newsml-g2";

export const utf8 = new TextEncoder();

/** The renderer of each format, for kept documents and single stories alike. */
export const RENDER = {
  "3.1": renderNinjs3,
  "2.2": renderNinjs2,
  "newsml-g2": renderNewsMLG2,
} as const;

export function documentBytes(format: DocumentFormat): DocumentRenderer<DocumentBytes> {
  return {
    format: format === "newsml-g2" ? format : `ninjs ${format}`,
    render: (input) => utf8.encode(JSON.stringify(RENDER[format](input))),
    size: (document) => document.byteLength,
  };
}

/** One response body from its parts, text encoded as UTF-8 and kept documents as they are. */
export function jsonBody(parts: readonly (string | Uint8Array)[]): Uint8Array<ArrayBuffer> {
  const bytes = parts.map((part) => (typeof part === "string" ? utf8.encode(part) : part));
  const body = new Uint8Array(bytes.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of bytes) {
    body.set(part, at);
    at += part.byteLength;
  }
  return body;
}
