import Ajv, { type AnySchema } from "ajv";
import addFormats from "ajv-formats";
import { expect } from "vitest";
// SchemaStore's JSON Feed schemas (Apache-2.0), kept in standards/jsonfeed/ with their source:
// feed.json is JSON Feed 1.1 and refers to feed-1.json (1.0) for most definitions.
import feed11 from "../../standards/jsonfeed/feed.json";
import feed10 from "../../standards/jsonfeed/feed-1.json";

// feed-1.json is written for draft-04 (`id`, not `$id`), which Ajv 8 does not read; the one
// rename lets feed.json's "feed-1#/..." references resolve, and changes no rule.
const { $schema: _draft04, id, ...rules } = feed10 as Record<string, unknown>;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema({ ...rules, $id: id } as AnySchema);

/** JSON Feed 1.1, as SchemaStore's schema states it. */
export const validateJsonFeed = ajv.compile(feed11 as AnySchema);

/** Fails with Ajv's own messages when the document is not a valid JSON Feed 1.1. */
export function expectValidJsonFeed(document: unknown): void {
  validateJsonFeed(document);
  expect(validateJsonFeed.errors ?? []).toEqual([]);
}
