// npm run bench [-- --sizes 1000,100000 --seconds 5 --connections 8 --seeded 100000:DIR]
//
// --seeded N:DIR measures size N on a state `npm run seed:synthetic -- --count N --persist-to
// DIR` made earlier (seeding 100,000 stories takes some 15 minutes here); migrations are
// applied to it first and it is left in place afterwards.
//
// For each archive size N: fills a fresh local D1 with N synthetic stories, starts the service
// under `wrangler dev` (edge cache on, then bypassed) beside a constant-body baseline Worker,
// and drives each endpoint over loopback with autocannon, each run followed at once by a run
// against the baseline with a body of the same size: every ratio compares two runs made under
// the same load on this shared machine. Prints a Markdown table and writes it to
// bench/results/latest.md.
import { type ChildProcess, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { argValue, migrateLocal, WRANGLER_ENV } from "../scripts/local-d1";
import { moveBodiesThroughCron } from "../scripts/move-bodies";
import { startSeededService, startWrangler, stopAndWait, workerdCpu } from "../scripts/processes";
import { type DirectRow, directRun, directTable, nginxAvailable } from "./direct";
import { benchEndpoints } from "./endpoints";
import { type MixedFigures, mixedRun } from "./mixed";

const SIZES = (argValue("--sizes") ?? "1000,100000").split(",").map(Number);
const SECONDS = Number(argValue("--seconds") ?? "4");
const CONNECTIONS = Number(argValue("--connections") ?? "8");
const MIXED_SECONDS = Number(argValue("--mixed-seconds") ?? "30");
const WRITE_EVERY_SECONDS = 5;
const SEEDED = new Map(
  (argValue("--seeded") ?? "")
    .split(",")
    .filter((pair) => pair.includes(":"))
    .map((pair) => {
      const at = pair.indexOf(":");
      return [Number(pair.slice(0, at)), pair.slice(at + 1)] as const;
    }),
);
const SERVICE_PORT = 8801;
const BASELINE_PORT = 8802;
const ADMIN_TOKEN = "bench-admin-token";

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU ms per request of the workerd process that runs the Worker. */
  runtimeCpu: number;
  /** CPU ms per request of wrangler's dev proxy (its other workerd process). */
  proxyCpu: number;
}

interface Measurement extends Figures {
  n: number;
  endpoint: string;
  mode: "hit" | "miss";
  bytes: number;
  /** The baseline, measured right after, with a body of the same size. */
  baseline: Figures;
}

async function load(
  url: string,
  headers: Record<string, string>,
  expected: number,
  worker: { group: ChildProcess; port: number },
): Promise<Figures> {
  // A second of unmeasured load first lets the isolate's JIT settle, as in a long-lived Worker.
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 1 });
  const before = workerdCpu(worker.group, worker.port);
  const result = await autocannon({
    url,
    headers,
    connections: CONNECTIONS,
    duration: SECONDS,
    // Bounded in count as well as time (`amount` would replace the duration, not cap it).
    maxOverallRequests: 500_000,
  });
  const after = workerdCpu(worker.group, worker.port);
  const requests = Math.max(result.requests.total, 1);
  const ok = result.statusCodeStats?.[String(expected) as "200"]?.count ?? 0;
  return {
    runtimeCpu: (after.runtime - before.runtime) / requests,
    proxyCpu: (after.proxy - before.proxy) / requests,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + (result.requests.total - ok),
  };
}

interface MixedRow {
  n: number;
  service: MixedFigures;
  baseline: MixedFigures;
}

async function measure(
  n: number,
  state: string,
  mode: "hit" | "miss",
  out: Measurement[],
  mixed: MixedRow[],
) {
  const service = await startSeededService(state, SERVICE_PORT, {
    edgeCache: mode === "hit",
    adminToken: ADMIN_TOKEN,
  });
  const baseline = await startWrangler(["--config", "bench/baseline.toml"], BASELINE_PORT);
  try {
    const base = `http://127.0.0.1:${SERVICE_PORT}`;
    for (const endpoint of await benchEndpoints(base, ADMIN_TOKEN)) {
      // The first request fills the cache (hit mode) and tells the body size.
      const warm = await fetch(base + endpoint.path, { headers: endpoint.headers });
      const body = await warm.arrayBuffer();
      const bytes = body.byteLength;
      if (warm.status !== endpoint.expect) {
        const text = new TextDecoder().decode(body.slice(0, 400));
        console.error(
          `  N=${n} ${mode} ${endpoint.name}: warm request got ${warm.status}: ${text}`,
        );
      }
      const figures = await load(base + endpoint.path, endpoint.headers, endpoint.expect, {
        group: service,
        port: SERVICE_PORT,
      });
      const reference = await load(
        `http://127.0.0.1:${BASELINE_PORT}/?bytes=${Math.max(bytes, 1)}`,
        {},
        200,
        { group: baseline, port: BASELINE_PORT },
      );
      out.push({ n, endpoint: endpoint.name, mode, bytes, ...figures, baseline: reference });
      console.error(
        `  N=${n} ${mode} ${endpoint.name}: ${figures.rps.toFixed(0)} req/s, p50 ${figures.p50} ms` +
          `, Worker CPU ${(figures.runtimeCpu - reference.runtimeCpu).toFixed(2)} ms/req` +
          ` (baseline ${reference.rps.toFixed(0)} req/s, p50 ${reference.p50} ms)`,
      );
    }
    if (mode === "hit") {
      const run = await mixedRun({
        base,
        baselineBase: `http://127.0.0.1:${BASELINE_PORT}`,
        adminToken: ADMIN_TOKEN,
        stories: n,
        seconds: MIXED_SECONDS,
        connections: CONNECTIONS,
        writeEverySeconds: WRITE_EVERY_SECONDS,
      });
      mixed.push({ n, ...run });
      console.error(
        `  N=${n} mixed: hit rate ${(run.service.hitRate * 100).toFixed(1)}%, p50 ${run.service.p50} ms, p99 ${run.service.p99} ms` +
          ` (baseline p50 ${run.baseline.p50} ms, p99 ${run.baseline.p99} ms), ${run.service.writes} writes`,
      );
    }
  } finally {
    await stopAndWait(service, SERVICE_PORT);
    await stopAndWait(baseline, BASELINE_PORT);
  }
}

