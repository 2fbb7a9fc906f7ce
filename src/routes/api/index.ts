import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../../env";
import { LANG_TAGS } from "../../i18n/languages";
import { requireAdmin } from "./auth";
import { partners } from "./partners";
import { onApiError, problemResponse, validationProblem } from "./problem";
import { stories } from "./stories";
import { taxonomy } from "./taxonomy";

/** Story bodies are HTML articles: 1 MiB is generous for three languages of text. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The newsroom API, mounted at /api/v1. It speaks only JSON and problem+json (RFC 9457), with
 * its own error handlers, so the reader-facing HTML error pages never answer an API client.
 */
export const api = new OpenAPIHono<AppEnv>({ defaultHook: validationProblem });

api.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
  type: "http",
  scheme: "bearer",
  description: "the ADMIN_TOKEN secret",
});

// Public, so tools can read the contract; generated from the schemas the routes validate with.
api.doc31("/openapi.json", {
  openapi: "3.1.0",
  info: {
    title: "Newsroom API",
    version: "1",
    description:
      `Write stories in ${LANG_TAGS.join("/")}. Errors are application/problem+json (RFC 9457). Every change ` +
      'to a story needs If-Match: "v<version>" (its ETag) or "version" in the body.',
  },
  servers: [{ url: "/api/v1" }],
});

api.use(
  "*",
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => problemResponse(c, 413, `the body is over ${MAX_BODY_BYTES} bytes`),
  }),
);
api.use("*", requireAdmin);

api.route("/", stories);
api.route("/", taxonomy);
api.route("/", partners);

// A mounted sub-app's notFound is not consulted, so unknown API paths end here.
api.all("*", (c) => problemResponse(c, 404, `no API resource at ${c.req.path}`));

api.onError(onApiError);
