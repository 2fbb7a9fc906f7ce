import { beforeAll, describe, expect, it } from "vitest";
import { findCategoryBySlug } from "../../../src/db/taxonomy";
import { api } from "../../helpers/api";
import { loadSeedStories, rowCounts, testDb } from "../../helpers/seeds";

interface TaxonJson {
  id: string;
  slug: string;
  names: Record<string, string>;
}

async function taxonEvents(): Promise<string[]> {
  const { results } = await testDb()
    .d1.prepare(
      "select taxon_id, lang, kind from story_events where taxon_id is not null order by id",
    )
    .all<{ taxon_id: string; lang: string; kind: string }>();
  return results.map((r) => `${r.kind}:${r.taxon_id}:${r.lang}`);
}

describe.each([
  ["categories", "category", "world"],
  ["authors", "author", "martin-fornusek"],
])("/%s", (path, one, seeded) => {
  beforeAll(loadSeedStories);

  it(`lists ${path} with their names in uk, en and ru`, async () => {
    const response = await api("GET", `/${path}`);
    expect(response.status).toBe(200);
    const list = ((await response.json()) as Record<string, TaxonJson[]>)[path] ?? [];
    const entry = list.find((t) => t.id === seeded);
    expect(Object.keys(entry?.names ?? {}).sort()).toEqual(["en", "ru", "uk"]);
  });

  it(`creates a ${one} with localized names and records an event per language`, async () => {
    const response = await api("POST", `/${path}`, {
      slug: `new-${one}`,
      names: { uk: "Новий", en: "New", ru: "Новый" },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("Location")).toBe(`/api/v1/${path}/new-${one}`);
    expect(await response.json()).toEqual({
      id: `new-${one}`,
      slug: `new-${one}`,
      names: { uk: "Новий", en: "New", ru: "Новый" },
    });
    expect(await taxonEvents()).toEqual(
      expect.arrayContaining(["uk", "en", "ru"].map((l) => `${one}_created:new-${one}:${l}`)),
    );
    const read = await api("GET", `/${path}/new-${one}`);
    expect(((await read.json()) as TaxonJson).names.en).toBe("New");
  });

  it(`renames a ${one} in one language, keeping the others and the slug`, async () => {
    const response = await api("PATCH", `/${path}/${seeded}`, { names: { en: "Renamed" } });
    expect(response.status).toBe(200);
    const entry = (await response.json()) as TaxonJson;
    expect(entry.slug).toBe(seeded);
    expect(entry.names.en).toBe("Renamed");
    expect(entry.names.uk?.length).toBeGreaterThan(0);
    expect(await taxonEvents()).toContain(`${one}_updated:${seeded}:en`);
    expect(await taxonEvents()).not.toContain(`${one}_updated:${seeded}:uk`);
  });

  it(`answers a taken slug with 409 and changes nothing`, async () => {
    const before = await rowCounts();
    const response = await api("POST", `/${path}`, { slug: seeded, names: { en: "Dup" } });
    expect(response.status).toBe(409);
    expect(await rowCounts()).toEqual(before);
  });

  it(`answers bad names and slugs with 400 at their paths, changing nothing`, async () => {
    const before = await rowCounts();
    const response = await api("POST", `/${path}`, {
      slug: "Not A Slug",
      names: { ua: "Хибний тег", en: "" },
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(["/slug", "/names/en", "/names/ua"]);
    expect(await rowCounts()).toEqual(before);
  });

  it(`answers an unknown ${one} with 404`, async () => {
    expect((await api("GET", `/${path}/nobody`)).status).toBe(404);
    expect((await api("PATCH", `/${path}/nobody`, { names: { en: "X" } })).status).toBe(404);
  });
});

describe("a category rename", () => {
  it("shows on the public lookups at once", async () => {
    await api("PATCH", "/categories/economy", { names: { uk: "Гроші" } });
    expect((await findCategoryBySlug(testDb(), "economy", "uk"))?.name).toBe("Гроші");
  });
});
