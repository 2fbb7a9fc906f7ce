import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrateLocal, persistArgs, WRANGLER_ENV } from "../../scripts/local-d1";
import { seedLocal } from "../../seeds/local";

/** A `wrangler dev` of this project on its own port and its own throwaway local state. */
export interface RunningService {
  origin: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("no port"));
      });
    });
  });
}

async function waitUntilServing(origin: string, dev: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (dev.exitCode !== null) throw new Error(`wrangler dev exited with ${dev.exitCode}`);
    try {
      const response = await fetch(`${origin}/robots.txt`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`wrangler dev did not answer at ${origin} within ${timeoutMs} ms`);
}

/**
 * What `npm start` does (migrate, seed, serve), but on a temp --persist-to and a free port;
 * `vars` become the Worker's variables (`--var`), e.g. a known ADMIN_TOKEN.
 */
export async function startService(vars: Record<string, string> = {}): Promise<RunningService> {
  const state = mkdtempSync(join(tmpdir(), "newsroom-browser-"));
  migrateLocal(state);
  await seedLocal(state);
  const port = await freePort();
  const dev = spawn(
    "wrangler",
    [
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--var",
      `SITE_URL:http://127.0.0.1:${port}`,
      ...persistArgs(state),
      "--show-interactive-dev-session=false",
      ...Object.entries(vars).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
    ],
    // Its own process group: wrangler runs workerd as a grandchild, and both must stop.
    { stdio: ["ignore", "inherit", "inherit"], env: WRANGLER_ENV, detached: true },
  );
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (dev.pid !== undefined && dev.exitCode === null) {
      const exited = new Promise((resolve) => dev.once("exit", resolve));
      try {
        process.kill(-dev.pid, "SIGTERM");
      } catch {
        // the group has already gone
      }
      await exited;
    }
    rmSync(state, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(origin, dev, 150_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, stop };
}
