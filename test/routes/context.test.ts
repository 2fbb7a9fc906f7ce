import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import app from "../../src/index";
import type { WebhookMessage } from "../../src/partners/webhook-message";
import { ADMIN, storyPayload } from "../helpers/api";
import { createPartner, recordingQueue } from "../helpers/partners";
import { loadSeedStories } from "../helpers/seeds";

describe("the public origin comes from SITE_URL, never from the request", () => {
  beforeAll(loadSeedStories);

  it.each(["", "news.example", "ftp://news.example"])(
    "answers every request with 500 while SITE_URL is %j, and says why",
    async (siteUrl) => {
      const log = vi.spyOn(console, "error").mockImplementation(() => {});
      const bindings = { ...env, SITE_URL: siteUrl };
      for (const path of ["/en/rss.xml", "/ua/", "/sitemap.xml"]) {
        const response = await app.request(path, {}, bindings);
        expect(response.status).toBe(500);
        expect(await response.text()).toContain("SITE_URL");
      }
      const apiAnswer = await app.request("/api/v1/stories", { headers: ADMIN }, bindings);
      expect(apiAnswer.status).toBe(500);
      expect(apiAnswer.headers.get("Content-Type")).toBe("application/problem+json");
      expect(await apiAnswer.json()).toMatchObject({
        status: 500,
        detail: expect.stringContaining("SITE_URL"),
      });
      log.mockRestore();
    },
  );

  it("ignores a forged Host in pages, feeds and webhooks", async () => {
    for (const path of ["/en/rss.xml", "/en/atom.xml", "/en/feed.json", "/en/", "/sitemap.xml"]) {
      const response = await app.request(`http://evil.example${path}`, {}, env);
      expect(response.status).toBe(200);
      const body = await response.text();
      expect(body).not.toContain("evil.example");
      expect(body).toContain("http://localhost/");
    }
    await createPartner({
      name: "Hooked",
      languages: ["en"],
      webhookUrl: "https://hooks.partner.example/n",
    });
    const queue = recordingQueue();
    const bindings = { ...env, WEBHOOKS: queue as unknown as Queue<WebhookMessage> };
    const send = async (method: string, path: string, body: unknown, headers = {}) => {
      const ctx = createExecutionContext();
      const response = await app.request(
        `http://evil.example/api/v1${path}`,
        {
          method,
          headers: { ...ADMIN, "Content-Type": "application/json", ...headers },
          body: JSON.stringify(body),
        },
        bindings,
        ctx,
      );
      await waitOnExecutionContext(ctx);
      return response.status;
    };
    expect(await send("POST", "/stories", storyPayload("forged-host"))).toBe(201);
    expect(await send("POST", "/stories/forged-host/publish", {}, { "If-Match": '"v1"' })).toBe(
      200,
    );
    expect(queue.sent.length).toBeGreaterThan(0);
    for (const message of queue.sent) expect(message.origin).toBe("http://localhost");
  });
});
