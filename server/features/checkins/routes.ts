import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FeatureDeps } from "..";
import { Id } from "../../../core/api";
import {
  CheckIn,
  CheckInDateParams,
  CheckInRequest,
  CheckInsPage,
  CheckInsQuery,
  MoodChart,
  ShareCheckInRequest,
  SharedCheckInsResponse,
  TodayQuery,
} from "../../../core/support";
import { guard, requireActor } from "../../http/session";
import { presentCheckIn, presentSharedCheckIn } from "./presenter";

const CheckInParams = z.object({ checkInId: Id });
const GroupParams = z.object({ groupId: Id });
const NoContent = z.null().describe("No content");
const tags = ["check-ins"];
const security = [{ session: [] }];
/** Every check-in route is for the signed-in member: 401 before looking at what was sent. */
const signedIn = { preValidation: guard(requireActor) };

export const checkInRoutes: FastifyPluginAsync<FeatureDeps> = async (fastify, { services }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { checkIns } = services;

  app.put(
    "/api/check-ins/days/:date",
    { ...signedIn, schema: { summary: "My check-in for a day (my own date): a mood from 1 to 5 and a note, private", tags, security, params: CheckInDateParams, body: CheckInRequest, response: { 200: CheckIn } } },
    async (request) => presentCheckIn(await checkIns.checkIn(requireActor(request.actor).memberId, request.params.date, request.body)),
  );

  app.get(
    "/api/check-ins",
    { ...signedIn, schema: { summary: "My check-ins, latest day first", tags, security, querystring: CheckInsQuery, response: { 200: CheckInsPage } } },
    async (request) => {
      const page = await checkIns.list(requireActor(request.actor).memberId, request.query.before);
      return { checkIns: page.checkIns.map(presentCheckIn), nextBefore: page.nextBefore };
    },
  );

  app.get(
    "/api/check-ins/chart",
    { ...signedIn, schema: { summary: "My moods of the last 90 days, one point a day, for a private chart", tags, security, querystring: TodayQuery, response: { 200: MoodChart } } },
    async (request) => checkIns.chart(requireActor(request.actor).memberId, request.query.today),
  );

  app.get(
    "/api/check-ins/:checkInId",
    { ...signedIn, schema: { summary: "One of my check-ins (404 to anyone else)", tags, security, params: CheckInParams, response: { 200: CheckIn } } },
    async (request) => presentCheckIn(await checkIns.mine(requireActor(request.actor).memberId, request.params.checkInId)),
  );

  app.delete(
    "/api/check-ins/:checkInId",
    { ...signedIn, schema: { summary: "Delete one of my check-ins", tags, security, params: CheckInParams, response: { 204: NoContent } } },
    async (request, reply) => {
      await checkIns.delete(await checkIns.mine(requireActor(request.actor).memberId, request.params.checkInId));
      return reply.status(204).send(null);
    },
  );

  app.put(
    "/api/check-ins/:checkInId/share",
    { ...signedIn, schema: { summary: "Share one of my check-ins with one of my groups", tags, security, params: CheckInParams, body: ShareCheckInRequest, response: { 200: CheckIn } } },
    async (request) => {
      const checkIn = await checkIns.mine(requireActor(request.actor).memberId, request.params.checkInId);
      return presentCheckIn(await checkIns.share(checkIn, request.body.groupId));
    },
  );

  app.delete(
    "/api/check-ins/:checkInId/share",
    { ...signedIn, schema: { summary: "Make one of my check-ins private again", tags, security, params: CheckInParams, response: { 200: CheckIn } } },
    async (request) => presentCheckIn(await checkIns.unshare(await checkIns.mine(requireActor(request.actor).memberId, request.params.checkInId))),
  );

  app.get(
    "/api/groups/:groupId/check-ins",
    { ...signedIn, schema: { summary: "Check-ins the group's members shared with it in the last month (its members)", tags, security, params: GroupParams, response: { 200: SharedCheckInsResponse } } },
    async (request) => ({ checkIns: (await checkIns.sharedWith(requireActor(request.actor).memberId, request.params.groupId)).map(presentSharedCheckIn) }),
  );
};
