import { beforeAll, describe, expect, it } from "vitest";
import { getStory, insertStory } from "../../src/db/stories";
import type { Story } from "../../src/domain/story";
import type { Author, Category } from "../../src/domain/taxonomy";
import { absolutizeBody } from "../../src/feeds/absolute-urls";
import { LANG_TAGS, type LangTag } from "../../src/i18n/languages";
import { renderNinjs2, renderNinjs3 } from "../../src/partners/ninjs";
import { ninjsInputs, ORIGIN, PROVIDER, renderValid, storyUrl } from "../helpers/ninjs-inputs";
import { validate22, validate31 } from "../helpers/ninjs-schemas";
import { loadSeedStories, seedBundle, testDb } from "../helpers/seeds";
import { makeStory } from "../helpers/stories";

const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

let categories: Category[];
let authors: Author[];
let inputFor: Awaited<ReturnType<typeof ninjsInputs>>["inputFor"];

/** The associations that link other language versions (the hero picture is one too). */
function translationsOf<A extends { type: string }>(document: { associations?: A[] }) {
  return (document.associations ?? []).filter(
    (a): a is Extract<A, { type: "text" }> => a.type === "text",
  );
}

function languagesOf(story: Story): LangTag[] {
  return LANG_TAGS.filter((lang) => story.variants[lang]);
}

async function storedStory(story: Story): Promise<Story> {
  await insertStory(testDb(), story);
  const stored = await getStory(testDb(), story.id);
  if (!stored) throw new Error(`story ${story.id} was not stored`);
  return stored;
}

const seedIds = seedBundle().stories.map((file) => (file.content as { id: string }).id);
let seeds: Story[];

beforeAll(async () => {
  await loadSeedStories();
  const inputs = await ninjsInputs(testDb());
  ({ categories, authors, inputFor } = inputs);
  seeds = [];
  for (const id of seedIds) {
    const story = await getStory(testDb(), id);
    if (!story) throw new Error(`seed ${id} not loaded`);
    seeds.push(story);
  }
});

describe("the ninjs schemas as the tests use them", () => {
  it("reject what the other version or ninjs 1.x would send", () => {
    const input = inputFor(seeds[0] as Story, "en");
    expect(validate31(renderNinjs2(input))).toBe(false);
    expect(validate22(renderNinjs3(input))).toBe(false);
    const legacy = { ...renderNinjs2(input), headline: "x", body_html: "<p>x</p>" };
    expect(validate22(legacy)).toBe(false);
    expect(validate22({ ...renderNinjs2(input), versioncreated: "2026-01-01 10:00" })).toBe(false);
    expect(validate31({ ...renderNinjs3(input), uri: "not a uri" })).toBe(false);
  });
});

