import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// Each test file gets its own storage; bring it to the current schema before any test runs.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
