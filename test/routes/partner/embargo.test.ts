import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { getStory } from "../../../src/db/stories";
import app from "../../../src/index";
import type { WebhookMessage } from "../../../src/partners/webhook-message";
import { api, storyPayload } from "../../helpers/api";
import { readFeed } from "../../helpers/feeds";
import { expectValid, validate22, validate31 } from "../../helpers/ninjs-schemas";
import {
  createPartner,
  type IssuedPartner,
  partnerRequest,
  problemOf,
  recordingQueue,
} from "../../helpers/partners";
import { loadSeedStories, testDb } from "../../helpers/seeds";

let partner: IssuedPartner;
const inAnHour = () => new Date(Date.now() + 60 * 60 * 1000);

function publicGet(path: string) {
  return app.request(path, {}, { ...env, EDGE_CACHE: "off" });
}

async function publishEmbargoed(id: string, queue = recordingQueue()) {
  expect((await api("POST", "/stories", storyPayload(id))).status).toBe(201);
  const at = inAnHour();
  const ctx = createExecutionContext();
  const response = await api(
    "POST",
    `/stories/${id}/publish`,
    { version: 1, at: at.toISOString(), embargo: true },
    {},
    { ...env, WEBHOOKS: queue as unknown as Queue<WebhookMessage> },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  expect(response.status).toBe(200);
  return { at, queue };
}

beforeAll(async () => {
  await loadSeedStories();
  partner = await createPartner({
    name: "Embargo",
    languages: ["en"],
    webhookUrl: "https://hooks.partner.example/embargo",
  });
});

describe("a story released to partners under embargo", () => {
  it("reaches partners at once, with the embargo, in ninjs, sync, feeds and a webhook", async () => {
    const { at, queue } = await publishEmbargoed("embargo-1");
    const until = at.toISOString();

    const document = await partnerRequest("/stories/embargo-1?lang=en", partner.key);
    expect(document.status).toBe(200);
    const v3 = (await document.json()) as Record<string, unknown>;
    expectValid(validate31, v3);
    expect(v3).toMatchObject({ pubStatus: "usable", embargoedUntil: until });
    const v2 = await (
      await partnerRequest("/stories/embargo-1?lang=en&ninjs=2.2", partner.key)
    ).json();
    expectValid(validate22, v2);
    expect(v2).toMatchObject({ pubstatus: "usable", embargoed: until });

    const sync = (await (
      await partnerRequest("/stories?lang=en&limit=100", partner.key)
    ).json()) as {
      items: { ninjs: { uri: string; embargoedUntil?: string } }[];
    };
    expect(sync.items.map((i) => i.ninjs.embargoedUntil)).toContain(until);

    const rss = await (await partnerRequest("/en/rss.xml", partner.key)).text();
    const item = readFeed(rss).items.find((i) => i.title === "News embargo-1");
    expect(item?.content).toMatch(/^<p><strong>Embargoed until .* Kyiv time: do not publish/);
    const json = (await (await partnerRequest("/en/feed.json", partner.key)).json()) as {
      items: Record<string, unknown>[];
    };
    const entry = json.items.find((i) => i.title === "News embargo-1");
    expect(entry?._embargo).toEqual({ until: at.toISOString() });

    expect(queue.sent.filter((m) => m.storyId === "embargo-1").map((m) => m.type)).toEqual([
      "story.published",
    ]);
  });

  it("stays off the public site and public feeds until its time", async () => {
    await publishEmbargoed("embargo-2");
    expect((await publicGet("/en/news/news-embargo-2")).status).toBe(404);
    const month = new Date().toISOString().slice(0, 7);
    const sitemaps = ["/sitemap.xml", `/sitemaps/stories-${month}-1.xml`];
    for (const path of ["/en/", "/en/rss.xml", "/en/atom.xml", "/en/feed.json", ...sitemaps]) {
      const body = await (await publicGet(path)).text();
      expect(body, path).not.toContain("embargo-2");
    }
    // Its time comes (moved back here, as the clock would move forward).
    await testDb()
      .updateTable("stories")
      .set({ published_at: new Date(Date.now() - 1000).toISOString() })
      .where("id", "=", "embargo-2")
      .execute();
    expect((await publicGet("/en/news/news-embargo-2")).status).toBe(200);
    const document = (await (
      await partnerRequest("/stories/embargo-2?lang=en", partner.key)
    ).json()) as Record<string, unknown>;
    expect(document.embargoedUntil).toBeUndefined();
  });

  it.each([
    ["without a publication time", {}],
    ["with a publication time already past", { at: "2020-01-01T00:00:00Z" }],
  ])("is refused %s: 400 at /embargo, nothing changed", async (_, extra) => {
    const id = `embargo-bad-${Object.keys(extra).length}`;
    expect((await api("POST", "/stories", storyPayload(id))).status).toBe(201);
    const response = await api("POST", `/stories/${id}/publish`, {
      version: 1,
      embargo: true,
      ...extra,
    });
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect((problem.errors as { path: string }[]).map((e) => e.path)).toContain("/embargo");
    expect(await getStory(testDb(), id)).toMatchObject({ status: "draft", version: 1 });
  });

  it("is not what a plain scheduled story is: that one stays withheld from partners", async () => {
    expect((await api("POST", "/stories", storyPayload("scheduled-plain"))).status).toBe(201);
    await api("POST", "/stories/scheduled-plain/publish", {
      version: 1,
      at: inAnHour().toISOString(),
    });
    const response = await partnerRequest("/stories/scheduled-plain?lang=en", partner.key);
    expect(response.status).toBeGreaterThanOrEqual(400);
    const rss = await (await partnerRequest("/en/rss.xml", partner.key)).text();
    expect(rss).not.toContain("scheduled-plain");
  });
});