describe("renderNinjs3 and renderNinjs2 on every seed story", () => {
  it("render every seed story in every language it has as valid 3.1 and 2.2", () => {
    expect(seeds.length).toBe(seedIds.length);
    let rendered = 0;
    for (const story of seeds) {
      for (const lang of languagesOf(story)) {
        const { v3, v2 } = renderValid(inputFor(story, lang));
        expect(v3.language).toBe(lang);
        expect(v2.language).toBe(lang);
        expect(v3.pubStatus).toBe("usable");
        expect(v2.pubstatus).toBe("usable");
        rendered++;
      }
    }
    // Not every seed has all three languages; each variant is one document per version.
    const variants = seeds.reduce((n, s) => n + languagesOf(s).length, 0);
    expect(rendered).toBe(variants);
    expect(variants).toBeGreaterThan(seeds.length * 2);
  });

  it("tags Ukrainian documents uk, never ua (ua appears only as the page URL's segment)", () => {
    const story = seeds.find((s) => s.variants.uk) as Story;
    const { v3, v2 } = renderValid(inputFor(story, "uk"));
    expect(v3.language).toBe("uk");
    expect(v2.language).toBe("uk");
    expect(translationsOf(v3).map((a) => a.language)).not.toContain("ua");
    expect(v3.altIds).toContainEqual({
      role: "canonical",
      value: `${ORIGIN}/ua/news/${story.variants.uk?.slug}`,
    });
    expect(JSON.stringify(v3)).not.toMatch(/"ua"|\/ua\/(?!news\/)/);
  });

  it("gives each variant its own uri, the same in 3.1 and 2.2, unique across stories", () => {
    const uris = new Set<string>();
    for (const story of seeds) {
      for (const lang of languagesOf(story)) {
        const { v3, v2 } = renderValid(inputFor(story, lang));
        expect(v2.uri).toBe(v3.uri);
        expect(v3.uri).toBe(`tag:news.example,2026:story/${story.id}/${lang}`);
        uris.add(v3.uri);
      }
    }
    expect(uris.size).toBe(seeds.reduce((n, s) => n + languagesOf(s).length, 0));
  });

  it("links exactly the story's other existing variants, each by its own document's uri", () => {
    for (const story of seeds) {
      const langs = languagesOf(story);
      const uriOf = new Map(langs.map((l) => [l, renderNinjs3(inputFor(story, l)).uri]));
      for (const lang of langs) {
        const { v3, v2 } = renderValid(inputFor(story, lang));
        const others = langs.filter((l) => l !== lang);
        expect(translationsOf(v3).map((a) => a.language)).toEqual(others);
        expect(translationsOf(v2).map((a) => a.language)).toEqual(others);
        for (const association of translationsOf(v3)) {
          const sibling = story.variants[association.language];
          expect(association.uri).toBe(uriOf.get(association.language));
          expect(association.rel).toBe("translation");
          expect(association.headlines[0]?.value).toBe(sibling?.title);
          expect(association.altIds).toEqual([
            { role: "canonical", value: storyUrl(association.language, sibling?.slug ?? "") },
          ]);
        }
        expect(v2.associations?.map((a) => a.uri)).toEqual(v3.associations?.map((a) => a.uri));
      }
    }
    // The seeds include stories without a Russian variant: they must not link one.
    expect(seeds.some((s) => !s.variants.ru)).toBe(true);
  });

  it("gives times as RFC 3339 UTC and the story version as a string", () => {
    for (const story of seeds) {
      for (const lang of languagesOf(story)) {
        const { v3, v2 } = renderValid(inputFor(story, lang));
        for (const time of [v3.firstCreated, v3.versionCreated, v2.firstcreated, v2.versioncreated])
          expect(time).toMatch(RFC3339_UTC);
        const variant = story.variants[lang];
        expect(Date.parse(v3.firstCreated)).toBe(Date.parse(variant?.createdAt ?? ""));
        expect(Date.parse(v3.versionCreated)).toBe(
          Math.max(Date.parse(story.updatedAt), Date.parse(variant?.updatedAt ?? "")),
        );
        expect(v3.version).toBe(String(story.version));
        expect(v2.version).toBe(String(story.version));
      }
    }
  });

  it("carries headline, summary and the HTML body, its links made absolute", () => {
    for (const story of seeds) {
      for (const lang of languagesOf(story)) {
        const variant = story.variants[lang];
        const body = absolutizeBody(variant?.body ?? "", storyUrl(lang, variant?.slug ?? ""));
        const { v3, v2 } = renderValid(inputFor(story, lang));
        expect(v3.headlines).toEqual([
          { role: "main", contentType: "text/plain", value: variant?.title },
        ]);
        expect(v2.headlines).toEqual([
          { role: "main", contenttype: "text/plain", value: variant?.title },
        ]);
        expect(v3.descriptions?.find((d) => d.role === "summary")?.value).toBe(variant?.summary);
        expect(v3.bodies).toEqual([{ role: "main", contentType: "text/html", value: body }]);
        expect(v2.bodies).toEqual([{ role: "main", contenttype: "text/html", value: body }]);
        expect(body).not.toMatch(/(href|src)="\//);
        expect(v3.representationType).toBe("full");
      }
    }
  });

  it("gives the hero image as an absolute rendition, with its caption and credit", () => {
    const withImage = seeds.filter((s) => s.image);
    expect(withImage.length).toBeGreaterThan(0);
    for (const story of withImage) {
      const image = story.image;
      for (const lang of languagesOf(story)) {
        const { v3, v2 } = renderValid(inputFor(story, lang));
        expect(v3.renditions).toHaveLength(1);
        const rendition = v3.renditions?.[0];
        expect(rendition?.href).toBe(new URL(image?.url ?? "", ORIGIN).href);
        expect(new URL(rendition?.href ?? "").origin).toBe(ORIGIN);
        expect(rendition).toMatchObject({
          contentType: image?.type,
          width: image?.width,
          height: image?.height,
          sizeInBytes: image?.length,
        });
        expect(v2.renditions?.[0]).toMatchObject({
          href: rendition?.href,
          contenttype: image?.type,
          sizeinbytes: image?.length,
        });
        const caption = story.variants[lang]?.imageCaption;
        if (caption)
          expect(v3.descriptions).toContainEqual(expect.objectContaining({ value: caption }));
        // The variant's own credit, in its language, before the story's.
        const credit = story.variants[lang]?.imageCredit ?? image?.credit;
        if (credit)
          expect(v3.descriptions).toContainEqual({
            role: "credit",
            contentType: "text/plain",
            value: credit,
          });
      }
    }
  });

  it("names the authors in story order and the category, localized, with stable uris", () => {
    const story = seeds.find((s) => s.authorIds.length > 1 && s.variants.uk && s.variants.en);
    if (!story) throw new Error("no seed story with two authors in uk and en");
    const uk = renderValid(inputFor(story, "uk")).v3;
    const en = renderValid(inputFor(story, "en")).v3;
    const ordered = story.authorIds.map((id) => authors.find((a) => a.id === id) as Author);
    expect(uk.people?.map((p) => p.name)).toEqual(ordered.map((a) => a.names.uk));
    expect(en.people?.map((p) => p.name)).toEqual(ordered.map((a) => a.names.en));
    expect(uk.people?.map((p) => p.uri)).toEqual(en.people?.map((p) => p.uri));
    const positions = ordered.map((a) => uk.by?.indexOf(a.names.uk ?? "") ?? -1);
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);

    const category = categories.find((c) => c.id === story.categoryId) as Category;
    // The newsroom's section first; its IPTC Media Topic (wire-metadata.test.ts) may follow.
    expect(uk.subjects.filter((s) => s.rel === "category")).toEqual([
      {
        name: category.names.uk,
        rel: "category",
        uri: `tag:news.example,2026:category/${category.id}`,
        literal: category.id,
      },
    ]);
    expect(en.subjects[0]?.name).toBe(category.names.en);
    expect(en.subjects[0]?.uri).toBe(uk.subjects[0]?.uri);
  });

  it("states the provider's copyright and usage terms, and links the licence when configured", () => {
    const story = seeds[0] as Story;
    const { v3, v2 } = renderValid(inputFor(story, "en"));
    expect(v3).toMatchObject({
      copyrightHolder: PROVIDER.copyrightHolder,
      copyrightNotice: PROVIDER.copyrightNotice,
      usageTerms: PROVIDER.usageTerms,
      rightsInfo: { linkedRights: PROVIDER.rightsUrl },
    });
    expect(v2).toMatchObject({
      copyrightholder: PROVIDER.copyrightHolder,
      copyrightnotice: PROVIDER.copyrightNotice,
      usageterms: PROVIDER.usageTerms,
      rightsinfo: { linkedrights: PROVIDER.rightsUrl },
    });
    const { rightsUrl: _, ...withoutLink } = PROVIDER;
    const plain = renderValid(inputFor(story, "en", { provider: withoutLink }));
    expect(plain.v3.rightsInfo).toBeUndefined();
    expect(plain.v2.rightsinfo).toBeUndefined();
    expect(plain.v3.usageTerms).toBe(PROVIDER.usageTerms);
  });
});

