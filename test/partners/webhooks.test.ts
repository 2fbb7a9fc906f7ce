import {
  createExecutionContext,
  createMessageBatch,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import app from "../../src/index";
import type { WebhookMessage } from "../../src/partners/webhook-message";
import { ADMIN, storyPayload } from "../helpers/api";
import { expectValid, validate31 } from "../helpers/ninjs-schemas";
import { createPartner, type IssuedPartner, recordingQueue } from "../helpers/partners";
import { loadSeedStories } from "../helpers/seeds";

const HOOK = "https://hooks.partner.example/newsroom";

/**
 * Standard Webhooks verification written from the spec, independent of the library that signs:
 * HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<body>", keyed with the base64-decoded
 * secret after `whsec_`, compared as base64 against each `v1,` signature.
 */
async function verifySignature(secret: string, headers: Headers, body: string): Promise<boolean> {
  const keyBytes = Uint8Array.from(atob(secret.slice("whsec_".length)), (c) => c.charCodeAt(0));
  const key = await crypto.subtle.importKey(
    "raw",
    keyBytes,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const signed = `${headers.get("webhook-id")}.${headers.get("webhook-timestamp")}.${body}`;
  const mac = new Uint8Array(
    await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(signed)),
  );
  const expected = btoa(String.fromCharCode(...mac));
  return (headers.get("webhook-signature") ?? "")
    .split(" ")
    .some((signature) => signature === `v1,${expected}`);
}

/** An editor's write through the app, with the WEBHOOKS producer recorded. */
async function write(
  queue: ReturnType<typeof recordingQueue>,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const ctx = createExecutionContext();
  const response = await app.request(
    `/api/v1${path}`,
    {
      method,
      headers: { ...ADMIN, "Content-Type": "application/json", ...headers },
      body: JSON.stringify(body ?? {}),
    },
    { ...env, WEBHOOKS: queue as unknown as Queue<WebhookMessage> },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return response;
}

/** Runs the Worker's queue consumer on these messages, as the platform would. */
async function consume(queue: string, messages: WebhookMessage[], attempts = 1) {
  const batch = createMessageBatch<WebhookMessage>(
    queue,
    messages.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts, body })),
  );
  // getQueueResult reports which messages were retried, not the delay each was given.
  const retries = batch.messages.map((m) => vi.spyOn(m, "retry"));
  const ctx = createExecutionContext();
  await app.queue(batch, env);
  const result = await getQueueResult(batch, ctx);
  const delays = retries.map(
    (spy) => (spy.mock.calls[0]?.[0] as QueueRetryOptions | undefined)?.delaySeconds,
  );
  return { ...result, delays };
}

async function deliveries(partnerId: string) {
  const response = await app.request(
    `/api/v1/partners/${partnerId}/deliveries`,
    { headers: ADMIN },
    env,
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { deliveries: Record<string, unknown>[] }).deliveries;
}

let everything: IssuedPartner;
let englishWorld: IssuedPartner;
let ukrainianOnly: IssuedPartner;
let noWebhook: IssuedPartner;
let otherCategory: IssuedPartner;

