/** Starting Kindred: shared by `npm start` (main.ts) and `npm run demo` (cli.ts). */
import { buildApp, type App } from "./app";
import type { Config } from "./config";
import { migrateToLatest, type Db } from "./db";

/** How often the running server looks for meetings starting within the hour, to remind those who asked. */
const MEETING_REMINDER_INTERVAL_MS = 5 * 60 * 1000;

/** Migrates the database, builds the app and listens; SIGINT and SIGTERM close both cleanly. */
export async function startServer(config: Config, db: Db): Promise<App> {
  await migrateToLatest(db);
  const app = await buildApp({ config, db });
  const reminders = setInterval(() => {
    app.services.notifications.remindOfMeetings().catch((error: { code?: string }) => {
      app.log.error(`Meeting reminders failed (${error.code ?? "error"}); they will be tried again.`);
    });
  }, MEETING_REMINDER_INTERVAL_MS);
  const close = async () => {
    clearInterval(reminders);
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
