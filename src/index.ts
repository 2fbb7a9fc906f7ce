import { Hono } from "hono";
import type { AppEnv } from "./env";
import { api } from "./routes/api";
import { withDb } from "./routes/context";
import { edgeCache } from "./routes/edge-cache";
import { onError, onNotFound } from "./routes/errors";
import { feeds } from "./routes/feeds";
import { site } from "./routes/site";
import { sitemaps } from "./routes/sitemaps";

const app = new Hono<AppEnv>();

app.use(withDb);
app.use(edgeCache);

app.route("/", feeds);
app.route("/", site);
app.route("/", sitemaps);
app.route("/api/v1", api);

app.notFound(onNotFound);
app.onError(onError);

export default app;
