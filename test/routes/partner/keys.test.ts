import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { hashApiKey } from "../../../src/partners/credentials";
import { api } from "../../helpers/api";
import { createPartner, partnerRequest, problemOf } from "../../helpers/partners";
import { loadSeedStories } from "../../helpers/seeds";

const EVERYTHING = { name: "Everything", languages: ["uk", "en", "ru"], fullText: true };

async function partnerCount(): Promise<number> {
  const row = await env.DB.prepare("select count(*) as n from partners").first<{ n: number }>();
  return row?.n ?? 0;
}

beforeAll(loadSeedStories);

describe("POST /api/v1/partners", () => {
  it("returns the key and webhook secret once, and stores only the key's SHA-256", async () => {
    const partner = await createPartner(EVERYTHING);
    expect(partner.key).toMatch(/^nsk_live_[A-Za-z0-9_-]{43}$/);
    expect(partner.webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(partner).toMatchObject({
      name: "Everything",
      languages: ["uk", "en", "ru"],
      categories: "all",
      fullText: true,
      webhookUrl: null,
      status: "active",
      keyPrefix: partner.key.slice(0, 13),
    });
    const row = await env.DB.prepare("select key_hash from partners where id = ?")
      .bind(partner.id)
      .first<{ key_hash: string }>();
    expect(row?.key_hash).toBe(await hashApiKey(partner.key));
    const stored = JSON.stringify(await env.DB.prepare("select * from partners").all());
    expect(stored).not.toContain(partner.key);
  });

  it("never shows the key or the secret again: not in get, list or update", async () => {
    const partner = await createPartner(EVERYTHING);
    const responses = [
      await api("GET", `/partners/${partner.id}`),
      await api("GET", "/partners"),
      await api("PATCH", `/partners/${partner.id}`, { name: "Renamed" }),
      await api("POST", `/partners/${partner.id}/revoke`),
    ];
    for (const response of responses) {
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).not.toContain(partner.key);
      expect(text).not.toContain(partner.webhookSecret);
      expect(text).not.toMatch(/"key"|webhookSecret|whsec_/);
    }
  });

  it("accepts the benchmark's request and answers with `key`", async () => {
    const response = await api("POST", "/partners", {
      name: "Benchmark",
      languages: ["uk", "en", "ru"],
      fullText: true,
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const body = (await response.json()) as { key: string };
    expect((await partnerRequest("/stories?lang=en", body.key)).status).toBe(200);
  });

  it("refuses bad input with problem+json and stores nothing", async () => {
    const before = await partnerCount();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...EVERYTHING, languages: ["ua"] }, 400, "/languages/0"],
      [{ ...EVERYTHING, languages: [] }, 400, "/languages"],
      [{ ...EVERYTHING, languages: ["en", "en"] }, 400, "/languages/1"],
      [{ ...EVERYTHING, name: "" }, 400, "/name"],
      [{ ...EVERYTHING, extra: 1 }, 400, "/extra"],
      [{ ...EVERYTHING, webhookUrl: "http://partner.example/hook" }, 400, "/webhookUrl"],
      [{ ...EVERYTHING, categories: ["no-such-category"] }, 422, "/categories/0"],
    ];
    for (const [body, status, path] of cases) {
      const response = await api("POST", "/partners", body);
      expect(response.status).toBe(status);
      const problem = await problemOf(response);
      expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    }
    const unauthenticated = await api("POST", "/partners", EVERYTHING, {
      Authorization: "Bearer wrong",
    });
    expect(unauthenticated.status).toBe(401);
    expect(await partnerCount()).toBe(before);
  });
});

