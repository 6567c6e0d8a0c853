import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FeatureDeps } from "..";
import { Id } from "../../../core/api";
import {
  CelebrationsResponse,
  Milestone,
  MilestonesResponse,
  NewMilestoneRequest,
  ResetMilestoneRequest,
  TodayQuery,
  UpdateMilestoneRequest,
} from "../../../core/support";
import { guard, requireActor } from "../../http/session";
import { presentCelebration, presentMilestone } from "./presenter";

const MilestoneParams = z.object({ milestoneId: Id });
const GroupParams = z.object({ groupId: Id });
const NoContent = z.null().describe("No content");
const tags = ["milestones"];
const security = [{ session: [] }];
const signedIn = { preValidation: guard(requireActor) };

export const milestoneRoutes: FastifyPluginAsync<FeatureDeps> = async (fastify, { services }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { milestones } = services;

  app.get(
    "/api/milestones",
    { ...signedIn, schema: { summary: "My milestones, counted to my today, with the marks reached and the next", tags, security, querystring: TodayQuery, response: { 200: MilestonesResponse } } },
    async (request) => {
      const { today, milestones: views } = await milestones.list(requireActor(request.actor).memberId, request.query.today);
      return { today, milestones: views.map(presentMilestone) };
    },
  );

  app.post(
    "/api/milestones",
    { ...signedIn, schema: { summary: "Add a \"since\" date: sober, clean, or in my own words", tags, security, querystring: TodayQuery, body: NewMilestoneRequest, response: { 201: Milestone } } },
    async (request, reply) => {
      const view = await milestones.create(requireActor(request.actor).memberId, request.body, request.query.today);
      return reply.status(201).send(presentMilestone(view));
    },
  );

  app.patch(
    "/api/milestones/:milestoneId",
    { ...signedIn, schema: { summary: "Change a milestone's words or the groups that celebrate it", tags, security, params: MilestoneParams, querystring: TodayQuery, body: UpdateMilestoneRequest, response: { 200: Milestone } } },
    async (request) => {
      const milestone = await milestones.mine(requireActor(request.actor).memberId, request.params.milestoneId);
      return presentMilestone(await milestones.update(milestone, request.body, request.query.today));
    },
  );

  app.put(
    "/api/milestones/:milestoneId/since",
    { ...signedIn, schema: { summary: "Start counting again from a new date, quietly: no comment, no history", tags, security, params: MilestoneParams, querystring: TodayQuery, body: ResetMilestoneRequest, response: { 200: Milestone } } },
    async (request) => {
      const milestone = await milestones.mine(requireActor(request.actor).memberId, request.params.milestoneId);
      return presentMilestone(await milestones.reset(milestone, request.body.since, request.query.today));
    },
  );

  app.delete(
    "/api/milestones/:milestoneId",
    { ...signedIn, schema: { summary: "Delete a milestone", tags, security, params: MilestoneParams, response: { 204: NoContent } } },
    async (request, reply) => {
      await milestones.delete(await milestones.mine(requireActor(request.actor).memberId, request.params.milestoneId));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/groups/:groupId/celebrations",
    { ...signedIn, schema: { summary: "Marks the group's members reach today, where they chose to celebrate with the group", tags, security, params: GroupParams, querystring: TodayQuery, response: { 200: CelebrationsResponse } } },
    async (request) => {
      const { date, celebrations } = await milestones.celebrations(requireActor(request.actor).memberId, request.params.groupId, request.query.today);
      return { date, celebrations: celebrations.map(presentCelebration) };
    },
  );
};
