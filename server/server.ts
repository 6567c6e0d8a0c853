/** Starting Kindred: shared by `npm start` (main.ts) and `npm run demo` (cli.ts). */
import { buildApp, type App } from "./app";
import type { Config } from "./config";
import { migrateToLatest, type Db } from "./db";

/** How often the running server looks for meetings starting within the hour, to remind those who asked. */
const MEETING_REMINDER_INTERVAL_MS = 5 * 60 * 1000;
/** Live rooms: the clock of shares (warnings, time-ups), and the sweep that ends forgotten rooms and deletes kept words. */
const LIVE_TICK_MS = 1000;
const LIVE_SWEEP_MS = 60 * 1000;

/** Runs `work` every `ms`, never two at once; failures are logged without content and tried again. */
function every(ms: number, work: () => Promise<void>, failed: (error: { code?: string }) => void): NodeJS.Timeout {
  let running = false;
  return setInterval(() => {
    if (running) return;
    running = true;
    work()
      .catch(failed)
      .finally(() => {
        running = false;
      });
  }, ms);
}

/** Migrates the database, builds the app and listens; SIGINT and SIGTERM close both cleanly. */
export async function startServer(config: Config, db: Db): Promise<App> {
  await migrateToLatest(db);
  const app = await buildApp({ config, db });
  const reminders = setInterval(() => {
    app.services.notifications.remindOfMeetings().catch((error: { code?: string }) => {
      app.log.error(`Meeting reminders failed (${error.code ?? "error"}); they will be tried again.`);
    });
  }, MEETING_REMINDER_INTERVAL_MS);
  const liveTick = every(LIVE_TICK_MS, () => app.services.live.tick(), (error) => app.log.error(`Live rooms' tick failed (${error.code ?? "error"}).`));
  const liveSweep = every(LIVE_SWEEP_MS, () => app.services.live.sweep(), (error) => app.log.error(`Live rooms' sweep failed (${error.code ?? "error"}).`));
  const close = async () => {
    clearInterval(reminders);
    clearInterval(liveTick);
    clearInterval(liveSweep);
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
