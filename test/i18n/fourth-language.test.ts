import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { LANG_TAGS } from "../../src/i18n/languages";
import app from "../../src/index";
import { api, storyPayload } from "../helpers/api";

// Runs in the vitest project `fourth-language`, where src/i18n/languages.ts is the real table
// plus Polish (test/i18n/fourth-language/languages.ts, with its locales folder). The third
// place a language lives, its row in `languages`, is inserted here as its migration would.
describe("a fourth language added through the table, its row and its locales", () => {
  beforeAll(async () => {
    await env.DB.prepare("insert into languages (tag, ordinal) values ('pl', 3)").run();
    // Taxonomy names are required in every language of the table, so no seed fits: one of each.
    const names = { uk: "Світ", en: "World", ru: "Мир", pl: "Świat" };
    const category = await api("POST", "/categories", { slug: "swiat", names });
    expect(category.status).toBe(201);
    const author = await api("POST", "/authors", { slug: "redakcja", names });
    expect(author.status).toBe(201);
    const story = storyPayload("czwarty", {
      categoryId: ((await category.json()) as { id: string }).id,
      authorIds: [((await author.json()) as { id: string }).id],
      variants: [
        { lang: "pl", title: "Mosty na Dnieprze", summary: "Krótko", body: "<p>Tekst</p>" },
        { lang: "en", title: "Bridges on the Dnipro", summary: "In short", body: "<p>Text</p>" },
      ],
    });
    expect((await api("POST", "/stories", story)).status).toBe(201);
    expect((await api("POST", "/stories/czwarty/publish", {}, { "If-Match": '"v1"' })).status).toBe(
      200,
    );
  });

  const get = (path: string) => Promise.resolve(app.request(path, {}, env));

  it("is in the table the app derives everything from", () => {
    expect(LANG_TAGS).toEqual(["uk", "en", "ru", "pl"]);
  });

  it("serves its front page in Polish, with the story and every language in the switcher", async () => {
    const response = await get("/pl/");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="pl"');
    expect(html).toContain("Najnowsze wiadomości");
    expect(html).toContain("Mosty na Dnieprze");
    for (const [segment, tag] of [
      ["ua", "uk"],
      ["en", "en"],
      ["ru", "ru"],
    ]) {
      expect(html).toContain(`hreflang="${tag}"`);
      expect(html).toContain(`/lang/${segment}?`);
    }
    expect(html).toMatch(/<span class="current" lang="pl" aria-current="page">pl<\/span>/);
  });

  it("is listed by the other languages' switchers, named in their language", async () => {
    const html = await (await get("/en/")).text();
    expect(html).toMatch(/<a [^>]*hreflang="pl"[^>]*>pl<\/a>/);
    expect(html).toContain("Read this in Polish");
    const uk = await (await get("/ua/")).text();
    expect(uk).toContain("мовою: польська");
  });

  it("has an RSS feed in pl", async () => {
    const response = await get("/pl/rss.xml");
    expect(response.status).toBe(200);
    const xml = await response.text();
    expect(xml).toContain("<language>pl</language>");
    expect(xml).toContain("Mosty na Dnieprze");
    expect(xml).toMatch(/rel="related"[^>]*hreflang="en"|hreflang="en"[^>]*rel="related"/);
  });

  it("has an Atom feed in pl", async () => {
    const response = await get("/pl/atom.xml");
    expect(response.status).toBe(200);
    const xml = await response.text();
    expect(xml).toMatch(/<feed [^>]*xml:lang="pl"/);
    expect(xml).toContain("Mosty na Dnieprze");
  });

  it("has a JSON Feed in pl", async () => {
    const response = await get("/pl/feed.json");
    expect(response.status).toBe(200);
    const feed = (await response.json()) as {
      language: string;
      items: { title: string; _translations?: { items: { language: string }[] } }[];
    };
    expect(feed.language).toBe("pl");
    const item = feed.items.find((i) => i.title === "Mosty na Dnieprze");
    expect(item?._translations?.items.map((t) => t.language)).toEqual(["en"]);
  });

  it("finds its stories by search, under keys ending in its ordinal", async () => {
    const response = await get("/pl/search?q=mosty");
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain(
      '<a href="/pl/news/mosty-na-dnieprze"><mark>Mosty</mark> na Dnieprze</a>',
    );
    const row = await env.DB.prepare(
      "select id from search_documents where story_id = 'czwarty' and lang = 'pl'",
    ).first<{ id: number }>();
    expect(row && row.id % 4).toBe(3);
  });

  it("still refuses a language in no table", async () => {
    expect((await get("/de/")).status).toBe(404);
    const story = storyPayload("piaty", {
      variants: [{ lang: "de", title: "Brücken", summary: "Kurz", body: "<p>Text</p>" }],
    });
    expect((await api("POST", "/stories", story)).status).toBe(400);
  });
});
