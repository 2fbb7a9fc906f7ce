import type { Story, Variant } from "../src/domain/story";
import type { Author, Category } from "../src/domain/taxonomy";
import { LANG_TAGS, type LangTag } from "../src/i18n/languages";
import { syntheticBody } from "./synthetic-bodies";

/** Synthetic stories for benchmarks: deterministic, in all three languages, spread over time. */

export const SYNTHETIC_CATEGORIES: Category[] = Array.from({ length: 8 }, (_, i) => ({
  id: `synthetic-${i}`,
  slug: `synthetic-${i}`,
  names: { uk: `Розділ ${i}`, en: `Section ${i}`, ru: `Раздел ${i}` },
}));

export const SYNTHETIC_AUTHORS: Author[] = Array.from({ length: 24 }, (_, i) => ({
  id: `synthetic-author-${i}`,
  slug: `synthetic-author-${i}`,
  names: { uk: `Авторка ${i}`, en: `Author ${i}`, ru: `Автор ${i}` },
}));

const SUMMARIES: Record<LangTag, string[]> = {
  uk: [
    "Міська рада ухвалила рішення про ремонт мостів і доріг у трьох районах до кінця року.",
    "За даними статистичного відомства, ціни на продукти зросли на 0,4% за місяць.",
    "Науковці представили результати дослідження про якість повітря у великих містах.",
    "Музей відкрив нову виставку, присвячену історії книгодрукування в Україні.",
  ],
  en: [
    "The city council approved repairs to bridges and roads in three districts by year's end.",
    "Food prices rose 0.4% over the month, according to the statistics office.",
    "Researchers presented the results of a study of air quality in large cities.",
    "The museum opened a new exhibition on the history of book printing in Ukraine.",
  ],
  ru: [
    "Городской совет одобрил ремонт мостов и дорог в трёх районах до конца года.",
    "По данным статистического ведомства, цены на продукты выросли на 0,4% за месяц.",
    "Учёные представили результаты исследования качества воздуха в крупных городах.",
    "Музей открыл новую выставку, посвящённую истории книгопечатания в Украине.",
  ],
};

const TITLES: Record<LangTag, string> = {
  uk: "Синтетична новина",
  en: "Synthetic story",
  ru: "Синтетическая новость",
};

const MINUTE = 60_000;

/** Story number `n` (1-based); newer numbers are published later, one every seven minutes. */
export function syntheticStory(n: number, newest: Date): Story {
  const published = new Date(newest.getTime() - n * 7 * MINUTE).toISOString();
  const id = `synthetic-${String(n).padStart(7, "0")}`;
  const variants: Story["variants"] = {};
  for (const lang of LANG_TAGS) {
    const summaries = SUMMARIES[lang];
    const variant: Variant = {
      lang,
      slug: `${id}-${lang}`,
      title: `${TITLES[lang]} ${n}`,
      summary: summaries[n % summaries.length] ?? "",
      body: syntheticBody(n, lang),
      imageCaption: null,
      imageCredit: null,
      imageAlt: null,
      createdAt: published,
      updatedAt: published,
    };
    variants[lang] = variant;
  }
  return {
    id,
    kind: n % 5 === 0 ? "brief" : "article",
    categoryId: SYNTHETIC_CATEGORIES[n % SYNTHETIC_CATEGORIES.length]?.id ?? "synthetic-0",
    status: "published",
    publishedAt: published,
    createdAt: published,
    updatedAt: published,
    version: 1,
    image:
      n % 3 === 0
        ? {
            url: "/media/winter-city.jpg",
            type: "image/jpeg",
            length: null,
            width: 1200,
            height: 675,
            credit: "Placeholder image",
          }
        : null,
    authorIds: [SYNTHETIC_AUTHORS[n % SYNTHETIC_AUTHORS.length]?.id ?? "synthetic-author-0"],
    variants,
    withdrawal: null,
    urgency: null,
    correctionNote: null,
    partnerReleaseAt: null,
  };
}
