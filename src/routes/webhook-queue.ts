import { dbFor } from "../db/client";
import type { Env } from "../env";
import { ninjsContext } from "../partners/provider";
import type { WebhookMessage } from "../partners/webhook-message";
import { keepBodiesInR2 } from "../services/body-storage";
import { deliverWebhook, recordDeadLetters, WEBHOOK_MAX_TRIES } from "../services/webhook-delivery";
import { dispatchWebhooks } from "../services/webhooks";

export const WEBHOOK_QUEUE = "partner-webhooks";
export const DEAD_LETTER_QUEUE = "partner-webhooks-dlq";

/**
 * The Worker's queue handler (wrangler.toml [[queues.consumers]]): delivers partner webhooks,
 * and records as dead what the platform dead-lettered after the last retry (max_retries).
 * Messages are delivered one after another: each one is its own partner's POST, acknowledged
 * or retried on its own, so one failing receiver never makes the queue retry another's.
 */
export async function handleQueue(batch: MessageBatch<WebhookMessage>, env: Env): Promise<void> {
  const db = dbFor(env.DB, env.BODIES);
  if (batch.queue === DEAD_LETTER_QUEUE) {
    await recordDeadLetters(
      db,
      batch.messages.map((m) => ({ message: m.body, attempts: WEBHOOK_MAX_TRIES })),
      new Date(),
    );
    batch.ackAll();
    return;
  }
  if (batch.queue !== WEBHOOK_QUEUE) throw new Error(`no consumer for queue ${batch.queue}`);
  for (const message of batch.messages) {
    try {
      const outcome = await deliverWebhook(
        db,
        message.body,
        (m) => ninjsContext(env.SITE_URL.replace(/\/+$/, "") || m.origin, env),
        new Date(),
        { allowLocal: env.ALLOW_LOCAL_WEBHOOKS === "true" },
      );
      if (outcome.ack) message.ack();
      else message.retry({ delaySeconds: outcome.retryInSeconds });
    } catch (error) {
      // Our own failure (D1, rendering): try again later rather than lose the delivery.
      console.error(`webhook ${message.body.webhookId} failed before sending`, error);
      message.retry({ delaySeconds: 60 });
    }
  }
}

/**
 * The Worker's Cron Trigger (wrangler.toml [triggers], every minute): the outbox sweeper. It
 * announces what no request announced (a write whose after-response work died with the
 * process, a scheduled story whose time came, a message the queue lost), so partners hear of
 * every change within about a minute with no request in between. Then the bodies' upkeep
 * (src/services/body-storage.ts): bodies still in D1 move to R2, superseded objects go.
 */
export async function handleScheduled(
  controller: ScheduledController,
  env: Env,
  _ctx: ExecutionContext,
): Promise<void> {
  const origin = env.SITE_URL.replace(/\/+$/, "") || null;
  const db = dbFor(env.DB, env.BODIES);
  const now = new Date(controller.scheduledTime);
  await dispatchWebhooks(db, env.WEBHOOKS, { origin, now });
  // After the partners: a slow R2 must not hold back their announcements.
  await keepBodiesInR2(db, now);
}
