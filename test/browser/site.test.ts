import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningService, startService } from "./service";

// Debian's Chromium, never a downloaded browser: `apt-get install -y chromium`.
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const SCREENSHOTS = join(import.meta.dirname, "../../screenshots");

const KI = {
  en: "white-house-russia-china-north-korea-seek-to-strengthen-ties",
  ua: "bilyi-dim-rosiia-kytai-i-pivnichna-koreia-prahnut-zmitsnyty-zviazky",
  ru: "belyi-dom-rossiya-kitai-i-severnaya-koreya-stremyatsya-ukrepit-svyazi",
} as const;

// axe-core from node_modules, injected into each page; nothing is downloaded.
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);
const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const hasChromium = existsSync(CHROMIUM);
const inCi = process.env.CI === "true";

if (!hasChromium && !inCi) {
  console.warn(
    `\n${"!".repeat(78)}\n!! SKIPPING the browser test: ${CHROMIUM} is missing.\n` +
      `!! Install Debian's Chromium to run it:  apt-get update && apt-get install -y chromium\n${"!".repeat(78)}\n`,
  );
}

describe.runIf(!hasChromium && inCi)("the browser test in CI", () => {
  it("needs Chromium", () => {
    throw new Error(`${CHROMIUM} is missing: run apt-get install -y chromium before the tests`);
  });
});

describe.runIf(hasChromium)("a reader in a real browser", () => {
  let service: RunningService;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    service = await startService();
    // Playwright starts Chromium on a fresh temporary --user-data-dir of its own, and removes it.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
    });
    // An English-speaking reader (Accept-Language: en-US) who follows a shared English link.
    context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  async function screenshots(segment: string, kind = "story") {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(SCREENSHOTS, `${kind}-${segment}-desktop.png`) });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SCREENSHOTS, `${kind}-${segment}-phone.png`) });
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it("switches from the English sample story to its Ukrainian variant with the ua link", async () => {
    await page.goto(`${service.origin}/en/news/${KI.en}`);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("h1").textContent()).toBe(
      "White House: Russia, China, North Korea seek to strengthen ties",
    );
    await screenshots("en");

    await page.locator("nav.switcher a", { hasText: /^ua$/ }).click();
    await page.waitForURL(`${service.origin}/ua/news/${KI.ua}`);
    expect(await page.locator("html").getAttribute("lang")).toBe("uk");
    expect(await page.locator("h1").textContent()).toBe(
      "Білий дім: Росія, Китай і Північна Корея прагнуть зміцнити зв’язки",
    );
    await screenshots("ua");
  });

  it("then lands on /ua/ from /, by the choice it remembered", async () => {
    // The browser still sends Accept-Language: en-US; the cookie from clicking ua wins.
    await page.goto(`${service.origin}/`);
    expect(page.url()).toBe(`${service.origin}/ua/`);
    expect(await page.locator("h1").textContent()).toBe("Останні новини");
    await screenshots("ua", "home");
  });

  it.each([
    ["uk-UA", "/ua/"],
    ["ru-RU", "/ru/"],
    ["en-GB", "/en/"],
  ])("sends a new reader whose browser speaks %s from / to %s", async (locale, home) => {
    const fresh = await browser.newContext({ locale });
    try {
      const reader = await fresh.newPage();
      await reader.goto(`${service.origin}/`);
      expect(reader.url()).toBe(`${service.origin}${home}`);
    } finally {
      await fresh.close();
    }
  });

  it("shows the Russian variant too", async () => {
    await page.goto(`${service.origin}/ru/news/${KI.ru}`);
    expect(await page.locator("html").getAttribute("lang")).toBe("ru");
    await screenshots("ru");
  });

  /** Serious and critical axe-core violations on the page as loaded, one line each. */
  async function seriousViolations(reader: Page): Promise<string[]> {
    await reader.addScriptTag({ content: AXE_SOURCE });
    const violations = (await reader.evaluate(async () => {
      // biome-ignore lint/suspicious/noExplicitAny: axe is a global injected by the script tag
      const axe = (globalThis as any).axe;
      const result = await axe.run(document, { resultTypes: ["violations"] });
      return result.violations;
    })) as AxeViolation[];
    return violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
      );
  }

  const AUDITED: [string, () => string][] = [
    ["the front page", () => "/en/"],
    ["a story", () => `/en/news/${KI.en}`],
    [
      "a story missing languages",
      () => "/ua/news/kharkivski-shkoliari-rozpochaly-navchalnyi-rik-u-pidzemnykh-klasakh",
    ],
    ["a category page", () => "/ru/category/world"],
    ["search results", () => `/ua/search?q=${encodeURIComponent("провокація")}`],
    ["an empty search", () => "/en/search?q=zanzibar"],
    ["a 404", () => "/en/news/no-such-story"],
  ];

  describe.each(VIEWPORTS)("at $name width ($width px)", (viewport) => {
    it.each(AUDITED)("axe finds no serious or critical violation on %s", async (_, path) => {
      // The site forbids scripts (CSP script-src none); axe is the test's own, not the page's.
      const fresh = await browser.newContext({ locale: "en-US", viewport, bypassCSP: true });
      try {
        const reader = await fresh.newPage();
        const response = await reader.goto(`${service.origin}${path()}`);
        expect(response?.status()).toBe(path().includes("no-such") ? 404 : 200);
        expect(await seriousViolations(reader)).toEqual([]);
      } finally {
        await fresh.close();
      }
    });
  });

  it.each(VIEWPORTS)(
    "gives every language target at least 24 x 24 px at $name width (WCAG 2.5.8)",
    async (viewport) => {
      const fresh = await browser.newContext({ locale: "en-US", viewport });
      try {
        const reader = await fresh.newPage();
        // A story missing two languages: the switcher's struck-through links and the notes.
        await reader.goto(`${service.origin}${AUDITED[2]?.[1]()}`);
        const targets = reader.locator("nav.switcher a, nav.switcher .current, ul.availability a");
        expect(await targets.count()).toBe(5);
        const small: string[] = [];
        for (const target of await targets.all()) {
          const box = await target.boundingBox();
          if (!box || box.width < 24 || box.height < 24) {
            small.push(`${await target.textContent()}: ${box?.width} x ${box?.height}`);
          }
        }
        expect(small).toEqual([]);
      } finally {
        await fresh.close();
      }
    },
  );

  it("serves an icon at /favicon.ico and links it from every page", async () => {
    const icon = await fetch(`${service.origin}/favicon.ico`);
    expect(icon.status).toBe(200);
    const bytes = new Uint8Array(await icon.arrayBuffer());
    // ICONDIR: reserved 0, type 1 (icon).
    expect([...bytes.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    await page.goto(`${service.origin}/en/`);
    const hrefs = await page
      .locator('link[rel="icon"]')
      .evaluateAll((links) => links.map((l) => l.getAttribute("href")));
    expect(hrefs).toEqual(["/favicon.ico", "/favicon.svg"]);
    const svg = await fetch(`${service.origin}/favicon.svg`);
    expect(svg.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
  });
});
