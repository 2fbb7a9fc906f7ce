import { sql } from "kysely";
import { BoundedLru } from "../domain/bounded-lru";
import type { Db } from "./client";

/**
 * Variant bodies in R2 (migration 0057). A write puts the body in D1, inside its one atomic
 * batch, so a story is never half written and a refused batch leaves nothing behind in R2.
 * The mover then copies it to an object of its own and points `body_key` at it; the pointer
 * moves only if the row still holds that body, so a write racing the mover always wins.
 * A key is never reused (a random name per move): no PUT can overwrite what a reader holds.
 */

/** Variants the mover takes per D1 batch: two statements each, well inside D1's limits. */
const MOVE_BATCH = 50;

/** How long a superseded object is kept: a reader that read its key may still be fetching it. */
export const BODY_GRACE_MS = 24 * 60 * 60 * 1000;

/** R2 deletes at most 1,000 keys per call. */
const SWEEP_BATCH = 1000;

export function bodyObjectKey(storyId: string, lang: string): string {
  return `bodies/${encodeURIComponent(storyId)}/${lang}/${crypto.randomUUID()}.html`;
}

/** A variant's body as its row stores it: inline, or in the R2 object `body_key` names. */
export interface StoredBody {
  body: string;
  body_key: string | null;
}

/** A body_key no object answers for: the row is unreadable until it is written again. */
export class MissingBody extends Error {
  constructor(readonly key: string) {
    super(`story body ${key} is missing from R2`);
    this.name = "MissingBody";
  }
}

/**
 * The text of each stored body, in order; null for an object R2 does not hold. Inline bodies
 * cost nothing; the others are fetched in parallel, one GET each.
 */
export async function readBodies(
  db: Db,
  stored: readonly StoredBody[],
): Promise<(string | null)[]> {
  const keys = stored.map((s) => s.body_key).filter((k): k is string => k !== null);
  if (keys.length === 0) return stored.map((s) => s.body);
  const bucket = db.bodies;
  if (!bucket) throw new Error("story bodies are in R2 but the BODIES binding is missing");
  const texts = new Map<string, string | null>();
  const unread: string[] = [];
  for (const key of new Set(keys)) {
    const kept = keptBodies.get(key);
    if (kept === undefined) unread.push(key);
    else texts.set(key, kept);
  }
  await Promise.all(
    unread.map(async (key) => {
      const text = (await (await bucket.get(key))?.text()) ?? null;
      texts.set(key, text);
      if (text !== null) keptBodies.set(key, text);
    }),
  );
  return stored.map((s) => (s.body_key === null ? s.body : (texts.get(s.body_key) ?? null)));
}

/**
 * Body texts this isolate read from R2, by key: up to 4 Mi UTF-16 code units (8 MiB at most),
 * some 1,000 realistic bodies. A key is never reused and its object never rewritten, so a kept
 * text cannot be stale: a write points its row at a new key. A popular story then costs no GET
 * (a round trip and a Class B operation) on a story page, search result or partner document.
 */
const keptBodies = new BoundedLru<string>(4 * 1024 * 1024, (text) => text.length);

/**
 * The rows whose body could be read, each with its text as `body`; a row whose object is lost
 * is left out and logged, so one lost object never fails a whole listing.
 */
export async function rowsWithBodies<R extends StoredBody>(
  db: Db,
  rows: readonly R[],
): Promise<R[]> {
  const texts = await readBodies(db, rows);
  return rows.flatMap((row, i) => {
    const body = texts[i];
    if (body === null || body === undefined) {
      console.error(new MissingBody(row.body_key ?? ""));
      return [];
    }
    return [{ ...row, body }];
  });
}

/** Like readBodies, for reads that cannot leave a story out: a missing object throws. */
export async function requireBodies(db: Db, stored: readonly StoredBody[]): Promise<string[]> {
  const texts = await readBodies(db, stored);
  return texts.map((text, i) => {
    if (text === null) throw new MissingBody(stored[i]?.body_key ?? "");
    return text;
  });
}

/**
 * Moves bodies still inline in D1 to R2, at most `limit` (one story's, or the oldest first);
 * returns how many moved. Without a BODIES binding bodies stay in D1 and nothing moves.
 */
export async function moveInlineBodies(
  db: Db,
  { storyId, limit }: { storyId?: string; limit: number },
): Promise<number> {
  const bucket = db.bodies;
  if (!bucket) return 0;
  let moved = 0;
  while (moved < limit) {
    const rows = await db
      .selectFrom("story_variants")
      .select(["story_id", "lang", "body"])
      .where("body_key", "is", null)
      .$if(storyId !== undefined, (q) => q.where("story_id", "=", storyId as string))
      .limit(Math.min(MOVE_BATCH, limit - moved))
      .execute();
    if (rows.length === 0) break;
    const placed = rows.map((row) => ({ ...row, key: bodyObjectKey(row.story_id, row.lang) }));
    await Promise.all(
      placed.map((p) =>
        bucket.put(p.key, p.body, { httpMetadata: { contentType: "text/html; charset=utf-8" } }),
      ),
    );
    const now = new Date().toISOString();
    await db.batch(
      placed.flatMap((p) => [
        db
          .updateTable("story_variants")
          .set({ body: "", body_key: p.key })
          .where("story_id", "=", p.story_id)
          .where("lang", "=", p.lang)
          .where("body_key", "is", null)
          .where("body", "=", p.body),
        // A write changed the body after it was read: its object is nobody's.
        db
          .insertInto("body_garbage")
          .columns(["key", "superseded_at"])
          .expression(sql`select ${p.key}, ${now} where changes() = 0`),
      ]),
    );
    moved += rows.length;
    if (rows.length < MOVE_BATCH) break;
  }
  return moved;
}

/** How many variant bodies are still inline in D1 (a range of idx_variant_body_inline). */
export async function countInlineBodies(db: Db): Promise<number> {
  const row = await db
    .selectFrom("story_variants")
    .select((eb) => eb.fn.countAll<number>().as("inline"))
    .where("body_key", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.inline);
}

/** Deletes from R2 the objects superseded more than a grace period ago; returns how many. */
export async function sweepBodyGarbage(db: Db, now: Date): Promise<number> {
  const bucket = db.bodies;
  if (!bucket) return 0;
  const before = new Date(now.getTime() - BODY_GRACE_MS).toISOString();
  const rows = await db
    .selectFrom("body_garbage")
    .select("key")
    .where("superseded_at", "<", before)
    .orderBy("superseded_at")
    .limit(SWEEP_BATCH)
    .execute();
  if (rows.length === 0) return 0;
  const keys = rows.map((r) => r.key);
  await bucket.delete(keys);
  await db
    .deleteFrom("body_garbage")
    .where("key", "in", sql<string>`(select value from json_each(${JSON.stringify(keys)}))`)
    .execute();
  return keys.length;
}
