import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { WebhookMessage } from "../../src/partners/webhook-message";
import { publishStory, withdrawStory } from "../../src/services/newsroom";
import { OVERDUE_AFTER_MS } from "../../src/services/webhooks";
import { api, storyPayload } from "../helpers/api";
import { expectValid, validate31 } from "../helpers/ninjs-schemas";
import {
  consumeWebhooks,
  createPartner,
  type IssuedPartner,
  recordingQueue,
  sweep,
  webhookPayload,
  webhookReceiver,
} from "../helpers/partners";
import { loadSeedStories, testDb } from "../helpers/seeds";

const HOOK = "https://hooks.partner.example/outbox";

let partner: IssuedPartner;

function bindings(queue: { sendBatch: unknown }): Cloudflare.Env {
  return { ...env, WEBHOOKS: queue as unknown as Queue<WebhookMessage> };
}

/** A newsroom write through the app; its after-response work uses `queue`. */
async function write(
  queue: { sendBatch: unknown },
  method: string,
  path: string,
  body: unknown = {},
  headers: Record<string, string> = {},
) {
  const ctx = createExecutionContext();
  const response = await api(method, path, body, headers, bindings(queue), ctx);
  await waitOnExecutionContext(ctx);
  expect(response.status, await response.clone().text()).toBeLessThan(300);
}

function messagesFor(queue: ReturnType<typeof recordingQueue>, storyId: string) {
  return queue.sent.filter((m) => m.partnerId === partner.id && m.storyId === storyId);
}

const minutes = (n: number) => n * 60_000;

beforeAll(async () => {
  await loadSeedStories();
  partner = await createPartner({ name: "Outbox", languages: ["en"], webhookUrl: HOOK });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the webhook outbox survives a crash between commit and enqueue", () => {
  it("announces a write whose after-response work never ran, at the next cron sweep", async () => {
    const queue = recordingQueue();
    await write(queue, "POST", "/stories", storyPayload("crash-commit"));
    // The process dies right after the commit: the publish is stored, nothing after it runs.
    await publishStory(
      testDb(),
      "crash-commit",
      { version: 1, via: "if-match" },
      undefined,
      new Date(),
    );
    expect(queue.sent).toEqual([]);

    await sweep(queue);
    const [message, ...others] = messagesFor(queue, "crash-commit");
    expect(others).toEqual([]);
    expect(message).toMatchObject({ type: "story.published", lang: "en", version: 2 });

    const receiver = webhookReceiver(() => new Response(null, { status: 204 }));
    const result = await consumeWebhooks([message as WebhookMessage]);
    expect(result.explicitAcks).toEqual(["m0"]);
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(delivery?.request.url).toBe(HOOK);
    expect(delivery?.request.headers.get("webhook-id")).toBe(message?.webhookId);
    const payload = webhookPayload(delivery?.body ?? "");
    expect(payload.type).toBe("story.published");
    expectValid(validate31, payload.data);

    // Announced once: later sweeps send nothing more.
    queue.sent.length = 0;
    await sweep(queue, new Date(Date.now() + minutes(60)));
    expect(messagesFor(queue, "crash-commit")).toEqual([]);
  });

  it("sends again, with the same webhook-id, what the queue lost, until a 2xx answer", async () => {
    const queue = recordingQueue();
    // The queue the write handed its messages to is gone (a local queue forgets on restart).
    const lost = {
      async sendBatch() {
        throw new Error("the process died before the queue kept the messages");
      },
    };
    await write(queue, "POST", "/stories", storyPayload("crash-queue"));
    const start = Date.now();
    await write(lost, "POST", "/stories/crash-queue/publish", {}, { "If-Match": '"v1"' });

    // Right away the sweep leaves it alone: it may still be on its way.
    await sweep(queue, new Date(start));
    expect(messagesFor(queue, "crash-queue")).toEqual([]);
    // Once overdue, the sweep sends it again.
    const overdue = start + OVERDUE_AFTER_MS + minutes(1);
    await sweep(queue, new Date(overdue));
    const [message] = messagesFor(queue, "crash-queue");
    if (!message) throw new Error("the sweep did not send the lost message");

    const answers = [503, 200];
    const receiver = webhookReceiver(() => new Response(null, { status: answers.shift() ?? 500 }));
    expect((await consumeWebhooks([message])).retryMessages).toHaveLength(1);
    // The queue loses the retry (due in 30 s) as well: once that is overdue, a sweep sends it.
    queue.sent.length = 0;
    await sweep(queue, new Date(Date.now() + minutes(5)));
    expect(messagesFor(queue, "crash-queue")).toEqual([]);
    await sweep(queue, new Date(Date.now() + OVERDUE_AFTER_MS + minutes(2)));
    const [again] = messagesFor(queue, "crash-queue");
    expect(again?.webhookId).toBe(message.webhookId);
    expect((await consumeWebhooks([again as WebhookMessage])).explicitAcks).toEqual(["m0"]);

    expect(receiver.received.map((r) => r.request.headers.get("webhook-id"))).toEqual([
      message.webhookId,
      message.webhookId,
    ]);
    // Done once the receiver answered 2xx: no sweep sends it again.
    queue.sent.length = 0;
    await sweep(queue, new Date(Date.now() + minutes(600)));
    expect(messagesFor(queue, "crash-queue")).toEqual([]);
  });
});

