/** Starting Kindred: shared by `npm start` (main.ts) and `npm run demo` (cli.ts). */
import { buildApp, type App } from "./app";
import type { Config } from "./config";
import { migrateToLatest, type Db } from "./db";

/** Migrates the database, builds the app and listens; SIGINT and SIGTERM close both cleanly. */
export async function startServer(config: Config, db: Db): Promise<App> {
  await migrateToLatest(db);
  const app = await buildApp({ config, db });
  const close = async () => {
    await app.close();
    await db.destroy();
    process.exit(0);
  };
  process.once("SIGINT", close);
  process.once("SIGTERM", close);
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`Kindred is running at ${config.publicUrl}`);
  return app;
}
