import { Hono } from "hono";
import type { AppEnv } from "./env";
import { withDb } from "./routes/context";
import { onError, onNotFound } from "./routes/errors";
import { site } from "./routes/site";
import { sitemaps } from "./routes/sitemaps";

const app = new Hono<AppEnv>();

app.use(withDb);

app.route("/", site);
app.route("/", sitemaps);

app.notFound(onNotFound);
app.onError(onError);

export default app;
