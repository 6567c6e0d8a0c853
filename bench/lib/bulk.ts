/**
 * Bench-only seeding: rows written straight into the tables in large multi-row inserts inside
 * transactions. It bypasses the services on purpose (100k rows through them would take many
 * minutes); the benchmarks then read and write through the HTTP API like anyone else.
 */
import { sql, type Insertable } from "kysely";
import type { Database, Db } from "../../server/db";

/** Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const PARAMETERS_PER_STATEMENT = 30_000;
const ROWS_PER_STATEMENT = 1_000;

/**
 * Inserts every row in one transaction (the caller's, or one of its own), in as few statements as
 * the parameter limits allow.
 */
export async function bulkInsert<T extends keyof Database & string>(db: Db, table: T, rows: Insertable<Database[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).length;
  const perStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(PARAMETERS_PER_STATEMENT / columns)));
  const write = async (trx: Db) => {
    for (let i = 0; i < rows.length; i += perStatement) {
      await trx
        .insertInto(table)
        .values(rows.slice(i, i + perStatement) as never)
        .execute();
    }
  };
  await (db.isTransaction ? write(db) : db.transaction().execute(write));
}

/**
 * Table statistics, as PostgreSQL's autovacuum would gather soon after a bulk load; with `vacuum`,
 * the visibility map too (which lets PostgreSQL answer from an index alone), as autovacuum also
 * writes after inserts, a little later. SQLite is left
 * as it would be in production: the meetings search runs `PRAGMA optimize` itself on its first
 * search and hourly after (the first request of a benchmark, before anything is timed); the board
 * has no such step.
 */
export async function analyzeAfterLoad(db: Db, dialect: "sqlite" | "postgres", options: { vacuum?: boolean } = {}): Promise<void> {
  if (dialect === "postgres") await (options.vacuum ? sql`vacuum analyze` : sql`analyze`).execute(db);
}

/** A small deterministic pseudo-random generator (mulberry32), so every run seeds the same data. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** An integer in [0, n). */
    below: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
    /** Roughly normal, mean 0 and standard deviation 1. */
    normal: () => {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    /** An item by weight: `[[item, weight], ...]`. */
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      const total = items.reduce((sum, [, weight]) => sum + weight, 0);
      let at = next() * total;
      for (const [item, weight] of items) {
        at -= weight;
        if (at < 0) return item;
      }
      return items[items.length - 1]![0];
    },
  };
}

export type RandomSource = ReturnType<typeof randomSource>;

/** Seconds since `start`, to one decimal. */
export function secondsSince(start: number): number {
  return Math.round((performance.now() - start) / 100) / 10;
}

/**
 * Members who never sign in with a password (their hash verifies nothing), each an active member
 * of the group: `<prefix>-<i>` as handle, `<name> <i>` as display name.
 */
export async function seedGroupMembers(db: Db, groupId: string, ids: string[], names: { handle: string; display: string }, at: string): Promise<void> {
  await bulkInsert(
    db,
    "members",
    ids.map((id, i) => ({
      id,
      handle: `${names.handle}-${i}`,
      handle_normalized: `${names.handle}-${i}`,
      display_name: `${names.display} ${i}`,
      password_hash: "!",
      email: null,
      language: "en",
      country: null,
      created_at: at,
      updated_at: at,
    })),
  );
  await bulkInsert(
    db,
    "memberships",
    ids.map((id) => ({ group_id: groupId, member_id: id, status: "active", created_at: at, joined_at: at })),
  );
}
