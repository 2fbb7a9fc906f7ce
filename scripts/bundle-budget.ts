/**
 * The Worker's size limits, and the verdict on one built bundle. Pure, so a test can hold it to
 * its word; scripts/check-bundle-size.ts measures the bundle and prints the verdict.
 */

const MIB = 1024 * 1024;

export interface BundleSize {
  /** Bytes of every module wrangler would upload. */
  raw: number;
  /** The same, gzipped as wrangler reports it ("Total Upload: … / gzip: …"). */
  gzip: number;
}

export interface SizeLimit {
  name: string;
  bytes: number;
  measure: keyof BundleSize;
}

/**
 * Since 2026-09-04 Cloudflare checks only the uncompressed upload, 64 MiB on every plan
 * (developers.cloudflare.com/changelog/post/2026-09-04-increased-worker-size-limit). The
 * Workers Paid plan's former 10 MiB after gzip stays as a budget: startup time (1 s to parse
 * and run the global scope) grows with the script, and a bundle that outgrew it has a cause
 * worth finding before it ships.
 */
export const WORKER_SIZE_LIMITS: readonly SizeLimit[] = [
  { name: "Workers upload limit (uncompressed, every plan)", bytes: 64 * MIB, measure: "raw" },
  { name: "Workers Paid budget (gzip)", bytes: 10 * MIB, measure: "gzip" },
];

export interface Verdict {
  ok: boolean;
  lines: string[];
}

export function judgeBundle(size: BundleSize, limits: readonly SizeLimit[]): Verdict {
  const lines = [`bundle: ${formatBytes(size.raw)}, ${formatBytes(size.gzip)} gzipped`];
  let ok = true;
  for (const limit of limits) {
    const used = size[limit.measure];
    const headroom = limit.bytes - used;
    const share = `${((used / limit.bytes) * 100).toFixed(1)}%`;
    if (headroom >= 0) {
      lines.push(
        `ok: ${limit.name} ${formatBytes(limit.bytes)}: ${share} used, ${formatBytes(headroom)} headroom`,
      );
    } else {
      ok = false;
      lines.push(
        `TOO LARGE: ${limit.name} is ${formatBytes(limit.bytes)}; the bundle is ${formatBytes(-headroom)} over (${share})`,
      );
    }
  }
  return { ok, lines };
}

/** Binary units, as wrangler prints them. */
export function formatBytes(bytes: number): string {
  if (bytes >= MIB) return `${(bytes / MIB).toFixed(2)} MiB`;
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
