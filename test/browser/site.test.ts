import { existsSync, mkdirSync } from "node:fs";
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
});
