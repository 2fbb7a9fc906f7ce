// npm run bench:profile -- --persist-to DIR --path /en/search?q=bridge [--seconds 8] [--hit]
//
// Where one endpoint's Worker CPU goes: serves a seeded state (`npm run seed:synthetic --
// --persist-to DIR`) with `wrangler dev`, edge cache bypassed unless --hit, loads the path with
// autocannon and takes a V8 CPU profile of the Worker through wrangler's inspector, then prints
// the functions by self and by inclusive time, in ms per request. The profile covers the
// Worker's own JavaScript, not D1's SQLite or the dev proxy; sampling adds some overhead, so
// read shares, and take the bench's figures for totals. Partner paths get a key of their own.
import autocannon from "autocannon";
import WebSocket from "ws";
import { argValue } from "../scripts/local-d1";
import { startSeededService, stopAndWait } from "../scripts/processes";

const persistTo = argValue("--persist-to");
const path = argValue("--path");
const seconds = Number(argValue("--seconds") ?? "8");
if (!persistTo || !path) {
  console.error(
    "usage: npm run bench:profile -- --persist-to DIR --path /PATH [--seconds S] [--hit]",
  );
  process.exit(1);
}
const PORT = 8811;
const INSPECTOR_PORT = 9339;
const ADMIN_TOKEN = "profile-admin-token";
const TOP = 25;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  startTime: number;
  endTime: number;
}

/** One Chrome DevTools Protocol session: send a method, await its result. */
async function devtools(url: string) {
  // wrangler's inspector proxy answers only DevTools' origins.
  const socket = new WebSocket(url, { origin: "https://devtools.devprod.cloudflare.dev" });
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  const pending = new Map<number, (result: unknown) => void>();
  socket.on("message", (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  let next = 0;
  return {
    send<T>(method: string, params: object = {}): Promise<T> {
      const id = ++next;
      socket.send(JSON.stringify({ id, method, params }));
      return new Promise((resolve) => pending.set(id, resolve as (result: unknown) => void));
    },
    close: () => socket.close(),
  };
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || "(anonymous)"} ${url.split("/").at(-1) ?? ""}:${lineNumber + 1}`;
}

/** Milliseconds per function, self and inclusive (each function once per sample's stack). */
function timesByFunction(profile: Profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  const msPerSample = (profile.endTime - profile.startTime) / 1000 / profile.samples.length;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const sample of profile.samples) {
    const leaf = byId.get(sample);
    if (!leaf) continue;
    const name = frameName(leaf);
    self.set(name, (self.get(name) ?? 0) + msPerSample);
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parentOf.get(id)) {
      const node = byId.get(id);
      if (!node) break;
      const frame = frameName(node);
      if (seen.has(frame)) continue;
      seen.add(frame);
      inclusive.set(frame, (inclusive.get(frame) ?? 0) + msPerSample);
    }
  }
  return { self, inclusive };
}

function printTop(title: string, times: Map<string, number>, requests: number) {
  console.log(`\n${title} (ms per request)`);
  for (const [name, ms] of [...times].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    console.log(`${(ms / requests).toFixed(3).padStart(8)}  ${name}`);
  }
}

async function partnerKey(base: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/partners`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "Profile", languages: ["uk", "en", "ru"], fullText: true }),
  });
  if (!response.ok) throw new Error(`creating a partner: ${response.status}`);
  return ((await response.json()) as { key: string }).key;
}

const worker = await startSeededService(persistTo, PORT, {
  edgeCache: process.argv.includes("--hit"),
  adminToken: ADMIN_TOKEN,
  extra: ["--inspector-port", String(INSPECTOR_PORT)],
});
try {
  const base = `http://127.0.0.1:${PORT}`;
  const headers: Record<string, string> = path.startsWith("/partner/")
    ? { authorization: `Bearer ${await partnerKey(base)}` }
    : {};
  const url = `${base}${path}`;
  const warm = await fetch(url, { headers });
  console.log(`${path}: ${warm.status}, ${(await warm.arrayBuffer()).byteLength} bytes`);
  await autocannon({ url, headers, connections: 8, duration: 2 });
  const targets = (await (await fetch(`http://127.0.0.1:${INSPECTOR_PORT}/json`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const target = targets[0];
  if (!target) throw new Error("wrangler's inspector lists no Worker");
  const session = await devtools(target.webSocketDebuggerUrl);
  await session.send("Profiler.enable");
  await session.send("Profiler.setSamplingInterval", { interval: 100 });
  await session.send("Profiler.start");
  const load = await autocannon({ url, headers, connections: 8, duration: seconds });
  const { profile } = await session.send<{ profile: Profile }>("Profiler.stop");
  session.close();
  const requests = load.requests.total;
  console.log(`${requests} requests in ${seconds} s, ${load.non2xx} not 2xx`);
  const { self, inclusive } = timesByFunction(profile);
  printTop("self", self, requests);
  printTop("inclusive", inclusive, requests);
} finally {
  await stopAndWait(worker, PORT);
}
