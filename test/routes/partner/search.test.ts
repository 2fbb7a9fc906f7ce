import { beforeAll, describe, expect, it } from "vitest";
import { api, storyPayload } from "../../helpers/api";
import { createPartner, partnerRequest, problemOf } from "../../helpers/partners";
import { loadSeedStories } from "../../helpers/seeds";

const US_ACTIONS = "2023-09-16-us-further-actions-russia-north-korea";
const NK_TIES = "2023-12-19-russia-china-north-korea-ties";

let worldOnly: string;
let full: string;

interface NinjsItem {
  uri: string;
  language: string;
}

async function search(query: string, key = full) {
  return partnerRequest(`/stories/search?${query}`, key);
}

/** The stories a search returns, by id, in order. */
async function storyIds(query: string, key = full): Promise<string[]> {
  const response = await search(query, key);
  expect(response.status, query).toBe(200);
  const body = (await response.json()) as { items: NinjsItem[] };
  return body.items.map(
    (item) =>
      [US_ACTIONS, NK_TIES, "search-world", "search-ukraine"].find((id) => item.uri.includes(id)) ??
      item.uri,
  );
}

beforeAll(async () => {
  await loadSeedStories();
  for (const [id, categoryId] of [
    ["search-world", "world"],
    ["search-ukraine", "ukraine"],
  ] as const) {
    const variants = [
      { lang: "en", title: `Capybara sighting ${id}`, summary: "Short", body: "<p>Body</p>" },
    ];
    await api("POST", "/stories", storyPayload(id, { categoryId, variants }));
    await api("POST", `/stories/${id}/publish`, {}, { "If-Match": '"v1"' });
  }
  worldOnly = (await createPartner({ name: "World", languages: ["en"], categories: ["world"] }))
    .key;
  full = (await createPartner({ name: "Full", languages: ["uk", "en", "ru"] })).key;
});

describe("partner search", () => {
  it("finds inflected forms as ninjs in the asked language, newest first", async () => {
    expect(await storyIds("lang=uk&q=боєприпас")).toEqual([NK_TIES, US_ACTIONS]);
    const body = (await (await search("lang=ru&q=провокация")).json()) as { items: NinjsItem[] };
    expect(body.items.map((i) => i.language)).toEqual(["ru"]);
  });

  it("narrows to publication times, both ends inclusive", async () => {
    expect(await storyIds("lang=en&q=ammunition&from=2023-10-01T00:00:00Z")).toEqual([NK_TIES]);
    expect(await storyIds("lang=en&q=ammunition&to=2023-10-01T00:00:00Z")).toEqual([US_ACTIONS]);
    expect(await storyIds("lang=en&q=ammunition&to=2023-09-16T04:04:00Z")).toEqual([US_ACTIONS]);
  });

  it("stays within the licence: other categories are left out, asked for they are refused", async () => {
    expect(await storyIds("lang=en&q=capybara", worldOnly)).toEqual(["search-world"]);
    expect((await storyIds("lang=en&q=capybara")).sort()).toEqual([
      "search-ukraine",
      "search-world",
    ]);
    const category = await search("lang=en&q=capybara&category=ukraine", worldOnly);
    expect(category.status).toBe(403);
    expect(await problemOf(category)).toMatchObject({
      category: "ukraine",
      allowedCategories: ["world"],
    });
    const language = await search("lang=uk&q=провокація", worldOnly);
    expect(language.status).toBe(403);
    expect((await problemOf(language)).allowedLanguages).toEqual(["en"]);
  });

  it("pages with a keyset cursor", async () => {
    const first = (await (await search("lang=uk&q=боєприпас&limit=1")).json()) as {
      items: NinjsItem[];
      next: string;
    };
    expect(first.items).toHaveLength(1);
    expect(first.next).toEqual(expect.any(String));
    const second = (await (
      await search(`lang=uk&q=боєприпас&limit=1&after=${encodeURIComponent(first.next)}`)
    ).json()) as {
      items: NinjsItem[];
      next: string | null;
    };
    expect(second.items.map((i) => i.uri.includes(US_ACTIONS))).toEqual([true]);
    expect(second.next).toBeNull();
  });

  it("reads FTS5 syntax as words and answers hostile queries without error", async () => {
    for (const q of ['"', "*", "NEAR(a b)", "-", "a OR b", "x".repeat(1500)]) {
      expect((await search(`lang=en&q=${encodeURIComponent(q)}`)).status, q).toBe(200);
    }
  });

  it.each([
    ["q=provocation", "/lang"],
    ["lang=ua&q=provocation", "/lang"],
    ["lang=en", "/q"],
    ["lang=en&q=%20", "/q"],
    [`lang=en&q=${"x".repeat(2001)}`, "/q"],
    ["lang=en&q=war&from=yesterday", "/from"],
    ["lang=en&q=war&to=2024-01-01", "/to"],
    ["lang=en&q=war&category=Not%20A%20Slug", "/category"],
    ["lang=en&q=war&limit=0", "/limit"],
    ["lang=en&q=war&limit=101", "/limit"],
    ["lang=en&q=war&after=garbage", "/after"],
  ])("refuses %s with problem+json naming %s", async (query, path) => {
    const response = await search(query);
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect((problem.errors as { path: string }[]).map((e) => e.path)).toEqual([path]);
  });

  it("no longer finds a story once it is withdrawn", async () => {
    expect(await storyIds("lang=en&q=capybara", worldOnly)).toEqual(["search-world"]);
    await api("POST", "/stories/search-world/withdraw", {}, { "If-Match": '"v2"' });
    expect(await storyIds("lang=en&q=capybara", worldOnly)).toEqual([]);
  });
});
