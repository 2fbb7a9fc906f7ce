import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { storyPayload } from "../../helpers/api";
import { expectValid, validate22, validate31 } from "../../helpers/ninjs-schemas";
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

const HOOK = "https://hooks.partner.example/languages";

interface SyncPage {
  items: {
    event: { kind: string; storyId: string; lang: string; version: number };
    ninjs: Record<string, unknown>;
  }[];
  next: string;
  hasMore: boolean;
}

const { queue, send: write } = newsroomWithQueue();

async function syncAll(key: string, lang: string, since?: string): Promise<SyncPage> {
  const items: SyncPage["items"] = [];
  let cursor = since;
  for (let pages = 0; pages < 100; pages++) {
    const response = await partnerRequest(
      `/stories?lang=${lang}${cursor ? `&since=${cursor}` : ""}`,
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

let english: IssuedPartner;
let ukrainian: IssuedPartner;
let stranger: IssuedPartner;

beforeAll(async () => {
  await loadSeedStories();
  english = await createPartner({ name: "English desk", languages: ["en"], webhookUrl: HOOK });
  ukrainian = await createPartner({ name: "Ukrainian desk", languages: ["uk"], webhookUrl: HOOK });
  // Licensed for English, but never receives the story: a GET after the removal finds nothing.
  stranger = await createPartner({ name: "Stranger", languages: ["en"], categories: ["economy"] });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("removing a language variant of a published story", () => {
  it("reaches partners holding it as a takedown for that language: webhook, sync and GET", async () => {
    expect((await write("POST", "/stories", storyPayload("lang-gone"))).status).toBe(201);
    const start = (await syncAll(english.key, "en")).next;
    expect((await write("POST", "/stories/lang-gone/publish", {}, 1)).status).toBe(200);

    // The English partner receives the story by webhook, by sync and by GET.
    const receiver = webhookReceiver(() => new Response(null, { status: 204 }));
    await consumeWebhooks(queue.sent.filter((m) => m.storyId === "lang-gone"));
    const synced = await syncAll(english.key, "en", start);
    expect(synced.items.map((i) => i.event.storyId)).toContain("lang-gone");
    expect((await partnerRequest("/stories/lang-gone?lang=en", english.key)).status).toBe(200);

    queue.sent.length = 0;
    receiver.received.length = 0;
    const removal = await write("DELETE", "/stories/lang-gone/variants/en", undefined, 2);
    expect(removal.status, await removal.clone().text()).toBeLessThan(300);

    // Webhook: story.withdrawn for en, with a canceled ninjs naming the removed variant; the
    // Ukrainian partner hears of an update of its own language, never of English.
    const sent = queue.sent.filter((m) => m.storyId === "lang-gone");
    expect(sent.filter((m) => m.partnerId === english.id).map((m) => [m.type, m.lang])).toEqual([
      ["story.withdrawn", "en"],
    ]);
    expect(sent.filter((m) => m.partnerId === ukrainian.id).map((m) => [m.type, m.lang])).toEqual([
      ["story.updated", "uk"],
    ]);
    await consumeWebhooks(sent);
    const toEnglish = receiver.received
      .map((r) => webhookPayload(r.body))
      .filter((p) => p.data.language === "en");
    expect(toEnglish).toHaveLength(1);
    const takedown = toEnglish[0];
    expect(takedown?.type).toBe("story.withdrawn");
    expect(takedown?.version).toBe(3);
    expect(takedown?.data).toMatchObject({
      pubStatus: "canceled",
      language: "en",
      headlines: [{ value: "News lang-gone" }],
    });
    expect(takedown?.data.bodies).toBeUndefined();
    expectValid(validate31, takedown?.data);

    // Sync: a canceled item in English, reported as the variant's removal.
    const after = await syncAll(english.key, "en", synced.next);
    const item = after.items.find((i) => i.event.storyId === "lang-gone");
    expect(item?.event).toMatchObject({ kind: "variant_removed", lang: "en", version: 3 });
    expect(item?.ninjs.pubStatus).toBe("canceled");
    expectValid(validate31, item?.ninjs);

    // GET: 410 with the takedown for a holder, in both ninjs versions.
    const gone = await partnerRequest("/stories/lang-gone?lang=en", english.key);
    expect(gone.status).toBe(410);
    const doc = (await gone.json()) as Record<string, unknown>;
    expect(doc).toMatchObject({ pubStatus: "canceled", language: "en" });
    expectValid(validate31, doc);
    const old = await partnerRequest("/stories/lang-gone?lang=en&ninjs=2.2", english.key);
    expect(old.status).toBe(410);
    expectValid(validate22, await old.json());

    // The story lives on in Ukrainian.
    expect((await partnerRequest("/stories/lang-gone?lang=uk", ukrainian.key)).status).toBe(200);

    // A partner that never received the English variant learns nothing of it.
    const unknown = await partnerRequest("/stories/lang-gone?lang=en", stranger.key);
    expect(unknown.status).toBe(404);
    await problemOf(unknown);
  });

  it("refuses to remove a variant the story lacks, announcing nothing", async () => {
    expect((await write("POST", "/stories", storyPayload("lang-kept"))).status).toBe(201);
    expect((await write("POST", "/stories/lang-kept/publish", {}, 1)).status).toBe(200);
    expect((await write("DELETE", "/stories/lang-kept/variants/en", undefined, 2)).status).toBe(
      200,
    );
    queue.sent.length = 0;
    const again = await write("DELETE", "/stories/lang-kept/variants/en", undefined, 3);
    expect(again.status).toBe(404);
    await problemOf(again);
    expect(queue.sent.filter((m) => m.storyId === "lang-kept")).toEqual([]);
  });
});
