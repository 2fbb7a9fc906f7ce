import { createMiddleware } from "hono/factory";
import type { PullRoute } from "../../domain/partner-usage";
import type { AppEnv } from "../../env";
import { recordPull } from "../../services/partner-usage";
import { runAfterResponse } from "../after-response";

/**
 * Counts a partner's answered pulls (2xx and 304; refusals are not use) for the admin API's
 * usage report. One D1 upsert per pull, after the response.
 */
export const countPulls = (route: PullRoute) =>
  createMiddleware<AppEnv>(async (c, next) => {
    // A path that several patterns match counts once, as the first registered.
    if (c.var.pullRoute !== undefined) return next();
    c.set("pullRoute", route);
    await next();
    if (c.res.status >= 400) return;
    await runAfterResponse(c, recordPull(c.var.db, c.var.partner.id, route, new Date()));
  });
