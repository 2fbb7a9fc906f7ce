import { sql } from "kysely";
import type { PullRoute } from "../domain/partner-usage";
import { chunkRows, type Db } from "./client";

/** Pulls to add to a partner's count of a route on a UTC day. */
export interface PullCount {
  partnerId: string;
  day: string;
  route: PullRoute;
  n: number;
}

/** Adds pulls to the day's counts: upserts, so concurrent writers all count. */
export async function countPulls(db: Db, counts: readonly PullCount[]) {
  for (const chunk of chunkRows(counts.map(pullRow))) {
    await db
      .insertInto("partner_pulls")
      .values(chunk)
      .onConflict((oc) =>
        oc
          .columns(["partner_id", "day", "route"])
          .doUpdateSet({ count: sql`partner_pulls.count + excluded.count` }),
      )
      .execute();
  }
}

function pullRow({ partnerId, day, route, n }: PullCount) {
  return { partner_id: partnerId, day, route, count: n };
}

/** Pulls per day and route in [fromDay, toDay] (YYYY-MM-DD, inclusive). */
export function pullCounts(db: Db, partnerId: string, fromDay: string, toDay: string) {
  return db
    .selectFrom("partner_pulls")
    .select(["day", "route", "count"])
    .where("partner_id", "=", partnerId)
    .where("day", ">=", fromDay)
    .where("day", "<=", toDay)
    .execute();
}

/** Webhook attempts per UTC day and outcome (delivered, failed, dead) in [fromDay, toDay]. */
export async function deliveryCounts(db: Db, partnerId: string, fromDay: string, toDay: string) {
  const { rows } = await sql<{ day: string; status: string; count: number }>`
    select substr(attempted_at, 1, 10) as day, status, count(*) as count
    from webhook_deliveries
    where partner_id = ${partnerId}
      and attempted_at >= ${fromDay} and attempted_at < ${nextDay(toDay)}
      and status != 'pending'
    group by day, status`.execute(db);
  return rows;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
