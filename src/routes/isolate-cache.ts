/** A response held in an isolate's memory: its encoded body, headers and expiry. */
export interface HeldResponse {
  /** UTF-8 already, so a hit does not encode the text again. */
  body: Uint8Array;
  headers: [string, string][];
  expiresAt: number;
}

/**
 * The first cache tier: recent responses in the isolate's own memory, in front of the
 * Cache API. A hit costs no I/O at all, which is what lets cached feeds keep pace with a
 * constant-body Worker. Keys carry the content generation like the Cache API's, so a write
 * retires entries here exactly as there. Bounded in bytes, least recently used out first.
 */
export class IsolateCache {
  private readonly entries = new Map<string, HeldResponse>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string, now: number): HeldResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= now) {
      this.bytes -= entry.body.byteLength;
      return undefined;
    }
    // Re-inserting keeps Map order as recency order.
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: HeldResponse): void {
    if (entry.body.byteLength > this.maxBytes / 8) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.body.byteLength;
    }
    this.entries.set(key, entry);
    this.bytes += entry.body.byteLength;
    for (const [oldest, held] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= held.body.byteLength;
    }
  }
}
