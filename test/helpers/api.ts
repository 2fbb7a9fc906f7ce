import { env } from "cloudflare:workers";
import app from "../../src/index";

/** The test bindings' ADMIN_TOKEN (vitest.config.ts). */
export const ADMIN = { Authorization: `Bearer ${env.ADMIN_TOKEN}` };

/** Calls the newsroom API as an editor: bearer token, JSON body when one is given. */
export function api(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  bindings: Cloudflare.Env = env,
  ctx?: ExecutionContext,
): Promise<Response> {
  const init: RequestInit = {
    method,
    headers: {
      ...ADMIN,
      ...(body !== undefined && { "Content-Type": "application/json" }),
      ...headers,
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  };
  return Promise.resolve(app.request(`/api/v1${path}`, init, bindings, ctx));
}

/** A story as the API accepts it: three languages unless told otherwise. */
export function storyPayload(
  id: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    kind: "article",
    categoryId: "world",
    authorIds: ["martin-fornusek"],
    variants: [
      { lang: "uk", title: `Новина ${id}`, summary: "Коротко", body: "<p>Текст</p>" },
      { lang: "en", title: `News ${id}`, summary: "In short", body: "<p>Text</p>" },
      { lang: "ru", title: `Новость ${id}`, summary: "Кратко", body: "<p>Текст</p>" },
    ],
    ...overrides,
  };
}
