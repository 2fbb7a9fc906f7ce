import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { WebhookMessage } from "../../src/partners/webhook-message";
import { api, storyPayload } from "../helpers/api";
import { expectValid, validate22, validate31 } from "../helpers/ninjs-schemas";
import {
  consumeWebhooks,
  createPartner,
  type IssuedPartner,
  newsroomWithQueue,
  problemOf,
  webhookPayload,
  webhookReceiver,
} from "../helpers/partners";
import { loadSeedStories } from "../helpers/seeds";

const { queue, write } = newsroomWithQueue();

const sentTo = (partner: IssuedPartner, storyId: string) =>
  queue.sent.filter((m) => m.partnerId === partner.id && m.storyId === storyId);

let chooser: IssuedPartner;
let defaults: IssuedPartner;

beforeAll(async () => {
  await loadSeedStories();
  const licence = {
    languages: ["en"],
    categories: ["world", "economy"],
    webhookUrl: "https://hooks.partner.example/subscriptions",
  };
  chooser = await createPartner({ name: "Chooser", ...licence });
  defaults = await createPartner({ name: "Defaults", ...licence });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a partner's webhook subscription", () => {
  it("defaults to every event type, every licensed category and ninjs 3.1", async () => {
    const response = await api("GET", `/partners/${defaults.id}`);
    expect(((await response.json()) as Record<string, unknown>).subscription).toEqual({
      events: ["story.published", "story.updated", "story.withdrawn"],
      categories: "all",
      format: "ninjs-3.1",
    });
  });

  it("sends only the chosen event types and categories, in the chosen format", async () => {
    const patched = await api("PATCH", `/partners/${chooser.id}`, {
      subscription: { events: ["story.withdrawn"], categories: ["world"], format: "ninjs-2.2" },
    });
    expect(patched.status, await patched.clone().text()).toBe(200);
    expect(((await patched.json()) as Record<string, unknown>).subscription).toEqual({
      events: ["story.withdrawn"],
      categories: ["world"],
      format: "ninjs-2.2",
    });

    await write("POST", "/stories", storyPayload("sub-world"));
    await write("POST", "/stories/sub-world/publish", {}, 1);
    await write("POST", "/stories", storyPayload("sub-economy", { categoryId: "economy" }));
    await write("POST", "/stories/sub-economy/publish", {}, 1);
    // Publications are filtered out for the chooser, not for the partner with defaults.
    expect(sentTo(chooser, "sub-world")).toEqual([]);
    expect(sentTo(defaults, "sub-world").map((m) => m.type)).toEqual(["story.published"]);

    await write("POST", "/stories/sub-world/withdraw", {}, 2);
    await write("POST", "/stories/sub-economy/withdraw", {}, 2);
    // economy is licensed but not subscribed: no message.
    expect(sentTo(chooser, "sub-economy")).toEqual([]);
    const [takedown, ...others] = sentTo(chooser, "sub-world");
    expect(others).toEqual([]);
    expect(takedown?.type).toBe("story.withdrawn");

    const receiver = webhookReceiver(() => new Response(null, { status: 204 }));
    await consumeWebhooks([takedown as WebhookMessage, ...sentTo(defaults, "sub-world")]);
    const payloads = receiver.received.map((r) => webhookPayload(r.body));
    const toChooser = payloads.find((p) => "pubstatus" in p.data);
    expect(toChooser?.type).toBe("story.withdrawn");
    expect(toChooser?.data.pubstatus).toBe("canceled");
    expectValid(validate22, toChooser?.data);
    const toDefaults = payloads.filter((p) => "pubStatus" in p.data);
    expect(toDefaults.length).toBeGreaterThan(0);
    for (const payload of toDefaults) expectValid(validate31, payload.data);
  });

  it("sends a NewsML-G2 newsItem as the data when the partner chooses it", async () => {
    const partner = await createPartner({
      name: "G2 hooks",
      languages: ["en"],
      webhookUrl: "https://hooks.partner.example/g2",
    });
    const patched = await api("PATCH", `/partners/${partner.id}`, {
      subscription: { format: "newsml-g2" },
    });
    expect(patched.status).toBe(200);
    await write("POST", "/stories", storyPayload("sub-g2"));
    await write("POST", "/stories/sub-g2/publish", {}, 1);
    const [message] = sentTo(partner, "sub-g2");
    const receiver = webhookReceiver(() => new Response(null, { status: 204 }));
    await consumeWebhooks([message as WebhookMessage]);
    const payload = webhookPayload(receiver.received[0]?.body ?? "");
    expect(payload.type).toBe("story.published");
    // The XML itself is validated against IPTC's schema in test/partners-live/newsml-g2.test.ts.
    const data = payload.data as unknown as string;
    expect(data).toMatch(
      /^<\?xml [^>]*\?>\n<newsItem xmlns="http:\/\/iptc.org\/std\/nar\/2006-10-01\/"/,
    );
    expect(data).toContain('<pubStatus qcode="stat:usable"/>');
  });

  it("keeps what is left out of a PATCH and refuses bad choices with problem+json", async () => {
    const partner = await createPartner({
      name: "Careful",
      languages: ["en"],
      categories: ["world"],
    });
    expect(
      (await api("PATCH", `/partners/${partner.id}`, { subscription: { format: "ninjs-2.2" } }))
        .status,
    ).toBe(200);
    for (const [subscription, status] of [
      [{ events: [] }, 400],
      [{ events: ["story.deleted"] }, 400],
      [{ events: ["story.updated", "story.updated"] }, 400],
      [{ format: "nitf" }, 400],
      [{ format: "ninjs" }, 400],
      [{ colour: "red" }, 400],
      [{ categories: ["economy"] }, 422],
    ] as const) {
      const response = await api("PATCH", `/partners/${partner.id}`, { subscription });
      expect(response.status, JSON.stringify(subscription)).toBe(status);
      await problemOf(response);
    }
    const stored = await api("GET", `/partners/${partner.id}`);
    expect(((await stored.json()) as Record<string, unknown>).subscription).toEqual({
      events: ["story.published", "story.updated", "story.withdrawn"],
      categories: "all",
      format: "ninjs-2.2",
    });
  });
});
