/**
 * Words only: tags and entities out, letters and digits lowercased, everything else one space.
 * Quotes, dashes and apostrophes differ between a summary and a body for no reason a reader
 * would notice, so they do not count.
 */
export function standfirstWords(text: string): string {
  return text
    .replace(/<[^>]*>/g, " ")
    .replace(/&#(?:39|x27);|&apos;/gi, "'")
    .replace(/&amp;/gi, "&")
    .replace(/&[#a-z0-9]+;/gi, " ")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/['’ʼ]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Whether a summary is worth showing above the body: not when the body opens with the same
 * words, which readers would then read twice.
 */
export function showsStandfirst(summary: string | null | undefined, bodyHtml: string): boolean {
  if (!summary) return false;
  const standfirst = standfirstWords(summary);
  if (standfirst === "") return false;
  return !opensWith(bodyHtml, standfirst);
}

/**
 * Whether the body's words begin with the standfirst's. Only the opening is read when that
 * tells: the words of a whole 5 KB body cost a story page about a millisecond. A tag reads as
 * a space, so the words before a tag are the whole body's first words, none cut short.
 */
function opensWith(bodyHtml: string, standfirst: string): boolean {
  for (let read = 2 * standfirst.length + 256; read < bodyHtml.length; read *= 2) {
    const tag = bodyHtml.lastIndexOf("<", read);
    if (tag <= 0) continue;
    const opening = standfirstWords(bodyHtml.slice(0, tag));
    if (opening.length > standfirst.length) return opening.startsWith(`${standfirst} `);
  }
  const body = standfirstWords(bodyHtml);
  return body === standfirst || body.startsWith(`${standfirst} `);
}
