import { BoundedLru } from "../domain/bounded-lru";
import { feedItemCache } from "../feeds/items";
import { partnerDocumentCache } from "../services/partner-documents";

/**
 * Feed items rendered by earlier requests of this isolate, for public and partner feeds: up to
 * 8 Mi UTF-16 code units (16 MiB at most), some 1,500 items with realistic bodies.
 */
export const feedItems = feedItemCache(8 * 1024 * 1024);

/** Partner documents rendered by earlier sync pages of this isolate: up to 8 MiB of UTF-8 JSON. */
export const partnerDocuments = partnerDocumentCache(8 * 1024 * 1024);

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
  private readonly entries: BoundedLru<HeldResponse>;

  constructor(maxBytes: number) {
    this.entries = new BoundedLru(maxBytes, (held) => held.body.byteLength);
  }

  get(key: string, now: number): HeldResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, entry: HeldResponse): void {
    this.entries.set(key, entry);
  }
}
