import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import app from "../../src/index";
import { loadSeedStories } from "../helpers/seeds";

function get(path: string) {
  return app.request(path, {}, env);
}

describe("language home pages", () => {
  beforeAll(loadSeedStories);

  it.each([
    ["ua", "uk", "Останні новини"],
    ["en", "en", "Latest news"],
    ["ru", "ru", "Последние новости"],
  ])("/%s/ lists that language's stories under <html lang=%s>", async (segment, tag, heading) => {
    const response = await get(`/${segment}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain(`<html lang="${tag}">`);
    expect(html).toContain(heading);
    const links = [...html.matchAll(/href="(\/[a-z]{2}\/news\/[^"]+)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((href) => href?.startsWith(`/${segment}/news/`))).toBe(true);
  });

  it("shows a story only in the languages it exists in", async () => {
    const ukOnlyTitle = "День Незалежності"; // seed 15 exists only in Ukrainian
    const ua = await (await get("/ua/")).text();
    const en = await (await get("/en/")).text();
    expect(ua).toContain(ukOnlyTitle);
    expect(en).not.toContain(ukOnlyTitle);
  });

  it("shows times in Kyiv time, in the page's language", async () => {
    const en = await (await get("/en/")).text();
    expect(en).toMatch(
      /<time datetime="2023-12-19T21:55:00.000Z">December 19, 2023 at 11:55\sPM Kyiv time<\/time>/,
    );
    const ua = await (await get("/ua/")).text();
    expect(ua).toContain(">19 грудня 2023 р. о 23:55 за київським часом</time>");
  });

  it.each(["/de/", "/UA/", "/uk-UA/", "/ua/no-such-page"])(
    "answers %s with 404, not 500",
    async (path) => {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain("<html lang=");
    },
  );
});
