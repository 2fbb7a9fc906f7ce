import type { Db } from "../db/client";
import { countPulls, deliveryCounts, type PullCount, pullCounts } from "../db/usage";
import { CoalescedCounts } from "../domain/coalesced-counts";
import {
  DELIVERY_OUTCOMES,
  type DeliveryOutcome,
  PULL_ROUTES,
  type PullRoute,
  type UsageDay,
} from "../domain/partner-usage";
import { getPartner } from "./partners";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Pulls of this isolate not yet written, by partner, day and route. */
const pulls = new CoalescedCounts<Omit<PullCount, "n">>();

/**
 * Counts one pull. Pulls within `windowMs` of the first are written together by one upsert,
 * so a partner syncing flat out costs a D1 write per window, not one per request (about a
 * millisecond of CPU each under `wrangler dev`). Returns that write when this pull opened the
 * window (the caller keeps the isolate alive for it, after the response), else null.
 */
export function recordPull(
  db: Db,
  partnerId: string,
  route: PullRoute,
  now: Date,
  windowMs: number,
): Promise<void> | null {
  const day = now.toISOString().slice(0, 10);
  return pulls.add(`${partnerId} ${day} ${route}`, { partnerId, day, route }, windowMs, (counts) =>
    countPulls(
      db,
      counts.map(({ key, n }) => ({ ...key, n })),
    ),
  );
}

/**
 * A partner's last `days` UTC days, today included, oldest first; days without use are listed
 * with zeros, so a report's rows line up with the calendar.
 */
export async function partnerUsage(
  db: Db,
  partnerId: string,
  days: number,
  now: Date,
): Promise<UsageDay[]> {
  await getPartner(db, partnerId);
  const calendar = Array.from({ length: days }, (_, i) =>
    new Date(now.getTime() - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10),
  );
  const from = calendar[0] as string;
  const to = calendar[calendar.length - 1] as string;
  const [pulls, deliveries] = await Promise.all([
    pullCounts(db, partnerId, from, to),
    deliveryCounts(db, partnerId, from, to),
  ]);
  return calendar.map((day) => ({
    day,
    pulls: tally(
      PULL_ROUTES,
      pulls.filter((p) => p.day === day).map((p) => [p.route, p.count]),
    ),
    deliveries: tally(
      DELIVERY_OUTCOMES,
      deliveries
        .filter((d) => d.day === day)
        .map((d) => [d.status as DeliveryOutcome, Number(d.count)]),
    ),
  }));
}

function tally<K extends string>(keys: readonly K[], counts: [K, number][]): Record<K, number> {
  const totals = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const [key, count] of counts) if (key in totals) totals[key] += count;
  return totals;
}
