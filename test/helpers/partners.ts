import { env } from "cloudflare:workers";
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
