import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FeatureDeps } from "..";
import {
  CreateGroupRequest,
  GroupDetail,
  GroupListResponse,
  GroupMember,
  GroupMembersResponse,
  Id,
  InviteRequest,
  JoinGroupRequest,
  SetPositionsRequest,
  UpdateGroupRequest,
} from "../../../core/api";
import { capabilities } from "./policy";
import { presentGroupDetail, presentGroupMember, presentGroupSummary } from "./presenter";
import type { GroupAction, GroupView } from "./service";

const GroupParams = z.object({ groupId: Id });
const MemberParams = z.object({ groupId: Id, memberId: Id });
const NoContent = z.null().describe("No content");
const tags = ["groups"];
const security = [{ session: [] }];

const memberIdOf = (request: FastifyRequest) => request.actor?.memberId ?? null;
const detail = (view: GroupView) => presentGroupDetail(view, capabilities(view));

export const groupRoutes: FastifyPluginAsync<FeatureDeps> = async (fastify, { services }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { groups } = services;
  const authorized = <A extends GroupAction>(request: FastifyRequest & { params: { groupId: string } }, action: A) =>
    groups.authorize(memberIdOf(request), request.params.groupId, action);

  app.get(
    "/api/groups",
    { schema: { summary: "Listed groups, plus the caller's own", tags, response: { 200: GroupListResponse } } },
    async (request) => ({ groups: (await groups.list(memberIdOf(request))).map(presentGroupSummary) }),
  );

  app.post(
    "/api/groups",
    { schema: { summary: "Create a group (organization admins)", tags, security, body: CreateGroupRequest, response: { 201: GroupDetail } } },
    async (request, reply) => {
      const creator = await groups.authorizeCreate(memberIdOf(request));
      return reply.status(201).send(detail(await groups.create(creator, request.body)));
    },
  );

  app.get(
    "/api/groups/:groupId",
    { schema: { summary: "A group's page", tags, params: GroupParams, response: { 200: GroupDetail } } },
    async (request) => {
      return detail(await groups.view(await authorized(request, "see")));
    },
  );

  app.patch(
    "/api/groups/:groupId",
    { schema: { summary: "Edit a group", tags, security, params: GroupParams, body: UpdateGroupRequest, response: { 200: GroupDetail } } },
    async (request) => {
      return detail(await groups.update(await authorized(request, "edit"), request.body));
    },
  );

  app.post(
    "/api/groups/:groupId/join",
    { schema: { summary: "Join, or ask to join, with the guidelines accepted", tags, security, params: GroupParams, body: JoinGroupRequest, response: { 200: GroupDetail } } },
    async (request) => {
      return detail(await groups.join(await authorized(request, "join"), request.body.acceptedGuidelinesVersion));
    },
  );

  app.delete(
    "/api/groups/:groupId/membership",
    { schema: { summary: "Leave, withdraw a request or decline an invitation", tags, security, params: GroupParams, response: { 204: NoContent } } },
    async (request, reply) => {
      await groups.leave(await authorized(request, "leave"));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/groups/:groupId/members",
    { schema: { summary: "The group's members", tags, security, params: GroupParams, response: { 200: GroupMembersResponse } } },
    async (request) => {
      return { members: (await groups.members(await authorized(request, "seeMembers"))).map(presentGroupMember) };
    },
  );

  app.post(
    "/api/groups/:groupId/members/:memberId/approve",
    { schema: { summary: "Approve a request to join", tags, security, params: MemberParams, response: { 204: NoContent } } },
    async (request, reply) => {
      await groups.approve(await authorized(request, "approve"), request.params.memberId);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    "/api/groups/:groupId/members/:memberId",
    { schema: { summary: "Decline a request, withdraw an invitation or remove a member", tags, security, params: MemberParams, response: { 204: NoContent } } },
    async (request, reply) => {
      await groups.remove(await authorized(request, "remove"), request.params.memberId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/groups/:groupId/invitations",
    { schema: { summary: "Invite a person by handle", tags, security, params: GroupParams, body: InviteRequest, response: { 201: GroupMember } } },
    async (request, reply) => {
      const invited = await groups.invite(await authorized(request, "invite"), request.body.handle);
      return reply.status(201).send(presentGroupMember(invited));
    },
  );

  app.put(
    "/api/groups/:groupId/members/:memberId/positions",
    { schema: { summary: "Set the service positions a member holds", tags, security, params: MemberParams, body: SetPositionsRequest, response: { 200: GroupMember } } },
    async (request) => {
      const entry = await groups.setPositions(await authorized(request, "managePositions"), request.params.memberId, request.body.positions);
      return presentGroupMember(entry);
    },
  );
};