beforeAll(async () => {
  await loadSeedStories();
  everything = await createPartner({
    name: "All",
    languages: ["uk", "en", "ru"],
    webhookUrl: HOOK,
  });
  englishWorld = await createPartner({
    name: "EN world",
    languages: ["en"],
    categories: ["world"],
    fullText: false,
    webhookUrl: `${HOOK}/en`,
  });
  ukrainianOnly = await createPartner({ name: "UK", languages: ["uk"], webhookUrl: `${HOOK}/uk` });
  noWebhook = await createPartner({ name: "Pull only", languages: ["en"] });
  otherCategory = await createPartner({
    name: "Ukraine desk",
    languages: ["en"],
    categories: ["ukraine"],
    webhookUrl: `${HOOK}/ukraine`,
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("webhook fan-out from the newsroom's writes", () => {
  it("queues one message per partner and event in scope, nothing for drafts", async () => {
    const queue = recordingQueue();
    await write(queue, "POST", "/stories", storyPayload("hook-one"));
    expect(queue.sent).toEqual([]);

    await write(queue, "POST", "/stories/hook-one/publish", {}, { "If-Match": '"v1"' });
    const byPartner = (id: string) => queue.sent.filter((m) => m.partnerId === id);
    expect(
      byPartner(everything.id)
        .map((m) => m.lang)
        .sort(),
    ).toEqual(["en", "ru", "uk"]);
    expect(byPartner(englishWorld.id).map((m) => m.lang)).toEqual(["en"]);
    expect(byPartner(ukrainianOnly.id).map((m) => m.lang)).toEqual(["uk"]);
    // Out of scope: no webhook URL, another category.
    expect(byPartner(noWebhook.id)).toEqual([]);
    expect(byPartner(otherCategory.id)).toEqual([]);
    expect(new Set(queue.sent.map((m) => m.type))).toEqual(new Set(["story.published"]));
    // Each queued message is visible to the admin as pending.
    const queued = await deliveries(englishWorld.id);
    expect(queued).toEqual([
      expect.objectContaining({ status: "pending", attempt: 0, storyId: "hook-one", lang: "en" }),
    ]);
  });

  it("delivers a signed ninjs document that a separate implementation verifies", async () => {
    const queue = recordingQueue();
    await write(queue, "POST", "/stories", storyPayload("hook-signed"));
    await write(queue, "POST", "/stories/hook-signed/publish", {}, { "If-Match": '"v1"' });
    const message = queue.sent.find((m) => m.partnerId === englishWorld.id);
    if (!message) throw new Error("no message for the English partner");

    const received: Request[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      received.push(new Request(input, init));
      return new Response("ok", { status: 200 });
    });
    const result = await consume("partner-webhooks", [message]);
    expect(result.explicitAcks).toEqual(["m0"]);
    expect(result.retryMessages).toEqual([]);

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.url).toBe(`${HOOK}/en`);
    expect(request?.method).toBe("POST");
    const body = (await request?.text()) ?? "";
    expect(request?.headers.get("webhook-id")).toBe(message.webhookId);
    expect(request?.headers.get("webhook-timestamp")).toMatch(/^\d{10}$/);
    expect(
      await verifySignature(englishWorld.webhookSecret, request?.headers as Headers, body),
    ).toBe(true);
    expect(await verifySignature(everything.webhookSecret, request?.headers as Headers, body)).toBe(
      false,
    );
    expect(
      await verifySignature(englishWorld.webhookSecret, request?.headers as Headers, `${body} `),
    ).toBe(false);

    const payload = JSON.parse(body) as {
      type: string;
      timestamp: string;
      data: Record<string, unknown>;
    };
    expect(payload.type).toBe("story.published");
    expect(payload.timestamp).toBe(message.occurredAt);
    expectValid(validate31, payload.data);
    expect(payload.data).toMatchObject({ language: "en", pubStatus: "usable" });
    // A summary-only licence: no body.
    expect(payload.data.bodies).toBeUndefined();
    expect(payload.data.representationType).toBe("partial");

    const [attempt] = await deliveries(englishWorld.id);
    expect(attempt).toMatchObject({
      status: "delivered",
      attempt: 1,
      responseCode: 200,
      webhookId: message.webhookId,
      type: "story.published",
    });
  });

  it("delivers a takedown as story.withdrawn with pubStatus canceled", async () => {
    const queue = recordingQueue();
    await write(queue, "POST", "/stories", storyPayload("hook-takedown"));
    await write(queue, "POST", "/stories/hook-takedown/publish", {}, { "If-Match": '"v1"' });
    queue.sent.length = 0;
    await write(queue, "POST", "/stories/hook-takedown/withdraw", {}, { "If-Match": '"v2"' });
    expect(queue.sent.every((m) => m.type === "story.withdrawn")).toBe(true);
    const message = queue.sent.find((m) => m.partnerId === ukrainianOnly.id);
    if (!message) throw new Error("no takedown for the Ukrainian partner");

    let payload: { type: string; data: Record<string, unknown> } | null = null;
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      payload = JSON.parse(await new Request(input, init).text());
      return new Response(null, { status: 204 });
    });
    await consume("partner-webhooks", [message]);
    expect(payload).toMatchObject({ type: "story.withdrawn", data: { pubStatus: "canceled" } });
    expectValid(validate31, (payload as unknown as { data: unknown }).data);
  });

  it("retries with exponential backoff on errors and non-2xx, then succeeds", async () => {
    const queue = recordingQueue();
    await write(queue, "POST", "/stories", storyPayload("hook-retry"));
    await write(queue, "POST", "/stories/hook-retry/publish", {}, { "If-Match": '"v1"' });
    const message =
      queue.sent.find((m) => m.partnerId === otherCategory.id) ??
      queue.sent.find((m) => m.partnerId === everything.id && m.lang === "ru");
    if (!message) throw new Error("no message");

    const answers = [
      () => Promise.reject(new TypeError("Network connection lost")),
      () => Promise.resolve(new Response("busy", { status: 503 })),
      () => Promise.resolve(new Response("ok", { status: 200 })),
    ];
    const spy = vi.spyOn(globalThis, "fetch").mockImplementation(() => {
      const answer = answers.shift();
      if (!answer) throw new Error("more deliveries than expected");
      return answer();
    });
    const first = await consume("partner-webhooks", [message], 1);
    expect(first.retryMessages).toEqual([expect.objectContaining({ msgId: "m0" })]);
    expect(first.delays).toEqual([30]);
    const second = await consume("partner-webhooks", [message], 2);
    expect(second.delays).toEqual([60]);
    const third = await consume("partner-webhooks", [message], 3);
    expect(third.explicitAcks).toEqual(["m0"]);
    expect(spy).toHaveBeenCalledTimes(3);

    const attempts = (await deliveries(message.partnerId))
      .filter((d) => d.webhookId === message.webhookId)
      .reverse();
    expect(attempts.map((d) => [d.status, d.attempt, d.responseCode])).toEqual([
      ["pending", 0, null],
      ["failed", 1, null],
      ["failed", 2, 503],
      ["delivered", 3, 200],
    ]);
    expect(attempts[1]?.error).toMatch(/Network connection lost/);
    expect(attempts[1]?.nextAttemptAt).not.toBeNull();
  });

  it("records a delivery as dead once the queue dead-letters it after the last retry", async () => {
    const queue = recordingQueue();
    await write(queue, "POST", "/stories", storyPayload("hook-dead"));
    await write(queue, "POST", "/stories/hook-dead/publish", {}, { "If-Match": '"v1"' });
    const message = queue.sent.find((m) => m.partnerId === ukrainianOnly.id);
    if (!message) throw new Error("no message");
    vi.spyOn(globalThis, "fetch").mockResolvedValue(new Response("down", { status: 500 }));
    // max_retries = 7 in wrangler.toml: eight tries, each retried later with a longer delay.
    const delays: (number | undefined)[] = [];
    for (let attempt = 1; attempt <= 8; attempt++) {
      const result = await consume("partner-webhooks", [message], attempt);
      expect(result.retryMessages).toHaveLength(1);
      delays.push(result.delays[0]);
    }
    expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600]);
    // Then the platform moves it to the dead-letter queue, whose consumer records it.
    const dead = await consume("partner-webhooks-dlq", [message], 1);
    expect(dead.ackAll).toBe(true);
    const [last] = (await deliveries(ukrainianOnly.id)).filter(
      (d) => d.webhookId === message.webhookId,
    );
    expect(last).toMatchObject({ status: "dead", attempt: 8, storyId: "hook-dead" });
  });

  it("drops, without a POST, a message whose partner was revoked meanwhile", async () => {
    const queue = recordingQueue();
    const doomed = await createPartner({ name: "Doomed", languages: ["ru"], webhookUrl: HOOK });
    await write(queue, "POST", "/stories", storyPayload("hook-revoked"));
    await write(queue, "POST", "/stories/hook-revoked/publish", {}, { "If-Match": '"v1"' });
    const message = queue.sent.find((m) => m.partnerId === doomed.id);
    if (!message) throw new Error("no message");
    await app.request(
      `/api/v1/partners/${doomed.id}/revoke`,
      { method: "POST", headers: ADMIN },
      env,
    );
    const spy = vi.spyOn(globalThis, "fetch");
    const result = await consume("partner-webhooks", [message]);
    expect(result.explicitAcks).toEqual(["m0"]);
    expect(spy).not.toHaveBeenCalled();
  });
});

