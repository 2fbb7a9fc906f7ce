import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { onApiError, problemResponse } from "../api/problem";
import { LANG } from "../context";
import { requirePartner } from "./auth";
import { partnerFeeds } from "./feeds";
import { partnerRateLimit } from "./rate-limit";
import { partnerSearchRoutes } from "./search";
import { partnerStories } from "./stories";
import { countPulls } from "./usage";

/**
 * What partners get, mounted at /partner/v1: keyed feeds and IPTC ninjs. Every error is
 * problem+json (RFC 9457), feeds included: the client is a partner's system, not a reader.
 */
export const partner = new Hono<AppEnv>();

partner.use("/stories", requirePartner({ allowQueryKey: false }), partnerRateLimit);
partner.use("/stories", countPulls("sync"));
partner.use("/stories/*", requirePartner({ allowQueryKey: false }), partnerRateLimit);
partner.use("/stories/:id", countPulls("story"));
// Feed readers that cannot send headers may put the key in the URL (see README for the risk).
partner.use(`/${LANG}/*`, requirePartner({ allowQueryKey: true }), partnerRateLimit);
partner.use(`/${LANG}/*`, countPulls("feed"));

// Before partnerStories, whose /stories/:id would take "search" for a story id.
partner.route("/", partnerSearchRoutes);
partner.route("/", partnerStories);
partner.route("/", partnerFeeds);

partner.all("*", (c) => problemResponse(c, 404, `no partner resource at ${c.req.path}`));

partner.onError(onApiError);
