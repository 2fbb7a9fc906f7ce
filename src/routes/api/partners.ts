import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { partnerUsage } from "../../services/partner-usage";
import {
  createPartner,
  DEFAULT_OVERLAP_HOURS,
  endKeyOverlap,
  endSecretOverlap,
  getPartner,
  listAllPartners,
  partnerDeliveries,
  revokePartner,
  rotateKey,
  rotateWebhookSecret,
  updatePartner,
  type WebhookPolicy,
} from "../../services/partners";
import { MAX_REPLAY, replayDeadLetters, replayMessage } from "../../services/webhook-replay";
import { problems } from "./responses";
import {
  DeadLetterReplaySchema,
  DeliveryParamSchema,
  DeliveryQuerySchema,
  DeliverySchema,
  deliveryBody,
  IssuedKeySchema,
  IssuedPartnerSchema,
  IssuedSecretSchema,
  PartnerCreateSchema,
  PartnerIdParamSchema,
  PartnerPatchSchema,
  PartnerSchema,
  partnerBody,
  ReplaySchema,
  RotationSchema,
  UsageQuerySchema,
  UsageSchema,
} from "./schemas/partners";

/** Partner outlets: who may pull what, with which key, and where their webhooks go. */
export const partners = new OpenAPIHono<AppEnv>();

const security = [{ bearer: [] }];
const json = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});
/** A body that may be left out (then the route's defaults apply). */
const optionalBody = <T>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: false },
});

function webhookPolicy(c: Context<AppEnv>): WebhookPolicy {
  return { allowLocal: c.env.ALLOW_LOCAL_WEBHOOKS === "true" };
}

