import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import app from "../../../src/index";

function request(path: string, headers: Record<string, string> = {}, method = "GET") {
  return Promise.resolve(app.request(`/api/v1${path}`, { method, headers }, env));
}

describe("API authentication", () => {
  it.each([
    ["no Authorization header", {}, 'Bearer realm="newsroom"'],
    [
      "a wrong token",
      { Authorization: "Bearer not-the-token" },
      'Bearer realm="newsroom", error="invalid_token"',
    ],
    [
      "the token with a suffix",
      { Authorization: `Bearer ${env.ADMIN_TOKEN}x` },
      'Bearer realm="newsroom", error="invalid_token"',
    ],
    [
      "Basic credentials",
      { Authorization: `Basic ${btoa(`admin:${env.ADMIN_TOKEN}`)}` },
      'Bearer realm="newsroom"',
    ],
  ])("answers %s with 401 problem and a Bearer challenge", async (_case, headers, challenge) => {
    const response = await request("/stories", headers);
    expect(response.status).toBe(401);
    expect(response.headers.get("WWW-Authenticate")).toBe(challenge);
    expect(response.headers.get("Content-Type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 401, title: "Unauthorized" });
  });

  it("refuses a write without a token before reading its body", async () => {
    const response = await request("/stories", { "Content-Type": "application/json" }, "POST");
    expect(response.status).toBe(401);
  });

  it("admits the ADMIN_TOKEN, case-insensitive scheme", async () => {
    const response = await request("/categories", { Authorization: `bearer ${env.ADMIN_TOKEN}` });
    expect(response.status).toBe(200);
  });

  it("refuses every token when ADMIN_TOKEN is not configured", async () => {
    const response = await Promise.resolve(
      app.request(
        "/api/v1/categories",
        { headers: { Authorization: "Bearer " } },
        { ...env, ADMIN_TOKEN: "" },
      ),
    );
    expect(response.status).toBe(401);
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("publishes an OpenAPI 3.1 document generated from the validating schemas", async () => {
    const response = await request("/openapi.json");
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      servers: unknown;
      paths: Record<
        string,
        Record<string, { security?: unknown; responses: Record<string, unknown> }>
      >;
      components: {
        schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }>;
        securitySchemes: Record<string, unknown>;
      };
    };
    expect(doc.openapi).toBe("3.1.0");
    // Paths are relative to the server URL, /api/v1.
    expect(doc.servers).toEqual([{ url: "/api/v1" }]);
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/authors",
      "/authors/{id}",
      "/categories",
      "/categories/{id}",
      "/partners",
      "/partners/{id}",
      "/partners/{id}/dead-letters/replay",
      "/partners/{id}/deliveries",
      "/partners/{id}/deliveries/{webhookId}/replay",
      "/partners/{id}/key",
      "/partners/{id}/revoke",
      "/partners/{id}/webhook-secret",
      "/stories",
      "/stories/{id}",
      "/stories/{id}/publish",
      "/stories/{id}/restore",
      "/stories/{id}/variants",
      "/stories/{id}/variants/{lang}",
      "/stories/{id}/withdraw",
    ]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    const variant = doc.components.schemas.VariantInput;
    expect(variant?.required).toEqual(expect.arrayContaining(["lang", "title", "body"]));
    expect(variant?.properties?.lang).toMatchObject({ enum: ["uk", "en", "ru"] });
    expect(doc.paths["/stories/{id}"]?.patch?.responses).toHaveProperty("412");
  });
});
