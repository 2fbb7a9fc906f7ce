import { LANG_TAGS, type LangTag } from "../src/i18n/languages";
import nkTies from "./data/stories/01-russia-china-nk-ties.json";
import usActions from "./data/stories/02-us-further-actions.json";
import solarBenches from "./data/stories/07-kyiv-solar-benches.json";
import danube from "./data/stories/14-danube-ports-record-april.json";
import insulation from "./data/stories/18-kyiv-insulation-cofinancing.json";

/**
 * Bodies as large and as rich as the seed stories' (3-6 KB of UTF-8 per language: paragraphs,
 * a subheading, a link, a figure), so that row sizes, feed sizes and render costs measured on
 * synthetic archives are the ones a real newsroom would see. The text is the seeds' own.
 */

interface SeedVariant {
  body: string;
}
interface SeedStory {
  variants: Partial<Record<LangTag, SeedVariant>>;
}

const SOURCES: SeedStory[] = [nkTies, usActions, solarBenches, danube, insulation];

const PARAGRAPHS = Object.fromEntries(
  LANG_TAGS.map((lang) => [
    lang,
    SOURCES.flatMap((story) =>
      [...(story.variants[lang]?.body ?? "").matchAll(/<p>(.*?)<\/p>/g)].map((m) => m[1] ?? ""),
    ).filter((p) => p.length > 0),
  ]),
) as Record<LangTag, string[]>;

const WORDS: Record<LangTag, { heading: string; more: string; figure: string }> = {
  uk: { heading: "Що далі", more: "Докладніше у звіті", figure: "Ілюстративне зображення" },
  en: { heading: "What comes next", more: "More in the report", figure: "Illustrative image" },
  ru: { heading: "Что дальше", more: "Подробнее в отчёте", figure: "Иллюстративное изображение" },
};

const encoder = new TextEncoder();
const MIN_BYTES = 3_000;
// Room below 6 KB for the last paragraph, which may overshoot the target by one.
const SPREAD_BYTES = 2_200;

/** Story `n`'s body in `lang`: deterministic, between 3 and 6 KB, never two alike in a row. */
export function syntheticBody(n: number, lang: LangTag): string {
  const pool = PARAGRAPHS[lang];
  if (pool.length === 0) throw new Error(`no seed paragraphs in ${lang}`);
  const words = WORDS[lang];
  // Knuth's multiplicative hash spreads the sizes evenly over the range.
  const target = MIN_BYTES + (((n * 2_654_435_761) >>> 0) % SPREAD_BYTES);
  const parts = [
    `<p><a href="https://example.org/reports/${n}">${words.more}</a>.</p>`,
    `<figure><img src="/media/winter-city.jpg" alt="${words.figure}" width="1200" height="675"><figcaption>${words.figure}</figcaption></figure>`,
  ];
  let bytes = parts.reduce((sum, part) => sum + encoder.encode(part).byteLength, 0);
  const paragraphs: string[] = [];
  for (let i = 0; bytes < target; i++) {
    const paragraph = `<p>${pool[(n + i) % pool.length]}</p>`;
    paragraphs.push(paragraph);
    bytes += encoder.encode(paragraph).byteLength;
  }
  const middle = Math.ceil(paragraphs.length / 2);
  return [
    ...paragraphs.slice(0, middle),
    parts[1],
    `<h2>${words.heading}</h2>`,
    ...paragraphs.slice(middle),
    parts[0],
  ].join("");
}
