import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { insertStory } from "../../src/db/stories";
import app from "../../src/index";
import { MAX_PREFIX_TERMS } from "../../src/search/query";
import { PAGE_SIZE } from "../../src/services/reader-pages";
import { api, storyPayload } from "../helpers/api";
import { attr, links, tags, visibleText } from "../helpers/html";
import { loadSeedStories, seedBundle, testDb } from "../helpers/seeds";
import { makeStory } from "../helpers/stories";

function get(path: string) {
  return app.request(path, {}, env);
}

function search(segment: string, q: string, extra = "") {
  return get(`/${segment}/search?q=${encodeURIComponent(q)}${extra}`);
}

/** The story links of a result page, in order. */
async function results(segment: string, q: string): Promise<string[]> {
  const response = await search(segment, q);
  expect(response.status).toBe(200);
  return resultLinks(await response.text());
}

function resultLinks(html: string): string[] {
  const list = /<ol class="story-list search-results">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? "";
  return [...list.matchAll(/<h2 class="story-card-title"><a href="([^"]+)"/g)].map(
    (m) => m[1] as string,
  );
}

interface SeedVariant {
  slug: string;
  title: string;
}
/** A seed story's slug in a language, read from the seed file itself. */
function seedSlug(id: string, lang: "uk" | "en" | "ru"): string {
  const file = seedBundle().stories.find((s) => (s.content as { id: string }).id === id)?.content as
    | { variants: Record<string, SeedVariant> }
    | undefined;
  const slug = file?.variants[lang]?.slug;
  if (!slug) throw new Error(`no seed ${id} in ${lang}`);
  return slug;
}

const US_ACTIONS = "2023-09-16-us-further-actions-russia-north-korea";
const NK_TIES = "2023-12-19-russia-china-north-korea-ties";

beforeAll(async () => {
  await loadSeedStories();
});

describe("search finds inflected forms in the reader's language", () => {
  it.each([
    ["ua", "uk", "провокація"],
    ["ru", "ru", "провокация"],
    ["en", "en", "provocation"],
  ] as const)(
    "/%s/search?q=%s finds the seed story about provocations",
    async (segment, lang, q) => {
      const found = await results(segment, q);
      expect(found).toEqual([`/${segment}/news/${seedSlug(US_ACTIONS, lang)}`]);
    },
  );

  it("finds «боєприпаси» and «боєприпасів» for «боєприпас», newest first", async () => {
    expect(await results("ua", "боєприпас")).toEqual([
      `/ua/news/${seedSlug(NK_TIES, "uk")}`,
      `/ua/news/${seedSlug(US_ACTIONS, "uk")}`,
    ]);
    expect(await results("ru", "боеприпасы")).toEqual([
      `/ru/news/${seedSlug(NK_TIES, "ru")}`,
      `/ru/news/${seedSlug(US_ACTIONS, "ru")}`,
    ]);
  });

  it("shows results in the page's language only", async () => {
    // A Ukrainian word searched on the English pages finds nothing there.
    expect(await results("en", "провокація")).toEqual([]);
    expect(await results("ua", "provocation")).toEqual([]);
  });

  it("matches the last word typed as a prefix", async () => {
    expect(await results("en", "provoc")).toEqual([`/en/news/${seedSlug(US_ACTIONS, "en")}`]);
    expect(await results("ua", "Північної Кор")).toContain(
      `/ua/news/${seedSlug(US_ACTIONS, "uk")}`,
    );
  });

  it("matches a last word that begins too many indexed terms as the word it is", async () => {
    const db = testDb();
    // "provo" begins one indexed term ("provoc", from "provocations"): a prefix.
    expect(await results("en", "provo")).toEqual([`/en/news/${seedSlug(US_ACTIONS, "en")}`]);
    const terms = Array.from({ length: MAX_PREFIX_TERMS }, (_, i) => ({ term: `provo${i}` }));
    await db.insertInto("search_terms").values(terms).execute();
    try {
      // Now it begins 51: matched as the word "provo", which no story holds.
      const response = await search("en", "provo");
      expect(resultLinks(await response.text())).toEqual([]);
      // One term fewer is still a prefix.
      await db.deleteFrom("search_terms").where("term", "=", "provo0").execute();
      expect(await results("en", "provo")).toEqual([`/en/news/${seedSlug(US_ACTIONS, "en")}`]);
    } finally {
      await db
        .deleteFrom("search_terms")
        .where("term", "like", "provo_%")
        .where("term", "<>", "provoc")
        .execute();
    }
  });

  it("expands the last word from the terms of stories published after the index was made", async () => {
    const db = testDb();
    expect(await results("en", "zanzib")).toEqual([]);
    const created = await api(
      "POST",
      "/stories",
      storyPayload("zanzibar-ferry", {
        variants: [
          {
            lang: "en",
            title: "Ferry to Zanzibar resumes",
            summary: "In short",
            body: "<p>Text</p>",
          },
        ],
      }),
    );
    expect(created.status).toBe(201);
    const published = await api("POST", "/stories/zanzibar-ferry/publish", undefined, {
      "If-Match": '"v1"',
    });
    expect(published.status).toBe(200);
    expect(
      (await db.selectFrom("search_terms").select("term").where("term", "=", "zanzibar").execute())
        .length,
    ).toBe(1);
    expect((await results("en", "zanzib")).length).toBe(1);
  });

  it("needs every word: one that no story holds empties the results", async () => {
    expect(await results("en", "provocation zanzibar")).toEqual([]);
  });
});

