import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { segmentOf } from "../../src/i18n/languages";
import app from "../../src/index";
import { api, storyPayload } from "../helpers/api";
import { assertWellFormed } from "../helpers/feeds";
import { attr, metaProperty, tags } from "../helpers/html";
import { createPartner, partnerRequest } from "../helpers/partners";
import { loadSeedStories, rowCounts } from "../helpers/seeds";

const UNLIMITED = { ...env, PARTNER_RATE_LIMIT: "off" };

interface VariantJson {
  lang: "uk" | "en" | "ru";
  slug: string;
  imageCaption: string | null;
  imageCredit: string | null;
  imageAlt: string | null;
}
interface StoryJson {
  id: string;
  version: number;
  image: { credit: string | null } | null;
  variants: VariantJson[];
}

/** Each language's credit and alt text; Russian sets none, so the story's credit stands in. */
const CREDITS = { uk: "Ілюстрація редакції", en: "Newsroom illustration" };
const STORY_CREDIT = "Newsroom (story-level)";
const ALTS = {
  uk: "Вечірня вулиця в снігу",
  en: "An evening street under snow",
  ru: "Вечерняя улица в снегу",
};

function payload(id: string) {
  return storyPayload(id, {
    image: { url: "/media/winter-city.jpg", type: "image/jpeg", credit: STORY_CREDIT },
    variants: [
      {
        lang: "uk",
        title: `Новина ${id}`,
        body: "<p>Текст</p>",
        imageCaption: "Підпис",
        imageCredit: CREDITS.uk,
        imageAlt: ALTS.uk,
      },
      {
        lang: "en",
        title: `News ${id}`,
        body: "<p>Text</p>",
        imageCaption: "A caption",
        imageCredit: CREDITS.en,
        imageAlt: ALTS.en,
      },
      { lang: "ru", title: `Новость ${id}`, body: "<p>Текст</p>", imageAlt: ALTS.ru },
    ],
  });
}

async function createStory(id: string): Promise<StoryJson> {
  const response = await api("POST", "/stories", payload(id));
  expect(response.status).toBe(201);
  return (await response.json()) as StoryJson;
}

/** What each language's readers must see as the credit text. */
const expectedCredit = (lang: "uk" | "en" | "ru") => (lang === "ru" ? STORY_CREDIT : CREDITS[lang]);

function get(path: string) {
  return app.request(path, {}, UNLIMITED);
}

describe("a photo credit and alt text per language, through the API", () => {
  beforeAll(loadSeedStories);

  it("stores each variant's credit and alt, keeps the story's credit, and reads them back", async () => {
    const story = await createStory("credit-roundtrip");
    expect(story.image?.credit).toBe(STORY_CREDIT);
    const byLang = Object.fromEntries(story.variants.map((v) => [v.lang, v]));
    expect(byLang.uk).toMatchObject({ imageCredit: CREDITS.uk, imageAlt: ALTS.uk });
    expect(byLang.en).toMatchObject({ imageCredit: CREDITS.en, imageAlt: ALTS.en });
    expect(byLang.ru).toMatchObject({ imageCredit: null, imageAlt: ALTS.ru });
    const read = (await (await api("GET", "/stories/credit-roundtrip")).json()) as StoryJson;
    expect(read.variants).toEqual(story.variants);
  });

  it("corrects one language's credit, and an empty credit means the story's", async () => {
    const story = await createStory("credit-correct");
    const patched = await api(
      "PATCH",
      "/stories/credit-correct/variants/en",
      { imageCredit: "Corrected credit" },
      { "If-Match": `"v${story.version}"` },
    );
    expect(patched.status).toBe(200);
    const after = (await patched.json()) as StoryJson;
    expect(after.variants.find((v) => v.lang === "en")?.imageCredit).toBe("Corrected credit");
    // The other languages are untouched.
    expect(after.variants.find((v) => v.lang === "uk")?.imageCredit).toBe(CREDITS.uk);
    const cleared = await api(
      "PATCH",
      "/stories/credit-correct/variants/en",
      { imageCredit: "", imageAlt: null },
      { "If-Match": `"v${after.version}"` },
    );
    expect(cleared.status).toBe(200);
    const en = ((await cleared.json()) as StoryJson).variants.find((v) => v.lang === "en");
    expect(en).toMatchObject({ imageCredit: null, imageAlt: null });
  });

  it.each([
    [
      "a line break",
      { imageCredit: "Photo\nby us" },
      "imageCredit",
      "must be one line (no U+000A)",
    ],
    ["a tab", { imageAlt: "a\tb" }, "imageAlt", "must be one line (no U+0009)"],
    ["a bidi override", { imageCredit: "\u202eotohP" }, "imageCredit", "U+202E"],
    ["a control character", { imageCredit: "a\u0007b" }, "imageCredit", "U+0007"],
    ["an over-long credit", { imageCredit: "x".repeat(301) }, "imageCredit", "at most 300"],
    ["a number for a credit", { imageCredit: 7 }, "imageCredit", "must be a string"],
  ])(
    "refuses %s with 400 naming the field, on create, add and correct, storing nothing",
    async (_name, field, key, message) => {
      const before = await rowCounts();
      const create = await api(
        "POST",
        "/stories",
        storyPayload("credit-refused", {
          variants: [{ lang: "en", title: "T", body: "<p>B</p>", ...field }],
        }),
      );
      const add = await api("POST", "/stories/credit-roundtrip/variants", {
        lang: "en",
        title: "T",
        body: "<p>B</p>",
        version: 1,
        ...field,
      });
      const correct = await api("PATCH", "/stories/credit-roundtrip/variants/uk", {
        version: 1,
        ...field,
      });
      for (const [response, path] of [
        [create, `/variants/0/${key}`],
        [add, `/${key}`],
        [correct, `/${key}`],
      ] as const) {
        expect(response.status).toBe(400);
        expect(response.headers.get("Content-Type")).toBe("application/problem+json");
        const problem = (await response.json()) as { errors: { path: string; message: string }[] };
        expect(problem.errors.map((e) => e.path)).toEqual([path]);
        expect(problem.errors[0]?.message).toContain(message);
      }
      expect(await rowCounts()).toEqual(before);
    },
  );
});