describe("webhook URLs", () => {
  const refused = [
    "http://partner.example/hook",
    "https://127.0.0.1/hook",
    "https://10.1.2.3/hook",
    "https://172.20.0.1/hook",
    "https://192.168.1.1/hook",
    "https://169.254.169.254/latest/meta-data",
    "https://100.64.0.1/hook",
    "https://0x7f.1/hook",
    "https://[::1]/hook",
    "https://[fd00::1]/hook",
    "https://[fe80::1]/hook",
    "https://[::ffff:10.0.0.1]/hook",
    "https://localhost/hook",
    "https://api.localhost/hook",
    "https://hooks.internal/hook",
    "https://intranet/hook",
    "https://user:pass@partner.example/hook",
    "not a url",
    // A final dot, letter case and IDNA mapping name the same host.
    "https://localhost./hook",
    "https://LocalHost../hook",
    "https://metadata.google.internal./computeMetadata/v1",
    "https://printer.local./hook",
    "https://intranet./hook",
    "https://\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54/hook",
    // IPv6 forms that carry a private, loopback or link-local IPv4 address.
    "https://[::ffff:0:a00:1]/hook",
    "https://[::ffff:7f00:1]/hook",
    "https://[2002:7f00:1::]/hook",
    "https://[2002:a9fe:a9fe::]/hook",
    "https://[2002:c0a8:101::1]/hook",
    "https://[2001::7f00:1]/hook",
    "https://[2001:0:a00:1::808:808]/hook",
    "https://[2001:0:808:808::80ff:fffe]/hook",
    "https://[64:ff9b::a9fe:a9fe]/hook",
    "https://[64:ff9b:1::1]/hook",
    "https://[::10.0.0.1]/hook",
    "https://[::8.8.8.8]/hook",
    "https://[fec0::1]/hook",
  ];

  it("refuses plain http and private, loopback, link-local and internal targets", async () => {
    const partner = await createPartner(EVERYTHING);
    for (const webhookUrl of refused) {
      const response = await api("PATCH", `/partners/${partner.id}`, { webhookUrl });
      expect(response.status, webhookUrl).toBe(400);
      const problem = await problemOf(response);
      expect(problem.errors).toEqual([expect.objectContaining({ path: "/webhookUrl" })]);
    }
    const after = (await (await api("GET", `/partners/${partner.id}`)).json()) as Record<
      string,
      unknown
    >;
    expect(after.webhookUrl).toBeNull();
  });

  it("accepts IPv6 forms whose embedded IPv4 address is public, and a public name's final dot", async () => {
    const partner = await createPartner(EVERYTHING);
    for (const webhookUrl of [
      "https://[2002:808:808::1]/hook",
      "https://[64:ff9b::808:808]/hook",
      "https://[::ffff:808:808]/hook",
      "https://[2606:4700::1111]/hook",
      "https://hooks.partner.example./n",
    ]) {
      const response = await api("PATCH", `/partners/${partner.id}`, { webhookUrl });
      expect(response.status, webhookUrl).toBe(200);
    }
  });

  it("accepts https to a public host, and null to remove it", async () => {
    const partner = await createPartner({
      ...EVERYTHING,
      webhookUrl: "https://hooks.partner.example/n",
    });
    expect(partner.webhookUrl).toBe("https://hooks.partner.example/n");
    const cleared = await api("PATCH", `/partners/${partner.id}`, { webhookUrl: null });
    expect(((await cleared.json()) as Record<string, unknown>).webhookUrl).toBeNull();
  });

  it("accepts http://127.0.0.1 and http://localhost only when ALLOW_LOCAL_WEBHOOKS is on", async () => {
    const local = { ...env, ALLOW_LOCAL_WEBHOOKS: "true" };
    for (const webhookUrl of ["http://127.0.0.1:9999/hook", "http://localhost:8080/hook"]) {
      const refusedInProduction = await api("POST", "/partners", { ...EVERYTHING, webhookUrl });
      expect(refusedInProduction.status).toBe(400);
      const partner = await createPartner({ ...EVERYTHING, webhookUrl }, local);
      expect(partner.webhookUrl).toBe(webhookUrl);
    }
    const stillPrivate = await api(
      "POST",
      "/partners",
      { ...EVERYTHING, webhookUrl: "http://10.0.0.1/hook" },
      {},
      local,
    );
    expect(stillPrivate.status).toBe(400);
  });
});

