import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FeatureDeps } from "..";

const HealthResponse = z.object({ status: z.enum(["ok", "unavailable"]) });

export const healthRoutes: FastifyPluginAsync<FeatureDeps> = async (fastify, { services }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/healthz",
    { schema: { summary: "Liveness and database check", tags: ["operations"], response: { 200: HealthResponse, 503: HealthResponse } } },
    async (_request, reply) => {
      const healthy = await services.health.isHealthy();
      return reply.status(healthy ? 200 : 503).send({ status: healthy ? "ok" : "unavailable" });
    },
  );
};
