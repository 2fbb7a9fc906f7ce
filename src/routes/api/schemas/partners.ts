import { z } from "@hono/zod-openapi";
import {
  type Delivery,
  type Partner,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
} from "../../../domain/partner";
import { PULL_ROUTES } from "../../../domain/partner-usage";
import { LANG_TAGS } from "../../../i18n/languages";
import { DEFAULT_WEBHOOK_FORMAT, WEBHOOK_FORMATS } from "../../../partners/webhook-format";
import { DEFAULT_OVERLAP_HOURS, MAX_OVERLAP_HOURS } from "../../../services/partners";
import { LangSchema, SlugSchema } from "./common";
import { link, text } from "./fields";

const LanguagesSchema = z
  .array(LangSchema)
  .min(1, "must name at least one language")
  .max(LANG_TAGS.length)
  .superRefine((langs, ctx) => {
    langs.forEach((lang, i) => {
      if (langs.indexOf(lang) !== i) {
        ctx.addIssue({ code: "custom", path: [i], message: `duplicate language ${lang}` });
      }
    });
  });

const CategoriesSchema = z
  .union([z.literal("all"), z.array(SlugSchema).min(1).max(100)])
  .openapi({ description: '"all" (present and future categories) or a list of category ids' });

// Parsed here like every link (stored in the URL parser's form); where it may point is the
// webhook policy's call (src/partners/webhook-url.ts), which knows the environment.
const WebhookUrlSchema = link({ schemes: ["https:", "http:"], paths: false })
  .nullable()
  .openapi({
    description:
      "https, public host; http://127.0.0.1 or localhost only where ALLOW_LOCAL_WEBHOOKS is on",
    example: "https://partner.example/hooks/newsroom",
  });

const NameSchema = text(200);

export const PartnerCreateSchema = z
  .strictObject({
    name: NameSchema,
    languages: LanguagesSchema,
    categories: CategoriesSchema.default("all"),
    fullText: z
      .boolean()
      .default(true)
      .openapi({ description: "false: headline, summary and image only, no body" }),
    webhookUrl: WebhookUrlSchema.optional(),
  })
  .openapi("PartnerCreate");

const SubscriptionSchema = z
  .strictObject({
    events: z
      .array(z.enum(WEBHOOK_EVENT_TYPES as [WebhookEventType, ...WebhookEventType[]]))
      .min(1, "must name at least one event type")
      .refine((types) => new Set(types).size === types.length, "must not repeat an event type")
      .openapi({ description: "the webhook event types to receive; all three by default" }),
    categories: CategoriesSchema.openapi({
      description: '"all" categories of the licence (the default) or some of them',
    }),
    format: z.enum(WEBHOOK_FORMATS).openapi({
      description: `the payload (\`data\`) format; ${DEFAULT_WEBHOOK_FORMAT} by default`,
    }),
  })
  .openapi("Subscription");

export const PartnerPatchSchema = z
  .strictObject({
    name: NameSchema.optional(),
    languages: LanguagesSchema.optional(),
    categories: CategoriesSchema.optional(),
    fullText: z.boolean().optional(),
    webhookUrl: WebhookUrlSchema.optional(),
    subscription: SubscriptionSchema.partial().optional().openapi({
      description: "what to receive by webhook, within the licence; fields left out stay",
    }),
  })
  .openapi("PartnerPatch");

export const PartnerIdParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" } }),
});

export const PartnerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    languages: z.array(LangSchema),
    categories: CategoriesSchema,
    fullText: z.boolean(),
    webhookUrl: z.string().nullable(),
    keyPrefix: z
      .string()
      .openapi({ description: "the key's first characters, to tell keys apart" }),
    status: z.enum(["active", "revoked"]),
    createdAt: z.string(),
    updatedAt: z.string(),
    lastUsedAt: z.string().nullable(),
    keyOverlapUntil: z.string().nullable().openapi({
      description: "after a key rotation, the previous key also works until then",
    }),
    subscription: SubscriptionSchema,
    secretOverlapUntil: z.string().nullable().openapi({
      description:
        "after a secret rotation, webhooks are also signed with the previous secret until then",
    }),
  })
  .openapi("Partner");

export const RotationSchema = z
  .strictObject({
    overlapHours: z
      .number()
      .int()
      .min(0)
      .max(MAX_OVERLAP_HOURS)
      .optional()
      .openapi({
        description: `how long the previous key or secret keeps working: 0 to ${MAX_OVERLAP_HOURS} hours, default ${DEFAULT_OVERLAP_HOURS}; 0 stops it now`,
      }),
  })
  .openapi("Rotation");

