import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FeatureDeps } from "..";
import { Id } from "../../../core/api";
import {
  Appeal,
  AppealDecisionRequest,
  AppealRequest,
  AuditEntry,
  AuditLogPage,
  BoardPost,
  BoardRepliesPage,
  BoardSettings,
  BoardSettingsRequest,
  BoardThread,
  BoardThreadDetail,
  BoardThreadsPage,
  EditPostRequest,
  FlagRequest,
  FlagResponse,
  MarkReadRequest,
  MemberModerationRequest,
  ModerationQueue,
  NewReplyRequest,
  NewThreadRequest,
  NoticesResponse,
  PageQuery,
  PinRequest,
  PostModerationRequest,
  PostVersionsResponse,
  Reaction,
  ReactionsResponse,
  SetTrustRequest,
  TrustResponse,
} from "../../../core/board";
import { guard, requireActor } from "../../http/session";
import { authorizeSetTrust } from "./policy";
import {
  presentAppeal,
  presentAuditEntry,
  presentNotice,
  presentPost,
  presentQueue,
  presentReactions,
  presentThread,
  presentThreadDetail,
  presentThreadsPage,
  presentTrust,
  presentVersion,
} from "./presenter";

const GroupParams = z.object({ groupId: Id });
const ThreadParams = z.object({ threadId: Id });
const PostParams = z.object({ postId: Id });
const ReactionParams = z.object({ postId: Id, kind: Reaction });
const MemberParams = z.object({ groupId: Id, memberId: Id });
const NoContent = z.null().describe("No content");
const tags = ["board"];
const security = [{ session: [] }];
/** Signed-in routes answer 401 before looking at what was sent. */
const signedIn = { preValidation: guard(requireActor) };

const memberIdOf = (request: FastifyRequest) => request.actor?.memberId ?? null;
const actorOf = (request: FastifyRequest) => requireActor(request.actor);