describe("webhook ordering", () => {
  it("never delivers an older state after a newer one: a late retry of story.published is dropped", async () => {
    const queue = recordingQueue();
    await write(queue, "POST", "/stories", storyPayload("race-order"));
    await write(queue, "POST", "/stories/race-order/publish", {}, { "If-Match": '"v1"' });
    const [published] = messagesFor(queue, "race-order");
    if (!published) throw new Error("no message for the publication");
    expect(published.version).toBe(2);

    const answers = [503];
    const receiver = webhookReceiver(() => new Response(null, { status: answers.shift() ?? 200 }));
    // The first try of story.published fails; the queue will retry it later.
    expect((await consumeWebhooks([published], 1)).retryMessages).toHaveLength(1);
    // Meanwhile the story is withdrawn, and that is delivered.
    await write(queue, "POST", "/stories/race-order/withdraw", {}, { "If-Match": '"v2"' });
    const withdrawn = messagesFor(queue, "race-order").find((m) => m.type === "story.withdrawn");
    if (!withdrawn) throw new Error("no message for the withdrawal");
    expect(withdrawn.version).toBe(3);
    expect((await consumeWebhooks([withdrawn])).explicitAcks).toEqual(["m0"]);
    // The retry of story.published comes a minute later: acknowledged, never POSTed.
    expect((await consumeWebhooks([published], 2)).explicitAcks).toEqual(["m0"]);

    expect(
      receiver.received.map((r) => [
        webhookPayload(r.body).type,
        webhookPayload(r.body).version,
        r.request.headers.get("Story-Version"),
      ]),
    ).toEqual([
      ["story.published", 2, "2"],
      ["story.withdrawn", 3, "3"],
    ]);
  });

  it("drops a pending message as soon as a newer change exists, even before it is fanned out", async () => {
    const queue = recordingQueue();
    await write(queue, "POST", "/stories", storyPayload("race-unannounced"));
    await write(queue, "POST", "/stories/race-unannounced/publish", {}, { "If-Match": '"v1"' });
    const [published] = messagesFor(queue, "race-unannounced");
    // Withdrawn, and the process dies before announcing it.
    await withdrawStory(testDb(), "race-unannounced", { version: 2, via: "if-match" }, new Date());
    const receiver = webhookReceiver(() => new Response(null, { status: 200 }));
    expect((await consumeWebhooks([published as WebhookMessage])).explicitAcks).toEqual(["m0"]);
    expect(receiver.received).toEqual([]);
    // The sweep then announces the withdrawal, which is delivered.
    await sweep(queue);
    const withdrawn = messagesFor(queue, "race-unannounced").find(
      (m) => m.type === "story.withdrawn",
    );
    await consumeWebhooks([withdrawn as WebhookMessage]);
    expect(receiver.received.map((r) => webhookPayload(r.body).type)).toEqual(["story.withdrawn"]);
  });
});

describe("webhook ids", () => {
  it("are opaque: random, naming neither the event counter nor the partner", async () => {
    const queue = recordingQueue();
    const other = await createPartner({ name: "Other", languages: ["en"], webhookUrl: HOOK });
    await write(queue, "POST", "/stories", storyPayload("opaque-ids"));
    await write(queue, "POST", "/stories/opaque-ids/publish", {}, { "If-Match": '"v1"' });
    const ids = queue.sent.filter((m) => m.storyId === "opaque-ids");
    expect(ids.map((m) => m.partnerId).sort()).toEqual([partner.id, other.id].sort());
    for (const m of ids) {
      expect(m.webhookId).toMatch(/^msg_[0-9a-f]{32}$/);
      // Not the old `msg_<eventId>_<partnerId>`. (A random id may hold the counter's digits
      // by chance, so that is no test; the pattern above rules out any field separator.)
      expect(m.webhookId).not.toBe(`msg_${m.eventId}_${m.partnerId}`);
      expect(m.webhookId).not.toContain(m.partnerId);
    }
    expect(new Set(ids.map((m) => m.webhookId)).size).toBe(2);
  });
});