describe("the key lifecycle", () => {
  it("admits a new key, refuses the old one from the moment it is rotated without overlap", async () => {
    const partner = await createPartner(EVERYTHING);
    expect((await partnerRequest("/stories?lang=uk", partner.key)).status).toBe(200);

    const rotated = await api("POST", `/partners/${partner.id}/key`, { overlapHours: 0 });
    expect(rotated.status).toBe(200);
    const { key, keyPrefix } = (await rotated.json()) as { key: string; keyPrefix: string };
    expect(key).not.toBe(partner.key);
    expect(keyPrefix).toBe(key.slice(0, 13));

    const old = await partnerRequest("/stories?lang=uk", partner.key);
    expect(old.status).toBe(401);
    expect(old.headers.get("WWW-Authenticate")).toBe(
      'Bearer realm="partners", error="invalid_token"',
    );
    expect((await partnerRequest("/stories?lang=uk", key)).status).toBe(200);
  });

  it("refuses a revoked key from the next request on, and the partner cannot be changed", async () => {
    const partner = await createPartner(EVERYTHING);
    expect((await partnerRequest("/en/rss.xml", partner.key)).status).toBe(200);
    const revoked = await api("POST", `/partners/${partner.id}/revoke`);
    expect(((await revoked.json()) as Record<string, unknown>).status).toBe("revoked");

    const refused = await partnerRequest("/en/rss.xml", partner.key);
    expect(refused.status).toBe(401);
    expect((await problemOf(refused)).detail).toBe("the key was revoked");
    const rekey = await api("POST", `/partners/${partner.id}/key`);
    expect(rekey.status).toBe(409);
    expect(await rekey.json()).toMatchObject({ status: 409, partnerStatus: "revoked" });
    expect((await api("PATCH", `/partners/${partner.id}`, { name: "x" })).status).toBe(409);
  });

  it("rotates the webhook secret, showing the new one once", async () => {
    const partner = await createPartner(EVERYTHING);
    const response = await api("POST", `/partners/${partner.id}/webhook-secret`);
    const { webhookSecret } = (await response.json()) as { webhookSecret: string };
    expect(webhookSecret).toMatch(/^whsec_/);
    expect(webhookSecret).not.toBe(partner.webhookSecret);
    const row = await env.DB.prepare("select webhook_secret from partners where id = ?")
      .bind(partner.id)
      .first<{ webhook_secret: string }>();
    expect(row?.webhook_secret).toBe(webhookSecret);
  });

  it("answers 401 problem+json with a challenge for a missing or unknown key", async () => {
    const missing = await partnerRequest("/stories?lang=en", null);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("WWW-Authenticate")).toBe('Bearer realm="partners"');
    expect((await problemOf(missing)).detail).toMatch(/Authorization: Bearer/);

    for (const key of [`nsk_live_${"A".repeat(43)}`, "something-else"]) {
      const unknown = await partnerRequest("/stories?lang=en", key);
      expect(unknown.status).toBe(401);
      expect((await problemOf(unknown)).detail).toBe("the key is not valid");
    }
  });

  it("accepts ?key= on feeds only, never on the ninjs API", async () => {
    const partner = await createPartner(EVERYTHING);
    const feed = await partnerRequest(`/ua/atom.xml?key=${partner.key}`, null);
    expect(feed.status).toBe(200);
    const ninjs = await partnerRequest(`/stories?lang=uk&key=${partner.key}`, null);
    expect(ninjs.status).toBe(401);
    const problem = await problemOf(ninjs);
    expect(problem.detail).toMatch(/feeds only/);
    // The problem's instance is the path alone: the key is not echoed back.
    expect(JSON.stringify(problem)).not.toContain(partner.key);
  });

  it("records when a key was last used", async () => {
    const partner = await createPartner(EVERYTHING);
    expect(partner.lastUsedAt).toBeNull();
    await partnerRequest("/stories?lang=en", partner.key);
    const after = (await (await api("GET", `/partners/${partner.id}`)).json()) as {
      lastUsedAt: string | null;
    };
    expect(after.lastUsedAt).not.toBeNull();
    expect(Date.parse(after.lastUsedAt as string)).toBeGreaterThanOrEqual(
      Date.parse(partner.createdAt as string),
    );
  });

  it("answers 404 problem+json for an unknown partner in the admin API", async () => {
    for (const [method, path] of [
      ["GET", "/partners/nope"],
      ["PATCH", "/partners/nope"],
      ["POST", "/partners/nope/key"],
      ["POST", "/partners/nope/revoke"],
      ["GET", "/partners/nope/deliveries"],
    ] as const) {
      const response = await api(method, path, method === "PATCH" ? { name: "x" } : undefined);
      expect(response.status, `${method} ${path}`).toBe(404);
      await problemOf(response);
    }
  });
});
