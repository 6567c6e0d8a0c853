import type SQLite from "better-sqlite3";

/**
 * How many prepared statements one SQLite database keeps. A meeting search uses 4 to 8 texts; the
 * bound matters for queries with `in (...)` lists, whose text changes with the list's length, so a
 * long-running process would otherwise keep every length it ever saw.
 */
export const STATEMENT_CACHE_CAPACITY = 500;

// Statements that change the schema. Attach and detach change which tables a name refers to.
const SCHEMA_CHANGE = /^(?:create|alter|drop|attach|detach)\b/i;
// Leading white space and comments, which SQLite ignores before the first keyword.
const LEADING_NOISE = /^(?:\s|--[^\n]*(?:\n|$)|\/\*[\s\S]*?(?:\*\/|$))*/;

/** True when `sql` is a statement that changes the schema (create, alter, drop, attach, detach). */
export function changesSchema(sql: string): boolean {
  return SCHEMA_CHANGE.test(sql.replace(LEADING_NOISE, ""));
}

/**
 * A better-sqlite3 database as Kysely's SqliteDialect sees it (`prepare` and `close`), which
 * prepares each SQL text once and hands back the same Statement the next time.
 *
 * Kysely prepares every query it runs, and compiling SQL is a measurable part of a short query's
 * CPU (7 to 9% of a meeting search). A better-sqlite3 Statement can be run again with new
 * parameters, so keeping it is safe as long as:
 *
 * - it is not in use: while an iterator is open on it (Kysely's `stream()`), its `busy` is true
 *   and running it again would throw, so a busy statement is never handed out; a fresh,
 *   uncached one is prepared instead;
 * - it matches the schema: SQLite recompiles a statement by itself when the schema changed, and
 *   better-sqlite3 reads the column names at every run, but we do not rely on that alone.
 *   Preparing a create, alter, drop, attach or detach empties the cache, and those statements
 *   are not kept (they run once);
 * - nobody changes its modes: a Statement's `raw()`, `pluck()`, `expand()` and `safeIntegers()`
 *   would stick for every later user of the same text. Kysely never calls them, and this object
 *   is only handed to Kysely.
 *
 * The cache is bounded, least recently used out first. An evicted statement is finalized by
 * better-sqlite3 when it is garbage collected or when the database closes.
 */
export class StatementCache {
  readonly #db: SQLite.Database;
  readonly #capacity: number;
  // A Map iterates in insertion order; a hit is moved to the end, so the first key is the least
  // recently used.
  readonly #statements = new Map<string, SQLite.Statement>();

  constructor(db: SQLite.Database, capacity = STATEMENT_CACHE_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError("capacity must be a positive integer");
    this.#db = db;
    this.#capacity = capacity;
  }

  /** How many statements are kept now. */
  get size(): number {
    return this.#statements.size;
  }

  prepare(sql: string): SQLite.Statement {
    const cached = this.#statements.get(sql);
    if (cached !== undefined) {
      // Busy: an iterator is still open on it. Give this caller its own statement and keep the
      // cached one, which is free again once that iterator finishes.
      if (cached.busy) return this.#db.prepare(sql);
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    if (changesSchema(sql)) {
      this.#statements.clear();
      return this.#db.prepare(sql);
    }
    // A text SQLite rejects throws here, and nothing is kept for it.
    const statement = this.#db.prepare(sql);
    this.#statements.set(sql, statement);
    if (this.#statements.size > this.#capacity) {
      const oldest = this.#statements.keys().next().value as string;
      this.#statements.delete(oldest);
    }
    return statement;
  }

  /** Forgets every kept statement. */
  clear(): void {
    this.#statements.clear();
  }

  /** Closes the database (Kysely's `destroy()` calls this); its statements close with it. */
  close(): void {
    this.#statements.clear();
    this.#db.close();
  }
}
