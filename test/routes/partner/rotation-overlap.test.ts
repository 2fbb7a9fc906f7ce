import { env } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { api, storyPayload } from "../../helpers/api";
import {
  consumeWebhooks,
  createPartner,
  newsroomWithQueue,
  partnerRequest,
  problemOf,
  webhookReceiver,
} from "../../helpers/partners";
import { loadSeedStories } from "../../helpers/seeds";

const HOOK = "https://hooks.partner.example/rotation";
const EVERYTHING = { name: "Rotating", languages: ["uk", "en", "ru"], fullText: true };
const hours = (n: number) => n * 3_600_000;

const { queue, write } = newsroomWithQueue();

/** Publishes a story and delivers its webhook to `partnerId`; returns what the receiver got. */
async function deliverNewStory(id: string, partnerId: string) {
  await write("POST", "/stories", storyPayload(id));
  await write("POST", `/stories/${id}/publish`, {}, 1);
  const message = queue.sent.find((m) => m.partnerId === partnerId && m.storyId === id);
  if (!message) throw new Error(`no message for ${id}`);
  const receiver = webhookReceiver(() => new Response(null, { status: 204 }));
  await consumeWebhooks([message]);
  vi.restoreAllMocks();
  const [delivery] = receiver.received;
  if (!delivery) throw new Error(`${id} was not delivered`);
  return delivery;
}

/** Whether a receiver holding `secret` accepts the delivery (the reference implementation). */
function verifies(secret: string, delivery: { request: Request; body: string }): boolean {
  try {
    new Webhook(secret).verify(delivery.body, Object.fromEntries(delivery.request.headers));
    return true;
  } catch {
    return false;
  }
}

async function keyHash(partnerId: string) {
  const row = await env.DB.prepare("select key_hash from partners where id = ?")
    .bind(partnerId)
    .first<{ key_hash: string }>();
  return row?.key_hash;
}

