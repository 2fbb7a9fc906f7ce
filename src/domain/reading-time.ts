/** A typical adult silent-reading speed for news prose, in words per minute. */
const WORDS_PER_MINUTE = 200;

/**
 * Whole minutes a reader needs for a story body (sanitized HTML), never less than one.
 * Words are counted on the text alone, tags and entities aside.
 */
export function readingMinutes(bodyHtml: string): number {
  const text = bodyHtml
    .replace(/<[^>]*>/g, " ")
    .replace(/&[#a-z0-9]+;/gi, " ")
    .trim();
  const words = text === "" ? 0 : text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
}
