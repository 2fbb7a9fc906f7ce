import { beforeAll, describe, expect, it } from "vitest";
import {
  findPublishedBySlug,
  findStatusBySlug,
  listPublished,
} from "../../src/db/published-stories";
import { existingStoryIds, getStory, insertStory } from "../../src/db/stories";
import { loadSeedStories, rowCounts, testDb } from "../helpers/seeds";
import { makeStory } from "../helpers/stories";

const NOW = "2026-06-01T00:00:00.000Z";

describe("stories repository", () => {
  beforeAll(loadSeedStories);

  it("stores a story with its variants and authors and reads it back unchanged", async () => {
    const story = makeStory(["uk", "en"], {
      authorIds: ["olena-kovalchuk", "martin-fornusek"],
      image: {
        url: "/media/tech-lab.jpg",
        type: "image/jpeg",
        length: 1234,
        width: 1200,
        height: 675,
        credit: "Photo desk",
      },
    });
    await insertStory(testDb(), story);
    expect(await getStory(testDb(), story.id)).toEqual(story);
  });

  it("returns null for an unknown story id", async () => {
    expect(await getStory(testDb(), "no-such-story")).toBeNull();
  });

  it("writes nothing when any statement of a story's batch fails", async () => {
    const before = await rowCounts();
    const broken = makeStory(["uk", "en"], { authorIds: ["martin-fornusek"] });
    // Same slug as a stored English variant: the unique index refuses the last insert.
    const taken = makeStory(["en"]);
    await insertStory(testDb(), taken);
    const afterFirst = await rowCounts();
    (broken.variants.en as { slug: string }).slug = taken.variants.en?.slug ?? "";
    await expect(insertStory(testDb(), broken)).rejects.toThrow(/UNIQUE/);
    expect(await rowCounts()).toEqual(afterFirst);
    expect(await getStory(testDb(), broken.id)).toBeNull();
    expect(afterFirst.stories).toBe((before.stories ?? 0) + 1);
  });

  it("lists only published, due stories that have the language, newest first", async () => {
    const db = testDb();
    const visible = makeStory(["en", "ru"], { publishedAt: "2026-05-01T00:00:00.000Z" });
    const ukOnly = makeStory(["uk"], { publishedAt: "2026-05-02T00:00:00.000Z" });
    const draft = makeStory(["en"], { status: "draft", publishedAt: null });
    const withdrawn = makeStory(["en"], {
      status: "withdrawn",
      publishedAt: "2026-05-03T00:00:00.000Z",
    });
    const scheduled = makeStory(["en"], { publishedAt: "2026-07-01T00:00:00.000Z" });
    for (const s of [visible, ukOnly, draft, withdrawn, scheduled]) await insertStory(db, s);

    const en = await listPublished(db, { lang: "en", now: NOW, limit: 100 });
    const ids = en.map((s) => s.id);
    expect(ids).toContain(visible.id);
    for (const hidden of [ukOnly, draft, withdrawn, scheduled])
      expect(ids).not.toContain(hidden.id);
    expect(en.every((s) => s.variant.lang === "en")).toBe(true);
    const times = en.map((s) => s.publishedAt);
    expect([...times].sort().reverse()).toEqual(times);

    const later = await listPublished(db, {
      lang: "en",
      now: "2026-08-01T00:00:00.000Z",
      limit: 5,
    });
    expect(later[0]?.id).toBe(scheduled.id);
  });

  it("carries category, authors in order and every language's slug with each story", async () => {
    const db = testDb();
    const story = makeStory(["uk", "en", "ru"], {
      authorIds: ["yuliia-hrytsenko", "andrii-melnychenko"],
      categoryId: "culture",
      publishedAt: "2026-05-10T00:00:00.000Z",
    });
    await insertStory(db, story);
    const found = await findPublishedBySlug(db, "uk", `${story.id}-uk`, NOW);
    expect(found?.category).toEqual({ id: "culture", slug: "culture", name: "Культура" });
    expect(found?.authors.map((a) => a.slug)).toEqual(["yuliia-hrytsenko", "andrii-melnychenko"]);
    expect(found?.authors[0]?.name).toMatch(/[А-ЯІЇЄҐа-яіїєґ]/);
    expect(found?.alternates).toEqual([
      { lang: "en", slug: `${story.id}-en` },
      { lang: "ru", slug: `${story.id}-ru` },
      { lang: "uk", slug: `${story.id}-uk` },
    ]);
    expect(await findPublishedBySlug(db, "en", `${story.id}-uk`, NOW)).toBeNull();
  });

  it("pages by keyset: every story exactly once across pages, even with equal times", async () => {
    const db = testDb();
    const same = "2026-04-01T00:00:00.000Z";
    for (let i = 0; i < 7; i++) {
      await insertStory(db, makeStory(["ru"], { categoryId: "economy", publishedAt: same }));
    }
    const all = await listPublished(db, {
      lang: "ru",
      categoryId: "economy",
      now: NOW,
      limit: 1000,
    });
    const seen: string[] = [];
    let page = await listPublished(db, { lang: "ru", categoryId: "economy", now: NOW, limit: 3 });
    while (page.length > 0) {
      seen.push(...page.map((s) => s.id));
      const last = page[page.length - 1];
      if (!last) break;
      page = await listPublished(db, {
        lang: "ru",
        categoryId: "economy",
        now: NOW,
        limit: 3,
        after: { publishedAt: last.publishedAt, id: last.id },
      });
    }
    expect(seen).toEqual(all.map((s) => s.id));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("filters by author and by kind", async () => {
    const db = testDb();
    const briefs = await listPublished(db, { lang: "en", kind: "brief", now: NOW, limit: 100 });
    expect(briefs.length).toBeGreaterThan(0);
    expect(briefs.every((s) => s.kind === "brief")).toBe(true);
    const byAuthor = await listPublished(db, {
      lang: "en",
      authorId: "martin-fornusek",
      now: NOW,
      limit: 100,
    });
    expect(byAuthor.length).toBeGreaterThan(0);
    expect(byAuthor.every((s) => s.authors.some((a) => a.id === "martin-fornusek"))).toBe(true);
  });

  it("reports the status behind a slug whatever it is", async () => {
    const db = testDb();
    const gone = makeStory(["en"], { status: "withdrawn" });
    await insertStory(db, gone);
    expect(await findStatusBySlug(db, "en", `${gone.id}-en`)).toMatchObject({
      status: "withdrawn",
    });
    expect(await findStatusBySlug(db, "en", "nothing-here")).toBeNull();
  });

  it("checks existence of more ids than D1 allows parameters in one query", async () => {
    const ids = Array.from({ length: 250 }, (_, i) => `missing-${i}`);
    ids.push("2023-12-19-russia-china-north-korea-ties");
    const found = await existingStoryIds(testDb(), ids);
    expect([...found]).toEqual(["2023-12-19-russia-china-north-korea-ties"]);
  });
});

describe("story_authors' copy of the publication time (migrations/0056)", () => {
  const copies = async (id: string) =>
    (
      await testDb()
        .selectFrom("story_authors")
        .select("published_at")
        .where("story_id", "=", id)
        .execute()
    ).map((r) => r.published_at);

  it("is set when authors are written and follows every change of the story's time", async () => {
    const story = makeStory(["en"], {
      id: "author-order",
      publishedAt: "2026-01-02T03:04:05.000Z",
    });
    await insertStory(testDb(), story);
    const written = await copies("author-order");
    expect(written.length).toBeGreaterThan(0);
    expect(written.every((at) => at === "2026-01-02T03:04:05.000Z")).toBe(true);
    await testDb()
      .updateTable("stories")
      .set({ published_at: "2026-02-03T04:05:06.000Z" })
      .where("id", "=", "author-order")
      .execute();
    expect(await copies("author-order")).toEqual(written.map(() => "2026-02-03T04:05:06.000Z"));
  });
});
