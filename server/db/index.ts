import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Migration, type MigrationProvider } from "kysely";
import pg from "pg";
import type { DatabaseConfig } from "../config";
import * as m0001 from "./migrations/0001_foundation";
import * as m0002 from "./migrations/0002_meetings";
import * as m0003 from "./migrations/0003_board";
import * as m0004 from "./migrations/0004_support";
import * as m0005 from "./migrations/0005_meeting_search";
import * as m0008 from "./migrations/0008_live_rooms";
import * as m0006 from "./migrations/0006_support_fixes";
import * as m0007 from "./migrations/0007_live_formats";
import * as m0009 from "./migrations/0009_kept_reports";
import type { Database } from "./schema";
import { StatementCache } from "./statement-cache";

export type Db = Kysely<Database>;
export type { Database };

// count(*) and bigint come back from pg as strings; every count we keep fits a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

export function createDb(config: DatabaseConfig): Db {
  if (config.dialect === "sqlite") {
    if (config.path !== ":memory:") mkdirSync(dirname(config.path), { recursive: true });
    const sqlite = new SQLite(config.path);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = FULL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    // Kysely prepares every query it runs; the cache keeps compiled statements for reuse.
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: new StatementCache(sqlite) }) });
  }
  const pool = new pg.Pool({ connectionString: config.url, max: 10 });
  // An idle connection that PostgreSQL closes (a restart, a dropped database, a network cut) is
  // reported here and then removed from the pool; the next query opens a new one. Without a
  // listener the event would crash the process.
  pool.on("error", () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Migrations are listed here, in order; each is written once for both dialects. */
const MIGRATIONS: Record<string, Migration> = {
  "0001_foundation": m0001,
  "0002_meetings": m0002,
  "0003_board": m0003,
  "0004_support": m0004,
  "0005_meeting_search": m0005,
  "0008_live_rooms": m0008,
  "0006_support_fixes": m0006,
  "0007_live_formats": m0007,
  "0009_kept_reports": m0009,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

export async function isDatabaseUp(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
