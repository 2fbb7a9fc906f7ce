import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { storyPayload } from "../../helpers/api";
import { expectValid, validate31 } from "../../helpers/ninjs-schemas";
import {
  consumeWebhooks,
  createPartner,
  type IssuedPartner,
  newsroomWithQueue,
  partnerRequest,
  problemOf,
  webhookReceiver,
} from "../../helpers/partners";
import { loadSeedStories } from "../../helpers/seeds";

interface SyncItem {
  event: { id: number | null; kind: string; storyId: string; lang: string; version: number };
  ninjs: Record<string, unknown> & { language: string; subject?: { literal?: string }[] };
}
interface SyncPage {
  items: SyncItem[];
  next: string;
  hasMore: boolean;
}

const { queue, write } = newsroomWithQueue();

async function publish(id: string, extra: Record<string, unknown> = {}) {
  await write("POST", "/stories", storyPayload(id, extra));
  await write("POST", `/stories/${id}/publish`, {}, 1);
}

async function syncAll(key: string, query: string, since?: string) {
  const items: SyncItem[] = [];
  let cursor = since;
  for (let pages = 0; pages < 500; pages++) {
    const response = await partnerRequest(
      `/stories?${query}${cursor ? `&since=${cursor}` : ""}`,
      key,
    );
    expect(response.status, await response.clone().text()).toBe(200);
    const page = (await response.json()) as SyncPage;
    items.push(...page.items);
    cursor = page.next;
    if (!page.hasMore) return { items, next: page.next };
  }
  throw new Error("sync did not end");
}

const cursor = (text: string) => btoa(text).replace(/=+$/, "");
const categoryOf = (item: SyncItem) =>
  (item.ninjs.subjects as { uri: string }[]).find((s) => s.uri.includes(":category/"))?.uri;

let bilingual: IssuedPartner;
let everything: IssuedPartner;

