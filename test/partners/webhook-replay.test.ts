import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { WebhookMessage } from "../../src/partners/webhook-message";
import { api, storyPayload } from "../helpers/api";
import {
  consumeWebhooks,
  createPartner,
  type IssuedPartner,
  problemOf,
  recordingQueue,
  webhookReceiver,
} from "../helpers/partners";
import { loadSeedStories } from "../helpers/seeds";

const HOOK = "https://hooks.partner.example/replay";

let partner: IssuedPartner;
let queue: ReturnType<typeof recordingQueue>;

function bindings(): Cloudflare.Env {
  return { ...env, WEBHOOKS: queue as unknown as Queue<WebhookMessage> };
}

async function admin(method: string, path: string, body?: unknown, headers = {}) {
  const ctx = createExecutionContext();
  const response = await api(method, path, body, headers, bindings(), ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** Publishes a new story; returns the message queued for the partner. */
async function publish(id: string): Promise<WebhookMessage> {
  expect((await admin("POST", "/stories", storyPayload(id))).status).toBe(201);
  expect((await admin("POST", `/stories/${id}/publish`, {}, { "If-Match": '"v1"' })).status).toBe(
    200,
  );
  const message = queue.sent.find((m) => m.storyId === id && m.partnerId === partner.id);
  if (!message) throw new Error(`no message for ${id}`);
  queue.sent.length = 0;
  return message;
}

/** The platform gave up on the message: the dead-letter queue's consumer records it. */
async function kill(message: WebhookMessage) {
  await consumeWebhooks([message], 1, "partner-webhooks-dlq");
}

beforeAll(async () => {
  await loadSeedStories();
  partner = await createPartner({ name: "Replay", languages: ["uk"], webhookUrl: HOOK });
});

afterEach(() => {
  vi.restoreAllMocks();
  queue.sent.length = 0;
});

queue = recordingQueue();

describe("POST /partners/{id}/dead-letters/replay", () => {
  it("sends every dead letter since a time again, with its webhook-id, until delivered", async () => {
    const before = new Date().toISOString();
    const dead = await publish("replay-dead");
    await kill(dead);
    const replay = await admin("POST", `/partners/${partner.id}/dead-letters/replay`, {
      since: before,
    });
    expect(replay.status).toBe(202);
    expect(await replay.json()).toEqual({ replayed: [dead.webhookId], superseded: [] });
    expect(queue.sent.map((m) => m.webhookId)).toEqual([dead.webhookId]);

    const receiver = webhookReceiver(() => new Response(null, { status: 200 }));
    expect((await consumeWebhooks(queue.sent)).explicitAcks).toEqual(["m0"]);
    expect(receiver.received.map((r) => r.request.headers.get("webhook-id"))).toEqual([
      dead.webhookId,
    ]);
    const list = await admin("GET", `/partners/${partner.id}/deliveries`);
    const { deliveries } = (await list.json()) as { deliveries: Record<string, unknown>[] };
    expect(
      deliveries
        .filter((d) => d.webhookId === dead.webhookId)
        .map((d) => [d.status, d.attempt])
        .reverse(),
    ).toEqual([
      ["pending", 0],
      ["dead", 8],
      ["pending", 0],
      ["delivered", 1],
    ]);
  });

  it("replays nothing that died before `since`, and skips a superseded dead letter", async () => {
    const early = await publish("replay-early");
    await kill(early);
    const since = new Date(Date.now() + 1000).toISOString();
    const none = await admin("POST", `/partners/${partner.id}/dead-letters/replay`, { since });
    expect(await none.json()).toEqual({ replayed: [], superseded: [] });

    // A newer change replaced a dead letter: the newer message carries the current state.
    const before = new Date().toISOString();
    const stale = await publish("replay-stale");
    await kill(stale);
    expect(
      (await admin("POST", "/stories/replay-stale/withdraw", {}, { "If-Match": '"v2"' })).status,
    ).toBe(200);
    queue.sent.length = 0;
    const replay = await admin("POST", `/partners/${partner.id}/dead-letters/replay`, {
      since: before,
    });
    expect(await replay.json()).toEqual({ replayed: [], superseded: [stale.webhookId] });
    expect(queue.sent).toEqual([]);
  });

  it.each([
    [{ since: "yesterday" }, "/since"],
    [{ since: "2026-13-01T00:00:00Z" }, "/since"],
    [{}, "/since"],
    [{ since: "2026-01-01T00:00:00Z", extra: 1 }, ""],
  ])("answers 400 problem+json to %j and queues nothing", async (body, pointer) => {
    const before = new Date(0).toISOString();
    const dead = await publish(`replay-bad-${crypto.randomUUID()}`);
    await kill(dead);
    const response = await admin("POST", `/partners/${partner.id}/dead-letters/replay`, body);
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(JSON.stringify(problem.errors)).toContain(pointer);
    expect(queue.sent).toEqual([]);
    // The dead letter is still dead: a valid request would replay it.
    const valid = await admin("POST", `/partners/${partner.id}/dead-letters/replay`, {
      since: before,
    });
    expect(((await valid.json()) as { replayed: string[] }).replayed).toContain(dead.webhookId);
  });
});

describe("POST /partners/{id}/deliveries/{webhookId}/replay", () => {
  it("sends a delivered message again, with the same webhook-id", async () => {
    const message = await publish("replay-one");
    const receiver = webhookReceiver(() => new Response(null, { status: 204 }));
    await consumeWebhooks([message]);
    const replay = await admin(
      "POST",
      `/partners/${partner.id}/deliveries/${message.webhookId}/replay`,
    );
    expect(replay.status).toBe(202);
    expect(await replay.json()).toEqual({ replayed: [message.webhookId], superseded: [] });
    await consumeWebhooks(queue.sent);
    expect(receiver.received.map((r) => r.request.headers.get("webhook-id"))).toEqual([
      message.webhookId,
      message.webhookId,
    ]);
  });

  it("refuses a pending or superseded message (409), an unknown one or partner (404)", async () => {
    const pending = await publish("replay-pending");
    const path = (partnerId: string, webhookId: string) =>
      `/partners/${partnerId}/deliveries/${webhookId}/replay`;
    const stillPending = await admin("POST", path(partner.id, pending.webhookId));
    expect(stillPending.status).toBe(409);
    expect((await problemOf(stillPending)).detail).toMatch(/still pending/);

    expect(
      (await admin("POST", "/stories/replay-pending/withdraw", {}, { "If-Match": '"v2"' })).status,
    ).toBe(200);
    const superseded = await admin("POST", path(partner.id, pending.webhookId));
    expect(superseded.status).toBe(409);
    expect((await problemOf(superseded)).detail).toMatch(/superseded/);

    for (const [partnerId, webhookId] of [
      [partner.id, "msg_unknown"],
      ["no-such-partner", pending.webhookId],
    ] as const) {
      const response = await admin("POST", path(partnerId, webhookId));
      expect(response.status).toBe(404);
      await problemOf(response);
    }
    queue.sent.length = 0;
  });
});