describe("every output shows the photo credit in the reader's language", () => {
  let key = "";
  let story: StoryJson;

  beforeAll(async () => {
    await loadSeedStories();
    key = (await createPartner({ name: "Credits", languages: ["uk", "en", "ru"] }, UNLIMITED)).key;
    const created = await createStory("credit-outputs");
    const published = await api("POST", "/stories/credit-outputs/publish", undefined, {
      "If-Match": `"v${created.version}"`,
    });
    expect(published.status).toBe(200);
    story = (await published.json()) as StoryJson;
  });

  it("on the story page: the figure's credit, the img alt and og:image:alt", async () => {
    const labels = { uk: "Фото: ", en: "Photo: ", ru: "Фото: " };
    for (const variant of story.variants) {
      const html = await (await get(`/${segmentOf(variant.lang)}/news/${variant.slug}`)).text();
      const figure = /<figure class="hero">[\s\S]*?<\/figure>/.exec(html)?.[0] ?? "";
      expect(figure).toContain(
        `<span class="credit">${labels[variant.lang]}${expectedCredit(variant.lang)}</span>`,
      );
      const img = tags(figure, "img")[0] as string;
      expect(attr(img, "alt")).toBe(ALTS[variant.lang]);
      expect(metaProperty(html, "og:image:alt")).toEqual([ALTS[variant.lang]]);
      // Another language's credit never leaks in.
      for (const other of Object.values(CREDITS)) {
        if (other !== expectedCredit(variant.lang)) expect(figure).not.toContain(other);
      }
    }
  });

  it("in RSS, Atom and JSON Feed: figcaption, media:credit and _image.credit", async () => {
    for (const { lang } of story.variants) {
      const credit = expectedCredit(lang);
      const seg = segmentOf(lang);
      const rss = await (
        await partnerRequest(`/${seg}/rss.xml?limit=100`, key, {}, UNLIMITED)
      ).text();
      assertWellFormed(rss);
      const item = itemOf(rss, "<item>", "</item>", "credit-outputs");
      expect(item).toContain(`<media:credit>${credit}</media:credit>`);
      expect(item).toContain(`alt="${ALTS[lang]}"`);
      const atom = await (
        await partnerRequest(`/${seg}/atom.xml?limit=100`, key, {}, UNLIMITED)
      ).text();
      assertWellFormed(atom);
      const entry = itemOf(atom, "<entry>", "</entry>", "credit-outputs");
      expect(entry).toContain(`<media:credit>${credit}</media:credit>`);
      const json = (await (await get(`/${seg}/feed.json?limit=100`)).json()) as {
        items: { id: string; content_html: string; _image?: { credit: string } }[];
      };
      const jsonItem = json.items.find((i) => i.id.includes("credit-outputs"));
      expect(jsonItem?._image?.credit).toBe(credit);
      expect(jsonItem?.content_html).toMatch(
        new RegExp(`<figcaption>[^<]*<small>[^<]*${escapeRegExp(credit)}</small></figcaption>`),
      );
    }
  });

  it("in ninjs 3.1 and 2.2 picture associations and in NewsML-G2's creditline", async () => {
    for (const { lang } of story.variants) {
      const credit = expectedCredit(lang);
      for (const version of ["3.1", "2.2"]) {
        const response = await partnerRequest(
          `/stories/credit-outputs?lang=${lang}&ninjs=${version}`,
          key,
          {},
          UNLIMITED,
        );
        expect(response.status).toBe(200);
        const ninjs = (await response.json()) as {
          associations: Record<string, unknown>[] | Record<string, Record<string, unknown>>;
        };
        const associations = Array.isArray(ninjs.associations)
          ? ninjs.associations
          : Object.values(ninjs.associations);
        const picture = associations.find((a) => a.type === "picture") as {
          by: string;
          descriptions: { role: string; value: string }[];
        };
        expect(picture.by).toBe(credit);
        expect(picture.descriptions.find((d) => d.role === "credit")?.value).toBe(credit);
      }
      const g2 = await partnerRequest(
        `/stories/credit-outputs?lang=${lang}&format=newsml-g2`,
        key,
        {},
        UNLIMITED,
      );
      expect(g2.status).toBe(200);
      expect(await g2.text()).toContain(`<creditline>${credit}</creditline>`);
    }
  });
});

/** The one item or entry of a feed that belongs to the story. */
function itemOf(feed: string, open: string, close: string, storyId: string): string {
  const items = feed.split(open).slice(1);
  const found = items.find((i) => i.includes(storyId));
  expect(found, `no ${open} for ${storyId}`).toBeDefined();
  return (found as string).split(close)[0] as string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
