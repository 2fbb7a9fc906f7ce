/** How many times a key was added within one window. */
export interface Count<K> {
  key: K;
  n: number;
}

/**
 * Counters written together: the first add after a write opens a window, and every add until
 * the window closes joins the one write its opener makes. A busy client then costs one
 * storage write per window instead of one per request. Counts of a failed write are kept for
 * the next window's write.
 */
export class CoalescedCounts<K> {
  private readonly pending = new Map<string, Count<K>>();
  private open = false;

  /**
   * Adds one to `key` (told apart by `id`). Returns the write of the window this add opened,
   * which the caller must see through (waitUntil), or null when a window was already open:
   * its opener's write carries this add too.
   */
  add(
    id: string,
    key: K,
    windowMs: number,
    write: (counts: readonly Count<K>[]) => Promise<void>,
  ): Promise<void> | null {
    const counted = this.pending.get(id);
    if (counted) counted.n += 1;
    else this.pending.set(id, { key, n: 1 });
    if (this.open) return null;
    this.open = true;
    return this.writeAfter(windowMs, write);
  }

  private async writeAfter(
    windowMs: number,
    write: (counts: readonly Count<K>[]) => Promise<void>,
  ): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const taken = [...this.pending.entries()];
    this.pending.clear();
    this.open = false;
    try {
      await write(taken.map(([, count]) => count));
    } catch (error) {
      for (const [id, { key, n }] of taken) {
        const counted = this.pending.get(id);
        if (counted) counted.n += n;
        else this.pending.set(id, { key, n });
      }
      throw error;
    }
  }
}
