import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import app from "../../src/index";

/** A D1 binding that fails every statement, as an outage or a query SQLite gives up on would. */
const failingDb = new Proxy(env.DB, {
  get(target, prop, receiver) {
    if (prop === "prepare" || prop === "batch" || prop === "exec") {
      return () => {
        throw new Error("D1_ERROR: out of memory: SQLITE_NOMEM");
      };
    }
    const value = Reflect.get(target, prop, receiver);
    return typeof value === "function" ? value.bind(target) : value;
  },
});

describe("a fault of ours", () => {
  it.each([
    ["/ua/search?q=мости", "uk", "Щось пішло не так"],
    ["/en/", "en", "Something went wrong"],
    ["/ru/news/no-such-story", "ru", "Что-то пошло не так"],
  ])("%s answers 500 with a page in its language, and is not cached", async (path, lang, title) => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await app.request(path, {}, { ...env, DB: failingDb });
    expect(response.status).toBe(500);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(title);
    expect(html).not.toContain("SQLITE_NOMEM");
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
    // Nothing of the fault was kept: with D1 back, the page is answered as usual.
    expect((await app.request(path, {}, env)).status).not.toBe(500);
  });

  it("on a feed answers short plain text, not the readers' page", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await app.request("/ua/rss.xml", {}, { ...env, DB: failingDb });
    expect(response.status).toBe(500);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/plain/);
    expect(await response.text()).toBe("Internal Server Error");
    logged.mockRestore();
  });
});
