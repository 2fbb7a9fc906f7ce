import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { scopesOfPath } from "../domain/cache-scopes";
import type { AppEnv } from "../env";
import { contentFreshness, forgetFreshness } from "../services/freshness";
import { isNotModified, strongEtag } from "./conditional";
import { IsolateCache } from "./isolate-cache";

/** Pages change with every story; a minute keeps downstream copies close to the edge's. */
const PAGE_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";

/** A cached copy lives at most this long, even when no write has replaced it. */
const MAX_EDGE_SECONDS = 300;

/** Enough for every feed and front page of all three languages, in a 128 MB isolate. */
const memory = new IsolateCache(16 * 1024 * 1024);

/**
 * The Workers Cache API in front of feeds and pages. The key carries the generations of the
 * scopes the page shows (src/domain/cache-scopes.ts), read with one indexed query per request
 * and bumped in the write's own batch, so a newsroom write makes exactly the pages and feeds
 * showing its story a miss at once, in every data centre, without a purge. Recent copies are
 * also held in the isolate's memory (the first
 * tier, no I/O on a hit). Scheduled stories write nothing when they fall due, so a copy never
 * outlives the next due time. `EDGE_CACHE=off` bypasses the cache (the benchmark's miss runs)
 * but keeps the validators. Pages get a strong ETag here, as feeds do in their routes.
 */
export const edgeCache = createMiddleware<AppEnv>(async (c, next) => {
  const method = c.req.method;
  if (method !== "GET" && method !== "HEAD") {
    // Whatever this request writes, the next read in this isolate must see it.
    await next();
    forgetFreshness();
    return;
  }
  const scopes = scopesOfPath(c.req.path);
  if (!scopes) return next();

  const now = Date.now();
  const freshness = await contentFreshness(c.var.db, scopes, new Date(now));
  c.set("freshness", freshness);
  const enabled = c.env.EDGE_CACHE !== "off";
  // SITE_URL is in the key too: it is written into every absolute link the body holds.
  const key = cacheKey(c.req.url, `${freshness.generation}@${c.env.SITE_URL}`);
  const seconds = Math.min(MAX_EDGE_SECONDS, freshness.secondsUntilNextDue ?? MAX_EDGE_SECONDS);
  const expiresAt = now + seconds * 1000;

  if (enabled) {
    const held = memory.get(key, now);
    if (held) return answer(c, held.body, held.headers, "HIT");
    const cached = await caches.default.match(new Request(key));
    if (cached) {
      const body = new Uint8Array(await cached.arrayBuffer());
      if (seconds > 0) memory.set(key, { body, headers: [...cached.headers], expiresAt });
      return answer(c, body, cached.headers, "HIT");
    }
  }

  await next();
  const response = c.res;
  if (response.status !== 200 || response.headers.has("Set-Cookie")) return;
  // Bytes as they are: no decoding and encoding again of a body the route already encoded.
  const body = new Uint8Array(await response.arrayBuffer());
  const headers = new Headers(response.headers);
  if (!headers.has("ETag")) headers.set("ETag", await strongEtag(body));
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", PAGE_CACHE_CONTROL);

  if (enabled && seconds > 0) {
    memory.set(key, { body, headers: [...headers], expiresAt });
    const stored = new Response(body, { headers });
    stored.headers.set("Cache-Control", `public, max-age=${seconds}`);
    stored.headers.set("X-Client-Cache-Control", headers.get("Cache-Control") ?? "");
    afterResponse(c, caches.default.put(new Request(key), stored));
  }
  c.res = undefined;
  c.res = answer(c, body, headers, enabled ? "MISS" : "BYPASS");
});

/** Serves a stored or fresh copy: 304 when the client's validators match, no body for HEAD. */
function answer(
  c: Context<AppEnv>,
  body: Uint8Array,
  stored: HeadersInit,
  outcome: string,
): Response {
  const headers = new Headers(stored);
  const clientCacheControl = headers.get("X-Client-Cache-Control");
  if (clientCacheControl !== null) {
    headers.set("Cache-Control", clientCacheControl);
    headers.delete("X-Client-Cache-Control");
  }
  headers.set("X-Edge-Cache", outcome);
  const etag = headers.get("ETag") ?? "";
  const lastModified = headers.get("Last-Modified");
  const modified = lastModified === null ? null : new Date(lastModified).toISOString();
  if (isNotModified(c.req.raw.headers, etag, modified)) {
    headers.delete("Content-Type");
    headers.delete("Content-Length");
    return new Response(null, { status: 304, headers });
  }
  return new Response(c.req.method === "HEAD" ? null : body, { status: 200, headers });
}

/**
 * The stored copy's address: the public URL plus the generation it was rendered at. A client's
 * own `__generation` is dropped first (the routes ignore it), so no request can choose or shift
 * the part of the key that says which content a copy holds.
 */
function cacheKey(url: string, generation: string): string {
  const keyed = new URL(url);
  keyed.searchParams.delete("__generation");
  keyed.searchParams.append("__generation", generation);
  return keyed.toString();
}

/** Lets a cache write finish after the response; inline where there is no execution context. */
function afterResponse(c: Context<AppEnv>, work: Promise<unknown>): void {
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    // app.request() without an execution context (unit tests): nothing to wait beyond.
    void work;
  }
}
