/** The `kindred` command (npm run kindred -- <command>). */
import { Command } from "commander";
import { ConfigError, loadConfig } from "./config";
import { createDb, migrateToLatest, type Db } from "./db";

async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = createDb(config.database);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

const program = new Command("kindred").description("Kindred administration");

program
  .command("migrate")
  .description("apply database migrations")
  .action(async () => {
    const applied = await withDb(migrateToLatest);
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
  });

program.parseAsync().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
  process.exit(1);
});
