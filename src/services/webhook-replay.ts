import type { Db } from "../db/client";
import { findPartner } from "../db/partners";
import { findPartnerMessages, reopenMessages, type StoredMessage } from "../db/webhook-messages";
import type { Partner } from "../domain/partner";
import { Conflict, NotFound } from "./errors";
import { sendDue, type WebhookQueue } from "./webhooks";

/** Dead letters one replay request re-sends at most. */
export const MAX_REPLAY = 1000;

/** What a replay put back in the queue's hands. */
export interface Replay {
  replayed: string[];
  /** Asked for, but a newer message for the same story variant replaced them. */
  superseded: string[];
}

/**
 * Sends one message of a partner again, from a first attempt, with the same webhook-id (the
 * receiver deduplicates it if it did get it). Refused while it is still pending, and when a
 * newer message for the same story variant exists: that one carries the current state.
 */
export async function replayMessage(
  db: Db,
  queue: WebhookQueue,
  partnerId: string,
  webhookId: string,
  now: Date,
): Promise<Replay> {
  await replayablePartner(db, partnerId);
  const [message] = await findPartnerMessages(db, partnerId, { webhookId });
  if (!message) throw new NotFound(`partner ${partnerId} has no delivery ${webhookId}`);
  if (message.state === "pending") {
    throw new Conflict(`delivery ${webhookId} is still pending; the queue is trying it`, {
      webhookId,
      state: message.state,
    });
  }
  const replay = await reopen(db, queue, [message], now);
  if (replay.replayed.length === 0) {
    throw new Conflict(
      `delivery ${webhookId} was superseded by a newer delivery of story ${message.storyId} (${message.lang}); that one carries the current state`,
      { webhookId, state: "superseded" },
    );
  }
  return replay;
}

/** Sends again every dead letter of a partner that died at or after `since`, oldest first. */
export async function replayDeadLetters(
  db: Db,
  queue: WebhookQueue,
  partnerId: string,
  since: Date,
  now: Date,
): Promise<Replay> {
  await replayablePartner(db, partnerId);
  const dead = await findPartnerMessages(db, partnerId, {
    deadSince: since.toISOString(),
    limit: MAX_REPLAY,
  });
  return reopen(db, queue, dead, now);
}

async function reopen(
  db: Db,
  queue: WebhookQueue,
  messages: readonly StoredMessage[],
  now: Date,
): Promise<Replay> {
  const ids = messages.map((m) => m.webhookId);
  const reopened = new Set(await reopenMessages(db, ids, now.toISOString()));
  if (reopened.size > 0) await sendDue(db, queue, now);
  return {
    replayed: ids.filter((id) => reopened.has(id)),
    superseded: ids.filter((id) => !reopened.has(id)),
  };
}

async function replayablePartner(db: Db, partnerId: string): Promise<Partner> {
  const partner = await findPartner(db, partnerId);
  if (!partner) throw new NotFound(`no partner ${partnerId}`);
  if (partner.status !== "active" || !partner.webhookUrl) {
    throw new Conflict(
      partner.status !== "active"
        ? `partner ${partnerId} is ${partner.status}; nothing can be delivered to it`
        : `partner ${partnerId} has no webhook URL; set one first`,
      { partnerId, partnerStatus: partner.status },
    );
  }
  return partner;
}
