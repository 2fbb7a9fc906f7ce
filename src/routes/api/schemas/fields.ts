import { z } from "@hono/zod-openapi";
import { checkLink, type LinkRules } from "../../../domain/link";
import { plainTextProblem, type TextKind } from "../../../domain/plain-text";

/**
 * The field types every API schema builds on, so each rule lives once: text is checked for
 * characters that are not text (src/domain/plain-text.ts) and stored in Unicode NFC, so the same
 * title typed on two keyboards is the same string; links are parsed as the URL parser will read
 * them later (src/domain/link.ts) and stored normalized.
 */

const stringType = {
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? "is required" : "must be a string",
};

function storedText(schema: z.ZodString, kind: TextKind, max: number): z.ZodString {
  return schema
    .superRefine((value, ctx) => {
      const problem = plainTextProblem(value, kind);
      if (problem) ctx.addIssue({ code: "custom", message: problem, input: value });
    })
    .overwrite((value) => value.normalize("NFC"))
    .max(max, `must be at most ${max} characters`);
}

/** A required, non-empty string of `kind` text, trimmed. */
export function text(max: number, kind: TextKind = "line"): z.ZodString {
  return storedText(z.string(stringType).trim(), kind, max).min(1, "must not be empty");
}

/** A string of `kind` text that may be empty, trimmed. */
export function optionalText(max: number, kind: TextKind = "line"): z.ZodString {
  return storedText(z.string(stringType).trim(), kind, max);
}

/** A link following `rules`, stored in the form the URL parser serializes it. */
export function link(rules: LinkRules, max = 2000): z.ZodString {
  return z
    .string(stringType)
    .max(max, `must be at most ${max} characters`)
    .superRefine((value, ctx) => {
      const check = checkLink(value, rules);
      if (!check.ok) ctx.addIssue({ code: "custom", message: check.problem, input: value });
    })
    .overwrite((value) => {
      const check = checkLink(value, rules);
      return check.ok ? check.link : value;
    });
}
