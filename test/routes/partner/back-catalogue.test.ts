import { beforeAll, describe, expect, it } from "vitest";
import { api, storyPayload } from "../../helpers/api";
import { expectValid, validate31 } from "../../helpers/ninjs-schemas";
import { createPartner, partnerRequest } from "../../helpers/partners";
import { loadSeedStories, seedBundle } from "../../helpers/seeds";

interface SyncPage {
  items: {
    event: { id: number | null; kind: string; storyId: string; version: number };
    ninjs: Record<string, unknown>;
  }[];
  next: string;
  hasMore: boolean;
}

interface SeedStory {
  id: string;
  category: string;
  status?: string;
  publishedAt: string;
  variants: Record<string, unknown>;
}

const LICENSED = ["world", "economy"];

async function sync(key: string, query: string): Promise<SyncPage> {
  const response = await partnerRequest(`/stories?${query}`, key);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as SyncPage;
}

async function publish(id: string, extra: Record<string, unknown> = {}) {
  expect((await api("POST", "/stories", storyPayload(id, extra))).status).toBe(201);
  expect((await api("POST", `/stories/${id}/publish`, {}, { "If-Match": '"v1"' })).status).toBe(
    200,
  );
}

beforeAll(async () => {
  // Seeded and bulk-loaded stories are stored without story events.
  await loadSeedStories();
});

describe("a new partner's first sync (the back catalogue)", () => {
  it("delivers every story live in its licence, seeded ones included, then follows changes", async () => {
    const expected = seedBundle()
      .stories.map((f) => f.content as SeedStory)
      .filter(
        (s) =>
          (s.status ?? "published") === "published" &&
          s.variants.en !== undefined &&
          LICENSED.includes(s.category),
      )
      .map((s) => s.id);
    expect(expected.length).toBeGreaterThan(2);
    // Written through the API: a live story, a draft and a withdrawn one.
    await publish("catalogue-live", { categoryId: "economy" });
    expect((await api("POST", "/stories", storyPayload("catalogue-draft"))).status).toBe(201);
    await publish("catalogue-withdrawn");
    expect(
      (await api("POST", "/stories/catalogue-withdrawn/withdraw", {}, { "If-Match": '"v2"' }))
        .status,
    ).toBe(200);

    const { key } = await createPartner({
      name: "Newcomer",
      languages: ["en"],
      categories: LICENSED,
    });
    const first = await sync(key, "lang=en&limit=2");
    expect(first.hasMore).toBe(true);
    const items = [...first.items];
    // While the partner pages, a story it already received is corrected, and one is published.
    const seen = first.items[0]?.event.storyId as string;
    const current = await api("GET", `/stories/${seen}`);
    const corrected = await api(
      "PATCH",
      `/stories/${seen}/variants/en`,
      { title: "Corrected while paging" },
      { "If-Match": current.headers.get("ETag") ?? "" },
    );
    expect(corrected.status).toBe(200);
    await publish("catalogue-during", { categoryId: "world" });

    let cursor = first.next;
    for (let pages = 0; pages < 50; pages++) {
      const page = await sync(key, `lang=en&limit=2&since=${cursor}`);
      items.push(...page.items);
      cursor = page.next;
      if (!page.hasMore) break;
    }
    for (const item of items) expectValid(validate31, item.ninjs);

    const snapshot = items.filter((i) => i.event.kind === "snapshot");
    expect(snapshot.every((i) => i.event.id === null)).toBe(true);
    // Every live story in the licence; no draft, no withdrawn story the partner never had.
    // The one published while paging may come in the catalogue too (it is live by then).
    expect(
      snapshot
        .map((i) => i.event.storyId)
        .filter((id) => id !== "catalogue-during")
        .sort(),
    ).toEqual([...expected, "catalogue-live"].sort());
    // Then the change feed: the correction and the publication made during the snapshot.
    const changes = items.filter((i) => i.event.kind !== "snapshot");
    expect(changes.map((i) => [i.event.storyId, i.event.kind])).toEqual([
      [seen, "variant_updated"],
      ["catalogue-during", "published"],
    ]);
    const last = changes.find((i) => i.event.storyId === seen);
    const headlines = (last?.ninjs.headlines ?? []) as { value: string }[];
    expect(headlines[0]?.value).toBe("Corrected while paging");

    // Caught up: polling with the last cursor returns nothing until something changes.
    expect((await sync(key, `lang=en&since=${cursor}`)).items).toEqual([]);
  });

  it("answers 400 to a snapshot cursor it did not hand out", async () => {
    const { key } = await createPartner({ name: "Forger", languages: ["en"] });
    for (const forged of ["s1~yesterday~x", "s-1", "s1~2026-01-01T00:00:00Z~"]) {
      const token = btoa(forged).replace(/=+$/, "");
      const response = await partnerRequest(`/stories?lang=en&since=${token}`, key);
      expect(response.status, forged).toBe(400);
    }
  });
});
