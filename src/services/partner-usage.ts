import type { Db } from "../db/client";
import { countPull, deliveryCounts, pullCounts } from "../db/usage";
import {
  DELIVERY_OUTCOMES,
  type DeliveryOutcome,
  PULL_ROUTES,
  type PullRoute,
  type UsageDay,
} from "../domain/partner-usage";
import { getPartner } from "./partners";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Counts one pull; runs after the response, so it never slows the partner down. */
export function recordPull(db: Db, partnerId: string, route: PullRoute, now: Date) {
  return countPull(db, partnerId, now.toISOString().slice(0, 10), route);
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
