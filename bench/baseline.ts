// The benchmark's ceiling: a Worker that does nothing but return a constant body, as large as
// the response it is compared with (`?bytes=N`, else BODY_BYTES), started by wrangler dev
// exactly like the service.
interface BaselineEnv {
  BODY_BYTES: string;
}

const bodies = new Map<number, string>();

export default {
  fetch(request: Request, env: BaselineEnv): Response {
    const bytes = Number(new URL(request.url).searchParams.get("bytes") ?? env.BODY_BYTES) || 1;
    let body = bodies.get(bytes);
    if (body === undefined) {
      body = "x".repeat(bytes);
      bodies.set(bytes, body);
    }
    return new Response(body, {
      headers: { "content-type": "application/rss+xml; charset=utf-8", etag: '"baseline"' },
    });
  },
};