describe("a result", () => {
  it("links the title, names the category and date, and marks the matched words", async () => {
    const html = await (await search("ua", "провокація")).text();
    const item = /<ol class="story-list search-results">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? "";
    expect(item).toContain("<mark>провокації</mark>");
    expect(item).toMatch(/<a class="kicker" href="\/ua\/category\/world">[^<]+<\/a>/);
    expect(item).toContain('<time datetime="2023-09-16T04:04:00.000Z">');
    // The snippet marks the word where it stands in the text readers see.
    const snippet = /<p class="story-card-summary">([\s\S]*?)<\/p>/.exec(item)?.[1] ?? "";
    expect(snippet).toMatch(/<mark>/);
  });

  it("keeps the query in the masthead's box, escaped", async () => {
    const html = await (await search("en", 'provocation "<b>')).text();
    const input = tags(html, "input").find((t) => attr(t, "name") === "q") ?? "";
    expect(attr(input, "value")).toBe("provocation &quot;&lt;b&gt;");
  });
});

describe("the search page", () => {
  it("is never indexed nor shared from a cache", async () => {
    const response = await search("en", "provocation");
    const html = await response.text();
    expect(
      tags(html, "meta").some(
        (t) => attr(t, "name") === "robots" && attr(t, "content") === "noindex",
      ),
    ).toBe(true);
    expect(response.headers.get("Cache-Control")).toBe("private, no-cache");
  });

  it("asks for a word when the query is empty, in the page's language", async () => {
    for (const path of ["/ua/search", "/ua/search?q=", "/ua/search?q=%20%21%3F"]) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(visibleText(await response.text())).toContain("Введіть слово чи два");
    }
  });

  it("says so, in the page's language, when nothing matches", async () => {
    const ru = visibleText(await (await search("ru", "абракадабра")).text());
    expect(ru).toContain("По вашему запросу ничего не найдено");
    const en = visibleText(await (await search("en", "abracadabra")).text());
    expect(en).toContain("No stories match your search");
  });

  it.each([
    '"',
    "*",
    "-",
    "NEAR",
    "NEAR(provocation united, 2)",
    '"provocation',
    "provocation*",
    "-provocation",
    "title:provocation",
    "provocation OR",
    "AND",
    "(",
    "^",
    `${"x".repeat(10_000)}`,
    `${"провокація ".repeat(500)}`,
    "\u0000\u202e",
  ])("answers the hostile query #%# with a page, never an error", async (q) => {
    const response = await search("en", q);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<section class="search-page">');
  });

  it("reads FTS5 syntax as words: «-provocation» still finds provocations", async () => {
    expect(await results("en", "-provocation")).toEqual([`/en/news/${seedSlug(US_ACTIONS, "en")}`]);
  });

  it("never reflects markup from the query", async () => {
    const html = await (
      await search("en", "<script>alert(1)</script><img src=x onerror=alert(1)>")
    ).text();
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("refuses a malformed page cursor with the localized 400 page", async () => {
    const response = await search("ua", "провокація", "&after=not-a-cursor");
    expect(response.status).toBe(400);
  });
});

describe("paging through results", () => {
  beforeAll(async () => {
    for (let i = 0; i < PAGE_SIZE + 2; i++) {
      const minute = String(i).padStart(2, "0");
      const story = makeStory(["en"], {
        id: `zebra-${minute}`,
        publishedAt: `2021-03-01T10:${minute}:00.000Z`,
      });
      const variant = story.variants.en;
      if (variant) variant.title = `Zebras crossing number ${i}`;
      await insertStory(testDb(), story);
    }
  });

  it("pages newest first with a keyset cursor that keeps the query", async () => {
    const first = await (await search("en", "zebra")).text();
    const page1 = resultLinks(first);
    expect(page1).toHaveLength(PAGE_SIZE);
    expect(page1[0]).toBe(`/en/news/zebra-${String(PAGE_SIZE + 1).padStart(2, "0")}-en`);
    const next = tags(first, "a").find((a) => attr(a, "rel") === "next");
    const href = next ? (attr(next, "href") ?? "") : "";
    expect(href).toMatch(/^\/en\/search\?q=zebra&after=/);
    const second = await (await get(href)).text();
    expect(resultLinks(second)).toEqual(["/en/news/zebra-01-en", "/en/news/zebra-00-en"]);
    expect(tags(second, "a").some((a) => attr(a, "rel") === "next")).toBe(false);
  });
});

describe("the index follows every story write at once", () => {
  const word = "quokka";
  const id = "search-lifecycle";

  async function found(segment = "en", q = word) {
    return (await results(segment, q)).some((href) => href.includes(id));
  }

  it("indexes no draft, then a published story, and drops it the moment it is withdrawn", async () => {
    const payload = storyPayload(id, {
      variants: [
        {
          lang: "en",
          slug: `${id}-en`,
          title: `A ${word} story`,
          summary: "In short",
          body: "<p>Text</p>",
        },
        {
          lang: "uk",
          slug: `${id}-uk`,
          title: "Історія про квоку",
          summary: "Коротко",
          body: "<p>Текст</p>",
        },
      ],
    });
    expect((await api("POST", "/stories", payload)).status).toBe(201);
    expect(await found()).toBe(false);

    expect(
      (await api("POST", `/stories/${id}/publish`, undefined, { "If-Match": '"v1"' })).status,
    ).toBe(200);
    expect(await found()).toBe(true);
    expect(await found("ua", "квоки")).toBe(true);

    expect(
      (await api("POST", `/stories/${id}/withdraw`, undefined, { "If-Match": '"v2"' })).status,
    ).toBe(200);
    expect(await found()).toBe(false);
    expect(await found("ua", "квоки")).toBe(false);

    expect(
      (await api("POST", `/stories/${id}/restore`, undefined, { "If-Match": '"v3"' })).status,
    ).toBe(200);
    expect(await found()).toBe(true);
  });

  it("finds a correction's new words and no longer its old ones", async () => {
    const patch = { title: "A wombat story" };
    expect(
      (await api("PATCH", `/stories/${id}/variants/en`, patch, { "If-Match": '"v4"' })).status,
    ).toBe(200);
    expect(await found("en", "wombats")).toBe(true);
    expect(await found()).toBe(false);
  });

  it("drops a removed language and indexes an added one", async () => {
    expect(
      (await api("DELETE", `/stories/${id}/variants/uk`, undefined, { "If-Match": '"v5"' })).status,
    ).toBe(200);
    expect(await found("ua", "квоки")).toBe(false);
    const variant = {
      lang: "ru",
      slug: `${id}-ru`,
      title: "История про квокку",
      summary: "Кратко",
      body: "<p>Текст</p>",
    };
    expect(
      (await api("POST", `/stories/${id}/variants`, variant, { "If-Match": '"v6"' })).status,
    ).toBe(200);
    expect(await found("ru", "квокки")).toBe(true);
  });

  it("leaves the index as it was when a stale write is refused", async () => {
    const patch = { title: "A platypus story" };
    expect(
      (await api("PATCH", `/stories/${id}/variants/en`, patch, { "If-Match": '"v1"' })).status,
    ).toBe(412);
    expect(await found("en", "platypus")).toBe(false);
    expect(await found("en", "wombat")).toBe(true);
  });
});

describe("every page", () => {
  it.each(["/ua/", "/en/category/world", `/ru/news/${seedSlug(US_ACTIONS, "ru")}`])(
    "%s has the search box and links the OpenSearch description",
    async (path) => {
      const html = await (await get(path)).text();
      const segment = path.split("/")[1];
      const form = tags(html, "form").find((f) => attr(f, "action") === `/${segment}/search`);
      expect(form).toBeDefined();
      expect(attr(form ?? "", "method")).toBe("get");
      const search = links(html, "search", { type: "application/opensearchdescription+xml" });
      expect(search.map((l) => attr(l, "href"))).toEqual([
        `${env.SITE_URL.replace(/\/$/, "")}/${segment}/opensearch.xml`,
      ]);
    },
  );
});

describe("the OpenSearch description", () => {
  it("names the language by its BCP 47 tag and templates the search URL", async () => {
    const response = await get("/ua/opensearch.xml");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(
      "application/opensearchdescription+xml; charset=utf-8",
    );
    const xml = await response.text();
    expect(xml).toContain('<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">');
    expect(xml).toContain("<Language>uk</Language>");
    expect(xml).toContain(
      `template="${env.SITE_URL.replace(/\/$/, "")}/ua/search?q={searchTerms}"`,
    );
    const shortName = /<ShortName>([^<]*)<\/ShortName>/.exec(xml)?.[1] ?? "";
    expect(shortName.length).toBeGreaterThan(0);
    expect(shortName.length).toBeLessThanOrEqual(16);
  });
});
