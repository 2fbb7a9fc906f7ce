import { z } from "@hono/zod-openapi";
import type { Context, ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { jsonPointer } from "../../domain/json-pointer";
import type { AppEnv } from "../../env";
import { type InvalidField, ServiceError } from "../../services/errors";

/** RFC 9457 problem details, plus `errors` (each failing field) for validation problems. */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: "about:blank" }),
    title: z.string().openapi({ example: "Bad Request" }),
    status: z.number().int().openapi({ example: 400 }),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(
        z.object({
          in: z.enum(["body", "query", "path", "header"]),
          path: z.string().openapi({ description: "JSON Pointer (RFC 6901)", example: "/title" }),
          message: z.string(),
        }),
      )
      .optional(),
  })
  .catchall(z.unknown())
  .openapi("Problem");

export type Problem = z.infer<typeof ProblemSchema>;

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  410: "Gone",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  428: "Precondition Required",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

/** Answers with an application/problem+json document (RFC 9457 3). */
export function problemResponse(
  c: Context<AppEnv>,
  status: number,
  detail?: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  const body: Problem = {
    // RFC 9457 3.2: extension members never replace the standard ones, so `status` is always
    // the HTTP status number, whatever a service names its details.
    ...extra,
    // RFC 9457 4.2.1: about:blank says "nothing more than the HTTP status"; title is its phrase.
    type: "about:blank",
    title: TITLES[status] ?? "Error",
    status,
    ...(detail !== undefined && { detail }),
    instance: new URL(c.req.url).pathname,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });
}

function fieldErrors(fields: readonly InvalidField[]) {
  return fields.map((f) => ({ in: f.in ?? "body", path: f.path, message: f.message }));
}

/** The API's one error path: typed service errors, Hono's HTTP errors, and the unexpected. */
export const onApiError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof ServiceError) {
    const extra: Record<string, unknown> = {};
    if ("fields" in error && Array.isArray(error.fields) && error.fields.length > 0) {
      extra.errors = fieldErrors(error.fields as InvalidField[]);
    }
    if ("extensions" in error) Object.assign(extra, error.extensions);
    return problemResponse(c, error.status, error.message, extra);
  }
  if (error instanceof HTTPException) {
    // Malformed JSON (400), a body over the limit (413), a wrong Content-Type (415).
    return problemResponse(c, error.status, error.message || undefined);
  }
  console.error(`${c.req.method} ${c.req.path} failed`, error);
  return problemResponse(c, 500, "the request could not be completed; nothing was changed");
};

const TARGETS = { json: "body", form: "body", query: "query", param: "path", header: "header" };

/**
 * The zod-openapi hook every route validates with (newsroom and partner APIs): a failed
 * request becomes one 400 problem listing every failing field by its JSON Pointer, so a client
 * can fix them all at once.
 */
export function validationProblem(
  result: { success: boolean; target: string; error?: unknown },
  c: Context<AppEnv>,
): Response | undefined {
  if (result.success) return undefined;
  const where = (TARGETS[result.target as keyof typeof TARGETS] ?? "body") as InvalidField["in"];
  const issues = (result.error as z.ZodError).issues;
  const errors = issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({
          in: where,
          path: jsonPointer([...issue.path, key]),
          message: "is not a known field",
        }))
      : [{ in: where, path: jsonPointer(issue.path), message: issue.message }],
  );
  // One bad field is named in `detail` too, so a person reading the answer sees what to fix.
  const only = errors.length === 1 ? errors[0] : undefined;
  const detail = only
    ? `${only.path.slice(1) || where}: ${only.message}`
    : "the request has invalid fields";
  return problemResponse(c, 400, detail, { errors });
}
