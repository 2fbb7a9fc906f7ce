import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { WebhookMessage } from "../../src/partners/webhook-message";
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
import { loadSeedStories } from "../helpers/seeds";

const HOOK = "https://hooks.partner.example/scheduled";

let partner: IssuedPartner;

beforeAll(async () => {
  await loadSeedStories();
  partner = await createPartner({ name: "On time", languages: ["ru"], webhookUrl: HOOK });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a scheduled story", () => {
  it("reaches a webhook receiver at its time, by the minute sweep, with no request in between", async () => {
    const queue = recordingQueue();
    const bindings = { ...env, WEBHOOKS: queue as unknown as Queue<WebhookMessage> };
    const write = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
      const ctx = createExecutionContext();
      const response = await api("POST", path, body, headers, bindings, ctx);
      await waitOnExecutionContext(ctx);
      expect(response.status, await response.clone().text()).toBeLessThan(300);
    };
    await write("/stories", storyPayload("on-time"));
    const at = new Date(Date.now() + 1500);
    await write("/stories/on-time/publish", { at: at.toISOString() }, { "If-Match": '"v1"' });
    // Scheduled: nothing is announced yet, and a sweep before its time sends nothing.
    await sweep(queue);
    expect(queue.sent).toEqual([]);

    // Its time comes; no request reaches the Worker, only the Cron Trigger.
    await scheduler.wait(Math.max(0, at.getTime() - Date.now()) + 50);
    await sweep(queue);
    const [message, ...others] = queue.sent;
    expect(others).toEqual([]);
    expect(message).toMatchObject({
      partnerId: partner.id,
      storyId: "on-time",
      lang: "ru",
      type: "story.published",
      occurredAt: at.toISOString(),
    });

    const receiver = webhookReceiver(() => new Response(null, { status: 200 }));
    await consumeWebhooks([message as WebhookMessage]);
    const [delivery] = receiver.received;
    const payload = webhookPayload(delivery?.body ?? "");
    expect(payload.type).toBe("story.published");
    expect(payload.data).toMatchObject({ language: "ru", pubStatus: "usable" });
    expectValid(validate31, payload.data);

    // Announced once.
    queue.sent.length = 0;
    await sweep(queue);
    expect(queue.sent).toEqual([]);
  });
});
