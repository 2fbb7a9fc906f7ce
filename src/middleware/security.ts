import { createMiddleware } from "hono/factory";
import { secureHeaders } from "hono/secure-headers";

/**
 * Headers every reader page carries. The CSP admits no script at all (`script-src 'none'`):
 * the site works without any. JSON-LD `<script type="application/ld+json">` blocks are data
 * blocks that browsers never execute (HTML 4.12.1), so they need no exception. Styles and
 * images come from this origin; hero images may also come from https hosts.
 * `overwrite: false` leaves headers a handler set on purpose.
 */
const pageHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'none'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "https:"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    objectSrc: ["'none'"],
  },
  referrerPolicy: "strict-origin-when-cross-origin",
  xContentTypeOptions: "nosniff",
  // Feed readers and partner sites load our images from other origins.
  crossOriginResourcePolicy: false,
  overwrite: false,
});

/**
 * Applies the page headers to HTML responses only. The site's sub-app is mounted at `/`, so its
 * middleware sees every request: feeds, sitemaps and APIs keep the headers their own routes set.
 */
export const readerSecurityHeaders = createMiddleware(async (c, next) => {
  await next();
  if (c.res.headers.get("content-type")?.startsWith("text/html")) {
    await pageHeaders(c, async () => {});
  }
});

/**
 * Every response, feeds and APIs included, tells browsers not to guess its type: a feed item's
 * text sniffed as HTML would run in the site's origin.
 */
export const noSniff = createMiddleware(async (c, next) => {
  await next();
  c.res.headers.set("X-Content-Type-Options", "nosniff");
});