export const boardRoutes: FastifyPluginAsync<FeatureDeps> = async (fastify, { services }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { board, moderation, trust } = services;

  // ---------- a group's board ----------

  app.get(
    "/api/groups/:groupId/board/threads",
    { schema: { summary: "A page of the group board's topics, latest activity first", tags, params: GroupParams, querystring: PageQuery, response: { 200: BoardThreadsPage } } },
    async (request) => {
      const access = await board.authorizeBoard(memberIdOf(request), request.params.groupId, "read");
      return presentThreadsPage(await board.threads(access, request.query.cursor, request.query.limit));
    },
  );

  app.post(
    "/api/groups/:groupId/board/threads",
    { ...signedIn, schema: { summary: "Start a topic", tags, security, params: GroupParams, body: NewThreadRequest, response: { 201: BoardThreadDetail } } },
    async (request, reply) => {
      const access = await board.authorizeBoard(memberIdOf(request), request.params.groupId, "takePart");
      return reply.status(201).send(presentThreadDetail(await board.startThread(access, request.body)));
    },
  );

  app.put(
    "/api/groups/:groupId/board/settings",
    { ...signedIn, schema: { summary: "Choose who reads the board: members or public (chair, secretary, admins)", tags, security, params: GroupParams, body: BoardSettingsRequest, response: { 200: BoardSettings } } },
    async (request) => {
      const access = await board.authorizeBoard(memberIdOf(request), request.params.groupId, "changeVisibility");
      return { groupId: access.groupId, visibility: await board.setVisibility(access, request.body.visibility) };
    },
  );

  app.get(
    "/api/groups/:groupId/board/queue",
    { ...signedIn, schema: { summary: "The moderators' queue: flagged posts (crisis first) and open appeals", tags, security, params: GroupParams, response: { 200: ModerationQueue } } },
    async (request) => presentQueue(await moderation.queue(actorOf(request).memberId, request.params.groupId)),
  );

  app.get(
    "/api/groups/:groupId/board/audit",
    { ...signedIn, schema: { summary: "The board's audit log of moderation, latest first (moderators, admins)", tags, security, params: GroupParams, querystring: PageQuery.pick({ cursor: true }), response: { 200: AuditLogPage } } },
    async (request) => {
      const { entries, nextCursor } = await moderation.auditLog(actorOf(request).memberId, request.params.groupId, request.query.cursor);
      return { entries: entries.map(presentAuditEntry), nextCursor };
    },
  );

  app.post(
    "/api/groups/:groupId/board/members/:memberId/moderation",
    { ...signedIn, schema: { summary: "Warn, mute for a time, or remove a member, with a note to them (moderators)", tags, security, params: MemberParams, body: MemberModerationRequest, response: { 201: AuditEntry } } },
    async (request, reply) => {
      const { groupId, memberId } = request.params;
      const entry = await moderation.moderateMember(actorOf(request).memberId, groupId, memberId, request.body);
      return reply.status(201).send(presentAuditEntry(entry));
    },
  );

  // ---------- topics ----------

  app.get(
    "/api/board/threads/:threadId",
    { schema: { summary: "A topic with its opening post", tags, params: ThreadParams, response: { 200: BoardThreadDetail } } },
    async (request) => {
      const { access, thread } = await board.authorizeThread(memberIdOf(request), request.params.threadId, "read");
      return presentThreadDetail(await board.threadDetail(access, thread));
    },
  );

  app.get(
    "/api/board/threads/:threadId/replies",
    { schema: { summary: "A page of a topic's replies, oldest first", tags, params: ThreadParams, querystring: PageQuery, response: { 200: BoardRepliesPage } } },
    async (request) => {
      const { access, thread } = await board.authorizeThread(memberIdOf(request), request.params.threadId, "read");
      const { replies, nextCursor } = await board.replies(access, thread, request.query.cursor, request.query.limit);
      return { replies: replies.map(presentPost), nextCursor };
    },
  );

  app.post(
    "/api/board/threads/:threadId/replies",
    { ...signedIn, schema: { summary: "Reply to a topic", tags, security, params: ThreadParams, body: NewReplyRequest, response: { 201: BoardPost } } },
    async (request, reply) => {
      const { access, thread } = await board.authorizeThread(memberIdOf(request), request.params.threadId, "takePart");
      return reply.status(201).send(presentPost(await board.reply(access, thread, request.body)));
    },
  );

  app.put(
    "/api/board/threads/:threadId/read",
    { ...signedIn, schema: { summary: "Move my unread marker forward to a post of the topic", tags, security, params: ThreadParams, body: MarkReadRequest, response: { 204: NoContent } } },
    async (request, reply) => {
      const { access, thread } = await board.authorizeThread(memberIdOf(request), request.params.threadId, "takePart");
      await board.markRead(access, thread, request.body.postId);
      return reply.status(204).send(null);
    },
  );

  app.put(
    "/api/board/threads/:threadId/pin",
    { ...signedIn, schema: { summary: "Pin or unpin a topic (moderators)", tags, security, params: ThreadParams, body: PinRequest, response: { 200: BoardThread } } },
    async (request) => {
      const { access, thread } = await board.authorizeThread(memberIdOf(request), request.params.threadId, "moderate");
      return presentThread(await board.pin(access, thread, request.body.pinned));
    },
  );

  // ---------- posts ----------

  app.patch(
    "/api/board/posts/:postId",
    { ...signedIn, schema: { summary: "Edit my post (earlier versions are kept for moderators)", tags, security, params: PostParams, body: EditPostRequest, response: { 200: BoardPost } } },
    async (request) => {
      const { access, post } = await board.authorizePost(memberIdOf(request), request.params.postId, "takePart");
      return presentPost(await board.edit(access, post, request.body));
    },
  );

  app.delete(
    "/api/board/posts/:postId",
    { ...signedIn, schema: { summary: "Delete my post", tags, security, params: PostParams, response: { 204: NoContent } } },
    async (request, reply) => {
      await board.deletePost(actorOf(request).memberId, request.params.postId);
      return reply.status(204).send(null);
    },
  );

  for (const [method, on] of [["PUT", true], ["DELETE", false]] as const) {
    app.route({
      method,
      url: "/api/board/posts/:postId/reactions/:kind",
      ...signedIn,
      schema: { summary: on ? "Add my reaction to a post" : "Take back my reaction", tags, security, params: ReactionParams, response: { 200: ReactionsResponse } },
      handler: async (request) => {
        const { access, post } = await board.authorizePost(memberIdOf(request), request.params.postId, "takePart");
        return { postId: post.id, reactions: presentReactions(await board.react(access, post, request.params.kind, on)) };
      },
    });
  }

  app.post(
    "/api/board/posts/:postId/flags",
    { ...signedIn, schema: { summary: "Flag a post for the moderators", tags, security, params: PostParams, body: FlagRequest, response: { 201: FlagResponse } } },
    async (request, reply) => {
      const { postId } = request.params;
      await moderation.flag(actorOf(request).memberId, postId, request.body.reason, request.body.note);
      return reply.status(201).send({ postId, reason: request.body.reason, status: "received" as const });
    },
  );

  app.get(
    "/api/board/posts/:postId/versions",
    { ...signedIn, schema: { summary: "Earlier versions of a post (moderators)", tags, security, params: PostParams, response: { 200: PostVersionsResponse } } },
    async (request) => {
      const { access, post } = await board.authorizePost(memberIdOf(request), request.params.postId, "moderate");
      return { versions: (await board.versions(access, post)).map(presentVersion) };
    },
  );

  app.post(
    "/api/board/posts/:postId/moderation",
    { ...signedIn, schema: { summary: "Hide, restore or edit a post, with a note to its author (moderators)", tags, security, params: PostParams, body: PostModerationRequest, response: { 200: BoardPost } } },
    async (request) => presentPost(await moderation.moderatePost(actorOf(request).memberId, request.params.postId, request.body)),
  );

  // ---------- what I am told, appeals, trust ----------

  app.get(
    "/api/board/notices",
    { ...signedIn, schema: { summary: "What moderators decided about my posts, my flags and me", tags, security, response: { 200: NoticesResponse } } },
    async (request) => {
      const actor = actorOf(request);
      const notices = await moderation.notices(actor.memberId, { memberCountry: actor.country, acceptLanguage: request.headers["accept-language"] });
      return { notices: notices.map(presentNotice) };
    },
  );

  app.post(
    "/api/board/notices/:noticeId/appeal",
    { ...signedIn, schema: { summary: "Appeal a moderator's action; another moderator or the organization decides", tags, security, params: z.object({ noticeId: Id }), body: AppealRequest, response: { 201: Appeal } } },
    async (request, reply) => {
      const appeal = await moderation.appeal(actorOf(request).memberId, request.params.noticeId, request.body.message);
      return reply.status(201).send(presentAppeal(appeal));
    },
  );

  app.post(
    "/api/board/appeals/:appealId/decision",
    { ...signedIn, schema: { summary: "Decide an appeal (another moderator, or an admin)", tags, security, params: z.object({ appealId: Id }), body: AppealDecisionRequest, response: { 200: Appeal } } },
    async (request) => {
      const { outcome, note } = request.body;
      return presentAppeal(await moderation.decideAppeal(actorOf(request).memberId, request.params.appealId, outcome, note));
    },
  );

  app.get(
    "/api/board/trust",
    { ...signedIn, schema: { summary: "My trust level and what has counted toward the next", tags, security, response: { 200: TrustResponse } } },
    async (request) => presentTrust(await trust.mine(actorOf(request).memberId)),
  );

  app.put(
    "/api/board/trust/:memberId",
    { preValidation: guard(authorizeSetTrust), schema: { summary: "Set a member's trust level by hand (organization admins)", tags, security, params: z.object({ memberId: Id }), body: SetTrustRequest, response: { 200: TrustResponse } } },
    async (request) => {
      const admin = authorizeSetTrust(request.actor);
      return presentTrust(await trust.set(request.params.memberId, request.body.level, admin.memberId));
    },
  );
};
