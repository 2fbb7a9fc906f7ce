import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { getStory } from "../../../src/db/stories";
import { TAG_AUTHORITY } from "../../../src/domain/identity";
import { storyVariantId } from "../../../src/feeds/ids";
import { api, storyPayload } from "../../helpers/api";
import { recordingD1, type Statement } from "../../helpers/d1";
import { expectValid, validate22, validate31 } from "../../helpers/ninjs-schemas";
import { createPartner, partnerRequest, problemOf } from "../../helpers/partners";
import { loadSeedStories, testDb } from "../../helpers/seeds";

interface SyncItem {
  event: { id: number; kind: string; storyId: string; lang: string; version: number };
  ninjs: Record<string, unknown> & { uri: string; pubStatus?: string; pubstatus?: string };
}
interface SyncPage {
  items: SyncItem[];
  next: string;
  hasMore: boolean;
}

let key: string;

async function sync(query: string, as = key): Promise<SyncPage> {
  const response = await partnerRequest(`/stories?${query}`, as);
  expect(response.status, await response.clone().text()).toBe(200);
  expect(response.headers.get("Cache-Control")).toBe("private, no-cache");
  return (await response.json()) as SyncPage;
}

/** Every page from a cursor to the end, validating each document on the way. */
async function syncAll(
  query: string,
  since?: string,
): Promise<{ items: SyncItem[]; next: string }> {
  const items: SyncItem[] = [];
  let cursor = since;
  for (let pages = 0; pages < 100; pages++) {
    const page = await sync(`${query}${cursor ? `&since=${cursor}` : ""}`);
    items.push(...page.items);
    cursor = page.next;
    if (!page.hasMore) return { items, next: page.next };
  }
  throw new Error("sync did not end");
}

async function createAndPublish(id: string, extra: Record<string, unknown> = {}) {
  expect((await api("POST", "/stories", storyPayload(id, extra))).status).toBe(201);
  expect((await api("POST", `/stories/${id}/publish`, {}, { "If-Match": '"v1"' })).status).toBe(
    200,
  );
}

beforeAll(async () => {
  await loadSeedStories();
  key = (await createPartner({ name: "Sync", languages: ["uk", "en", "ru"], fullText: true })).key;
});

