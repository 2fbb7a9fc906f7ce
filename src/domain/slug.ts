import CyrillicToTranslit from "cyrillic-to-translit-js";
import type { LangTag } from "../i18n/languages";

// Ukrainian uses the national (KMU 2010) romanization: Київ -> Kyiv, not Kiev.
const ukrainian = CyrillicToTranslit({ preset: "uk" });
const russian = CyrillicToTranslit({ preset: "ru" });

const MAX_SLUG_LENGTH = 80;

/** A URL slug for a title: Latin transliteration, lowercase, hyphen-separated. */
export function slugify(title: string, lang: LangTag): string {
  const latin =
    lang === "uk"
      ? ukrainian.transform(title)
      : lang === "ru"
        ? // The preset writes ы as "i" (белый -> belii); common Russian romanization uses "y".
          russian.transform(title.replace(/ы/g, "y").replace(/Ы/g, "Y"))
        : title;
  const slug = latin
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  const cut = slug.slice(0, MAX_SLUG_LENGTH + 1);
  const lastHyphen = cut.lastIndexOf("-");
  return (lastHyphen > 20 ? cut.slice(0, lastHyphen) : cut.slice(0, MAX_SLUG_LENGTH)).replace(
    /-+$/,
    "",
  );
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