const KeySchema = z.string().openapi({
  description: "the API key, shown only in this response: store it now",
  example: "nsk_live_…",
});
const SecretSchema = z.string().openapi({
  description: "the Standard Webhooks signing secret, shown only in this response",
  example: "whsec_…",
});

export const IssuedPartnerSchema = PartnerSchema.extend({
  key: KeySchema,
  webhookSecret: SecretSchema,
}).openapi("IssuedPartner");
export const IssuedKeySchema = PartnerSchema.extend({ key: KeySchema }).openapi("IssuedKey");
export const IssuedSecretSchema = PartnerSchema.extend({ webhookSecret: SecretSchema }).openapi(
  "IssuedSecret",
);

export const DeliverySchema = z
  .object({
    id: z.number().int(),
    webhookId: z.string().openapi({ description: "webhook-id header: the same on every attempt" }),
    eventId: z.number().int(),
    storyId: z.string(),
    lang: LangSchema,
    type: z.enum(["story.published", "story.updated", "story.withdrawn"]),
    version: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "the story version the message announces" }),
    attempt: z.number().int().openapi({ description: "0 when queued, then 1, 2, …" }),
    status: z.enum(["pending", "delivered", "failed", "dead"]),
    responseCode: z.number().int().nullable(),
    error: z.string().nullable(),
    attemptedAt: z.string(),
    nextAttemptAt: z.string().nullable(),
  })
  .openapi("Delivery");

export const DeliveryQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .openapi({ description: "only records older than this id (the last id of a page)" }),
});

export const UsageQuerySchema = z.object({
  days: z.coerce
    .number()
    .int()
    .min(1)
    .max(90)
    .default(30)
    .openapi({ description: "how many UTC days back, today included (1-90)" }),
});

const counts = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<K, z.ZodNumber>);

export const UsageSchema = z
  .object({
    days: z.array(
      z.object({
        day: z.string().openapi({ example: "2026-11-24" }),
        pulls: counts(PULL_ROUTES).openapi({
          description: "answered requests to feeds, sync pages, single stories and search",
        }),
        deliveries: counts(["delivered", "failed", "dead"] as const).openapi({
          description: "webhook attempts by outcome",
        }),
      }),
    ),
  })
  .openapi("PartnerUsage");

export function partnerBody(partner: Partner) {
  return {
    id: partner.id,
    name: partner.name,
    languages: partner.languages,
    categories: partner.categories,
    fullText: partner.licence === "full-text",
    webhookUrl: partner.webhookUrl,
    keyPrefix: partner.keyPrefix,
    status: partner.status,
    createdAt: partner.createdAt,
    updatedAt: partner.updatedAt,
    lastUsedAt: partner.lastUsedAt,
    keyOverlapUntil: partner.keyOverlapUntil,
    secretOverlapUntil: partner.secretOverlapUntil,
    subscription: partner.subscription,
  };
}

export function deliveryBody(delivery: Delivery) {
  return {
    id: delivery.id,
    webhookId: delivery.webhookId,
    eventId: delivery.eventId,
    storyId: delivery.storyId,
    lang: delivery.lang,
    type: delivery.eventType,
    version: delivery.version,
    attempt: delivery.attempt,
    status: delivery.status,
    responseCode: delivery.responseCode,
    error: delivery.error,
    attemptedAt: delivery.attemptedAt,
    nextAttemptAt: delivery.nextAttemptAt,
  };
}

export const DeliveryParamSchema = PartnerIdParamSchema.extend({
  webhookId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "webhookId", in: "path" }, example: "msg_…" }),
});

export const DeadLetterReplaySchema = z
  .strictObject({
    since: z.iso
      .datetime({
        offset: true,
        message: "must be an RFC 3339 date-time, e.g. 2026-05-01T09:00:00Z",
      })
      .openapi({
        description: "replay the messages that died at or after this time",
        example: "2026-05-01T09:00:00Z",
      }),
  })
  .openapi("DeadLetterReplay");

export const ReplaySchema = z
  .object({
    replayed: z.array(z.string()).openapi({
      description: "webhook ids queued again, from a first attempt, with the same id",
    }),
    superseded: z.array(z.string()).openapi({
      description: "not sent: a newer delivery of the same story and language carries its state",
    }),
  })
  .openapi("Replay");