describe("GET /partner/v1/stories", () => {
  it("serves valid ninjs 3.1 by default and 2.2 on request, for every document of every page", async () => {
    // The first sync begins with the back catalogue (seeded stories too), then the changes.
    await createAndPublish("sync-all-languages", {
      image: { url: "/media/a.jpg", credit: "Desk" },
    });
    await createAndPublish("sync-valid", {
      variants: [
        {
          lang: "en",
          title: "Valid",
          summary: "S",
          body: '<p><a href="/en/news/other">rel</a><img src="/media/x.jpg" alt="x"></p>',
        },
      ],
    });
    for (const lang of ["uk", "en", "ru"]) {
      const v3 = await syncAll(`lang=${lang}&limit=8`);
      const v2 = await syncAll(`lang=${lang}&limit=8&ninjs=2.2`);
      expect(v3.items.length).toBeGreaterThan(0);
      for (const item of v3.items) {
        expectValid(validate31, item.ninjs);
        expect(item.ninjs.language).toBe(lang);
      }
      for (const item of v2.items) expectValid(validate22, item.ninjs);
      expect(v2.items.map((i) => i.ninjs.uri)).toEqual(v3.items.map((i) => i.ninjs.uri));
    }
    const { items } = await syncAll("lang=en");
    const valid = items.find((i) => i.event.storyId === "sync-valid");
    const body = (valid?.ninjs.bodies as { value: string }[] | undefined)?.[0]?.value ?? "";
    expect(body).toContain('href="http://localhost/en/news/other"');
    expect(body).toContain('src="http://localhost/media/x.jpg"');
    // One identifier authority for feed entries and ninjs documents.
    expect(valid?.ninjs.uri).toBe(storyVariantId("sync-valid", "en"));
    expect(valid?.ninjs.uri).toContain(TAG_AUTHORITY);
    expect(valid?.ninjs.copyrightHolder).toBe(env.COPYRIGHT_HOLDER);
    expect(valid?.ninjs.usageTerms).toBe(env.USAGE_TERMS);
  });

  it("serves a page of kept documents byte for byte as it was rendered, as UTF-8", async () => {
    await createAndPublish("sync-kept-bytes", {
      variants: [
        { lang: "uk", title: "Міст «Поділ» відкрили", summary: "Ґанок", body: "<p>Є</p>" },
      ],
    });
    // A key of its own: the shared one is near its per-minute allowance by the last test.
    const own = (await createPartner({ name: "Bytes", languages: ["uk"], fullText: true })).key;
    const query = "/stories?lang=uk&limit=100";
    const first = await partnerRequest(query, own);
    const again = await partnerRequest(query, own);
    expect(first.headers.get("Content-Type")).toBe("application/json");
    const bytes = new Uint8Array(await first.arrayBuffer());
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(bytes);
    const page = JSON.parse(
      new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes),
    ) as SyncPage;
    const kept = page.items.find((i) => i.event.storyId === "sync-kept-bytes");
    expect(kept?.ninjs.headlines).toEqual([
      { role: "main", value: "Міст «Поділ» відкрили", contentType: "text/plain" },
    ]);
  });

  it("misses nothing across pages while stories change between requests", async () => {
    const start = (await syncAll("lang=en")).next;
    for (const id of ["race-a", "race-b", "race-c", "race-d"]) await createAndPublish(id);

    const first = await sync(`lang=en&limit=2&since=${start}`);
    expect(first.hasMore).toBe(true);
    expect(first.items.map((i) => i.event.storyId)).toEqual(["race-a", "race-b"]);

    // Between pages: a story already seen changes, a new one is published.
    const corrected = await api(
      "PATCH",
      "/stories/race-a/variants/en",
      { title: "Race A corrected" },
      { "If-Match": '"v2"' },
    );
    expect(corrected.status).toBe(200);
    await createAndPublish("race-e");

    const rest = await syncAll("lang=en&limit=2", first.next);
    const seenAfter = rest.items.map((i) => i.event.storyId);
    expect(seenAfter).toEqual(["race-c", "race-d", "race-a", "race-e"]);
    const raceA = rest.items.find((i) => i.event.storyId === "race-a");
    expect(raceA?.event.kind).toBe("variant_updated");
    expect((raceA?.ninjs.headlines as { value: string }[] | undefined)?.[0]?.value).toBe(
      "Race A corrected",
    );
    expect(raceA?.ninjs.version).toBe("3");

    // Caught up: the last cursor returns nothing until something changes again.
    const caughtUp = await sync(`lang=en&since=${rest.next}`);
    expect(caughtUp).toEqual({ items: [], next: rest.next, hasMore: false });
  });

  it("gives each story once per page, at its latest state, placed at its latest change", async () => {
    const start = (await syncAll("lang=uk")).next;
    await createAndPublish("once-a");
    await createAndPublish("once-b");
    await api("PATCH", "/stories/once-a/variants/uk", { title: "Нове" }, { "If-Match": '"v2"' });
    const page = await sync(`lang=uk&since=${start}`);
    expect(page.items.map((i) => i.event.storyId)).toEqual(["once-b", "once-a"]);
    expect(page.items[1]?.ninjs.version).toBe("3");
  });

  it("delivers a withdrawal as pubStatus canceled, without the withdrawn text", async () => {
    await createAndPublish("takedown");
    const start = (await syncAll("lang=ru")).next;
    const withdrawn = await api("POST", "/stories/takedown/withdraw", {}, { "If-Match": '"v2"' });
    expect(withdrawn.status).toBe(200);
    const page = await sync(`lang=ru&since=${start}`);
    expect(page.items).toHaveLength(1);
    const [item] = page.items;
    expect(item?.event).toMatchObject({ kind: "withdrawn", storyId: "takedown", version: 3 });
    expect(item?.ninjs.pubStatus).toBe("canceled");
    expect(item?.ninjs.bodies).toBeUndefined();
    expectValid(validate31, item?.ninjs);
    const v2 = await sync(`lang=ru&since=${start}&ninjs=2.2`);
    expect(v2.items[0]?.ninjs.pubstatus).toBe("canceled");
    expectValid(validate22, v2.items[0]?.ninjs);
  });

  it("never shows drafts; shows a scheduled story only once its time has come", async () => {
    const start = (await syncAll("lang=en")).next;
    expect((await api("POST", "/stories", storyPayload("still-draft"))).status).toBe(201);
    expect((await api("POST", "/stories", storyPayload("scheduled"))).status).toBe(201);
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = await api(
      "POST",
      "/stories/scheduled/publish",
      { at },
      { "If-Match": '"v1"' },
    );
    expect(scheduled.status).toBe(200);
    await createAndPublish("after-scheduling");

    const before = await sync(`lang=en&since=${start}`);
    expect(before.items.map((i) => i.event.storyId)).toEqual(["after-scheduling"]);
    const single = await partnerRequest("/stories/scheduled?lang=en", key);
    expect(single.status).toBe(404);
    expect((await partnerRequest("/stories/still-draft?lang=en", key)).status).toBe(404);

    // The clock reaches the scheduled time. Rather than wait an hour, bring that time back to
    // now: later than its publish event and than the watermark, as if it had just come due.
    const due = new Date().toISOString();
    await env.DB.prepare("update stories set published_at = ?, updated_at = ? where id = ?")
      .bind(due, due, "scheduled")
      .run();
    await scheduler.wait(5); // the clock passes `due`
    const after = await sync(`lang=en&since=${before.next}`);
    expect(after.items.map((i) => [i.event.storyId, i.event.kind])).toEqual([
      ["scheduled", "went_live"],
    ]);
    expect(after.items[0]?.ninjs.pubStatus).toBe("usable");
    // Surfaced once: the next sync from the same cursor adds no second went_live.
    const again = await sync(`lang=en&since=${before.next}`);
    expect(again.items).toHaveLength(1);
    expect((await partnerRequest("/stories/scheduled?lang=en", key)).status).toBe(200);
  });

  it("writes the surfacing watermark only when a story came due or it is a minute old", async () => {
    const watermark = async () =>
      (
        await env.DB.prepare("select surfaced_through as at from publication_watermark").first<{
          at: string;
        }>()
      )?.at;
    // A key of its own: this file's other tests use most of the first key's rate limit.
    const own = (await createPartner({ name: "Watermark", languages: ["en"], fullText: true })).key;
    await sync("lang=en", own);
    const fresh = await watermark();
    await scheduler.wait(5);
    await sync("lang=en", own);
    expect(await watermark()).toBe(fresh);

    const stale = new Date(Date.now() - 61_000).toISOString();
    await env.DB.prepare("update publication_watermark set surfaced_through = ?").bind(stale).run();
    const before = Date.now();
    await sync("lang=en", own);
    expect(Date.parse((await watermark()) ?? "")).toBeGreaterThanOrEqual(before);
  });

  it("writes a page's receipts to the ledger once: reading the page again writes none", async () => {
    const own = (await createPartner({ name: "Re-reader", languages: ["en"], fullText: true })).key;
    const ledgerWrites = async () => {
      const statements: Statement[] = [];
      const response = await partnerRequest(
        "/stories?lang=en&limit=5",
        own,
        {},
        {
          ...env,
          DB: recordingD1(statements),
        },
      );
      expect(response.status).toBe(200);
      expect(((await response.json()) as SyncPage).items).toHaveLength(5);
      return statements.filter((s) => s.sql.includes("insert into partner_story_ledger")).length;
    };
    expect(await ledgerWrites()).toBe(1);
    expect(await ledgerWrites()).toBe(0);
    const held = await env.DB.prepare(
      "select count(*) as n from partner_story_ledger l join partners p on p.id = l.partner_id where p.name = 'Re-reader'",
    ).first<{ n: number }>();
    expect(held?.n).toBe(5);
  });

  it("costs a fixed number of queries per page, whatever the page size", async () => {
    const story = await getStory(testDb(), "race-a");
    expect(story).not.toBeNull();
    const counts: number[] = [];
    for (const limit of [1, 20]) {
      const db = env.DB;
      let queries = 0;
      const counting = new Proxy(db, {
        get(target, prop, receiver) {
          if (prop === "prepare") {
            return (sql: string) => {
              queries++;
              return target.prepare(sql);
            };
          }
          const value = Reflect.get(target, prop, receiver);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      const response = await partnerRequest(
        `/stories?lang=en&limit=${limit}`,
        key,
        {},
        {
          ...env,
          DB: counting,
        },
      );
      expect(response.status).toBe(200);
      counts.push(queries);
    }
    expect(counts[0]).toBe(counts[1]);
  });
});

describe("GET /partner/v1/stories/{id}", () => {
  it("returns one valid ninjs document, 2.2 on request", async () => {
    const response = await partnerRequest("/stories/race-b?lang=uk", key);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as Record<string, unknown>;
    expectValid(validate31, doc);
    expect(doc.language).toBe("uk");
    const v2 = await partnerRequest("/stories/race-b?lang=uk&ninjs=2.2", key);
    expectValid(validate22, await v2.json());
  });

  it("answers a withdrawn story with its takedown document, as 410 Gone", async () => {
    const response = await partnerRequest("/stories/takedown?lang=en", key);
    expect(response.status).toBe(410);
    expect(((await response.json()) as Record<string, unknown>).pubStatus).toBe("canceled");
  });
});

describe("bad input to the ninjs API", () => {
  it.each([
    ["/stories?lang=en&since=bogus", 400, "/since"],
    [`/stories?lang=en&since=${btoa("x1")}`, 400, "/since"],
    [`/stories?lang=en&since=${btoa("e-1")}`, 400, "/since"],
    ["/stories", 400, "/lang"],
    ["/stories?lang=ua", 400, "/lang"],
    ["/stories?lang=de", 400, "/lang"],
    ["/stories?lang=en&ninjs=1.0", 400, "/ninjs"],
    ["/stories?lang=en&limit=0", 400, "/limit"],
    ["/stories?lang=en&limit=101", 400, "/limit"],
    ["/stories/race-b?lang=xx", 400, "/lang"],
    ["/stories/race-b?lang=en&ninjs=3", 400, "/ninjs"],
  ])("%s answers %i naming %s", async (path, status, pointer) => {
    const response = await partnerRequest(path, key);
    expect(response.status).toBe(status);
    const problem = await problemOf(response);
    expect(problem.errors).toEqual([expect.objectContaining({ in: "query", path: pointer })]);
  });

  it("answers 404 problem+json for an unknown story or a missing language", async () => {
    for (const path of ["/stories/no-such-story?lang=en", "/nothing-here"]) {
      const response = await partnerRequest(path, key);
      expect(response.status).toBe(404);
      await problemOf(response);
    }
  });

  it("hints that ua is a URL segment, not a language tag", async () => {
    const problem = await problemOf(await partnerRequest("/stories?lang=ua", key));
    expect(problem.detail).toMatch(/tag is uk/);
  });
});
