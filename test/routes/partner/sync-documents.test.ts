import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, storyPayload } from "../../helpers/api";
import { recordingD1, type Statement } from "../../helpers/d1";
import { createPartner, partnerRequest } from "../../helpers/partners";
import { loadSeedStories } from "../../helpers/seeds";

interface SyncPage {
  items: { event: { storyId: string; version: number }; ninjs: Record<string, unknown> }[];
}

let full: string;
let summary: string;

/** One sync page and every statement it sent to D1. */
async function sync(query: string, key = full): Promise<{ page: SyncPage; sql: Statement[] }> {
  const statements: Statement[] = [];
  const response = await partnerRequest(
    `/stories?${query}`,
    key,
    {},
    {
      ...env,
      DB: recordingD1(statements),
    },
  );
  expect(response.status, await response.clone().text()).toBe(200);
  return { page: (await response.json()) as SyncPage, sql: statements };
}

/** The statements that read whole stories (getStories). */
const storyReads = (sql: Statement[]) =>
  sql.filter((s) => s.sql.includes("from story_variants v where"));
const readsStories = (sql: Statement[]) => storyReads(sql).length > 0;

/** ninjs 3.1 headlines: the main one's text. */
function headline(page: SyncPage, storyId: string): unknown {
  const ninjs = page.items.find((i) => i.event.storyId === storyId)?.ninjs;
  return (ninjs?.headlines as { value: string }[] | undefined)?.[0]?.value;
}

beforeAll(async () => {
  await loadSeedStories();
  full = (await createPartner({ name: "Full", languages: ["en"], fullText: true })).key;
  summary = (await createPartner({ name: "Summary", languages: ["en"], fullText: false })).key;
  for (const id of ["docs-a", "docs-b"]) {
    expect((await api("POST", "/stories", storyPayload(id))).status).toBe(201);
    const published = await api("POST", `/stories/${id}/publish`, {}, { "If-Match": '"v1"' });
    expect(published.status).toBe(200);
  }
});

describe("partner documents kept between sync pages", () => {
  it("renders a page once: read again, it reads no story and sends the same documents", async () => {
    const first = await sync("lang=en");
    expect(first.page.items.length).toBeGreaterThanOrEqual(2);
    expect(readsStories(first.sql)).toBe(true);
    const again = await sync("lang=en");
    expect(readsStories(again.sql)).toBe(false);
    expect(again.page).toEqual(first.page);
    // Another ninjs version is another document.
    const v2 = await sync("lang=en&ninjs=2.2");
    expect(readsStories(v2.sql)).toBe(true);
  });

  it("renders again what a correction changed, and only that", async () => {
    await sync("lang=en");
    const corrected = await api(
      "PATCH",
      "/stories/docs-a/variants/en",
      { title: "Corrected headline" },
      { "If-Match": '"v2"' },
    );
    expect(corrected.status).toBe(200);
    const { page, sql } = await sync("lang=en");
    expect(headline(page, "docs-a")).toBe("Corrected headline");
    expect(headline(page, "docs-b")).toBe("News docs-b");
    // Stories are read again, the corrected one alone: its id is the only one bound.
    const [read, ...more] = storyReads(sql);
    expect(more).toEqual([]);
    expect(read?.params.map((p) => JSON.parse(String(p)))).toEqual([["docs-a"]]);
    const { page: fresh } = await sync("lang=en");
    expect(fresh).toEqual(page);
  });

  it("renders again after a category is renamed, though no story version moved", async () => {
    const before = await sync("lang=en");
    const subject = (item: SyncPage["items"][number]) =>
      (item.ninjs.subjects as { name: string }[] | undefined)?.[0]?.name;
    const story = before.page.items.find((i) => i.event.storyId === "docs-b");
    expect(story).toBeDefined();
    const category = (await (await api("GET", "/stories/docs-b")).json()) as { categoryId: string };
    const renamed = await api("PATCH", `/categories/${category.categoryId}`, {
      names: { en: "Renamed section" },
    });
    expect(renamed.status).toBe(200);
    const after = await sync("lang=en");
    expect(readsStories(after.sql)).toBe(true);
    const renamedStory = after.page.items.find((i) => i.event.storyId === "docs-b");
    expect(renamedStory?.event.version).toBe(story?.event.version);
    expect(subject(renamedStory as SyncPage["items"][number])).toBe("Renamed section");
  });

  it("keeps a summary-only partner's documents apart from a full-text partner's", async () => {
    await sync("lang=en");
    const { page } = await sync("lang=en", summary);
    const item = page.items.find((i) => i.event.storyId === "docs-a");
    expect(item).toBeDefined();
    expect(item?.ninjs.body_html ?? item?.ninjs.bodies).toBeUndefined();
    const { page: fullPage } = await sync("lang=en");
    const fullItem = fullPage.items.find((i) => i.event.storyId === "docs-a");
    expect(JSON.stringify(fullItem?.ninjs)).toContain("Corrected headline");
    expect(fullItem?.ninjs).not.toEqual(item?.ninjs);
  });
});

describe("partner documents shared by search pages", () => {
  /** One search page and every statement it sent to D1. */
  async function search(
    q: string,
  ): Promise<{ items: SyncPage["items"][number]["ninjs"][]; sql: Statement[] }> {
    const statements: Statement[] = [];
    const response = await partnerRequest(
      `/stories/search?lang=en&q=${encodeURIComponent(q)}`,
      full,
      {},
      { ...env, DB: recordingD1(statements) },
    );
    expect(response.status, await response.clone().text()).toBe(200);
    const { items } = (await response.json()) as { items: SyncPage["items"][number]["ninjs"][] };
    return { items, sql: statements };
  }
  const uriOf = (storyId: string, page: SyncPage) =>
    page.items.find((i) => i.event.storyId === storyId)?.ninjs.uri;

  it("shows the documents sync rendered without reading a story, and a correction at once", async () => {
    const { page } = await sync("lang=en");
    const uri = uriOf("docs-b", page);
    const first = await search("news docs");
    expect(readsStories(first.sql)).toBe(false);
    const found = first.items.find((ninjs) => ninjs.uri === uri);
    expect(uri).toBeDefined();
    expect(found).toBeDefined();
    expect(found).toEqual(page.items.find((i) => i.event.storyId === "docs-b")?.ninjs);

    const story = (await (await api("GET", "/stories/docs-b")).json()) as { version: number };
    const corrected = await api(
      "PATCH",
      "/stories/docs-b/variants/en",
      { title: "News docs-b, corrected" },
      { "If-Match": `"v${story.version}"` },
    );
    expect(corrected.status).toBe(200);
    const after = await search("news docs");
    const [read, ...more] = storyReads(after.sql);
    expect(more).toEqual([]);
    expect(read?.params.map((p) => JSON.parse(String(p)))).toEqual([["docs-b"]]);
    const shown = after.items.find((ninjs) => ninjs.uri === uri);
    expect(shown?.headlines).toEqual([
      { role: "main", value: "News docs-b, corrected", contentType: "text/plain" },
    ]);
  });
});
