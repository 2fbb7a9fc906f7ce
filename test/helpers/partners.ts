import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, vi } from "vitest";
import app from "../../src/index";
import type { WebhookMessage } from "../../src/partners/webhook-message";
import { api } from "./api";

export interface IssuedPartner {
  id: string;
  key: string;
  webhookSecret: string;
  [field: string]: unknown;
}

/** Creates a partner through the admin API; fails the test unless it answers 201. */
export async function createPartner(
  body: Record<string, unknown>,
  bindings: Cloudflare.Env = env,
): Promise<IssuedPartner> {
  const response = await api("POST", "/partners", body, {}, bindings);
  if (response.status !== 201) {
    throw new Error(`creating a partner answered ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as IssuedPartner;
}

/** A partner's request: the key as a bearer token unless `key` is null. */
export function partnerRequest(
  path: string,
  key: string | null,
  headers: Record<string, string> = {},
  bindings: Cloudflare.Env = env,
): Promise<Response> {
  return Promise.resolve(
    app.request(
      `/partner/v1${path}`,
      { headers: { ...(key !== null && { Authorization: `Bearer ${key}` }), ...headers } },
      bindings,
    ),
  );
}

/** A stand-in for the WEBHOOKS producer binding that keeps what was sent, for the consumer. */
export function recordingQueue() {
  const sent: WebhookMessage[] = [];
  return {
    sent,
    async send(body: WebhookMessage) {
      sent.push(body);
    },
    async sendBatch(messages: Iterable<MessageSendRequest<WebhookMessage>>) {
      for (const message of messages) sent.push(message.body);
    },
  };
}

export async function problemOf(response: Response): Promise<Record<string, unknown>> {
  if (response.headers.get("Content-Type") !== "application/problem+json") {
    throw new Error(`not a problem document: ${response.headers.get("Content-Type")}`);
  }
  return (await response.json()) as Record<string, unknown>;
}

/** Runs the Worker's queue consumer on these messages, as the platform would. */
export async function consumeWebhooks(
  messages: readonly WebhookMessage[],
  attempts = 1,
  queue = "partner-webhooks",
) {
  const batch = createMessageBatch<WebhookMessage>(
    queue,
    messages.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts, body })),
  );
  const ctx = createExecutionContext();
  await app.queue(batch, env);
  return getQueueResult(batch, ctx);
}

/** Runs the Worker's Cron Trigger (the outbox sweeper) as the platform would at `at`. */
export async function sweep(queue: ReturnType<typeof recordingQueue>, at: Date = new Date()) {
  const ctx = createExecutionContext();
  await app.scheduled(
    createScheduledController({ scheduledTime: at, cron: "* * * * *" }),
    { ...env, WEBHOOKS: queue as unknown as Queue<WebhookMessage> },
    ctx,
  );
  await waitOnExecutionContext(ctx);
}

/** A webhook receiver in place of the network: what it was sent, answering as told. */
export function webhookReceiver(answer: (request: Request) => Response | Promise<Response>) {
  const received: { request: Request; body: string }[] = [];
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    received.push({ request: request.clone(), body: await request.text() });
    return answer(request);
  });
  return { received, spy };
}

/** What a receiver got, parsed. */
export function webhookPayload(body: string) {
  return JSON.parse(body) as {
    type: string;
    timestamp: string;
    version: number;
    data: Record<string, unknown>;
  };
}

/**
 * Newsroom writes through the app whose after-response work (the webhook fan-out) hands its
 * messages to a recording queue, and is awaited before the call returns.
 */
export function newsroomWithQueue() {
  const queue = recordingQueue();
  const bindings = (): Cloudflare.Env => ({
    ...env,
    WEBHOOKS: queue as unknown as Queue<WebhookMessage>,
  });
  /** The write as answered; `version` goes out as If-Match. */
  async function send(method: string, path: string, body: unknown, version?: number) {
    const ctx = createExecutionContext();
    const headers: Record<string, string> = version ? { "If-Match": `"v${version}"` } : {};
    const response = await api(method, path, body, headers, bindings(), ctx);
    await waitOnExecutionContext(ctx);
    return response;
  }
  /** A write that must succeed. */
  async function write(method: string, path: string, body: unknown, version?: number) {
    const response = await send(method, path, body, version);
    expect(response.status, await response.clone().text()).toBeLessThan(300);
  }
  return { queue, bindings, send, write };
}
