import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { announceWrite } from "../../services/announcer";
import type { StoryWrite } from "../../services/newsroom";
import { runAfterResponse } from "../after-response";
import { siteOrigin } from "../context";
import { ProblemSchema } from "./problem";
import { StorySchema, storyBody } from "./schemas/story";
import { storyEtag } from "./versioning";

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: "malformed JSON or invalid fields (each listed in `errors` by JSON Pointer)",
  401: "missing or wrong bearer token",
  404: "no such resource",
  409: "conflict: a slug or id already taken, a stale `version`, or a state that forbids it",
  412: "If-Match names a version that is no longer current",
  413: "body over the size limit",
  415: "Content-Type is not application/json",
  422: "names an unknown author or category",
  428: "neither If-Match nor `version` was sent",
  429: "too many wrong tokens from this address; Retry-After says when to try again",
};

/**
 * OpenAPI response entries for the problems a route can answer. Every route that checks the
 * token (401) can also lock a guessing client out (429).
 */
export function problems(...statuses: number[]) {
  const all = statuses.includes(401) ? [...statuses, 429] : statuses;
  return Object.fromEntries(
    all.map((status) => [
      status,
      {
        description: PROBLEM_DESCRIPTIONS[status] ?? "problem",
        content: { "application/problem+json": { schema: ProblemSchema } },
      },
    ]),
  );
}

export const storyResponse = (description: string) => ({
  description,
  headers: { ETag: { schema: { type: "string" as const }, description: 'the version, "v<n>"' } },
  content: { "application/json": { schema: StorySchema } },
});

/** A story with its version as ETag (RFC 9110 8.8.3). */
export function storyJson<S extends 200 | 201>(
  c: Context<AppEnv>,
  write: Pick<StoryWrite, "story">,
  status: S,
) {
  return c.json(storyBody(write.story), status, { ETag: storyEtag(write.story) });
}

/**
 * The one call after a story write: the announcer's work (bodies to R2, partner webhooks,
 * WebSub pings) runs after the response (waitUntil), so a slow or failing hub, partner or R2
 * never delays or fails the editor's write. Awaited only where there is no execution context
 * (tests).
 */
export function afterStoryWrite(c: Context<AppEnv>, write: StoryWrite): Promise<void> {
  return runAfterResponse(
    c,
    announceWrite(c.var.db, write, {
      queue: c.env.WEBHOOKS,
      hubUrl: c.env.WEBSUB_HUB_URL,
      origin: siteOrigin(c),
      now: new Date(),
    }),
  );
}

/** The answer to a story write: its after-response work set off, then the story as it now is. */
export async function storyWritten<S extends 200 | 201>(
  c: Context<AppEnv>,
  write: StoryWrite,
  status: S,
) {
  await afterStoryWrite(c, write);
  return storyJson(c, write, status);
}
