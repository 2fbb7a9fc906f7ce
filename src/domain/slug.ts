import type { LangTag } from "../i18n/languages";

/**
 * Ukrainian: the official romanization, Cabinet of Ministers of Ukraine resolution No. 55 of
 * 27 January 2010 (KMU 2010): Київ -> Kyiv. Є, Ї, Й, Ю, Я have one form at the start of a word
 * and another inside it; Ь and the apostrophe are not written; "зг" is "zgh" (Згорани ->
 * Zghorany), so it cannot be read as "zh".
 */
// biome-ignore format: a transliteration table reads best as a table
const UKRAINIAN: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "h", ґ: "g", д: "d", е: "e", є: "ie", ж: "zh", з: "z", и: "y",
  і: "i", ї: "i", й: "i", к: "k", л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t",
  у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch", ь: "", ю: "iu", я: "ia",
};
// biome-ignore format: a transliteration table reads best as a table
const UKRAINIAN_WORD_INITIAL: Record<string, string> = { є: "ye", ї: "yi", й: "y", ю: "yu", я: "ya" };

/**
 * Russian: ICAO Doc 9303 (8th ed., part 3, section 6), the table Russian passports use since
 * 2014: Я -> ia, Ю -> iu, Й -> i, Ъ -> ie, Ы -> y, Ё and Э -> e. It also covers the Ukrainian
 * letters a Russian title may quote.
 */
// biome-ignore format: a transliteration table reads best as a table
const RUSSIAN: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "e", ж: "zh", з: "z", и: "i", й: "i",
  к: "k", л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f",
  х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch", ъ: "ie", ы: "y", ь: "", э: "e", ю: "iu",
  я: "ia", і: "i", ї: "i", є: "ie", ґ: "g",
};

/** Apostrophes inside a word (М’ясо, Мар'їне): not written, and they do not start a word. */
const APOSTROPHE = /['’ʼ`]/;
const LETTER = /\p{L}/u;
/** The same apostrophe between two letters in any language: "Ukraine's" is one word, `ukraines`. */
const APOSTROPHE_IN_WORD = /(?<=\p{L})['’ʼ`](?=\p{L})/gu;

function ukrainianLatin(text: string): string {
  let out = "";
  let previous = "";
  const chars = [...text];
  chars.forEach((char, i) => {
    const lower = char.toLowerCase();
    const wordInitial = !LETTER.test(previous) && !APOSTROPHE.test(previous);
    if (APOSTROPHE.test(char) && LETTER.test(previous) && LETTER.test(chars[i + 1] ?? "")) {
      // an apostrophe between letters is not written, and the word goes on
    } else if (lower === "г" && previous.toLowerCase() === "з") {
      out += "gh";
    } else if (wordInitial && UKRAINIAN_WORD_INITIAL[lower] !== undefined) {
      out += UKRAINIAN_WORD_INITIAL[lower];
    } else {
      out += UKRAINIAN[lower] ?? RUSSIAN[lower] ?? lower;
    }
    if (!(APOSTROPHE.test(char) && LETTER.test(previous))) previous = char;
  });
  return out;
}

function russianLatin(text: string): string {
  return [...text].map((char) => RUSSIAN[char.toLowerCase()] ?? char.toLowerCase()).join("");
}

export const MAX_SLUG_LENGTH = 80;

/**
 * Words a shortened slug must not end on: conjunctions, articles and prepositions that only
 * lead into the words that were cut ("...-rosii-ta", "...-i").
 */
// biome-ignore format: word lists
const DANGLING = new Set([
  // English
  "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or",
  "the", "to", "with",
  // Ukrainian (KMU 2010)
  "i", "y", "ta", "abo", "chy", "ale", "shcho", "iak", "z", "iz", "zi", "v", "u", "na", "do",
  "dlia", "vid", "pro", "po", "pid", "nad", "za", "pry", "bez", "cherez",
  // Russian (ICAO Doc 9303)
  "ili", "no", "chto", "kak", "s", "so", "vo", "k", "ko", "o", "ob", "ot", "pri",
]);

/** A URL slug for a title: Latin transliteration, lowercase, hyphen-separated. */
export function slugify(title: string, lang: LangTag): string {
  const latin = lang === "uk" ? ukrainianLatin(title) : lang === "ru" ? russianLatin(title) : title;
  const slug = latin
    .replace(APOSTROPHE_IN_WORD, "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  const words = slug.split("-");
  const kept: string[] = [];
  let length = 0;
  for (const word of words) {
    const next = length === 0 ? word.length : length + 1 + word.length;
    if (next > MAX_SLUG_LENGTH) break;
    kept.push(word);
    length = next;
  }
  // One word longer than the limit: cut it, there is no boundary to keep.
  if (kept.length === 0) return slug.slice(0, MAX_SLUG_LENGTH);
  while (kept.length > 1 && DANGLING.has(kept[kept.length - 1] as string)) kept.pop();
  return kept.join("-");
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