function table(rows: Measurement[]): string {
  const ratio = (a: number, b: number) => (b ? (a / b).toFixed(2) : "–");
  const lines = [
    "| N | endpoint | cache | bytes | req/s | p50 ms | p99 ms | errors | baseline req/s | baseline p50 ms | req/s ÷ baseline | p50 ÷ baseline | runtime CPU ms | baseline runtime CPU ms | Worker CPU ms | proxy CPU ms |",
    "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.n.toLocaleString("en")} | ${r.endpoint} | ${r.mode} | ${r.bytes} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors + r.baseline.errors} | ${r.baseline.rps.toFixed(0)} | ${r.baseline.p50} | ${ratio(r.rps, r.baseline.rps)} | ${ratio(r.p50, r.baseline.p50)} | ${r.runtimeCpu.toFixed(2)} | ${r.baseline.runtimeCpu.toFixed(2)} | ${(r.runtimeCpu - r.baseline.runtimeCpu).toFixed(2)} | ${r.proxyCpu.toFixed(2)} |`,
    );
  }
  return lines.join("\n");
}

function mixedTable(rows: MixedRow[]): string {
  const lines = [
    `Mixed run: ${CONNECTIONS} readers for ${MIXED_SECONDS} s over 1,000 URLs with Zipf(1) popularity, a publish or correction every ${WRITE_EVERY_SECONDS} s, then the same readers against the baseline (same body sizes).`,
    "",
    "| N | requests | req/s | edge hit rate | p50 ms | p99 ms | errors | writes | baseline p50 ms | baseline p99 ms | p99 ÷ baseline |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const { n, service: s, baseline: b } of rows) {
    lines.push(
      `| ${n.toLocaleString("en")} | ${s.requests} | ${s.rps.toFixed(0)} | ${(s.hitRate * 100).toFixed(1)}% | ${s.p50} | ${s.p99} | ${s.errors + b.errors} | ${s.writes} | ${b.p50} | ${b.p99} | ${b.p99 ? (s.p99 / b.p99).toFixed(2) : "–"} |`,
    );
  }
  return lines.join("\n");
}

const results: Measurement[] = [];
const mixed: MixedRow[] = [];
const directRows: { n: number; rows: DirectRow[] }[] = [];
const withNginx = nginxAvailable();
if (!withNginx)
  console.error(
    "nginx not found (apt-get install nginx-light): skipping the run without the dev proxy",
  );
const started = Date.now();
for (const n of SIZES) {
  const seeded = SEEDED.get(n);
  const state = seeded ?? mkdtempSync(join(tmpdir(), `newsfeed-bench-${n}-`));
  try {
    if (seeded) {
      console.error(`N=${n}: using the stories seeded in ${seeded}`);
      migrateLocal(seeded);
      const moved = await moveBodiesThroughCron(seeded);
      if (moved > 0) console.error(`N=${n}: ${moved} bodies moved to R2`);
    } else {
      console.error(`N=${n}: generating synthetic stories`);
      const generated = spawnSync(
        "tsx",
        ["seeds/synthetic.ts", "--count", String(n), "--persist-to", state],
        {
          stdio: ["ignore", "ignore", "inherit"],
          env: WRANGLER_ENV,
        },
      );
      if (generated.status !== 0) throw new Error(`synthetic seeding failed for N=${n}`);
    }
    await measure(n, state, "hit", results, mixed);
    await measure(n, state, "miss", results, mixed);
    if (withNginx) {
      const rows = await directRun({
        state,
        scratch: mkdtempSync(join(tmpdir(), `newsfeed-direct-${n}-`)),
        endpoints: (base) => benchEndpoints(base, ADMIN_TOKEN),
        vars: [`ADMIN_TOKEN:${ADMIN_TOKEN}`, "PARTNER_RATE_LIMIT:off"],
        seconds: SECONDS,
        connections: CONNECTIONS,
      });
      directRows.push({ n, rows });
    }
  } finally {
    if (!seeded) rmSync(state, { recursive: true, force: true });
  }
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const report = [
  `Benchmark: \`npm run bench -- --sizes ${SIZES.join(",")} --seconds ${SECONDS} --connections ${CONNECTIONS}${[...SEEDED.keys()].map((n) => ` --seeded ${n}:DIR`).join("")}\``,
  `on ${machine}, ${new Date().toISOString().slice(0, 10)}, ${Math.round((Date.now() - started) / 1000)} s in all.`,
  "",
  table(results),
  "",
  mixedTable(mixed),
  "",
  ...(directRows.length > 0
    ? [
        "Without the dev proxy: the built bundle in one workerd (Miniflare), cache hits, beside Debian's nginx serving the same bytes as static files and the constant-body Worker served the same way.",
        "",
        ...directRows.map(({ n, rows }) => directTable(n, rows)),
        "",
      ]
    : []),
].join("\n");
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/latest.md", report);
console.log(report);
