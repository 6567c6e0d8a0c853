import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FeatureDeps } from "..";
import { AdminPeopleResponse, AdminPerson, Id, SetAdminRequest } from "../../../core/api";
import { OrganizationAuditPage, OrganizationAuditQuery } from "../../../core/support";
import { guard } from "../../http/session";
import { authorizeManagePeople } from "./policy";
import { presentOrganizationAudit, presentPerson } from "./presenter";

const admin = { tags: ["organization admin"], security: [{ session: [] }] };
const adminsOnly = { preValidation: guard(authorizeManagePeople) };

export const adminRoutes: FastifyPluginAsync<FeatureDeps> = async (fastify, { services }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/admin/people",
    { ...adminsOnly, schema: { ...admin, summary: "Everyone in the organization, with their groups and positions", response: { 200: AdminPeopleResponse } } },
    async (request) => {
      authorizeManagePeople(request.actor);
      return { people: (await services.admin.people()).map(presentPerson) };
    },
  );

  app.put(
    "/api/admin/people/:memberId/admin",
    {
      ...adminsOnly,
      schema: {
        ...admin,
        summary: "Make someone an organization administrator, or not",
        params: z.object({ memberId: Id }),
        body: SetAdminRequest,
        response: { 200: AdminPerson },
      },
    },
    async (request) => {
      authorizeManagePeople(request.actor);
      return presentPerson(await services.admin.setAdmin(request.params.memberId, request.body.isOrganizationAdmin));
    },
  );

  app.get(
    "/api/admin/audit",
    {
      ...adminsOnly,
      schema: {
        ...admin,
        summary: "The organization's audit log, latest first: trust levels set by hand, decisions on flagged messages",
        querystring: OrganizationAuditQuery,
        response: { 200: OrganizationAuditPage },
      },
    },
    async (request) => {
      authorizeManagePeople(request.actor);
      const { entries, nextCursor } = await services.organizationAudit.page(request.query.cursor);
      return { entries: entries.map(presentOrganizationAudit), nextCursor };
    },
  );
};
