import { raw } from "hono/html";

/**
 * JSON for a `<script type="application/ld+json">` block. JSON.stringify alone is not enough
 * inside HTML: a string holding `</script>` would end the element (HTML 13.2.6.4.4 script data
 * state) and `<!--` changes how the parser reads what follows. Escaping `<`, `>` and `&` as
 * JSON unicode escapes keeps the data identical for any JSON parser and inert for HTML's;
 * U+2028/U+2029 are escaped too so the text is also a valid JavaScript string literal.
 */
export function jsonLdText(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export function JsonLd({ data }: { data: unknown }) {
  return <script type="application/ld+json">{raw(jsonLdText(data))}</script>;
}
