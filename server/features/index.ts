import type { FastifyInstance } from "fastify";
import type { Config } from "../config";
import type { Db } from "../db";
import type { Services } from "../services";
import { healthRoutes } from "./health/routes";

export interface FeatureDeps {
  config: Config;
  db: Db;
  services: Services;
}

/** Every feature's routes, in one place. */
export async function registerFeatures(app: FastifyInstance, deps: FeatureDeps): Promise<void> {
  await app.register(healthRoutes, deps);
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}
