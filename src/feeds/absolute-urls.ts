import * as xssModule from "xss";
import { ALLOWED } from "../domain/html";

// xss is CommonJS; read its helpers off the module object (see src/domain/html.ts).
const xss = (xssModule as unknown as { default?: typeof xssModule }).default ?? xssModule;

const URL_ATTRIBUTES = new Set(["href", "src", "cite"]);
const URL_ATTRIBUTE = /\s(?:href|src|cite)\s*=/i;

/** A URL resolved against a base; left untouched when it cannot be parsed. */
export function absoluteUrl(url: string, base: string): string {
  try {
    return new URL(url.trim(), base).href;
  } catch {
    return url;
  }
}

/**
 * A stored body with every href, src and cite made absolute. Feed readers show content away
 * from the site, where `/media/x.jpg` means nothing (RSS and JSON Feed define no base URL, and
 * many readers ignore Atom's xml:base). The body goes through the tokenizer that sanitized it,
 * with the same allowlist, so only URL attributes change; relative URLs resolve against the
 * story's own page, as a browser showing that page would resolve them.
 */
export function absolutizeBody(html: string, storyPageUrl: string): string {
  // Most bodies carry no URL at all; tokenizing them would only reproduce them (they are
  // stored in this tokenizer's own output form), at a tenth of a feed's rendering time.
  if (!URL_ATTRIBUTE.test(html)) return html;
  return new xss.FilterXSS({
    whiteList: ALLOWED,
    stripIgnoreTag: true,
    allowCommentTag: false,
    onTagAttr(_tag, name, value, isAllowed) {
      if (!isAllowed || !URL_ATTRIBUTES.has(name)) return undefined;
      const resolved = absoluteUrl(xss.friendlyAttrValue(value), storyPageUrl);
      return `${name}="${xss.escapeAttrValue(resolved)}"`;
    },
    safeAttrValue(_tag, _name, value) {
      return xss.escapeAttrValue(xss.friendlyAttrValue(value));
    },
  }).process(html);
}
