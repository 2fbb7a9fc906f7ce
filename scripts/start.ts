// npm start: migrate the local D1, load the seeds, then serve with `wrangler dev`.
import { spawn } from "node:child_process";
import { copyFileSync, existsSync } from "node:fs";
import { seedLocal } from "../seeds/local";
import { migrateLocal, WRANGLER_ENV } from "./local-d1";

const port = process.env.PORT ?? "8787";

if (!existsSync(".dev.vars")) {
  // Local secrets (ADMIN_TOKEN); production sets them with `wrangler secret put`.
  copyFileSync(".dev.vars.example", ".dev.vars");
  console.log("created .dev.vars from .dev.vars.example");
}

migrateLocal();
await seedLocal();

// wrangler dev runs workerd as a grandchild: give it a process group of its own and stop the
// whole group, or workerd outlives us and keeps the port.
const dev = spawn(
  "wrangler",
  [
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    port,
    // Links in pages, feeds and webhooks point here; the Worker never takes them from Host.
    "--var",
    `SITE_URL:http://127.0.0.1:${port}`,
    "--show-interactive-dev-session=false",
  ],
  { stdio: "inherit", env: WRANGLER_ENV, detached: true },
);

let stopping = false;
function stop(signal: NodeJS.Signals): void {
  if (stopping || dev.pid === undefined) return;
  stopping = true;
  try {
    process.kill(-dev.pid, signal);
  } catch {
    // the group has already gone
  }
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
  process.on(signal, () => stop(signal));
process.on("exit", () => stop("SIGTERM"));
dev.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
