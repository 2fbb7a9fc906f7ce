import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import app from "../../src/index";
import { api, storyPayload } from "../helpers/api";
import { readFeed, xmlTree } from "../helpers/feeds";
import { expectValidJsonFeed } from "../helpers/json-feed-schema";
import { createPartner, partnerRequest, problemOf } from "../helpers/partners";
import { loadSeedStories, testDb } from "../helpers/seeds";

type Node = Record<string, unknown>;

function get(path: string, headers: Record<string, string> = {}) {
  return app.request(path, { headers }, env);
}

async function publishedStory(id: string, overrides: Record<string, unknown> = {}) {
  const created = await api("POST", "/stories", storyPayload(id, overrides));
  expect(created.status).toBe(201);
  const published = await api("POST", `/stories/${id}/publish`, { version: 1 });
  expect(published.status).toBe(200);
  return (await published.json()) as { version: number };
}

async function itemsOf(path: string) {
  return readFeed(await (await get(path)).text()).items;
}

beforeAll(loadSeedStories);

describe("a withdrawal, as subscribers see it", () => {
  it("replaces the story in every feed by a notice under the same id, with the editors' note", async () => {
    const { version } = await publishedStory("sub-withdraw-1");
    const before = (await itemsOf("/en/rss.xml")).find((i) => i.title === "News sub-withdraw-1");
    expect(before).toBeDefined();

    const withdrawn = await api("POST", "/stories/sub-withdraw-1/withdraw", {
      version,
      note: "The report could not be verified.",
    });
    expect(withdrawn.status).toBe(200);
    const body = (await withdrawn.json()) as { withdrawal: { at: string; note: string } };
    expect(body.withdrawal).toMatchObject({ note: "The report could not be verified." });

    for (const path of ["/en/rss.xml", "/en/atom.xml", "/en/category/world/rss.xml"]) {
      const item = (await itemsOf(path)).find((i) => i.id === before?.id);
      expect(item?.title, path).toBe("Withdrawn: News sub-withdraw-1");
      expect(item?.content, path).toContain("The report could not be verified.");
      expect(item?.content, path).not.toContain("<p>Text</p>");
    }
    const atom = xmlTree(await (await get("/en/atom.xml")).text()).feed as Node;
    const tombstones = [atom["at:deleted-entry"]].flat() as Node[];
    expect(tombstones.map((t) => t["@_ref"])).toContain(before?.id);
    const ua = (await itemsOf("/ua/rss.xml")).find((i) => i.title?.includes("sub-withdraw-1"));
    expect(ua?.title).toBe("Відкликано: Новина sub-withdraw-1");
    const json = JSON.parse(await (await get("/ru/feed.json")).text()) as { items: Node[] };
    const notice = json.items.find((i) => (i.title as string).includes("sub-withdraw-1"));
    expect(notice?._withdrawn).toMatchObject({ note: "The report could not be verified." });
    // The page itself is gone.
    expect((await get("/en/news/news-sub-withdraw-1")).status).toBe(410);
  });

  it("reaches partners' feeds too", async () => {
    const { key } = await createPartner({ name: "Notices", languages: ["en"] });
    const { version } = await publishedStory("sub-withdraw-partner");
    await api("POST", "/stories/sub-withdraw-partner/withdraw", { version });
    const response = await partnerRequest("/en/atom.xml", key);
    expect(response.status).toBe(200);
    const titles = readFeed(await response.text()).items.map((i) => i.title);
    expect(titles).toContain("Withdrawn: News sub-withdraw-partner");
  });

  it("leaves feeds after 30 days", async () => {
    const { version } = await publishedStory("sub-withdraw-old");
    await api("POST", "/stories/sub-withdraw-old/withdraw", { version });
    // Nothing is written when a notice expires: edge copies expire within minutes on their own.
    const titles = async () => {
      const response = await app.request("/en/rss.xml", {}, { ...env, EDGE_CACHE: "off" });
      return readFeed(await response.text()).items.map((i) => i.title);
    };
    expect(await titles()).toContain("Withdrawn: News sub-withdraw-old");
    const longAgo = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000).toISOString();
    await testDb()
      .updateTable("stories")
      .set({ withdrawn_at: longAgo })
      .where("id", "=", "sub-withdraw-old")
      .execute();
    expect(await titles()).not.toContain("Withdrawn: News sub-withdraw-old");
  });

  it("ends with a restore: the story is back whole, the notice gone", async () => {
    const { version } = await publishedStory("sub-restore");
    await api("POST", "/stories/sub-restore/withdraw", { version, note: "Checking." });
    const restored = await api("POST", "/stories/sub-restore/restore", { version: version + 1 });
    expect(restored.status).toBe(200);
    expect(((await restored.json()) as Node).withdrawal).toBeNull();
    const titles = (await itemsOf("/en/rss.xml")).map((i) => i.title);
    expect(titles).toContain("News sub-restore");
    expect(titles).not.toContain("Withdrawn: News sub-restore");
  });

  let badNotes = 0;
  it.each([
    ["an empty note", { note: "  " }, "/note"],
    ["a note over 2000 characters", { note: "x".repeat(2001) }, "/note"],
    ["a note that is not text", { note: 42 }, "/note"],
    ["an unknown member", { reason: "x" }, "/reason"],
  ])("refuses %s with 400 problem+json and changes nothing", async (_, extra, pointer) => {
    badNotes += 1;
    const id = `sub-bad-note-${badNotes}`;
    const { version } = await publishedStory(id);
    const response = await api("POST", `/stories/${id}/withdraw`, { version, ...extra });
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(problem.status).toBe(400);
    const errors = problem.errors as { path: string }[];
    expect(errors.map((e) => e.path)).toContain(pointer);
    const stored = (await (await api("GET", `/stories/${id}`)).json()) as Node;
    expect(stored).toMatchObject({ status: "published", version, withdrawal: null });
  });
});

