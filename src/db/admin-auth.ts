import { sql } from "kysely";
import type { Db } from "./client";

export interface AuthFailureWindow {
  /** Unix seconds when the window opened. */
  windowStart: number;
  failures: number;
}

/** The client's open failure window, if it has one (a primary-key seek). */
export async function readAuthFailures(
  db: Db,
  client: string,
  openSince: number,
): Promise<AuthFailureWindow | null> {
  const row = await db
    .selectFrom("admin_auth_failures")
    .select(["window_start", "failures"])
    .where("client", "=", client)
    .where("window_start", ">", openSince)
    .executeTakeFirst();
  return row ? { windowStart: row.window_start, failures: row.failures } : null;
}

/**
 * Counts one failure: in the client's open window, or in a new one opened `now` when its last
 * window closed (at or before `openSince`). Closed windows of every client go in the same batch.
 */
export async function recordAuthFailure(
  db: Db,
  client: string,
  now: number,
  openSince: number,
): Promise<void> {
  await db.batch([
    db.deleteFrom("admin_auth_failures").where("window_start", "<=", openSince),
    db
      .insertInto("admin_auth_failures")
      .values({ client, window_start: now, failures: 1 })
      .onConflict((oc) =>
        oc.column("client").doUpdateSet({
          failures: sql`case when window_start <= ${openSince} then 1 else failures + 1 end`,
          window_start: sql`case when window_start <= ${openSince} then excluded.window_start else window_start end`,
        }),
      ),
  ]);
}
