import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { onApiError, problemResponse, validationProblem } from "../api/problem";
import { LANG } from "../context";
import { requirePartner } from "./auth";
import { partnerFeeds } from "./feeds";
import { partnerRateLimit } from "./rate-limit";
import { partnerSearchRoutes } from "./search";
import { partnerStories } from "./stories";
import { countPulls } from "./usage";
import { registerWebhooks } from "./webhooks";

/**
 * What partners get, mounted at /partner/v1: keyed feeds and IPTC ninjs. Every error is
 * problem+json (RFC 9457), feeds included: the client is a partner's system, not a reader.
 * Requests are validated by the same hook as the newsroom API's, so bad input looks the same.
 */
export const partner = new OpenAPIHono<AppEnv>({ defaultHook: validationProblem });

partner.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
  type: "http",
  scheme: "bearer",
  description: "the partner's API key (nsk_live_…), as `Authorization: Bearer <key>`",
});
partner.openAPIRegistry.registerComponent("securitySchemes", "queryKey", {
  type: "apiKey",
  in: "query",
  name: "key",
  description: "the same key as `?key=`, on feeds only, for readers that cannot send headers",
});
registerWebhooks(partner.openAPIRegistry);

// Public, like /api/v1/openapi.json: generated from the schemas the routes validate with.
partner.doc31("/openapi.json", {
  openapi: "3.1.0",
  info: {
    title: "Partner API",
    version: "1",
    description:
      "Keyed feeds, incremental IPTC ninjs sync and single stories, within the partner's " +
      "licence; `webhooks` are the signed POSTs the service sends (Standard Webhooks). Errors " +
      "are application/problem+json (RFC 9457).",
  },
  servers: [{ url: "/partner/v1" }],
});

// "/stories/*" matches "/stories" too: registered for both, a sync page was authenticated
// twice and counted twice against the key's rate limit.
partner.use("/stories/*", requirePartner({ allowQueryKey: false }), partnerRateLimit);
partner.use("/stories", countPulls("sync"));
// Before /stories/:id, which "/stories/search" matches too: the first counts it.
partner.use("/stories/search", countPulls("search"));
partner.use("/stories/:id", countPulls("story"));
// Feed readers that cannot send headers may put the key in the URL (see README for the risk).
partner.use(`/${LANG}/*`, requirePartner({ allowQueryKey: true }), partnerRateLimit);
partner.use(`/${LANG}/*`, countPulls("feed"));

// Every partner route, in one list (each sub-app's routes join the OpenAPI document here).
// The first match answers, so a fixed path such as /stories/search goes before /stories.
partner.route("/", partnerSearchRoutes);
partner.route("/", partnerStories);
partner.route("/", partnerFeeds);

partner.all("*", (c) => problemResponse(c, 404, `no partner resource at ${c.req.path}`));

partner.onError(onApiError);
