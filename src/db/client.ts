import { type Compilable, Kysely } from "kysely";
import { D1Dialect } from "kysely-d1";
import type { Database } from "./schema";

/**
 * Kysely over one D1 binding, plus D1's atomic batch: Kysely has no transactions on D1,
 * so a multi-statement write compiles its queries and sends them as one `D1Database.batch`.
 */
export class Db extends Kysely<Database> {
  /** `bodies`: the R2 bucket variant bodies move to (src/db/bodies.ts); without it they stay in D1. */
  constructor(
    readonly d1: D1Database,
    readonly bodies?: R2Bucket,
  ) {
    super({ dialect: new D1Dialect({ database: d1 as never }) });
  }

  /** One read, alone. */
  async read<T>(read: Read<T>): Promise<T> {
    const { rows } = await this.executeQuery(read.query.compile());
    return read.result(rows);
  }

  /**
   * Two reads in one D1 batch: one round trip where two calls cost the Worker some 0.4 ms of
   * CPU each in the D1 binding alone, and both see the same state of the database.
   */
  async readTogether<A, B>(a: Read<A>, b: Read<B>): Promise<[A, B]> {
    const [first, second] = await this.batch([a.query, b.query]);
    return [a.result(first?.results ?? []), b.result(second?.results ?? [])];
  }

  /** Runs the queries in order as one all-or-nothing D1 batch. */
  async batch(queries: readonly Compilable<unknown>[]): Promise<D1Result[]> {
    if (queries.length === 0) return [];
    const statements = queries.map((query) => {
      const { sql, parameters } = query.compile();
      return this.d1.prepare(sql).bind(...parameters);
    });
    return this.d1.batch(statements);
  }
}

/** A statement and what its rows mean, to run alone (Db.read) or beside another (Db.readTogether). */
export interface Read<T> {
  query: Compilable<unknown>;
  result(rows: readonly unknown[]): T;
}

/** The same statement, its result taken further. */
export function mapRead<T, U>(read: Read<T>, then: (result: T) => U): Read<U> {
  return { query: read.query, result: (rows) => then(read.result(rows)) };
}

/**
 * The Db of one request (or one queue batch or cron run). Not kept per isolate: under
 * `wrangler dev` a Kysely instance reused across requests made every request of the isolate
 * hang ("the Worker's code had hung") after some 25,000 queries, where one per request served
 * 55,000 without a fault and faster (a `select 1` Worker, 8 connections).
 */
export function dbFor(d1: D1Database, bodies?: R2Bucket): Db {
  return new Db(d1, bodies);
}

/** D1 refuses statements with more than 100 bound parameters. */
export const D1_MAX_PARAMETERS = 100;

/** Splits rows so that each multi-row INSERT stays within D1's parameter limit. */
export function chunkRows<T extends object>(rows: readonly T[]): T[][] {
  const first = rows[0];
  if (!first) return [];
  const perRow = Object.keys(first).length;
  const size = Math.max(1, Math.floor(D1_MAX_PARAMETERS / perRow));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}
