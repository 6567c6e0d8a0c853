import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { FeatureDeps } from "..";
import { Organization, UpdateOrganizationRequest } from "../../../core/api";
import { guard } from "../../http/session";
import { authorizeEditOrganization } from "./policy";
import { presentOrganization } from "./presenter";

export const organizationRoutes: FastifyPluginAsync<FeatureDeps> = async (fastify, { services }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { organization } = services;

  app.get(
    "/api/organization",
    { schema: { tags: ["organization"], summary: "The organization hosting the groups", response: { 200: Organization } } },
    async () => presentOrganization(await organization.require()),
  );

  app.patch(
    "/api/organization",
    {
      preValidation: guard(authorizeEditOrganization),
      schema: {
        tags: ["organization"],
        summary: "Rename the organization",
        security: [{ session: [] }],
        body: UpdateOrganizationRequest,
        response: { 200: Organization },
      },
    },
    async (request) => {
      authorizeEditOrganization(request.actor);
      return presentOrganization(await organization.rename(request.body.name));
    },
  );
};
