/** Composition root: config -> db -> app -> listen. */
import { ConfigError, loadConfig } from "./config";
import { createDb } from "./db";
import { startServer } from "./server";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  await startServer(config, createDb(config.database));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