describe("renderNinjs3 and renderNinjs2 by status and licence", () => {
  const image = {
    url: "/media/tech-lab.jpg",
    type: "image/jpeg",
    length: 1234,
    width: 1200,
    height: 675,
    credit: "Photo desk",
  };

  it("marks a withdrawn story canceled and keeps only what identifies it", async () => {
    const story = await storedStory(
      makeStory(["uk", "en", "ru"], { status: "withdrawn", version: 3, image }),
    );
    for (const lang of languagesOf(story)) {
      const { v3, v2 } = renderValid(inputFor(story, lang));
      expect(v3.pubStatus).toBe("canceled");
      expect(v2.pubstatus).toBe("canceled");
      expect(v3.headlines[0]?.value).toBe(story.variants[lang]?.title);
      expect(v3.version).toBe("3");
      expect(v3.uri).toBe(`tag:news.example,2026:story/${story.id}/${lang}`);
      for (const gone of ["bodies", "descriptions", "renditions"] as const) {
        expect(v3[gone]).toBeUndefined();
        expect(v2[gone]).toBeUndefined();
      }
      expect(v3.representationType).toBe("partial");
      expect(v3.associations).toHaveLength(2);
    }
  });

  it("gives a summary-only partner no body, but the summary and the image", async () => {
    const story = await storedStory(makeStory(["uk", "en"], { image }));
    for (const lang of languagesOf(story)) {
      const { v3, v2 } = renderValid(inputFor(story, lang, { licence: "summary" }));
      expect(v3.bodies).toBeUndefined();
      expect(v2.bodies).toBeUndefined();
      expect(v3.pubStatus).toBe("usable");
      expect(v3.representationType).toBe("partial");
      expect(v2.representationtype).toBe("partial");
      expect(v3.descriptions?.[0]).toEqual({
        role: "summary",
        contentType: "text/plain",
        value: story.variants[lang]?.summary,
      });
      expect(v3.renditions?.[0]?.href).toBe(`${ORIGIN}/media/tech-lab.jpg`);
    }
  });

  it("renders a story without an image with no renditions and no caption", async () => {
    const story = await storedStory(makeStory(["ru"], { image: null }));
    (story.variants.ru as { imageCaption: string | null }).imageCaption = "Orphan caption";
    const { v3, v2 } = renderValid(inputFor(story, "ru"));
    expect(v3.renditions).toBeUndefined();
    expect(v2.renditions).toBeUndefined();
    expect(v3.descriptions?.map((d) => d.role)).toEqual(["summary"]);
    expect(v3.associations).toBeUndefined();
    expect(v3.language).toBe("ru");
  });

  it("renders a story whose stored image URL does not parse without the image", async () => {
    // Stored before the API parsed links: one such story must not break a partner's sync.
    const story = await storedStory(
      makeStory(["en"], { image: { ...image, url: "https://[bad/x.jpg" } }),
    );
    const { v3, v2 } = renderValid(inputFor(story, "en"));
    expect(v3.renditions).toBeUndefined();
    expect(v2.renditions).toBeUndefined();
    expect(v3.headlines[0]?.value).toBe(story.variants.en?.title);
  });

  it("withholds drafts and scheduled stories, the scheduled one embargoed until its time", async () => {
    const draft = await storedStory(makeStory(["en"], { status: "draft", publishedAt: null }));
    const scheduled = await storedStory(
      makeStory(["en"], { publishedAt: "2027-03-01T09:00:00.000Z", image }),
    );
    const d = renderValid(inputFor(draft, "en"));
    expect(d.v3.pubStatus).toBe("withheld");
    expect(d.v3.embargoedUntil).toBeUndefined();
    expect(d.v3.bodies).toBeUndefined();
    const s = renderValid(inputFor(scheduled, "en"));
    expect(s.v3.pubStatus).toBe("withheld");
    expect(s.v3.embargoedUntil).toBe("2027-03-01T09:00:00.000Z");
    expect(s.v2.embargoed).toBe("2027-03-01T09:00:00.000Z");
    expect(s.v3.renditions).toBeUndefined();
    const due = renderValid(inputFor(scheduled, "en", { now: "2027-03-01T09:00:00.000Z" }));
    expect(due.v3.pubStatus).toBe("usable");
    expect(due.v3.embargoedUntil).toBeUndefined();
  });

  it("keeps the uri when the story changes and reports the new version and time", () => {
    const story = seeds.find((s) => s.variants.en) as Story;
    const before = renderNinjs3(inputFor(story, "en"));
    const edited: Story = {
      ...story,
      version: story.version + 1,
      updatedAt: "2026-12-31T12:00:00.000Z",
    };
    const after = renderValid(inputFor(edited, "en")).v3;
    expect(after.uri).toBe(before.uri);
    expect(after.version).toBe(String(story.version + 1));
    expect(after.versionCreated).toBe("2026-12-31T12:00:00.000Z");
    expect(after.firstCreated).toBe(before.firstCreated);
  });

  it("normalizes stored times with an offset to UTC", () => {
    const story = makeStory(["en"], { updatedAt: "2026-01-01T12:00:00+02:00" });
    const { v3 } = renderValid(inputFor(story, "en"));
    expect(v3.versionCreated).toBe("2026-01-01T10:00:00.000Z");
  });

  it("refuses a language the story lacks, missing authors and a malformed tag authority", () => {
    const story = makeStory(["en"]);
    expect(() => renderNinjs3(inputFor(story, "uk"))).toThrow(/no uk variant/);
    expect(() => renderNinjs3(inputFor(story, "en", { authors: [] }))).toThrow(/martin-fornusek/);
    const badAuthority = { ...PROVIDER, tagAuthority: "https://news.example" };
    expect(() => renderNinjs2(inputFor(story, "en", { provider: badAuthority }))).toThrow(
      /RFC 4151/,
    );
  });
});
