import { secureHeaders } from "hono/secure-headers";

/**
 * Headers every reader page carries. The CSP admits no script at all (`script-src 'none'`):
 * the site works without any. JSON-LD `<script type="application/ld+json">` blocks are data
 * blocks that browsers never execute (HTML 4.12.1), so they need no exception. Styles and
 * images come from this origin; hero images may also come from https hosts.
 * `overwrite: false` leaves headers a handler set on purpose (another surface's own policy).
 */
export const readerSecurityHeaders = secureHeaders({
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
  // Feed readers and partner sites load our images and feeds from other origins.
  crossOriginResourcePolicy: false,
  overwrite: false,
});
