import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import app from "../../src/index";
import { loadSeedStories } from "../helpers/seeds";

function get(path: string, headers: Record<string, string> = {}, bindings = env) {
  return app.request(path, { headers }, bindings);
}

beforeAll(loadSeedStories);

describe("/ sends readers to their language", () => {
  it.each([
    ["uk", "/ua/"],
    ["uk-UA", "/ua/"],
    ["ru-RU", "/ru/"],
    ["ru", "/ru/"],
    ["en-GB", "/en/"],
    ["en-US,en;q=0.9", "/en/"],
    ["de-DE, ru;q=0.5, en;q=0.4", "/ru/"],
    ["en;q=0.3, uk;q=0.8", "/ua/"],
    ["uk;q=0, en", "/en/"],
  ])("Accept-Language %s -> %s (302)", async (acceptLanguage, location) => {
    const response = await get("/", { "Accept-Language": acceptLanguage });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(location);
    expect(response.headers.get("vary")).toBe("Accept-Language, Cookie");
  });

  it("prefers the remembered choice over Accept-Language", async () => {
    const response = await get("/", { "Accept-Language": "en-US", Cookie: "lang=ru" });
    expect(response.headers.get("location")).toBe("/ru/");
  });

  it("ignores a cookie that names no language of the site", async () => {
    const response = await get("/", { "Accept-Language": "en", Cookie: "lang=de" });
    expect(response.headers.get("location")).toBe("/en/");
  });

  it.each([
    ["no Accept-Language", {}],
    ["only unsupported languages", { "Accept-Language": "de, fr;q=0.5" }],
    ["a wildcard", { "Accept-Language": "*" }],
    ["a malformed header", { "Accept-Language": ";;;q=abc,,," }],
  ])("falls back to DEFAULT_LANG with %s", async (_what, headers) => {
    const ua = await get("/", headers);
    expect(ua.status).toBe(302);
    expect(ua.headers.get("location")).toBe("/ua/");
    const ru = await get("/", headers, { ...env, DEFAULT_LANG: "ru" });
    expect(ru.headers.get("location")).toBe("/ru/");
  });

  it("never redirects a story URL by header or cookie: a shared link shows its language", async () => {
    const path = "/en/news/zelensky-invites-trump-to-ukraine";
    const response = await get(path, { "Accept-Language": "uk-UA", Cookie: "lang=ru" });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<html lang="en">');
  });
});

describe("choosing a language", () => {
  it("remembers the choice for a year and sends the reader on (303)", async () => {
    const response = await get("/lang/ua?to=/ua/news/zelenskyi-zaprosyv-trampa-do-ukrainy");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/ua/news/zelenskyi-zaprosyv-trampa-do-ukrainy");
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^lang=uk;/);
    expect(cookie).toContain("Max-Age=31536000");
    expect(cookie).toContain("Path=/");
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
  });

  it("goes to the language's front page when no target is given", async () => {
    const response = await get("/lang/en");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/en/");
  });

  it("makes / follow the cookie it set", async () => {
    const choice = await get("/lang/ru?to=/ru/");
    const cookie = (choice.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const root = await get("/", { Cookie: cookie, "Accept-Language": "en" });
    expect(root.headers.get("location")).toBe("/ru/");
  });

  it.each([
    "https://evil.example/",
    "//evil.example/ua/",
    "/\\evil.example",
    "/en/news/zelensky-invites-trump-to-ukraine",
    "/ua/../admin",
    "/ua//evil.example",
    "javascript:alert(1)",
  ])("refuses to redirect to %s (400 page, no cookie)", async (to) => {
    const response = await get(`/lang/ua?to=${encodeURIComponent(to)}`);
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("set-cookie")).toBeNull();
    const html = await response.text();
    expect(html).toContain('<html lang="uk">');
    expect(html).toContain("Пошкоджене посилання");
  });

  it("answers an unknown language with 404", async () => {
    expect((await get("/lang/de?to=/de/")).status).toBe(404);
  });
});

describe("legacy and near-miss addresses", () => {
  it.each([
    ["/uk/", "/ua/"],
    ["/uk", "/ua/"],
    [
      "/uk/news/zelenskyi-zaprosyv-trampa-do-ukrainy",
      "/ua/news/zelenskyi-zaprosyv-trampa-do-ukrainy",
    ],
    ["/uk/category/world?after=x", "/ua/category/world?after=x"],
  ])("%s moves permanently to %s", async (path, location) => {
    const response = await get(path);
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe(location);
  });

  it("adds the slash to a bare language segment", async () => {
    const response = await get("/en");
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe("/en/");
  });
});
