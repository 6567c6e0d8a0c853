import type { FastifyInstance } from "fastify";
import type { Config } from "../config";
import type { Db } from "../db";
import type { Services } from "../services";
import { installSessionActor } from "../http/session";
import { accountRoutes } from "./accounts/routes";
import { adminRoutes } from "./admin/routes";
import { boardRoutes } from "./board/routes";
import { buddyRoutes } from "./buddies/routes";
import { checkInRoutes } from "./checkins/routes";
import { crisisRoutes } from "./crisis/routes";
import { groupRoutes } from "./groups/routes";
import { formatRoutes } from "./formats/routes";
import { healthRoutes } from "./health/routes";
import { liveRoutes } from "./live/routes";
import { meetingRoutes } from "./meetings/routes";
import { milestoneRoutes } from "./milestones/routes";
import { notificationRoutes } from "./notifications/routes";
import { organizationRoutes } from "./organization/routes";
import { setupRoutes } from "./setup/routes";
import { webRoutes } from "./web/routes";

export interface FeatureDeps {
  config: Config;
  db: Db;
  services: Services;
}

/** Every feature's routes, in one place. */
export async function registerFeatures(app: FastifyInstance, deps: FeatureDeps): Promise<void> {
  // At the root scope and first: every feature's routes see request.actor.
  installSessionActor(app, deps.services, deps.config);
  await app.register(healthRoutes, deps);
  await app.register(setupRoutes, deps);
  await app.register(accountRoutes, deps);
  await app.register(organizationRoutes, deps);
  await app.register(adminRoutes, deps);
  await app.register(groupRoutes, deps);
  await app.register(meetingRoutes, deps);
  await app.register(boardRoutes, deps);
  await app.register(checkInRoutes, deps);
  await app.register(milestoneRoutes, deps);
  await app.register(buddyRoutes, deps);
  await app.register(notificationRoutes, deps);
  await app.register(crisisRoutes, deps);
  await app.register(formatRoutes, deps);
  await app.register(liveRoutes, deps);
  await app.register(webRoutes, deps);
  app.get("/api/openapi.json", { schema: { summary: "This API description (OpenAPI 3.1)", tags: ["operations"] } }, async () => app.swagger());
}
