import websocket from "@fastify/websocket";
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FeatureDeps } from "..";
import { Id } from "../../../core/api";
import { AttendanceList, AttendanceSlip, LIVE_SOCKET_PATH, LiveRoomLobby, LiveSettings, SlipVerification } from "../../../core/live-api";
import { AppError } from "../../errors";
import { guard, requireActor } from "../../http/session";
import { presentAttendance, presentLobby, presentSettings, presentSlip, presentVerification } from "./presenter";
import { LiveConnection, SOCKET_LIMITS } from "./socket";

const MeetingParams = z.object({ meetingId: Id });
const GroupParams = z.object({ groupId: Id });
const AttendanceParams = z.object({ attendanceId: Id });
const SlipCodeParams = z.object({ code: z.string().min(1).max(100) });
const tags = ["live meetings"];
const security = [{ session: [] }];
const signedIn = { preValidation: guard(requireActor) };

const memberIdOf = (request: FastifyRequest) => request.actor?.memberId ?? null;

export const liveRoutes: FastifyPluginAsync<FeatureDeps> = async (fastify, { services, config }) => {
  const { live } = services;
  live.useLog((message) => fastify.log.warn(message));
  // Here, not at the root: only this feature's routes take WebSocket upgrades.
  await fastify.register(websocket, { options: { maxPayload: SOCKET_LIMITS.hardMaxPayloadBytes } });
  fastify.addHook("onClose", async () => live.close());
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/meetings/:meetingId/room",
    {
      schema: {
        summary: "A meeting's live room as its lobby shows it: when it opens, whether it is open, and whether and as what I may enter",
        tags,
        params: MeetingParams,
        response: { 200: LiveRoomLobby },
      },
    },
    async (request) => presentLobby(await live.lobby(memberIdOf(request), request.params.meetingId)),
  );

  app.post(
    "/api/meetings/:meetingId/room/open",
    {
      ...signedIn,
      schema: { summary: "Open the room before its time (the group's chair; at most two hours early)", tags, security, params: MeetingParams, response: { 200: LiveRoomLobby } },
    },
    async (request) => presentLobby(await live.openEarly(memberIdOf(request), request.params.meetingId)),
  );

  app.get(
    "/api/groups/:groupId/live-settings",
    { schema: { summary: "A group's choices for its live rooms: observers, waiting room, how long words are kept", tags, params: GroupParams, response: { 200: LiveSettings } } },
    async (request) => presentSettings(await live.settings(memberIdOf(request), request.params.groupId)),
  );

  app.put(
    "/api/groups/:groupId/live-settings",
    {
      ...signedIn,
      schema: { summary: "Change a group's live room choices (the group's stewards)", tags, security, params: GroupParams, body: LiveSettings, response: { 200: LiveSettings } },
    },
    async (request) => presentSettings(await live.updateSettings(memberIdOf(request), request.params.groupId, request.body)),
  );

  app.get(
    "/api/live/attendance",
    { ...signedIn, schema: { summary: "The live meetings I attended: when I joined and left, for how long (mine only)", tags, security, response: { 200: AttendanceList } } },
    async (request) => presentAttendance(await live.attendance(requireActor(request.actor).memberId)),
  );

  app.get(
    "/api/live/attendance/:attendanceId/slip",
    {
      ...signedIn,
      schema: {
        summary: "A signed proof-of-attendance slip for one of my attendances (meetings that offer it, once ended)",
        tags,
        security,
        params: AttendanceParams,
        response: { 200: AttendanceSlip },
      },
    },
    async (request) => presentSlip(await live.slip(requireActor(request.actor).memberId, request.params.attendanceId)),
  );

  app.get(
    "/api/live/slips/verify/:code",
    { schema: { summary: "Whether an attendance slip is genuine (says nothing beyond what the slip says)", tags, params: SlipCodeParams, response: { 200: SlipVerification } } },
    async (request) => presentVerification(await live.verifySlip(request.params.code)),
  );

  const ownOrigins = new Set([new URL(config.publicUrl).origin]);
  app.route({
    method: "GET",
    url: LIVE_SOCKET_PATH,
    schema: {
      summary: "The live room WebSocket (upgrade only; messages in core/live/protocol.ts): signed in, from this site",
      tags,
      security,
    },
    // Like the CSRF check: a browser on another site may not open a socket with our cookie.
    preValidation: async (request) => {
      const origin = request.headers.origin;
      if (origin !== undefined && !ownOrigins.has(origin) && origin !== `${request.protocol}://${request.headers.host ?? ""}`) throw new AppError("csrf");
      requireActor(request.actor);
    },
    handler: async () => {
      throw new AppError("badRequest", "Connect to this address with a WebSocket.");
    },
    wsHandler: (socket, request) => {
      const actor = requireActor(request.actor);
      new LiveConnection(socket, { memberId: actor.memberId, displayName: actor.displayName }, live, (message) => request.log.warn(message));
    },
  });
};