describe("validators that move only with the feed's own content", () => {
  const UNRELATED = [
    "/en/rss.xml",
    "/en/atom.xml",
    "/en/category/world/rss.xml",
    "/en/category/world/atom.xml",
    "/en/author/martin-fornusek/rss.xml",
    "/ua/briefs/atom.xml",
  ];

  it("answers 304 to every unrelated feed's poll after an English economy brief is published", async () => {
    const held = new Map<string, { etag: string; lastModified: string }>();
    for (const path of [...UNRELATED, "/en/briefs/rss.xml"]) {
      const response = await get(path);
      held.set(path, {
        etag: response.headers.get("etag") ?? "",
        lastModified: response.headers.get("last-modified") ?? "",
      });
    }
    await publishedStory("sub-economy-brief", {
      kind: "brief",
      categoryId: "economy",
      authorIds: ["kyiv-independent-news-desk"],
      variants: [{ lang: "en", title: "Economy brief", summary: "Short", body: "<p>Short</p>" }],
    });
    for (const path of UNRELATED) {
      const { etag, lastModified } = held.get(path) as { etag: string; lastModified: string };
      const poll = await get(path, { "If-None-Match": etag, "If-Modified-Since": lastModified });
      expect(poll.status, path).toBe(304);
      const fresh = await get(path);
      expect(fresh.headers.get("last-modified"), path).toBe(lastModified);
    }
    const briefs = held.get("/en/briefs/rss.xml") as { etag: string };
    const changed = await get("/en/briefs/rss.xml", { "If-None-Match": briefs.etag });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain("Economy brief");
  });

  it("moves a feed's validators when a story in it is withdrawn", async () => {
    const { version } = await publishedStory("sub-withdraw-validators");
    const before = await get("/en/rss.xml");
    const etag = before.headers.get("etag") ?? "";
    await api("POST", "/stories/sub-withdraw-validators/withdraw", { version });
    const after = await get("/en/rss.xml", { "If-None-Match": etag });
    expect(after.status).toBe(200);
    expect(Date.parse(after.headers.get("last-modified") ?? "")).toBeGreaterThanOrEqual(
      Date.parse(before.headers.get("last-modified") ?? ""),
    );
  });
});

describe("every JSON Feed", () => {
  it("passes the JSON Feed 1.1 schema: site, briefs, category and author, public and partner", async () => {
    const { key } = await createPartner({ name: "Json", languages: ["uk", "en", "ru"] });
    const { version } = await publishedStory("sub-json-notice");
    await api("POST", "/stories/sub-json-notice/withdraw", { version, note: "Gone." });
    let checked = 0;
    for (const segment of ["ua", "en", "ru"]) {
      for (const scope of ["", "briefs/", "category/world/", "author/martin-fornusek/"]) {
        const response = await get(`/${segment}/${scope}feed.json`);
        expect(response.status).toBe(200);
        expectValidJsonFeed(await response.json());
        checked += 1;
      }
      for (const scope of ["", "category/world/"]) {
        const response = await partnerRequest(`/${segment}/${scope}feed.json`, key);
        expect(response.status).toBe(200);
        expectValidJsonFeed(await response.json());
        checked += 1;
      }
    }
    expect(checked).toBe(18);
  });
});
