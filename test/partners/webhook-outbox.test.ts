import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { WebhookMessage } from "../../src/partners/webhook-message";
import { publishStory } from "../../src/services/newsroom";
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
