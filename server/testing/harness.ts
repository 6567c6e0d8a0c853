/**
 * Integration-test harness: a fresh, migrated database per app, on SQLite always and on
 * PostgreSQL when TEST_DATABASE_URL is set (each app gets its own PostgreSQL database, dropped
 * afterwards). If TEST_DATABASE_URL is set but unreachable, tests fail rather than skip.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { buildApp, type App } from "../app";
import { loadConfig, type Config, type DatabaseConfig } from "../config";
import { createDb, migrateToLatest, type Db } from "../db";

export type DialectName = "sqlite" | "postgres";

/** The dialects integration tests run on: use with describe.each(dialects). */
export const dialects: DialectName[] = process.env.TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];

export interface TestDatabase {
  config: DatabaseConfig;
  db: Db;
  destroy(): Promise<void>;
}

export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "kindred-test-"));
    const config: DatabaseConfig = { dialect: "sqlite", path: join(dir, "kindred.db") };
    const db = createDb(config);
    await migrateToLatest(db);
    return {
      config,
      db,
      async destroy() {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `kindred_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const config: DatabaseConfig = { dialect: "postgres", url: url.toString() };
  const db = createDb(config);
  await migrateToLatest(db);
  return {
    config,
    db,
    async destroy() {
      await db.destroy();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export function testConfig(database: DatabaseConfig, overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ SESSION_SECRET: "test-secret-test-secret-test-secret-0123", LOG_LEVEL: "silent" });
  return { ...base, database, publicUrl: "http://localhost:3000", ...overrides };
}

export interface TestApp {
  app: App;
  db: Db;
  config: Config;
  close(): Promise<void>;
}

export async function createTestApp(dialect: DialectName, overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const config = testConfig(database.config, overrides);
  const app = await buildApp({ config, db: database.db, logger: false });
  return {
    app,
    db: database.db,
    config,
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}
