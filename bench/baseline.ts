// The benchmark's ceiling: a Worker that does nothing but return a constant body of the
// same size as the feed under test, started by wrangler dev exactly like the service.
interface BaselineEnv {
  BODY_BYTES: string;
}

let body: string | undefined;

export default {
  fetch(_request: Request, env: BaselineEnv): Response {
    body ??= "x".repeat(Number(env.BODY_BYTES) || 1);
    return new Response(body, {
      headers: { "content-type": "application/rss+xml; charset=utf-8", etag: '"baseline"' },
    });
  },
};
