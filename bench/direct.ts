// The run without wrangler dev's proxy: the built bundle served by one workerd through Miniflare
// (bench/direct-server.ts), its cache hits compared with Debian's nginx serving the very same
// bytes as static files, the physical limit of this machine, and with the constant-body Worker
// served the same way. Needs `nginx` on PATH (apt-get install nginx-light); skipped without it.
import type { ChildProcess } from "node:child_process";
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";
import { WRANGLER_ENV } from "../scripts/local-d1";
import { startGroup, stopAndWait, workerdCpu } from "../scripts/processes";
import type { Endpoint } from "./endpoints";

export interface DirectRow {
  endpoint: string;
  bytes: number;
  rps: number;
  p50: number;
  /** CPU ms per request of the one workerd process that serves the Worker. */
  cpu: number;
  baselineRps: number;
  baselineCpu: number;
  nginxRps: number;
  nginxP50: number;
}

const SERVICE_PORT = 8804;
const BASELINE_PORT = 8805;
const NGINX_PORT = 8806;

export function nginxAvailable(): boolean {
  return spawnSync("nginx", ["-v"], { stdio: "ignore" }).status === 0;
}

function bundle(config: string, outdir: string): void {
  const built = spawnSync(
    "wrangler",
    ["deploy", "--dry-run", "--config", config, "--outdir", outdir],
    { env: WRANGLER_ENV, stdio: ["ignore", "ignore", "inherit"] },
  );
  if (built.status !== 0) throw new Error(`bundling ${config} failed`);
}

function direct(config: string, outdir: string, port: number, args: string[]) {
  return startGroup(
    "tsx",
    [
      "bench/direct-server.ts",
      "--config",
      config,
      "--bundle",
      outdir,
      "--port",
      String(port),
      ...args,
    ],
    port,
  );
}

async function startNginx(root: string): Promise<ChildProcess> {
  const conf = join(root, "nginx.conf");
  writeFileSync(
    conf,
    [
      "daemon off;",
      "worker_processes auto;",
      `pid ${join(root, "nginx.pid")};`,
      `error_log ${join(root, "error.log")};`,
      "events { worker_connections 1024; }",
      "http {",
      "  access_log off;",
      `  client_body_temp_path ${root}; proxy_temp_path ${root}; fastcgi_temp_path ${root}; uwsgi_temp_path ${root}; scgi_temp_path ${root};`,
      "  sendfile on; tcp_nopush on; keepalive_requests 100000;",
      `  server { listen 127.0.0.1:${NGINX_PORT}; root ${join(root, "www")}; default_type application/octet-stream; etag on; }`,
      "}",
    ].join("\n"),
  );
  return startGroup("nginx", ["-c", conf, "-p", root], NGINX_PORT, process.env);
}

async function drive(
  url: string,
  headers: Record<string, string>,
  seconds: number,
  connections: number,
) {
  await autocannon({ url, headers, connections, duration: 1 });
  const result = await autocannon({ url, headers, connections, duration: seconds });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    total: Math.max(result.requests.total, 1),
  };
}

/** Cache hits of each endpoint without the dev proxy, beside nginx and the baseline. */
export async function directRun(options: {
  state: string;
  scratch: string;
  endpoints: (base: string) => Promise<Endpoint[]>;
  vars: string[];
  seconds: number;
  connections: number;
}): Promise<DirectRow[]> {
  const serviceBundle = join(options.scratch, "service");
  const baselineBundle = join(options.scratch, "baseline");
  const www = join(options.scratch, "nginx", "www");
  mkdirSync(www, { recursive: true });
  bundle("wrangler.toml", serviceBundle);
  bundle("bench/baseline.toml", baselineBundle);
  const base = `http://127.0.0.1:${SERVICE_PORT}`;
  const service = await direct("wrangler.toml", serviceBundle, SERVICE_PORT, [
    "--persist-to",
    options.state,
    ...options.vars.flatMap((v) => ["--var", v]),
    "--var",
    `SITE_URL:${base}`,
  ]);
  const baseline = await direct("bench/baseline.toml", baselineBundle, BASELINE_PORT, []);
  // Edge-cached pages and feeds only: partner sync is per key and never cached.
  const endpoints = (await options.endpoints(base)).filter(
    (e) => e.expect === 200 && !e.path.startsWith("/partner/"),
  );
  const bodies: { endpoint: Endpoint; file: string; bytes: number }[] = [];
  for (const [i, endpoint] of endpoints.entries()) {
    const res = await fetch(base + endpoint.path, { headers: endpoint.headers });
    const body = new Uint8Array(await res.arrayBuffer());
    const file = `/${i}.body`;
    writeFileSync(join(www, file), body);
    bodies.push({ endpoint, file, bytes: body.byteLength });
  }
  const nginx = await startNginx(join(options.scratch, "nginx"));
  const rows: DirectRow[] = [];
  try {
    for (const { endpoint, file, bytes } of bodies) {
      const meter = (group: ChildProcess, port: number) => {
        const cpu = workerdCpu(group, port);
        return cpu.runtime + cpu.proxy;
      };
      let before = meter(service, SERVICE_PORT);
      const figures = await drive(
        base + endpoint.path,
        endpoint.headers,
        options.seconds,
        options.connections,
      );
      const cpu = (meter(service, SERVICE_PORT) - before) / figures.total;
      before = meter(baseline, BASELINE_PORT);
      const reference = await drive(
        `http://127.0.0.1:${BASELINE_PORT}/?bytes=${Math.max(bytes, 1)}`,
        {},
        options.seconds,
        options.connections,
      );
      const baselineCpu = (meter(baseline, BASELINE_PORT) - before) / reference.total;
      const statically = await drive(
        `http://127.0.0.1:${NGINX_PORT}${file}`,
        {},
        options.seconds,
        options.connections,
      );
      rows.push({
        endpoint: endpoint.name,
        bytes,
        rps: figures.rps,
        p50: figures.p50,
        cpu,
        baselineRps: reference.rps,
        baselineCpu,
        nginxRps: statically.rps,
        nginxP50: statically.p50,
      });
      console.error(
        `  direct ${endpoint.name}: ${figures.rps.toFixed(0)} req/s, ${cpu.toFixed(2)} ms CPU/req; nginx ${statically.rps.toFixed(0)} req/s`,
      );
    }
  } finally {
    await stopAndWait(service, SERVICE_PORT);
    await stopAndWait(baseline, BASELINE_PORT);
    await stopAndWait(nginx, NGINX_PORT);
  }
  return rows;
}

export function directTable(n: number, rows: DirectRow[]): string {
  const lines = [
    "| N | endpoint | bytes | hit req/s | hit p50 ms | workerd CPU ms/req | baseline req/s | baseline CPU ms/req | Worker CPU ms/req | nginx req/s | nginx p50 ms | hit ÷ nginx |",
    "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const r of rows) {
    lines.push(
      `| ${n.toLocaleString("en")} | ${r.endpoint} | ${r.bytes} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.cpu.toFixed(2)} | ${r.baselineRps.toFixed(0)} | ${r.baselineCpu.toFixed(2)} | ${(r.cpu - r.baselineCpu).toFixed(2)} | ${r.nginxRps.toFixed(0)} | ${r.nginxP50} | ${r.nginxRps ? (r.rps / r.nginxRps).toFixed(2) : "–"} |`,
    );
  }
  return lines.join("\n");
}
