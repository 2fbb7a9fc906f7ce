import { createMiddleware } from "hono/factory";
import type { PullRoute } from "../../domain/partner-usage";
import type { AppEnv, Env } from "../../env";
import { recordPull } from "../../services/partner-usage";
import { runAfterResponse } from "../after-response";

/**
 * Counts a partner's answered pulls (2xx and 304; refusals are not use) for the admin API's
 * usage report, after the response: pulls within PULL_COUNT_WINDOW_MS of each other share
 * one D1 upsert (see recordPull).
 */
export const countPulls = (route: PullRoute) =>
  createMiddleware<AppEnv>(async (c, next) => {
    // A path that several patterns match counts once, as the first registered.
    if (c.var.pullRoute !== undefined) return next();
    c.set("pullRoute", route);
    await next();
    if (c.res.status >= 400) return;
    const write = recordPull(c.var.db, c.var.partner.id, route, new Date(), pullWindow(c.env));
    if (write) await runAfterResponse(c, write);
  });

const DEFAULT_PULL_WINDOW_MS = 1000;

function pullWindow(env: Env): number {
  const ms = Number(env.PULL_COUNT_WINDOW_MS || DEFAULT_PULL_WINDOW_MS);
  return Number.isFinite(ms) && ms >= 0 ? ms : DEFAULT_PULL_WINDOW_MS;
}
