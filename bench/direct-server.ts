// tsx bench/direct-server.ts --config FILE --bundle DIR --port P [--persist-to DIR] [--var K:V ...]
//
// Serves a Worker bundle built by `wrangler deploy --dry-run --outdir DIR` from one workerd
// through Miniflare, with the bindings its wrangler config declares and no dev proxy in front:
// what the runtime itself costs, for the benchmark's run without wrangler dev.
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { argValue } from "../scripts/local-d1";

const config = argValue("--config") ?? "wrangler.toml";
const bundle = argValue("--bundle");
const port = Number(argValue("--port"));
const persistTo = argValue("--persist-to");
if (!bundle || !Number.isInteger(port)) {
  console.error("usage: direct-server --config FILE --bundle DIR --port P");
  process.exit(1);
}

const vars: Record<string, string> = {};
process.argv.forEach((arg, i) => {
  const value = process.argv[i + 1];
  if (arg !== "--var" || value === undefined) return;
  const colon = value.indexOf(":");
  vars[value.slice(0, colon)] = value.slice(colon + 1);
});

// The bundle is one ES module already: wrangler's module rules have nothing left to match.
const { modulesRules: _, ...workerOptions } =
  unstable_getMiniflareWorkerOptions(config).workerOptions;
// wrangler names the bundle after the entry module (index.js, baseline.js).
const script = readdirSync(bundle).find((file) => file.endsWith(".js"));
if (!script) throw new Error(`no bundle in ${bundle}`);
const options = {
  ...workerOptions,
  bindings: { ...(workerOptions.bindings as Record<string, unknown> | undefined), ...vars },
  modules: true,
  modulesRoot: resolve(bundle),
  scriptPath: resolve(bundle, script),
  host: "127.0.0.1",
  port,
} as Parameters<typeof convertV4MiniflareOptions>[0];
const mf = new Miniflare({
  ...convertV4MiniflareOptions(options),
  // The same state `wrangler dev --persist-to` reads and writes (its v3 layout).
  ...(persistTo && { resourcePersistencePath: join(resolve(persistTo), "v3") }),
});
await mf.ready;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    mf.dispose().finally(() => process.exit(0));
  });
}
