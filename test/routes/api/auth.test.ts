import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import app from "../../../src/index";
import { AUTH_FAILURE_WINDOW_SECONDS, MAX_AUTH_FAILURES } from "../../../src/services/admin-auth";

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

describe("wrong tokens are rate limited per client address", () => {
  const from = (address: string, token: string) =>
    request("/categories", { Authorization: `Bearer ${token}`, "CF-Connecting-IP": address });

  it("answers 429 with Retry-After after 10 wrong tokens, to the right one too", async () => {
    for (let i = 0; i < MAX_AUTH_FAILURES; i++) {
      expect((await from("203.0.113.7", `guess-${i}`)).status).toBe(401);
    }
    for (const token of ["guess-again", env.ADMIN_TOKEN]) {
      const response = await from("203.0.113.7", token);
      expect(response.status).toBe(429);
      expect(response.headers.get("Content-Type")).toBe("application/problem+json");
      expect(await response.json()).toMatchObject({ status: 429, title: "Too Many Requests" });
      const retryAfter = Number(response.headers.get("Retry-After"));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(AUTH_FAILURE_WINDOW_SECONDS);
    }
    // Another address is not affected.
    expect((await from("198.51.100.9", env.ADMIN_TOKEN)).status).toBe(200);
  });

  it("counts an IPv6 client by its /64", async () => {
    for (let i = 0; i < MAX_AUTH_FAILURES; i++) {
      expect((await from(`2001:db8:1:2::${i + 1}`, "guess")).status).toBe(401);
    }
    expect((await from("2001:db8:1:2:ffff::1", env.ADMIN_TOKEN)).status).toBe(429);
    expect((await from("2001:db8:1:3::1", env.ADMIN_TOKEN)).status).toBe(200);
  });

  it("never counts successful requests or requests without credentials", async () => {
    for (let i = 0; i < MAX_AUTH_FAILURES * 2; i++) {
      expect((await from("192.0.2.50", env.ADMIN_TOKEN)).status).toBe(200);
      const bare = await request("/categories", { "CF-Connecting-IP": "192.0.2.50" });
      expect(bare.status).toBe(401);
    }
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
      "/partners/{id}/key/end-overlap",
      "/partners/{id}/revoke",
      "/partners/{id}/usage",
      "/partners/{id}/webhook-secret",
      "/partners/{id}/webhook-secret/end-overlap",
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
    expect(doc.paths["/stories/{id}"]?.patch?.responses).toHaveProperty("429");
    expect(doc.paths["/partners"]?.post?.responses).toHaveProperty("429");
  });
});
