import type { Context } from "hono";
import type { AppEnv } from "../env";

const utf8 = new TextEncoder();

/** Short enough that a new story shows up within minutes; revalidation is a cheap 304. */
const CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=600";

export interface Representation {
  body: string;
  contentType: string;
  /** RFC 3339 time of the newest change the body shows; null when it shows none. */
  lastModified: string | null;
  /** Defaults to public caching; keyed (partner) content must say `private`. */
  cacheControl?: string;
}

/**
 * A cacheable response with validators (RFC 9110 8.8): a strong ETag from the body's SHA-256,
 * so equal bytes give equal tags on every edge, and Last-Modified from the content. Answers
 * 304 when the client's copy is current (RFC 9110 13.1.2, 13.1.3). HEAD gets the same headers
 * (Hono answers HEAD with the GET handler and drops the body).
 */
export async function conditionalResponse(
  c: Context<AppEnv>,
  representation: Representation,
): Promise<Response> {
  // Encoded once, for the tag and the response alike: a feed is some 260 KB, a sitemap child
  // 800 KB, and encoding a string that size costs more CPU than hashing its bytes.
  const body = utf8.encode(representation.body) as Uint8Array<ArrayBuffer>;
  const etag = await strongEtag(body);
  const headers: Record<string, string> = {
    "Content-Type": representation.contentType,
    ETag: etag,
    "Cache-Control": representation.cacheControl ?? CACHE_CONTROL,
    // Compressed at the edge: a cache must keep encodings apart. Nothing else is negotiated.
    Vary: "Accept-Encoding",
  };
  if (representation.lastModified) {
    headers["Last-Modified"] = new Date(representation.lastModified).toUTCString();
  }
  if (isNotModified(c.req.raw.headers, etag, representation.lastModified)) {
    const { "Content-Type": _, ...notModified } = headers;
    return c.body(null, 304, notModified);
  }
  return c.body(body, 200, headers);
}

/** The body's SHA-256, base64url, as a strong entity tag. */
export async function strongEtag(body: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", body);
  const base64 = btoa(String.fromCharCode(...new Uint8Array(digest)));
  return `"${base64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}"`;
}

/**
 * RFC 9110 13.1.2: If-None-Match uses the weak comparison (W/ prefixes ignored), may list
 * several tags or be `*`. 13.1.3: If-Modified-Since counts only when If-None-Match is absent,
 * and only to one-second precision, the resolution of HTTP dates.
 */
export function isNotModified(
  request: Headers,
  etag: string,
  lastModified: string | null,
): boolean {
  const ifNoneMatch = request.get("If-None-Match");
  if (ifNoneMatch !== null) {
    const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
    return ifNoneMatch
      .split(",")
      .map(opaque)
      .some((tag) => tag === "*" || tag === opaque(etag));
  }
  const ifModifiedSince = request.get("If-Modified-Since");
  if (ifModifiedSince === null || lastModified === null) return false;
  const since = Date.parse(ifModifiedSince);
  if (Number.isNaN(since)) return false;
  return Math.floor(Date.parse(lastModified) / 1000) * 1000 <= since;
}
