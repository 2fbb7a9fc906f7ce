import { Webhook } from "standardwebhooks";

/**
 * Standard Webhooks signature headers for one delivery: `webhook-signature` is
 * `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, keyed with the base64-decoded part of
 * the `whsec_` secret; `webhook-timestamp` is Unix seconds. Signed with the `standardwebhooks`
 * package (pure JavaScript, so it runs in workerd), the reference implementation receivers
 * verify with. Several secrets (a rotation's overlap window) give several space-separated
 * signatures, newest secret first: a receiver accepts the delivery if any one verifies.
 */
export function signatureHeaders(
  secrets: readonly string[],
  webhookId: string,
  sentAt: Date,
  body: string,
): Record<string, string> {
  return {
    "webhook-id": webhookId,
    "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
    "webhook-signature": secrets
      .map((secret) => new Webhook(secret).sign(webhookId, sentAt, body))
      .join(" "),
  };
}
