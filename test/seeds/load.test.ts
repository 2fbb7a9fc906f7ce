import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { loadSeeds, SeedValidationError } from "../../seeds/load";
import { getStories, getStory } from "../../src/db/stories";
import { rowCounts, seedBundle, testDb } from "../helpers/seeds";

const KYIV_INDEPENDENT = "2023-12-19-russia-china-north-korea-ties";

describe("seed loader", () => {
  it("loads every seed story, then a second load adds nothing and keeps later edits", async () => {
    const bundle = seedBundle();
    const first = await loadSeeds(testDb(), bundle, new Date());
    expect(first.storiesAdded).toBe(bundle.stories.length);
    expect(first.storiesKept).toBe(0);
    const afterFirst = await rowCounts();

    // An editor corrects a seeded headline between two starts.
    await env.DB.prepare("update story_variants set title = ? where story_id = ? and lang = 'en'")
      .bind("Corrected headline", KYIV_INDEPENDENT)
      .run();

    const second = await loadSeeds(testDb(), bundle, new Date());
    expect(second).toMatchObject({ storiesAdded: 0, storiesKept: bundle.stories.length });
    expect(await rowCounts()).toEqual(afterFirst);
    const story = await getStory(testDb(), KYIV_INDEPENDENT);
    expect(story?.variants.en?.title).toBe("Corrected headline");
  });

  it("stores the two sample stories complete in three languages, and the two briefs", async () => {
    await loadSeeds(testDb(), seedBundle(), new Date());
    const kyiv = await getStory(testDb(), KYIV_INDEPENDENT);
    expect(Object.keys(kyiv?.variants ?? {}).sort()).toEqual(["en", "ru", "uk"]);
    expect(kyiv?.publishedAt).toBe("2023-12-19T21:55:00.000Z");
    expect(kyiv?.variants.en?.body).toContain("dual-use goods");
    // The sample's photo is a placeholder, credited as one in each language.
    expect(kyiv?.image?.credit).toBe("Placeholder image");
    expect(kyiv?.variants.uk?.imageCredit).toBe("Зображення-заглушка");
    expect(kyiv?.variants.ru?.imageCredit).toBe("Изображение-заглушка");
    expect(kyiv?.variants.en?.imageAlt).toMatch(/faceless figure/);
    // Cyrillic titles get Latin slugs.
    expect(kyiv?.variants.uk?.slug).toMatch(/^[a-z0-9-]+$/);
    const briefs = await env.DB.prepare(
      "select count(*) as n from stories where kind = 'brief'",
    ).first<{
      n: number;
    }>();
    expect(briefs?.n).toBeGreaterThanOrEqual(2);
  });

  it("covers at least 4 categories and stories missing a language", async () => {
    const bundle = seedBundle();
    expect(bundle.stories.length).toBeGreaterThanOrEqual(16);
    const langs = bundle.stories.map((s) =>
      Object.keys((s.content as { variants: object }).variants)
        .sort()
        .join(","),
    );
    expect(langs).toContain("uk");
    expect(langs).toContain("en,uk");
    const categories = new Set(
      bundle.stories.map((s) => (s.content as { category: string }).category),
    );
    expect(categories.size).toBeGreaterThanOrEqual(4);
  });

  it("refuses a seed file with a bad field, naming file and field, and writes nothing", async () => {
    const bundle = seedBundle();
    const before = await rowCounts();
    const broken = structuredClone(bundle.stories[1]);
    if (!broken) throw new Error("no seed stories");
    (broken.content as { variants: { en: { title: string } } }).variants.en.title = "";
    const error = await loadSeeds(
      testDb(),
      { ...bundle, stories: [bundle.stories[0], broken].filter((s) => s !== undefined) },
      new Date(),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedValidationError);
    expect((error as SeedValidationError).file).toBe(broken.file);
    expect((error as SeedValidationError).field).toBe("variants.en.title");
    expect((error as Error).message).toContain(broken.file);
    expect(await rowCounts()).toEqual(before);
  });

  it("credits every seed image as a placeholder in its variant's language, never as an agency's", async () => {
    await loadSeeds(testDb(), seedBundle(), new Date());
    const stored = await getStories(
      testDb(),
      seedBundle().stories.map((s) => (s.content as { id: string }).id),
    );
    const withImage = stored.filter((s) => s.image);
    expect(withImage.length).toBeGreaterThanOrEqual(8);
    const placeholder = { uk: /заглушка/, en: /^Placeholder image$/, ru: /заглушка/ };
    for (const story of withImage) {
      expect(story.image?.credit).toBe("Placeholder image");
      for (const variant of Object.values(story.variants)) {
        const where = `${story.id} ${variant.lang}`;
        expect(variant.imageCredit, where).toMatch(placeholder[variant.lang]);
        for (const text of [variant.imageCredit, variant.imageCaption, variant.imageAlt]) {
          expect(text, where).not.toMatch(/getty|afp|reuters|associated press|\bap\b|agency/i);
        }
        // Caption and alt say what the picture shows; the alt is its own, not the caption again.
        expect(variant.imageCaption?.length ?? 0, where).toBeGreaterThan(20);
        expect(variant.imageAlt?.length ?? 0, where).toBeGreaterThan(20);
        expect(variant.imageAlt, where).not.toBe(variant.imageCaption);
      }
    }
  });

  it("refuses a seed credit or alt text that is not one line", async () => {
    const bundle = seedBundle();
    const story = structuredClone(bundle.stories[0]);
    if (!story) throw new Error("no seed stories");
    (story.content as { variants: { en: { credit: string } } }).variants.en.credit = "Photo\nby";
    const before = await rowCounts();
    const error = await loadSeeds(testDb(), { ...bundle, stories: [story] }, new Date()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SeedValidationError);
    expect((error as SeedValidationError).field).toBe("variants.en.credit");
    expect((error as Error).message).toContain("must be one line");
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses a story whose category or author is unknown", async () => {
    const bundle = seedBundle();
    const story = structuredClone(bundle.stories[0]);
    if (!story) throw new Error("no seed stories");
    (story.content as { authors: string[] }).authors = ["nobody-at-all"];
    const before = await rowCounts();
    await expect(loadSeeds(testDb(), { ...bundle, stories: [story] }, new Date())).rejects.toThrow(
      /authors\.0: unknown author nobody-at-all/,
    );
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses a time that is not RFC 3339 UTC", async () => {
    const bundle = seedBundle();
    const story = structuredClone(bundle.stories[0]);
    if (!story) throw new Error("no seed stories");
    (story.content as { publishedAt: string }).publishedAt = "19.12.2023 23:55";
    await expect(loadSeeds(testDb(), { ...bundle, stories: [story] }, new Date())).rejects.toThrow(
      /publishedAt: must be an RFC 3339 UTC time/,
    );
  });
});