describe("the webhook URL policy at delivery", () => {
  it("sends nothing to a stored URL the policy now refuses, and records it dead", async () => {
    const queue = recordingQueue();
    const legacy = await createPartner({ name: "Legacy", languages: ["en"], webhookUrl: HOOK });
    // As stored before the policy learnt about final dots.
    await env.DB.prepare("update partners set webhook_url = ? where id = ?")
      .bind("https://localhost./hook", legacy.id)
      .run();
    await write(queue, "POST", "/stories", storyPayload("hook-legacy"));
    await write(queue, "POST", "/stories/hook-legacy/publish", {}, { "If-Match": '"v1"' });
    const message = queue.sent.find((m) => m.partnerId === legacy.id);
    if (!message) throw new Error("no message");
    const spy = vi.spyOn(globalThis, "fetch");
    const result = await consume("partner-webhooks", [message]);
    expect(result.explicitAcks).toEqual(["m0"]);
    expect(spy).not.toHaveBeenCalled();
    const [last] = await deliveries(legacy.id);
    expect(last).toMatchObject({ status: "dead", storyId: "hook-legacy" });
    expect(last?.error).toContain("not sent: the webhook URL must name a public host");
  });
});

describe("a correction that changes nothing", () => {
  async function eventCount(): Promise<number> {
    const row = await env.DB.prepare("select count(*) as n from story_events").first<{
      n: number;
    }>();
    return row?.n ?? 0;
  }

  it("keeps the version, writes no event and sends no webhook", async () => {
    const setup = recordingQueue();
    await write(
      setup,
      "POST",
      "/stories",
      storyPayload("no-op", { image: { url: "/images/x.jpg", credit: "Photo" } }),
    );
    await write(setup, "POST", "/stories/no-op/publish", {}, { "If-Match": '"v1"' });
    const read = await app.request("/api/v1/stories/no-op", { headers: ADMIN }, env);
    const current = (await read.json()) as {
      kind: string;
      categoryId: string;
      authorIds: string[];
      image: Record<string, unknown>;
      variants: Record<string, unknown>[];
    };
    const events = await eventCount();
    const queue = recordingQueue();
    const en = current.variants.find((v) => v.lang === "en") as Record<string, unknown>;
    const sameValues = [
      ["PATCH", "/stories/no-op", {}],
      [
        "PATCH",
        "/stories/no-op",
        {
          kind: current.kind,
          categoryId: current.categoryId,
          authorIds: current.authorIds,
          image: { url: "/images/x.jpg", credit: "Photo" },
          // The same text as sent before: trimmed, NFC and sanitized, it is what is stored.
          variants: [{ lang: "en", title: ` ${en.title}`, summary: en.summary, body: en.body }],
        },
      ],
      ["PATCH", "/stories/no-op/variants/en", {}],
      ["PATCH", "/stories/no-op/variants/en", { title: en.title, body: `${en.body} ` }],
    ] as const;
    for (const [method, path, body] of sameValues) {
      const response = await write(queue, method, path, body, { "If-Match": '"v2"' });
      expect(response.status).toBe(200);
      expect(response.headers.get("ETag")).toBe('"v2"');
      expect(await response.json()).toEqual(current);
    }
    expect(queue.sent).toEqual([]);
    expect(await eventCount()).toBe(events);

    // A real change still moves the version and notifies.
    const changed = await write(
      queue,
      "PATCH",
      "/stories/no-op",
      { kind: "brief" },
      {
        "If-Match": '"v2"',
      },
    );
    expect(changed.headers.get("ETag")).toBe('"v3"');
    expect(queue.sent.length).toBeGreaterThan(0);
  });
});
