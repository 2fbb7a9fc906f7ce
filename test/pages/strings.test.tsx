import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { localizer } from "../../src/i18n";
import { formatIcu } from "../../src/i18n/messages";
import { RESOURCES } from "../../src/i18n/resources";
import app from "../../src/index";
import { visibleText } from "../helpers/html";
import { loadSeedStories } from "../helpers/seeds";

/** i18next answers a missing key with the key itself: `story.readTime` on the page. */
const KEY_GROUPS = Object.keys(RESOURCES.en.site).join("|");
const RAW_KEY = new RegExp(`(?:^|[\\s>"'(])(?:site:)?(?:${KEY_GROUPS})\\.[a-zA-Z][\\w.]*`);

const PAGES = [
  "/{seg}/",
  "/{seg}/news/{story}",
  "/{seg}/category/world",
  "/{seg}/author/martin-fornusek",
  "/{seg}/news/no-such-story",
  "/{seg}/?after=broken",
];
const STORY = {
  ua: "bilyi-dim-rosiia-kytai-i-pivnichna-koreia-prahnut-zmitsnyty-zviazky",
  en: "white-house-russia-china-north-korea-seek-to-strengthen-ties",
  ru: "belyi-dom-rossiya-kitai-i-severnaya-koreya-stremyatsya-ukrepit-svyazi",
};

beforeAll(loadSeedStories);

describe("UI strings on pages", () => {
  it("the raw-key detector catches what i18next returns for a missing key", () => {
    const missing = localizer("en").t("story.noSuchKey");
    expect(RAW_KEY.test(`<p>${missing}</p>`)).toBe(true);
    expect(RAW_KEY.test("<p>Latest news</p>")).toBe(false);
  });

  for (const seg of ["ua", "en", "ru"] as const) {
    it.each(PAGES)(`/${seg}: %s renders no raw key, in text or attributes`, async (pattern) => {
      const path = pattern.replace("{seg}", seg).replace("{story}", STORY[seg]);
      const html = await (await app.request(path, {}, env)).text();
      expect(html.replace(/<script[\s\S]*?<\/script>/g, "")).not.toMatch(RAW_KEY);
      expect(visibleText(html).trim().length).toBeGreaterThan(0);
    });
  }
});

describe("read-time plurals", () => {
  it.each([
    ["uk", 1, "1 хвилина читання"],
    ["uk", 2, "2 хвилини читання"],
    ["uk", 5, "5 хвилин читання"],
    ["uk", 21, "21 хвилина читання"],
    ["uk", 12, "12 хвилин читання"],
    ["ru", 1, "1 минута чтения"],
    ["ru", 2, "2 минуты чтения"],
    ["ru", 5, "5 минут чтения"],
    ["ru", 22, "22 минуты чтения"],
    ["en", 1, "1 minute to read"],
    ["en", 5, "5 minutes to read"],
  ] as const)("%s, %i minutes: %s", (lang, minutes, expected) => {
    expect(formatIcu(localizer(lang), "story.readTime", { minutes })).toBe(expected);
  });
});

describe("dates on pages", () => {
  it("formats a moment in Kyiv time as each language writes it", () => {
    const at = "2023-12-19T21:55:00.000Z";
    const opts = { dateStyle: "long", timeStyle: "short" } as const;
    expect(localizer("en").intl.formatDate(at, opts)).toMatch(/^December 19, 2023 at 11:55\sPM$/);
    expect(localizer("uk").intl.formatDate(at, opts)).toBe("19 грудня 2023 р. о 23:55");
  });
});