beforeAll(async () => {
  await loadSeedStories();
  bilingual = await createPartner({
    name: "Bilingual",
    languages: ["uk", "en"],
    categories: ["world", "economy"],
    fullText: true,
  });
  everything = await createPartner({
    name: "Everything",
    languages: ["uk", "en", "ru"],
    webhookUrl: "https://hooks.partner.example/ua",
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("one sync for several languages", () => {
  it("pages the back catalogue and the changes of uk and en together, each item in its language", async () => {
    await publish("multi-lang-old");
    const first = await syncAll(bilingual.key, "lang=uk,en&limit=1");
    const snapshot = first.items.filter((i) => i.event.storyId === "multi-lang-old");
    expect(snapshot.map((i) => i.event.lang).sort()).toEqual(["en", "uk"]);
    for (const item of first.items) {
      expect(["uk", "en"]).toContain(item.event.lang);
      expect(item.ninjs.language).toBe(item.event.lang);
      expectValid(validate31, item.ninjs);
    }
    // Page by page (limit=1) it is the same catalogue as one language at a time, nothing lost.
    const keys = (items: SyncItem[]) => items.map((i) => `${i.event.storyId} ${i.event.lang}`);
    const uk = await syncAll(bilingual.key, "lang=uk&limit=50");
    const en = await syncAll(bilingual.key, "lang=en&limit=50");
    expect(new Set(keys(first.items))).toEqual(new Set([...keys(uk.items), ...keys(en.items)]));
    expect(keys(first.items)).toHaveLength(new Set(keys(first.items)).size);

    await publish("multi-lang-new");
    const changes = await syncAll(bilingual.key, "lang=uk,en", first.next);
    expect(
      changes.items.filter((i) => i.event.storyId === "multi-lang-new").map((i) => i.event.lang),
    ).toEqual(expect.arrayContaining(["uk", "en"]));
    expect(changes.items.every((i) => i.ninjs.language === i.event.lang)).toBe(true);
  });

  it("refuses a language outside the licence (403) and a malformed list (400)", async () => {
    const outside = await partnerRequest("/stories?lang=uk,ru", bilingual.key);
    expect(outside.status).toBe(403);
    expect((await problemOf(outside)).detail).toContain("ru");
    for (const lang of ["uk,uk", "uk,xx", "uk,", ",en"]) {
      const response = await partnerRequest(`/stories?lang=${lang}`, bilingual.key);
      expect(response.status, lang).toBe(400);
      await problemOf(response);
    }
  });
});

describe("a category filter within the licence", () => {
  it("syncs only the asked category", async () => {
    await publish("category-world");
    await publish("category-economy", { categoryId: "economy" });
    const world = await syncAll(bilingual.key, "lang=en&category=world");
    expect(world.items.map((i) => i.event.storyId)).toContain("category-world");
    expect(world.items.map((i) => i.event.storyId)).not.toContain("category-economy");
    expect(new Set(world.items.map(categoryOf))).toEqual(
      new Set([expect.stringContaining("category/world")]),
    );
    const both = await syncAll(bilingual.key, "lang=en&category=world,economy");
    expect(both.items.map((i) => i.event.storyId)).toEqual(
      expect.arrayContaining(["category-world", "category-economy"]),
    );
  });

  it("still brings the takedown of a held story that moved out of the asked category", async () => {
    await publish("category-moved");
    const start = await syncAll(bilingual.key, "lang=en&category=world");
    expect(start.items.map((i) => i.event.storyId)).toContain("category-moved");
    await write("PATCH", "/stories/category-moved", { categoryId: "politics" }, 2);
    // Moved away and live: not in a sync of world any more.
    const moved = await syncAll(bilingual.key, "lang=en&category=world", start.next);
    expect(moved.items.map((i) => i.event.storyId)).not.toContain("category-moved");
    await write("POST", "/stories/category-moved/withdraw", {}, 3);
    const after = await syncAll(bilingual.key, "lang=en&category=world", moved.next);
    const takedown = after.items.find((i) => i.event.storyId === "category-moved");
    expect(takedown?.event.kind).toBe("withdrawn");
    expect(takedown?.ninjs.pubStatus).toBe("canceled");
  });

  it("refuses a category outside the licence with 403, exists or not, and bad ids with 400", async () => {
    for (const category of ["politics", "no-such-section", "world,politics"]) {
      const response = await partnerRequest(`/stories?lang=en&category=${category}`, bilingual.key);
      expect(response.status, category).toBe(403);
      const problem = await problemOf(response);
      expect(problem.allowedCategories).toEqual(["world", "economy"]);
    }
    const unknown = await partnerRequest("/stories?lang=en&category=no-such", everything.key);
    expect(unknown.status).toBe(400);
    await problemOf(unknown);
    for (const category of ["", "World", "world,world"]) {
      const response = await partnerRequest(`/stories?lang=en&category=${category}`, bilingual.key);
      expect(response.status, category).toBe(400);
    }
  });
});

describe("cursors", () => {
  it("answers a made-up cursor beyond the newest event with 400, as a malformed one", async () => {
    const { next } = await syncAll(bilingual.key, "lang=en");
    for (const since of [cursor("e999999999"), cursor("s999999999"), "not-a-cursor!"]) {
      const response = await partnerRequest(`/stories?lang=en&since=${since}`, bilingual.key);
      expect(response.status, since).toBe(400);
      expect((await problemOf(response)).errors).toEqual([
        expect.objectContaining({ in: "query", path: "/since" }),
      ]);
    }
    // The newest real cursor is still fine.
    expect((await partnerRequest(`/stories?lang=en&since=${next}`, bilingual.key)).status).toBe(
      200,
    );
  });
});

describe("webhook requests", () => {
  it("carry a User-Agent naming the sender", async () => {
    await publish("user-agent");
    const message = queue.sent.find(
      (m) => m.partnerId === everything.id && m.storyId === "user-agent",
    );
    if (!message) throw new Error("no message");
    const receiver = webhookReceiver(() => new Response(null, { status: 204 }));
    await consumeWebhooks([message]);
    expect(receiver.received[0]?.request.headers.get("User-Agent")).toBe("newsroom-webhooks/1");
  });
});
