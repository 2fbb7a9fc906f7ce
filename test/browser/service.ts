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
  port: number;
  /** Its `--persist-to` directory: the local D1 a restart with `{ state }` serves again. */
  state: string;
  /** A graceful shutdown (SIGTERM to wrangler and workerd). */
  stop(): Promise<void>;
  /**
   * A crash: SIGKILL to wrangler and workerd at once, sent before this returns its promise, so
   * nothing in flight (after-response work, the local queue's messages) gets to finish.
   */
  crash(): Promise<void>;
}

export interface ServiceOptions {
  /** Serve this state directory of an earlier run (a restart): no migration, no seeding. */
  state?: string;
  /** Leave the state directory on stop or crash, to restart on it. */
  keepState?: boolean;
  /** Listen here rather than on a free port (a restart on the same origin). */
  port?: number;
  /** More `wrangler dev` arguments, e.g. `--test-scheduled`. */
  args?: readonly string[];
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
    if (dev.exitCode !== null || dev.signalCode !== null) {
      throw new Error(`wrangler dev exited with ${dev.exitCode ?? dev.signalCode}`);
    }
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
 * `vars` become the Worker's variables (`--var`), e.g. a known ADMIN_TOKEN. The state directory
 * is removed on stop, unless `options` keep it or it came from them.
 */
export async function startService(
  vars: Record<string, string> = {},
  options: ServiceOptions = {},
): Promise<RunningService> {
  const state = options.state ?? mkdtempSync(join(tmpdir(), "newsroom-browser-"));
  if (options.state === undefined) {
    migrateLocal(state);
    await seedLocal(state);
  }
  const removeState = options.state === undefined && !options.keepState;
  const port = options.port ?? (await freePort());
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
      ...(options.args ?? []),
    ],
    // Its own process group: wrangler runs workerd as a grandchild, and both must stop.
    { stdio: ["ignore", "inherit", "inherit"], env: WRANGLER_ENV, detached: true },
  );
  const origin = `http://127.0.0.1:${port}`;
  // Not async: the signal leaves before the caller gets the promise back.
  const end = (signal: NodeJS.Signals): Promise<void> => {
    let exited: Promise<unknown> = Promise.resolve();
    if (dev.pid !== undefined && dev.exitCode === null && dev.signalCode === null) {
      exited = new Promise((resolve) => dev.once("exit", resolve));
      try {
        process.kill(-dev.pid, signal);
      } catch {
        // the group has already gone
      }
    }
    return exited.then(() => {
      if (removeState) rmSync(state, { recursive: true, force: true });
    });
  };
  const stop = () => end("SIGTERM");
  const crash = () => end("SIGKILL");
  try {
    await waitUntilServing(origin, dev, 150_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, port, state, stop, crash };
}
