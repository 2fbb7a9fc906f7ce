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
  webhookPayload,
  webhookReceiver,
} from "../../helpers/partners";
import { loadSeedStories } from "../../helpers/seeds";

const HOOK = "https://hooks.partner.example/world";

interface SyncPage {
  items: { event: { kind: string; storyId: string }; ninjs: Record<string, unknown> }[];
  next: string;
  hasMore: boolean;
}

/** Licence `en`, category `world`: each receives story X a different way. */
let byWebhook: IssuedPartner;
let byGet: IssuedPartner;
let bySync: IssuedPartner;
let never: IssuedPartner;

const { queue, write } = newsroomWithQueue();

async function syncAll(key: string, since?: string): Promise<SyncPage> {
  const items: SyncPage["items"] = [];
  let cursor = since;
  for (let pages = 0; pages < 100; pages++) {
    const response = await partnerRequest(
      `/stories?lang=en${cursor ? `&since=${cursor}` : ""}`,
      key,
    );
    expect(response.status).toBe(200);
    const page = (await response.json()) as SyncPage;
    items.push(...page.items);
    cursor = page.next;
    if (!page.hasMore) return { items, next: page.next, hasMore: false };
  }
  throw new Error("sync did not end");
}

function world(name: string, webhookUrl?: string) {
  return createPartner({
    name,
    languages: ["en"],
    categories: ["world"],
    ...(webhookUrl && { webhookUrl }),
  });
}

beforeAll(async () => {
  await loadSeedStories();
  byWebhook = await world("By webhook", HOOK);
  byGet = await world("By GET");
  bySync = await world("By sync");
  never = await world("Never received it");
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a story moved out of a partner's categories, then withdrawn", () => {
  it("still reaches every partner that received it: webhook, sync and GET", async () => {
    await write("POST", "/stories", storyPayload("moved-away"));
    const syncStart = (await syncAll(bySync.key)).next;
    const neverStart = (await syncAll(never.key)).next;
    await write("POST", "/stories/moved-away/publish", {}, 1);

    // Each partner receives X while it is in `world`.
    const published = queue.sent.find(
      (m) => m.partnerId === byWebhook.id && m.storyId === "moved-away",
    );
    if (!published) throw new Error("no webhook for the publication");
    const receiver = webhookReceiver(() => new Response(null, { status: 200 }));
    await consumeWebhooks([published]);
    expect((await partnerRequest("/stories/moved-away?lang=en", byGet.key)).status).toBe(200);
    const synced = await syncAll(bySync.key, syncStart);
    expect(synced.items.map((i) => i.event.storyId)).toContain("moved-away");

    // The newsroom moves X to `economy` (a correction), then withdraws it.
    queue.sent.length = 0;
    await write("PATCH", "/stories/moved-away", { categoryId: "economy" }, 2);
    await write("POST", "/stories/moved-away/withdraw", {}, 3);

    // Webhook: the correction and the takedown are both announced; the takedown supersedes
    // the correction still pending, so the receiver is told the newest state.
    const toWebhookPartner = queue.sent.filter((m) => m.partnerId === byWebhook.id);
    expect(toWebhookPartner.map((m) => [m.type, m.version])).toEqual([
      ["story.updated", 3],
      ["story.withdrawn", 4],
    ]);
    await consumeWebhooks(toWebhookPartner);
    const takedowns = receiver.received.slice(1).map((r) => webhookPayload(r.body));
    expect(takedowns.map((p) => p.type)).toEqual(["story.withdrawn"]);
    expect(takedowns[0]?.data.pubStatus).toBe("canceled");
    expectValid(validate31, takedowns[0]?.data);

    // Sync: the takedown arrives as a tombstone.
    const after = await syncAll(bySync.key, synced.next);
    const tombstone = after.items.find((i) => i.event.storyId === "moved-away");
    expect(tombstone?.event.kind).toBe("withdrawn");
    expect(tombstone?.ninjs.pubStatus).toBe("canceled");
    expectValid(validate31, tombstone?.ninjs);

    // GET: 410 with the takedown, not 403.
    const gone = await partnerRequest("/stories/moved-away?lang=en", byGet.key);
    expect(gone.status).toBe(410);
    const doc = (await gone.json()) as Record<string, unknown>;
    expect(doc.pubStatus).toBe("canceled");
    expectValid(validate31, doc);

    // A partner that never had it is told nothing, and may not read it.
    expect(queue.sent.filter((m) => m.partnerId === never.id)).toEqual([]);
    const unseen = await syncAll(never.key, neverStart);
    expect(unseen.items.map((i) => i.event.storyId)).not.toContain("moved-away");
    const refused = await partnerRequest("/stories/moved-away?lang=en", never.key);
    expect(refused.status).toBe(403);
    await problemOf(refused);

    // Starting over from the beginning, a holder gets the tombstone in the back catalogue;
    // a partner that never had the story does not.
    const restart = await syncAll(bySync.key);
    const held = restart.items.find((i) => i.event.storyId === "moved-away");
    expect(held?.ninjs.pubStatus).toBe("canceled");
    const fresh = await syncAll(never.key);
    expect(fresh.items.map((i) => i.event.storyId)).not.toContain("moved-away");
  });
});
