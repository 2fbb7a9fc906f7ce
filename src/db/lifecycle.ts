import { type RawBuilder, sql } from "kysely";
import {
  LIVE_STATUS,
  PARTNER_VISIBLE_STATUSES,
  PUBLICATION_EVENT_KINDS,
  type StoryStatus,
  WITHDRAWN_STATUS,
} from "../domain/story-lifecycle";

/**
 * The lifecycle's rules (src/domain/story-lifecycle.ts) as SQL predicates on a stories table
 * (`s` unless named), for Kysely's `.where()` and for raw `sql` templates alike. Every public
 * or partner query asks through these, so a change to what a state means is made here and in
 * the domain module only. Statuses are literals, not bound parameters: the same text as the
 * hand-written queries had, and comparisons an index on (status, published_at) can seek.
 */
function column(table: string, name: string): RawBuilder<unknown> {
  return sql.ref(`${table}.${name}`);
}

/**
 * `unindexed`: the unary `+` keeps SQLite from choosing a status index, for queries that
 * must walk another index in its order and check the status per row.
 */
interface StatusOptions {
  table?: string;
  unindexed?: boolean;
}

function statusIn(
  statuses: readonly StoryStatus[],
  { table = "s", unindexed = false }: StatusOptions = {},
): RawBuilder<boolean> {
  const status = unindexed ? sql`+${column(table, "status")}` : column(table, "status");
  return statuses.length === 1
    ? sql<boolean>`${status} = ${sql.lit(statuses[0])}`
    : sql<boolean>`${status} in (${sql.join(statuses.map((s) => sql.lit(s)))})`;
}

/** Its publication time has come (live if published; a feed's notice if withdrawn since). */
export function whereReleasedToPublic(now: string, table = "s"): RawBuilder<boolean> {
  return sql<boolean>`${column(table, "published_at")} <= ${now}`;
}

/** Live (isLive): published, and its publication time has come. */
export function whereLive(now: string, table = "s"): RawBuilder<boolean> {
  return sql<boolean>`(${wherePublished({ table })} and ${whereReleasedToPublic(now, table)})`;
}

/** Published but still waiting for its time (isScheduled). */
export function whereScheduled(now: string, table = "s"): RawBuilder<boolean> {
  return sql<boolean>`(${wherePublished({ table })} and ${column(table, "published_at")} > ${now})`;
}

/**
 * Live (whereLive) with a publication time within [from, to), with `now` folded into
 * the period's bounds: given two lower (or two upper) bounds, SQLite ranges over one and
 * filters by the other, so `published_at > now and published_at >= from` read the whole
 * period. No published_at may equal `to` (nor, for whereScheduledWithin, `from`): a day
 * with no time, say.
 */
export function whereLiveWithin(
  now: string,
  from: RawBuilder<string>,
  to: RawBuilder<string>,
  table = "s",
): RawBuilder<boolean> {
  const at = column(table, "published_at");
  return sql<boolean>`(${wherePublished({ table })} and ${at} >= ${from} and ${at} <= min(${now}, ${to}))`;
}

/** Scheduled (whereScheduled) for a time within [from, to); the bounds as whereLiveWithin's. */
export function whereScheduledWithin(
  now: string,
  from: RawBuilder<string>,
  to: RawBuilder<string>,
  table = "s",
): RawBuilder<boolean> {
  const at = column(table, "published_at");
  return sql<boolean>`(${wherePublished({ table })} and ${at} > max(${now}, ${from}) and ${at} < ${to})`;
}

/** Of a status the public can see once due: the listing index's leading column. */
export function wherePublished(options: StatusOptions = {}): RawBuilder<boolean> {
  return statusIn([LIVE_STATUS], options);
}

/** Withdrawn: partners who hold it get its takedown; feeds show a notice for a while. */
export function whereWithdrawn(options: StatusOptions = {}): RawBuilder<boolean> {
  return statusIn([WITHDRAWN_STATUS], options);
}

/**
 * Released to partners (partnerReleaseTime <= now): at publication, or earlier under embargo
 * (migrations/0008). Says nothing of status.
 */
export function whereReleasedToPartners(now: string, table = "s"): RawBuilder<boolean> {
  return sql<boolean>`(coalesce(${column(table, "partner_release_at")}, ${column(table, "published_at")}) <= ${now}
    and ${column(table, "published_at")} is not null)`;
}

/** Visible to partners (isVisibleToPartners): live or withdrawn, and released to them. */
export function wherePartnerVisible(now: string, table = "s"): RawBuilder<boolean> {
  return sql<boolean>`(${statusIn(PARTNER_VISIBLE_STATUSES, { table })} and ${whereReleasedToPartners(now, table)})`;
}

/** The event kinds that announce a publication (to tell a scheduled one by its time). */
export function publicationEventKinds(): RawBuilder<unknown> {
  return sql.join(PUBLICATION_EVENT_KINDS.map((k) => sql.lit(k)));
}
