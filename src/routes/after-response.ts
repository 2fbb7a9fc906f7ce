import type { Context } from "hono";
import type { AppEnv } from "../env";

/**
 * Work that must not delay the response (waitUntil). Without an execution context (a test
 * calling app.request without one) it is awaited instead; its failure is logged, never thrown.
 */
export async function runAfterResponse(c: Context<AppEnv>, task: Promise<unknown>): Promise<void> {
  const logged = task.catch((error) => console.error(`after ${c.req.path}`, error));
  let ctx: { waitUntil(promise: Promise<unknown>): void } | null = null;
  try {
    ctx = c.executionCtx;
  } catch {
    ctx = null;
  }
  if (ctx) ctx.waitUntil(logged);
  else await logged;
}
