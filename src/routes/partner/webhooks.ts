import { type OpenAPIHono, z } from "@hono/zod-openapi";
import { WEBHOOK_EVENT_TYPES } from "../../domain/partner";
import { WEBHOOK_FORMATS, type WebhookFormat } from "../../partners/webhook-format";
import {
  DELIVERY_TIMEOUT_MS,
  WEBHOOK_MAX_TRIES,
  WEBHOOK_USER_AGENT,
} from "../../services/webhook-delivery";
import { NewsMLG2TextSchema, Ninjs2Schema, Ninjs3Schema } from "./ninjs-schemas";

// What src/services/webhooks.ts (deliverWebhook) POSTs to a partner's webhookUrl, as OpenAPI 3.1
// `webhooks`: one entry per event type, from the code's own list of types and formats.

/** The `data` of each subscription format; a new format without a schema here fails to compile. */
const DATA_SCHEMAS: Record<WebhookFormat, z.ZodType> = {
  "ninjs-3.1": Ninjs3Schema,
  "ninjs-2.2": Ninjs2Schema,
  "newsml-g2": NewsMLG2TextSchema,
};

const WebhookHeadersSchema = z.object({
  "webhook-id": z.string().openapi({
    description:
      "Standard Webhooks message id: the same on every retry and re-send; deduplicate on it",
    example: "msg_2f1c0e8b7a6d4c3b9a8f7e6d5c4b3a21",
  }),
  "webhook-timestamp": z
    .string()
    .openapi({ description: "Unix seconds when this attempt was signed", example: "1767225600" }),
  "webhook-signature": z.string().openapi({
    description:
      'space-separated "v1,<base64 HMAC-SHA256 of id.timestamp.body>", one per secret (two during a rotation)',
    example: "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=",
  }),
  "Story-Version": z
    .string()
    .openapi({ description: "the story's version, as `version` in the body", example: "7" }),
  "User-Agent": z.string().openapi({ example: WEBHOOK_USER_AGENT }),
});

const acknowledged = {
  "2XX": { description: "delivered: any 2xx acknowledges (the body is ignored)" },
  default: {
    description:
      `anything else, a redirect (not followed) or no answer within ${DELIVERY_TIMEOUT_MS / 1000} s: ` +
      `retried with backoff, ${WEBHOOK_MAX_TRIES} tries in all, then a dead letter`,
  },
};

const SUMMARIES: Record<(typeof WEBHOOK_EVENT_TYPES)[number], string> = {
  "story.published": "A story (or a language variant) became available in the partner's scope",
  "story.updated": "A story the partner may hold changed",
  "story.withdrawn": "A story (or one language variant) was taken down: remove your copy",
};

/** Adds one `webhooks` entry per event type to the partner API's document. */
export function registerWebhooks(registry: OpenAPIHono["openAPIRegistry"]): void {
  for (const type of WEBHOOK_EVENT_TYPES) {
    registry.registerWebhook({
      method: "post",
      path: type,
      summary: SUMMARIES[type],
      request: {
        headers: WebhookHeadersSchema,
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z.object({
                type: z.literal(type),
                timestamp: z.string().openapi({ format: "date-time" }),
                version: z.number().int(),
                data: z.union(WEBHOOK_FORMATS.map((format) => DATA_SCHEMAS[format])).openapi({
                  description: `by the subscription's format: ${WEBHOOK_FORMATS.join(", ")}`,
                }),
              }),
            },
          },
        },
      },
      responses: acknowledged,
    });
  }
}
