// Starting, stopping and metering the processes that the benchmarks and the body mover drive:
// `wrangler dev` instances (each its own process group) and whatever else listens on a loopback
// port.
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { WRANGLER_ENV } from "./local-d1";

const running = new Set<ChildProcess>();
// Whatever ends the run, no wrangler, workerd or nginx may outlive it holding a port.
process.on("exit", () => {
  for (const child of running) stopGroup(child);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => process.exit(130));
}

/** Starts a command in its own process group and waits until `port` answers HTTP. */
export async function startGroup(
  command: string,
  args: string[],
  port: number,
  env: NodeJS.ProcessEnv = WRANGLER_ENV,
): Promise<ChildProcess> {
  if (await answers(port)) throw new Error(`port ${port} is taken: stop what runs there first`);
  const child = spawn(command, args, {
    env,
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
  });
  running.add(child);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await answers(port)) return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  stopGroup(child);
  throw new Error(`${command} on port ${port} did not start within 60 s`);
}

/** `wrangler dev` on `port` with extra arguments. */
export function startWrangler(args: string[], port: number): Promise<ChildProcess> {
  return startGroup(
    "wrangler",
    [
      "dev",
      ...args,
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--show-interactive-dev-session=false",
    ],
    port,
  );
}

/**
 * `wrangler dev` serving a seeded state as the benchmarks measure it: the edge cache on or
 * off, an admin token for setting up, links to its own port, and no per-key rate limit (one
 * benchmark key sends far more than a partner's per-minute allowance).
 */
export function startSeededService(
  state: string,
  port: number,
  {
    edgeCache,
    adminToken,
    extra = [],
  }: { edgeCache: boolean; adminToken: string; extra?: string[] },
): Promise<ChildProcess> {
  return startWrangler(
    [
      "--persist-to",
      state,
      ...extra,
      "--var",
      `EDGE_CACHE:${edgeCache ? "on" : "off"}`,
      "--var",
      `ADMIN_TOKEN:${adminToken}`,
      "--var",
      `SITE_URL:http://127.0.0.1:${port}`,
      "--var",
      "PARTNER_RATE_LIMIT:off",
    ],
    port,
  );
}

export async function answers(port: number): Promise<boolean> {
  try {
    await (await fetch(`http://127.0.0.1:${port}/`, { redirect: "manual" })).arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

export async function stopAndWait(child: ChildProcess, port: number): Promise<void> {
  stopGroup(child);
  for (let i = 0; i < 40 && (await answers(port)); i++) {
    await new Promise((r) => setTimeout(r, 250));
  }
}

function stopGroup(child: ChildProcess): void {
  running.delete(child);
  if (child.pid === undefined) return;
  try {
    // workerd is a grandchild: stop the whole group or it keeps the port.
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // already gone
  }
}

/**
 * CPU time (user + system, in ms) spent so far by the workerd processes of a `wrangler dev`
 * group. wrangler runs two: its dev proxy, which owns the public port, and the runtime that
 * runs the Worker itself; they are told apart by the port in the proxy's command line.
 */
export function workerdCpu(
  group: ChildProcess,
  publicPort: number,
): { runtime: number; proxy: number } {
  const cpu = { runtime: 0, proxy: 0 };
  for (const proc of groupProcesses(group)) {
    if (proc.comm !== "workerd") continue;
    if (proc.cmdline.includes(`127.0.0.1:${publicPort}`)) cpu.proxy += proc.cpuMs;
    else cpu.runtime += proc.cpuMs;
  }
  return cpu;
}

/** CPU time (ms) spent so far by every process of a group. */
export function groupCpu(group: ChildProcess): number {
  return groupProcesses(group).reduce((sum, proc) => sum + proc.cpuMs, 0);
}

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on

function groupProcesses(group: ChildProcess) {
  const found: { comm: string; cmdline: string; cpuMs: number }[] = [];
  if (group.pid === undefined) return found;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // comm may hold spaces and parentheses: the fields start after the last ")".
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const fields = stat.slice(close + 2).split(" ");
      if (Number(fields[2]) !== group.pid) continue;
      const ticks = Number(fields[11]) + Number(fields[12]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ");
      found.push({ comm, cmdline, cpuMs: (ticks * 1000) / TICKS_PER_SECOND });
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}
