import type { Config } from "./config";
import type { Db } from "./db";
import { HealthService } from "./features/health/service";

export interface ServiceDeps {
  db: Db;
  config: Config;
}

/** The composition of every feature's service; features reach each other only through these. */
export function createServices(deps: ServiceDeps) {
  return {
    health: new HealthService(deps.db),
  };
}

export type Services = ReturnType<typeof createServices>;
