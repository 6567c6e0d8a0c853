import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FeatureDeps } from "..";
import { Id } from "../../../core/api";
import {
  BlocksResponse,
  Buddy,
  BuddiesResponse,
  BuddyRequest,
  DirectMessage,
  FlaggedMessagesResponse,
  MessageFlagRequest,
  MessageFlagResponse,
  MessageModerationRequest,
  MessageModerationResponse,
  MessagesPage,
  MessagesQuery,
  NewMessageRequest,
} from "../../../core/support";
import { guard, requireActor } from "../../http/session";
import { authorizeReviewMessages } from "./policy";
import { presentBlock, presentBuddy, presentFlaggedMessage, presentMessage } from "./presenter";

const BuddyParams = z.object({ buddyId: Id });
const MemberParams = z.object({ memberId: Id });
const MessageParams = z.object({ buddyId: Id, messageId: Id });
const adminTags = ["organization admin"];
const adminsOnly = { preValidation: guard(authorizeReviewMessages) };
const NoContent = z.null().describe("No content");
const tags = ["buddies"];
const security = [{ session: [] }];
const signedIn = { preValidation: guard(requireActor) };
const memberIdOf = (request: FastifyRequest) => requireActor(request.actor).memberId;

export const buddyRoutes: FastifyPluginAsync<FeatureDeps> = async (fastify, { services }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { buddies, blocks, messageModeration } = services;

  app.get(
    "/api/buddies",
    { ...signedIn, schema: { summary: "My buddies and sponsors, and the requests I made and received", tags, security, response: { 200: BuddiesResponse } } },
    async (request) => ({ buddies: (await buddies.list(memberIdOf(request))).map(presentBuddy) }),
  );

  app.post(
    "/api/buddies",
    { ...signedIn, schema: { summary: "Ask someone in one of my groups (by handle) to be my buddy or sponsor", tags, security, body: BuddyRequest, response: { 201: Buddy } } },
    async (request, reply) => reply.status(201).send(presentBuddy(await buddies.ask(memberIdOf(request), request.body.handle, request.body.role))),
  );

  app.post(
    "/api/buddies/:buddyId/accept",
    { ...signedIn, schema: { summary: "Say yes to a request I received", tags, security, params: BuddyParams, response: { 200: Buddy } } },
    async (request) => presentBuddy(await buddies.accept(await buddies.authorize(memberIdOf(request), request.params.buddyId, "answer"))),
  );

  app.post(
    "/api/buddies/:buddyId/decline",
    { ...signedIn, schema: { summary: "Say no to a request I received, quietly", tags, security, params: BuddyParams, response: { 204: NoContent } } },
    async (request, reply) => {
      await buddies.decline(await buddies.authorize(memberIdOf(request), request.params.buddyId, "answer"));
      return reply.status(204).send(null);
    },
  );

  app.delete(
    "/api/buddies/:buddyId",
    { ...signedIn, schema: { summary: "End a buddyship or withdraw a request; its messages go with it", tags, security, params: BuddyParams, response: { 204: NoContent } } },
    async (request, reply) => {
      await buddies.end(await buddies.authorize(memberIdOf(request), request.params.buddyId, "end"));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/buddies/:buddyId/messages",
    { ...signedIn, schema: { summary: "Our direct messages, newest first", tags, security, params: BuddyParams, querystring: MessagesQuery, response: { 200: MessagesPage } } },
    async (request) => {
      const buddyship = await buddies.authorize(memberIdOf(request), request.params.buddyId, "readMessages");
      const page = await buddies.messages(buddyship, request.query.before);
      return { messages: page.messages.map((m) => presentMessage(m, buddyship.viewerId)), nextBefore: page.nextBefore };
    },
  );

  app.post(
    "/api/buddies/:buddyId/messages",
    { ...signedIn, schema: { summary: "Send my buddy a direct message (from trust level basic)", tags, security, params: BuddyParams, body: NewMessageRequest, response: { 201: DirectMessage } } },
    async (request, reply) => {
      const buddyship = await buddies.authorize(memberIdOf(request), request.params.buddyId, "writeMessages");
      return reply.status(201).send(presentMessage(await buddies.send(buddyship, request.body.body), buddyship.viewerId));
    },
  );

  app.post(
    "/api/buddies/:buddyId/messages/:messageId/flags",
    { ...signedIn, schema: { summary: "Flag a message my buddy sent me, for the organization's admins", tags, security, params: MessageParams, body: MessageFlagRequest, response: { 201: MessageFlagResponse } } },
    async (request, reply) => {
      const buddyship = await buddies.authorize(memberIdOf(request), request.params.buddyId, "readMessages");
      await messageModeration.flag(buddyship, request.params.messageId, request.body.reason, request.body.note);
      return reply.status(201).send({ messageId: request.params.messageId, reason: request.body.reason, status: "received" as const });
    },
  );

  app.get(
    "/api/admin/flagged-messages",
    { ...adminsOnly, schema: { summary: "Direct messages with open flags, crisis first: the messages alone, not the conversations (organization admins)", tags: adminTags, security, response: { 200: FlaggedMessagesResponse } } },
    async (request) => {
      authorizeReviewMessages(request.actor);
      return { items: (await messageModeration.queue()).map(presentFlaggedMessage) };
    },
  );

  app.post(
    "/api/admin/flagged-messages/:messageId/decision",
    { ...adminsOnly, schema: { summary: "Hide a flagged message from its recipient, or restore it, with a note (organization admins)", tags: adminTags, security, params: z.object({ messageId: Id }), body: MessageModerationRequest, response: { 200: MessageModerationResponse } } },
    async (request) => {
      const admin = authorizeReviewMessages(request.actor);
      return messageModeration.decide(admin.memberId, request.params.messageId, request.body);
    },
  );

  app.get(
    "/api/blocks",
    { ...signedIn, schema: { summary: "The people I blocked", tags, security, response: { 200: BlocksResponse } } },
    async (request) => ({ blocked: (await blocks.blockedBy(memberIdOf(request))).map(presentBlock) }),
  );

  app.put(
    "/api/blocks/:memberId",
    { ...signedIn, schema: { summary: "Block someone: they cannot reach me anywhere in Kindred; any buddyship ends", tags, security, params: MemberParams, response: { 204: NoContent } } },
    async (request, reply) => {
      await blocks.block(memberIdOf(request), request.params.memberId);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    "/api/blocks/:memberId",
    { ...signedIn, schema: { summary: "Unblock someone", tags, security, params: MemberParams, response: { 204: NoContent } } },
    async (request, reply) => {
      await blocks.unblock(memberIdOf(request), request.params.memberId);
      return reply.status(204).send(null);
    },
  );
};
