import { spawnSync } from "node:child_process";
import { getPlatformProxy } from "wrangler";
import { Db } from "../src/db/client";

/** Environment for every wrangler child: nothing may wait on the network. */
export const WRANGLER_ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
};

/** `--persist-to` for wrangler, when the local state lives somewhere other than .wrangler/state. */
export function persistArgs(persistTo: string | undefined): string[] {
  return persistTo ? ["--persist-to", persistTo] : [];
}

/** Applies migrations/ to the local D1, exactly as a deployment would apply them remotely. */
export function migrateLocal(persistTo?: string): void {
  const result = spawnSync(
    "wrangler",
    ["d1", "migrations", "apply", "DB", "--local", ...persistArgs(persistTo)],
    // CI=true answers wrangler's "apply these migrations?" prompt, which has no terminal here.
    { stdio: "inherit", env: { ...WRANGLER_ENV, CI: "true" } },
  );
  if (result.status !== 0) throw new Error(`migrations failed (exit ${result.status})`);
}

/**
 * Runs `work` with a Db over the same local D1 and R2 bucket that `wrangler dev` serves, then
 * lets them go.
 */
export async function withLocalDb<T>(persistTo: string | undefined, work: (db: Db) => Promise<T>) {
  Object.assign(process.env, WRANGLER_ENV);
  const proxy = await getPlatformProxy<{ DB: D1Database; BODIES: R2Bucket }>({
    configPath: "wrangler.toml",
    persist: persistTo ? { path: `${persistTo}/v3` } : true,
    remoteBindings: false,
  });
  try {
    return await work(new Db(proxy.env.DB, proxy.env.BODIES));
  } finally {
    await proxy.dispose();
  }
}

/** Value of `--name value` on the command line. */
export function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
