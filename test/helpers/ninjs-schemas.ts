import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { expect } from "vitest";
// The IPTC schemas exactly as published (CC BY 4.0), kept in standards/ with their source, so a
// document is judged by the real text and a clone needs nothing beside it.
import schema22 from "../../standards/ninjs-schema_2.2.json";
import schema31 from "../../standards/ninjs-schema_3.1.json";

// Ajv compiles a schema into JavaScript with `new Function`, which deployed Workers refuse. The
// vitest pool's workerd allows it: @cloudflare/vitest-plugin routes `Function` through its
// unsafe-eval binding, so plain Ajv runs here and the schemas need no precompiling. Validation
// lives only in tests; nothing under src/ imports Ajv.
const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);
// Both schemas $ref GeoJSON for `places`, which this service never emits. Ajv resolves every
// $ref when compiling, so stand in a schema that accepts nothing: a geometry sneaking into a
// document fails here instead of passing unchecked.
ajv.addSchema({ $id: "https://geojson.org/schema/GeoJSON.json", not: {} });
export const validate31 = ajv.compile(schema31);
export const validate22 = ajv.compile(schema22);

/** Fails with Ajv's own messages when the document is invalid. */
export function expectValid(validate: ValidateFunction, document: unknown) {
  validate(document);
  expect(validate.errors ?? []).toEqual([]);
}
