import { Hono } from "hono";
import type { AppEnv } from "./env";
import { edgeCache } from "./middleware/edge-cache";
import { noSniff } from "./middleware/security";
import { api } from "./routes/api";
import { requireSiteUrl, withDb } from "./routes/context";
import { onError, onNotFound } from "./routes/errors";
import { feeds } from "./routes/feeds";
import { partner } from "./routes/partner";
import { site } from "./routes/site";
import { sitemaps } from "./routes/sitemaps";
import { handleQueue, handleScheduled } from "./routes/webhook-queue";

const app = new Hono<AppEnv>();

app.use(noSniff);
app.use(requireSiteUrl);
app.use(withDb);
app.use(edgeCache);

app.route("/", feeds);
app.route("/", site);
app.route("/", sitemaps);
app.route("/api/v1", api);
app.route("/partner/v1", partner);

app.notFound(onNotFound);
app.onError(onError);

/**
 * The Worker: Hono answers fetch, `queue` consumes partner webhook deliveries, `scheduled` (the
 * minute Cron Trigger) sweeps the webhook outbox. The Hono app itself stays the default export
 * (with `queue` and `scheduled` added) so tests keep calling app.request().
 */
export default Object.assign(app, { queue: handleQueue, scheduled: handleScheduled });
