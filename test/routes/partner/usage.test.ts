import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import app from "../../../src/index";
import { api } from "../../helpers/api";
import { createPartner, partnerRequest, problemOf } from "../../helpers/partners";
import { loadSeedStories, testDb } from "../../helpers/seeds";

interface UsageDay {
  day: string;
  pulls: Record<string, number>;
  deliveries: Record<string, number>;
}

async function usage(id: string, query = ""): Promise<UsageDay[]> {
  const response = await api("GET", `/partners/${id}/usage${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { days: UsageDay[] }).days;
}

function attempt(partnerId: string, status: string, attemptedAt: string, n: number) {
  return {
    partner_id: partnerId,
    webhook_id: `msg_usage_${n}`,
    event_id: n,
    story_id: "x",
    lang: "en",
    event_type: "story.published" as const,
    attempt: 1,
    status: status as "delivered",
    response_code: status === "delivered" ? 200 : 500,
    error: null,
    attempted_at: attemptedAt,
    next_attempt_at: null,
  };
}

beforeAll(loadSeedStories);

describe("a partner's usage in the admin API", () => {
  it("counts answered pulls by route, per UTC day; refusals do not count", async () => {
    const partner = await createPartner({ name: "Counted", languages: ["en"] });
    const storyId = (await testDb().selectFrom("stories").select("id").executeTakeFirstOrThrow())
      .id;
    expect((await partnerRequest("/en/rss.xml", partner.key)).status).toBe(200);
    expect((await partnerRequest("/en/atom.xml", partner.key)).status).toBe(200);
    expect((await partnerRequest("/stories?lang=en", partner.key)).status).toBe(200);
    expect((await partnerRequest(`/stories/${storyId}?lang=en`, partner.key)).status).toBe(200);
    // A search is a pull of its own, though its path matches /stories/{id} too.
    expect((await partnerRequest("/stories/search?lang=en&q=news", partner.key)).status).toBe(200);
    // Outside the licence (403) and unknown (404): not use.
    expect((await partnerRequest("/ua/rss.xml", partner.key)).status).toBe(403);
    expect((await partnerRequest("/stories/no-such-story?lang=en", partner.key)).status).toBe(404);

    const days = await usage(partner.id, "?days=1");
    expect(days).toEqual([
      {
        day: new Date().toISOString().slice(0, 10),
        pulls: { feed: 2, sync: 1, story: 1, search: 1 },
        deliveries: { delivered: 0, failed: 0, dead: 0 },
      },
    ]);
  });

  it("writes the pulls of one window with one upsert, after the responses, and loses none", async () => {
    const partner = await createPartner({ name: "Busy", languages: ["en"] });
    const upserts: string[] = [];
    const DB = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "prepare") {
          return (query: string) => {
            if (/^insert into "partner_pulls"/.test(query)) upserts.push(query);
            return target.prepare(query);
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const bindings = { ...env, DB, PULL_COUNT_WINDOW_MS: "200" };
    const ctx = createExecutionContext();
    const pull = (path: string) =>
      app.request(
        `/partner/v1${path}`,
        { headers: { Authorization: `Bearer ${partner.key}` } },
        bindings,
        ctx,
      );
    const responses = await Promise.all([
      ...Array.from({ length: 6 }, () => pull("/stories?lang=en")),
      ...Array.from({ length: 4 }, () => pull("/en/rss.xml")),
    ]);
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    // Answered before anything was counted: the write waits for the window to close.
    expect(upserts).toEqual([]);
    await waitOnExecutionContext(ctx);
    expect(upserts).toHaveLength(1);
    expect((await usage(partner.id, "?days=1"))[0]?.pulls).toEqual({
      feed: 4,
      sync: 6,
      story: 0,
      search: 0,
    });
  });

  it("counts webhook attempts by outcome per day, oldest day first, with empty days as zeros", async () => {
    const partner = await createPartner({ name: "Deliveries", languages: ["en"] });
    const today = new Date();
    const yesterday = new Date(today.getTime() - 24 * 60 * 60 * 1000);
    await testDb()
      .insertInto("webhook_deliveries")
      .values([
        attempt(partner.id, "delivered", today.toISOString(), 1),
        attempt(partner.id, "delivered", today.toISOString(), 2),
        attempt(partner.id, "failed", today.toISOString(), 3),
        attempt(partner.id, "pending", today.toISOString(), 4),
        attempt(partner.id, "dead", yesterday.toISOString(), 5),
      ])
      .execute();
    const days = await usage(partner.id, "?days=3");
    expect(days.map((d) => d.day)).toEqual(
      [2, 1, 0].map((back) =>
        new Date(today.getTime() - back * 24 * 60 * 60 * 1000).toISOString().slice(0, 10),
      ),
    );
    expect(days.map((d) => d.deliveries)).toEqual([
      { delivered: 0, failed: 0, dead: 0 },
      { delivered: 0, failed: 0, dead: 1 },
      { delivered: 2, failed: 1, dead: 0 },
    ]);
    expect((await usage(partner.id)).length).toBe(30);
  });

  it.each([
    ["?days=0", 400],
    ["?days=91", 400],
    ["?days=week", 400],
  ])("answers %s with %i problem+json", async (query, status) => {
    const partner = await createPartner({ name: `Bad ${query}`, languages: ["en"] });
    const response = await api("GET", `/partners/${partner.id}/usage${query}`);
    expect(response.status).toBe(status);
    expect((await problemOf(response)).status).toBe(status);
  });

  it("answers 404 for an unknown partner and 401 without the admin token", async () => {
    const unknown = await api("GET", "/partners/no-such-partner/usage");
    expect(unknown.status).toBe(404);
    const partner = await createPartner({ name: "Private", languages: ["en"] });
    const anonymous = await api("GET", `/partners/${partner.id}/usage`, undefined, {
      Authorization: "",
    });
    expect(anonymous.status).toBe(401);
  });
});
