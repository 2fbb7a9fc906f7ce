/**
 * Words only: tags and entities out, letters and digits lowercased, everything else one space.
 * Quotes, dashes and apostrophes differ between a summary and a body for no reason a reader
 * would notice, so they do not count.
 */
function words(text: string): string {
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
  const standfirst = words(summary);
  if (standfirst === "") return false;
  const body = words(bodyHtml);
  return !(body === standfirst || body.startsWith(`${standfirst} `));
}
