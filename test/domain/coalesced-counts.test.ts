import { describe, expect, it } from "vitest";
import { CoalescedCounts, type Count } from "../../src/domain/coalesced-counts";

/** A write that keeps what it was given, failing while `failing` says so. */
function recorder() {
  const writes: Count<string>[][] = [];
  const state = { failing: false };
  const write = async (counts: readonly Count<string>[]) => {
    if (state.failing) throw new Error("storage down");
    writes.push(counts.map((c) => ({ ...c })));
  };
  return { writes, state, write };
}

describe("counts written together", () => {
  it("writes every add of a window once, by the add that opened it", async () => {
    const counts = new CoalescedCounts<string>();
    const { writes, write } = recorder();
    const opened = counts.add("a", "a", 10, write);
    expect(opened).toBeInstanceOf(Promise);
    expect(counts.add("a", "a", 10, write)).toBeNull();
    expect(counts.add("b", "b", 10, write)).toBeNull();
    expect(counts.add("a", "a", 10, write)).toBeNull();
    expect(writes).toEqual([]);
    await opened;
    expect(writes).toEqual([
      [
        { key: "a", n: 3 },
        { key: "b", n: 1 },
      ],
    ]);
  });

  it("opens a new window for an add made once the write has begun", async () => {
    const counts = new CoalescedCounts<string>();
    const writes: Count<string>[][] = [];
    let later: Promise<void> | null = null;
    const write = async (taken: readonly Count<string>[]) => {
      writes.push([...taken]);
      // An add while the first write is under way belongs to the next one.
      later ??= counts.add("a", "a", 0, write);
    };
    await counts.add("a", "a", 0, write);
    expect(later).toBeInstanceOf(Promise);
    await later;
    expect(writes).toEqual([[{ key: "a", n: 1 }], [{ key: "a", n: 1 }]]);
  });

  it("keeps the counts of a failed write for the next window", async () => {
    const counts = new CoalescedCounts<string>();
    const { writes, state, write } = recorder();
    state.failing = true;
    const failed = counts.add("a", "a", 0, write);
    counts.add("a", "a", 0, write);
    await expect(failed).rejects.toThrow("storage down");
    state.failing = false;
    await counts.add("a", "a", 0, write);
    expect(writes).toEqual([[{ key: "a", n: 3 }]]);
  });
});
