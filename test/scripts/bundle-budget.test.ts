import { describe, expect, it } from "vitest";
import { judgeBundle, WORKER_SIZE_LIMITS } from "../../scripts/bundle-budget";

const MIB = 1024 * 1024;

describe("the bundle-size gate", () => {
  it("passes a bundle under every limit and prints its size and headroom", () => {
    const verdict = judgeBundle({ raw: 2.5 * MIB, gzip: 0.5 * MIB }, WORKER_SIZE_LIMITS);
    expect(verdict.ok).toBe(true);
    expect(verdict.lines[0]).toBe("bundle: 2.50 MiB, 512.0 KiB gzipped");
    expect(verdict.lines).toContain(
      "ok: Workers Paid budget (gzip) 10.00 MiB: 5.0% used, 9.50 MiB headroom",
    );
    expect(verdict.lines).toContain(
      "ok: Workers upload limit (uncompressed, every plan) 64.00 MiB: 3.9% used, 61.50 MiB headroom",
    );
  });

  it("fails a bundle over the Paid plan's gzip budget, saying by how much", () => {
    const verdict = judgeBundle({ raw: 40 * MIB, gzip: 10 * MIB + 1024 }, WORKER_SIZE_LIMITS);
    expect(verdict.ok).toBe(false);
    expect(verdict.lines).toContain(
      "TOO LARGE: Workers Paid budget (gzip) is 10.00 MiB; the bundle is 1.0 KiB over (100.0%)",
    );
  });

  it("fails a bundle over the 64 MiB upload limit even when it gzips small", () => {
    const verdict = judgeBundle({ raw: 65 * MIB, gzip: 2 * MIB }, WORKER_SIZE_LIMITS);
    expect(verdict.ok).toBe(false);
    expect(verdict.lines.filter((l) => l.startsWith("TOO LARGE"))).toEqual([
      "TOO LARGE: Workers upload limit (uncompressed, every plan) is 64.00 MiB; the bundle is 1.00 MiB over (101.6%)",
    ]);
  });

  it("passes a bundle exactly at a limit", () => {
    expect(judgeBundle({ raw: 64 * MIB, gzip: 10 * MIB }, WORKER_SIZE_LIMITS).ok).toBe(true);
  });
});
