import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

const workersOptions = async () => ({
  wrangler: { configPath: "./wrangler.toml" },
  miniflare: {
    bindings: {
      TEST_MIGRATIONS: await readD1Migrations("./migrations"),
      ADMIN_TOKEN: "test-admin-token",
      // The origin app.request() uses, so links in tests read http://localhost/...
      SITE_URL: "http://localhost",
      // Production's default, whatever a developer's .dev.vars says; tests that need
      // local webhooks pass { ...env, ALLOW_LOCAL_WEBHOOKS: "true" }.
      ALLOW_LOCAL_WEBHOOKS: "false",
      // Tests call app.request without an execution context, so after-response work is
      // awaited: a pull's usage write then comes without the production window's wait.
      PULL_COUNT_WINDOW_MS: "0",
    },
  },
});

const LANGUAGE_TABLE = fileURLToPath(new URL("./src/i18n/languages.ts", import.meta.url));
const FOUR_LANGUAGES = fileURLToPath(
  new URL("./test/i18n/fourth-language/languages.ts", import.meta.url),
);

/** Every import of src/i18n/languages.ts, but the one inside the stand-in, gets the stand-in. */
const fourLanguageTable: Plugin = {
  name: "four-language-table",
  enforce: "pre",
  async resolveId(source, importer, options) {
    if (!source.endsWith("languages") || !importer || importer === FOUR_LANGUAGES) return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    return resolved?.id === LANGUAGE_TABLE ? FOUR_LANGUAGES : null;
  },
};

// Two projects, both run by `npm test`:
// - workers: every test inside workerd with the real wrangler.toml bindings and a fresh local D1
//   per test file, migrated by test/setup.ts from the same migrations/ that `npm start` applies.
// - browser: Node drives Debian's Chromium (playwright-core), python3-feedparser and newsboat
//   against a real `wrangler dev` serving the seeds; each file starts and stops that service.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [cloudflareTest(workersOptions)],
        test: {
          name: "workers",
          include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
          exclude: [
            "test/browser/**",
            "test/readers/**",
            "test/partners-live/**",
            "test/crawlers/**",
            "test/i18n/fourth-language.test.ts",
          ],
          setupFiles: ["./test/setup.ts"],
        },
      },
      {
        // The same runtime with a fourth language in the language table (see the stand-in).
        plugins: [fourLanguageTable, cloudflareTest(workersOptions)],
        test: {
          name: "fourth-language",
          include: ["test/i18n/fourth-language.test.ts"],
          setupFiles: ["./test/setup.ts"],
        },
      },
      {
        test: {
          name: "browser",
          // Real clients against a running service: Chromium, the feed readers
          // (test/readers), and partner-side checks in test/partners-live: NewsML-G2 through
          // xmllint, and a partner's webhook endpoint across a real crash of the service; and
          // test/crawlers: the sitemaps through xmllint against the sitemaps.org schemas.
          include: [
            "test/browser/**/*.test.ts",
            "test/readers/**/*.test.ts",
            "test/partners-live/**/*.test.ts",
            "test/crawlers/**/*.test.ts",
          ],
          environment: "node",
          // Starting wrangler dev (migrate, seed, boot workerd) takes a while on a shared machine.
          hookTimeout: 180_000,
          testTimeout: 120_000,
        },
      },
    ],
  },
});
