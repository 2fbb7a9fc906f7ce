/**
 * A map bounded by the total size of its values, least recently used out first. Map keeps
 * insertion order, so re-inserting on every read makes its order the recency order.
 */
export class BoundedLru<V> {
  private readonly entries = new Map<string, V>();
  private size = 0;

  constructor(
    private readonly maxSize: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** Values over an eighth of the bound are not kept: one would push out many others. */
  set(key: string, value: V): void {
    const size = this.sizeOf(value);
    if (size > this.maxSize / 8) return;
    this.delete(key);
    this.entries.set(key, value);
    this.size += size;
    // Deleting the entry a Map iterator stands on is safe: it moves on to the next one.
    for (const oldest of this.entries.keys()) {
      if (this.size <= this.maxSize) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const old = this.entries.get(key);
    if (old === undefined) return;
    this.entries.delete(key);
    this.size -= this.sizeOf(old);
  }
}
