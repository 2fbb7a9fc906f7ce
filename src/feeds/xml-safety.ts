/**
 * XML 1.0 section 2.2 admits only tab, LF, CR and U+0020 onwards (minus surrogates and
 * U+FFFE/U+FFFF); one stray control character from a pasted body makes the whole feed
 * unparseable, so every string bound for XML passes through here. Lone surrogates are
 * caught by the `u` flag treating valid pairs as single code points.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu;

export function xmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, "");
}

/**
 * HTML made safe to sit inside a CDATA section. A CDATA section ends at the first `]]>`, and
 * the `feed` package (through xml-js) splits only the first occurrence, so a body holding two
 * breaks the document. In HTML `&gt;` means `>` in text and attribute values alike, so writing
 * every `]]>` as `]]&gt;` leaves the HTML exactly as it was for the reader.
 */
export function cdataSafeHtml(html: string): string {
  return xmlChars(html).replace(/]]>/g, "]]&gt;");
}

/** Plain text as HTML (RSS `description` holds entity-encoded HTML, RSS 2.0 spec). */
export function textAsHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
