import SwaggerParser from "@apidevtools/swagger-parser";
import { beforeAll, describe, expect, it } from "vitest";
import app from "../../src/index";

/*
 * The partner API's OpenAPI document, judged by @apidevtools/swagger-parser against the
 * OpenAPI 3.1 schema. It runs here, in Node: the parser's $ref resolver loads node:http,
 * node:zlib and node:dns, which workerd's test pool cannot provide. The document needs no
 * database, so the app answers it from a bare environment, as it would deployed.
 */
type Document = Parameters<typeof SwaggerParser.validate>[0] & Record<string, unknown>;

/** The parts of the document the broken variants change. */
interface Breakable {
  paths: Record<string, Record<string, { parameters: { in: string; required?: boolean }[] }>>;
  components: { schemas: Record<string, unknown> };
}

let served: Document;

beforeAll(async () => {
  const response = await app.request(
    "/partner/v1/openapi.json",
    {},
    {
      SITE_URL: "http://localhost",
    },
  );
  expect(response.status).toBe(200);
  served = (await response.json()) as Document;
});

describe("/partner/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const api = (await SwaggerParser.validate(structuredClone(served))) as Document;
    expect(api.openapi).toBe("3.1.0");
    expect(Object.keys(api.webhooks as object)).toHaveLength(3);
  });

  it.each<[string, (doc: Breakable) => void]>([
    [
      "a $ref to a schema that is not there",
      (doc) => {
        delete doc.components.schemas.Ninjs31;
      },
    ],
    [
      "a parameter in a place OpenAPI 3.1 does not have",
      (doc) => {
        const parameter = doc.paths["/stories"]?.get?.parameters[0];
        if (parameter) parameter.in = "body";
      },
    ],
    [
      "a path parameter that is not required",
      (doc) => {
        const parameter = doc.paths["/stories/{id}"]?.get?.parameters[0];
        if (parameter) parameter.required = false;
      },
    ],
  ])("would fail the validator with %s", async (_, breakIt) => {
    const broken = structuredClone(served) as unknown as Breakable;
    breakIt(broken);
    await expect(SwaggerParser.validate(broken as unknown as Document)).rejects.toThrow();
  });
});
