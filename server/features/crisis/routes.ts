import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { FeatureDeps } from "..";
import { CrisisQuery } from "../../../core/api";
import { CrisisResponse, presentCrisisResources } from "./presenter";

export const crisisRoutes: FastifyPluginAsync<FeatureDeps> = async (fastify, { services }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // Open to everyone, signed in or not: help must never sit behind a sign-in.
  app.get(
    "/api/crisis",
    {
      schema: {
        tags: ["crisis"],
        summary: "Crisis lines and the emergency number for ?country=XX, else the caller's country or browser region",
        querystring: CrisisQuery,
        response: { 200: CrisisResponse },
      },
    },
    async (request) =>
      presentCrisisResources(
        services.crisis.resourcesFor({
          askedCountry: request.query.country,
          memberCountry: request.actor?.country ?? null,
          acceptLanguage: request.headers["accept-language"],
        }),
      ),
  );
};