beforeAll(loadSeedStories);

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("rotating a key with an overlap window", () => {
  it("accepts both keys for 24 hours by default, then only the new one", async () => {
    const start = Date.now();
    const partner = await createPartner(EVERYTHING);
    const rotated = await api("POST", `/partners/${partner.id}/key`);
    expect(rotated.status).toBe(200);
    const { key, keyOverlapUntil } = (await rotated.json()) as {
      key: string;
      keyOverlapUntil: string;
    };
    expect(Date.parse(keyOverlapUntil) - start).toBeGreaterThanOrEqual(hours(24) - 1000);
    expect(Date.parse(keyOverlapUntil) - start).toBeLessThan(hours(24) + 60_000);

    // A partner that has not switched loses no request during the window.
    expect((await partnerRequest("/stories?lang=uk", partner.key)).status).toBe(200);
    expect((await partnerRequest("/en/rss.xml", partner.key)).status).toBe(200);
    expect((await partnerRequest("/stories?lang=uk", key)).status).toBe(200);

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(start + hours(23));
    expect((await partnerRequest("/stories?lang=uk", partner.key)).status).toBe(200);
    vi.setSystemTime(start + hours(24) + 60_000);
    const old = await partnerRequest("/stories?lang=uk", partner.key);
    expect(old.status).toBe(401);
    await problemOf(old);
    expect((await partnerRequest("/stories?lang=uk", key)).status).toBe(200);
  });

  it("takes overlapHours, and the admin can end the window early", async () => {
    const partner = await createPartner(EVERYTHING);
    const rotated = await api("POST", `/partners/${partner.id}/key`, { overlapHours: 2 });
    const { key } = (await rotated.json()) as { key: string };
    expect((await partnerRequest("/stories?lang=uk", partner.key)).status).toBe(200);

    const ended = await api("POST", `/partners/${partner.id}/key/end-overlap`);
    expect(ended.status).toBe(200);
    expect(((await ended.json()) as Record<string, unknown>).keyOverlapUntil).toBeNull();
    expect((await partnerRequest("/stories?lang=uk", partner.key)).status).toBe(401);
    expect((await partnerRequest("/stories?lang=uk", key)).status).toBe(200);
  });

  it("a second rotation during the window ends the first key's overlap", async () => {
    const partner = await createPartner(EVERYTHING);
    const second = (await (await api("POST", `/partners/${partner.id}/key`)).json()) as {
      key: string;
    };
    const third = (await (await api("POST", `/partners/${partner.id}/key`)).json()) as {
      key: string;
    };
    expect((await partnerRequest("/stories?lang=uk", partner.key)).status).toBe(401);
    expect((await partnerRequest("/stories?lang=uk", second.key)).status).toBe(200);
    expect((await partnerRequest("/stories?lang=uk", third.key)).status).toBe(200);
  });

  it("refuses a bad overlap with problem+json and keeps the key", async () => {
    const partner = await createPartner(EVERYTHING);
    const before = await keyHash(partner.id);
    for (const body of [
      { overlapHours: 169 },
      { overlapHours: -1 },
      { overlapHours: 1.5 },
      { overlapHours: "24" },
      { overlap: 24 },
    ]) {
      for (const path of ["key", "webhook-secret"]) {
        const response = await api("POST", `/partners/${partner.id}/${path}`, body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        await problemOf(response);
      }
    }
    expect(await keyHash(partner.id)).toBe(before);
    expect((await partnerRequest("/stories?lang=uk", partner.key)).status).toBe(200);
    const row = await env.DB.prepare(
      "select webhook_secret, previous_webhook_secret from partners where id = ?",
    )
      .bind(partner.id)
      .first<{ webhook_secret: string; previous_webhook_secret: string | null }>();
    expect(row).toEqual({ webhook_secret: partner.webhookSecret, previous_webhook_secret: null });
  });
});

describe("rotating the webhook secret with an overlap window", () => {
  it("signs with both secrets during the window, then with the new one only", async () => {
    const start = Date.now();
    const partner = await createPartner({ ...EVERYTHING, webhookUrl: HOOK });
    const before = await deliverNewStory("rotate-before", partner.id);
    expect(verifies(partner.webhookSecret, before)).toBe(true);

    const rotated = await api("POST", `/partners/${partner.id}/webhook-secret`, {
      overlapHours: 48,
    });
    const { webhookSecret, secretOverlapUntil } = (await rotated.json()) as {
      webhookSecret: string;
      secretOverlapUntil: string;
    };
    expect(Date.parse(secretOverlapUntil) - start).toBeGreaterThanOrEqual(hours(48) - 1000);

    // During the window: a receiver with either secret verifies every delivery.
    const during = await deliverNewStory("rotate-during", partner.id);
    expect(during.request.headers.get("webhook-signature")?.split(" ")).toHaveLength(2);
    expect(verifies(partner.webhookSecret, during)).toBe(true);
    expect(verifies(webhookSecret, during)).toBe(true);

    // After it: only the new secret.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(start + hours(48) + 60_000);
    const after = await deliverNewStory("rotate-after", partner.id);
    expect(after.request.headers.get("webhook-signature")?.split(" ")).toHaveLength(1);
    expect(verifies(partner.webhookSecret, after)).toBe(false);
    expect(verifies(webhookSecret, after)).toBe(true);
  });

  it("stops signing with the old secret once the admin ends the window", async () => {
    const partner = await createPartner({ ...EVERYTHING, webhookUrl: HOOK });
    const rotated = await api("POST", `/partners/${partner.id}/webhook-secret`);
    const { webhookSecret } = (await rotated.json()) as { webhookSecret: string };
    const ended = await api("POST", `/partners/${partner.id}/webhook-secret/end-overlap`);
    expect(ended.status).toBe(200);
    expect(((await ended.json()) as Record<string, unknown>).secretOverlapUntil).toBeNull();
    const delivery = await deliverNewStory("rotate-ended", partner.id);
    expect(verifies(partner.webhookSecret, delivery)).toBe(false);
    expect(verifies(webhookSecret, delivery)).toBe(true);
  });
});