partners.openapi(
  createRoute({
    method: "post",
    path: "/partners",
    summary: "Create a partner; the response holds its API key and webhook secret, once",
    security,
    request: body(PartnerCreateSchema),
    responses: {
      201: json(IssuedPartnerSchema, "created; store key and webhookSecret now"),
      ...problems(400, 401, 413, 415, 422),
    },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const issued = await createPartner(
      c.var.db,
      {
        name: input.name,
        languages: input.languages,
        categories: input.categories,
        licence: input.fullText ? "full-text" : "summary",
        webhookUrl: input.webhookUrl ?? null,
      },
      webhookPolicy(c),
      new Date(),
    );
    c.header("Location", `/api/v1/partners/${issued.partner.id}`);
    c.header("Cache-Control", "no-store");
    return c.json(
      { ...partnerBody(issued.partner), key: issued.key, webhookSecret: issued.webhookSecret },
      201,
    );
  },
);

partners.openapi(
  createRoute({
    method: "get",
    path: "/partners",
    summary: "List partners (never their keys or secrets)",
    security,
    responses: {
      200: json(z.object({ partners: z.array(PartnerSchema) }), "every partner, oldest first"),
      ...problems(401),
    },
  }),
  async (c) => c.json({ partners: (await listAllPartners(c.var.db)).map(partnerBody) }, 200),
);

partners.openapi(
  createRoute({
    method: "get",
    path: "/partners/{id}",
    summary: "Read a partner",
    security,
    request: { params: PartnerIdParamSchema },
    responses: { 200: json(PartnerSchema, "the partner"), ...problems(401, 404) },
  }),
  async (c) => c.json(partnerBody(await getPartner(c.var.db, c.req.valid("param").id)), 200),
);

partners.openapi(
  createRoute({
    method: "patch",
    path: "/partners/{id}",
    summary: "Change a partner's name, languages, categories, licence or webhook URL",
    security,
    request: { params: PartnerIdParamSchema, ...body(PartnerPatchSchema) },
    responses: {
      200: json(PartnerSchema, "the changed partner"),
      ...problems(400, 401, 404, 409, 413, 415, 422),
    },
  }),
  async (c) => {
    const { fullText, ...patch } = c.req.valid("json");
    const partner = await updatePartner(
      c.var.db,
      c.req.valid("param").id,
      {
        ...patch,
        ...(fullText !== undefined && { licence: fullText ? "full-text" : "summary" }),
      },
      webhookPolicy(c),
      new Date(),
    );
    return c.json(partnerBody(partner), 200);
  },
);

partners.openapi(
  createRoute({
    method: "post",
    path: "/partners/{id}/key",
    summary:
      "Rotate the API key: the new one is shown once; the old one keeps working for the overlap window",
    security,
    request: { params: PartnerIdParamSchema, ...optionalBody(RotationSchema) },
    responses: {
      200: json(IssuedKeySchema, "the new key"),
      ...problems(400, 401, 404, 409, 413, 415),
    },
  }),
  async (c) => {
    const { partner, key } = await rotateKey(
      c.var.db,
      c.req.valid("param").id,
      c.req.valid("json").overlapHours ?? DEFAULT_OVERLAP_HOURS,
      new Date(),
    );
    c.header("Cache-Control", "no-store");
    return c.json({ ...partnerBody(partner), key }, 200);
  },
);

partners.openapi(
  createRoute({
    method: "post",
    path: "/partners/{id}/key/end-overlap",
    summary: "End the key rotation's overlap window now: the previous key stops working",
    security,
    request: { params: PartnerIdParamSchema },
    responses: { 200: json(PartnerSchema, "the partner"), ...problems(401, 404, 409) },
  }),
  async (c) =>
    c.json(partnerBody(await endKeyOverlap(c.var.db, c.req.valid("param").id, new Date())), 200),
);

partners.openapi(
  createRoute({
    method: "post",
    path: "/partners/{id}/webhook-secret",
    summary:
      "Rotate the webhook signing secret (shown once); during the overlap window webhooks are signed with both",
    security,
    request: { params: PartnerIdParamSchema, ...optionalBody(RotationSchema) },
    responses: {
      200: json(IssuedSecretSchema, "the new secret"),
      ...problems(400, 401, 404, 409, 413, 415),
    },
  }),
  async (c) => {
    const { partner, webhookSecret } = await rotateWebhookSecret(
      c.var.db,
      c.req.valid("param").id,
      c.req.valid("json").overlapHours ?? DEFAULT_OVERLAP_HOURS,
      new Date(),
    );
    c.header("Cache-Control", "no-store");
    return c.json({ ...partnerBody(partner), webhookSecret }, 200);
  },
);

partners.openapi(
  createRoute({
    method: "post",
    path: "/partners/{id}/webhook-secret/end-overlap",
    summary: "End the secret rotation's overlap window now: webhooks carry the new signature only",
    security,
    request: { params: PartnerIdParamSchema },
    responses: { 200: json(PartnerSchema, "the partner"), ...problems(401, 404, 409) },
  }),
  async (c) =>
    c.json(partnerBody(await endSecretOverlap(c.var.db, c.req.valid("param").id, new Date())), 200),
);

partners.openapi(
  createRoute({
    method: "post",
    path: "/partners/{id}/revoke",
    summary: "Revoke a partner for good: its key answers 401 from the next request, webhooks stop",
    security,
    request: { params: PartnerIdParamSchema },
    responses: { 200: json(PartnerSchema, "the revoked partner"), ...problems(401, 404, 409) },
  }),
  async (c) =>
    c.json(partnerBody(await revokePartner(c.var.db, c.req.valid("param").id, new Date())), 200),
);

partners.openapi(
  createRoute({
    method: "get",
    path: "/partners/{id}/deliveries",
    summary: "A partner's webhook deliveries, newest first: every queued message and attempt",
    security,
    request: { params: PartnerIdParamSchema, query: DeliveryQuerySchema },
    responses: {
      200: json(z.object({ deliveries: z.array(DeliverySchema) }), "newest first"),
      ...problems(400, 401, 404),
    },
  }),
  async (c) => {
    const { limit, before } = c.req.valid("query");
    const deliveries = await partnerDeliveries(c.var.db, c.req.valid("param").id, {
      limit,
      ...(before !== undefined && { before }),
    });
    return c.json({ deliveries: deliveries.map(deliveryBody) }, 200);
  },
);

partners.openapi(
  createRoute({
    method: "get",
    path: "/partners/{id}/usage",
    summary: "A partner's pulls (by route) and webhook attempts (by outcome) per UTC day",
    security,
    request: { params: PartnerIdParamSchema, query: UsageQuerySchema },
    responses: { 200: json(UsageSchema, "oldest day first"), ...problems(400, 401, 404) },
  }),
  async (c) => {
    const { days } = c.req.valid("query");
    const usage = await partnerUsage(c.var.db, c.req.valid("param").id, days, new Date());
    return c.json({ days: usage }, 200);
  },
);

partners.openapi(
  createRoute({
    method: "post",
    path: "/partners/{id}/deliveries/{webhookId}/replay",
    summary:
      "Send one delivered, failed or dead webhook again, from a first attempt, with its webhook-id",
    description:
      "Refused (409) while it is still pending, when a newer delivery of the same story and language replaced it (that one carries the current state), or when the partner is revoked or has no webhook URL.",
    security,
    request: { params: DeliveryParamSchema },
    responses: { 202: json(ReplaySchema, "queued again"), ...problems(401, 404, 409) },
  }),
  async (c) => {
    const { id, webhookId } = c.req.valid("param");
    return c.json(await replayMessage(c.var.db, c.env.WEBHOOKS, id, webhookId, new Date()), 202);
  },
);

partners.openapi(
  createRoute({
    method: "post",
    path: "/partners/{id}/dead-letters/replay",
    summary: "Send again every webhook of a partner that died (ran out of tries) since a time",
    description: `At most ${MAX_REPLAY} per request, oldest first; a dead letter a newer delivery of the same story and language replaced is listed as superseded and not sent.`,
    security,
    request: { params: PartnerIdParamSchema, ...body(DeadLetterReplaySchema) },
    responses: {
      202: json(ReplaySchema, "queued again"),
      ...problems(400, 401, 404, 409, 413, 415),
    },
  }),
  async (c) => {
    const replay = await replayDeadLetters(
      c.var.db,
      c.env.WEBHOOKS,
      c.req.valid("param").id,
      new Date(c.req.valid("json").since),
      new Date(),
    );
    return c.json(replay, 202);
  },
);
