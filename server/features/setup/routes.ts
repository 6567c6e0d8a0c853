import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { FeatureDeps } from "..";
import { SetupRequest, SetupStatus, SignUpResponse } from "../../../core/api";
import { setSessionCookie } from "../../http/session";
import { presentFirstAdmin } from "./presenter";

export const setupRoutes: FastifyPluginAsync<FeatureDeps> = async (fastify, { services, config }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/setup",
    { schema: { tags: ["setup"], summary: "Whether Kindred still needs its first-run setup", response: { 200: SetupStatus } } },
    async () => ({ needed: await services.setup.isNeeded() }),
  );

  // Anyone may set up a fresh installation (as with Discourse or Ghost): whoever reaches it first.
  app.post(
    "/api/setup",
    {
      schema: {
        tags: ["setup"],
        summary: "Name the organization and create its first administrator (first run only)",
        body: SetupRequest,
        response: { 201: SignUpResponse },
      },
    },
    async (request, reply) => {
      const { view, token, recoveryCodes } = await services.setup.setUp(request.body, { signIn: true });
      if (token) setSessionCookie(reply, config, token);
      return reply.status(201).send(presentFirstAdmin(view, recoveryCodes));
    },
  );
};
