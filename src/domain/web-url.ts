/**
 * A stored URL (absolute, or site-relative like /media/x.jpg) resolved against the site's
 * origin, or null when it is not an http(s) URL. Renderers drop what resolves to null rather
 * than fail: one mistyped image URL must not take down a feed, a page or a partner's sync.
 */
export function resolveWebUrl(raw: string, origin: string): string | null {
  const parsed = URL.parse(raw.trim(), `${origin}/`);
  if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) return null;
  return parsed.href;
}
