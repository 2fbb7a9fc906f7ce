import type { Db } from "../db/client";
import { type Receipt, type ReceiptVia, recordReceipts } from "../db/partner-sync";
import { BoundedLru } from "../domain/bounded-lru";

/**
 * Receipts this isolate has written, as the version by "partner story lang". The ledger keeps
 * each variant's newest version and never deletes a row, so a receipt no newer than one written
 * here would change nothing: a partner reading again what it holds (a retried page, a re-read
 * story) costs no D1 write. Some 20,000 entries, about 2 MB.
 */
const written = new BoundedLru<number>(20_000, () => 1);

function keyOf(receipt: Receipt): string {
  return `${receipt.partnerId} ${receipt.storyId} ${receipt.lang}`;
}

/** Records what partners received (see recordReceipts), skipping what this isolate already wrote. */
export async function recordReceived(
  db: Db,
  receipts: readonly Receipt[],
  via: ReceiptVia,
  at: string,
): Promise<void> {
  const fresh = receipts.filter((r) => (written.get(keyOf(r)) ?? -1) < r.version);
  await recordReceipts(db, fresh, via, at);
  for (const receipt of fresh) written.set(keyOf(receipt), receipt.version);
}
