import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FeatureDeps } from "..";
import { Id } from "../../../core/api";
import { NotificationSettings, NotificationsPage, NotificationsQuery, UnreadCount, UpdateNotificationSettingsRequest } from "../../../core/support";
import { guard, requireActor } from "../../http/session";
import { presentNotification } from "./presenter";

const NotificationParams = z.object({ notificationId: Id });
const NoContent = z.null().describe("No content");
const tags = ["notifications"];
const security = [{ session: [] }];
const signedIn = { preValidation: guard(requireActor) };
const memberIdOf = (request: FastifyRequest) => requireActor(request.actor).memberId;

export const notificationRoutes: FastifyPluginAsync<FeatureDeps> = async (fastify, { services }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { notifications } = services;

  app.get(
    "/api/notifications",
    { ...signedIn, schema: { summary: "My notifications, newest first", tags, security, querystring: NotificationsQuery, response: { 200: NotificationsPage } } },
    async (request) => {
      const page = await notifications.list(memberIdOf(request), request.query.before);
      return { notifications: page.notifications.map(presentNotification), nextBefore: page.nextBefore };
    },
  );

  app.get(
    "/api/notifications/unread",
    { ...signedIn, schema: { summary: "How many of my notifications are unread", tags, security, response: { 200: UnreadCount } } },
    async (request) => ({ unread: await notifications.unreadCount(memberIdOf(request)) }),
  );

  app.put(
    "/api/notifications/:notificationId/read",
    { ...signedIn, schema: { summary: "Mark one of my notifications read", tags, security, params: NotificationParams, response: { 204: NoContent } } },
    async (request, reply) => {
      await notifications.markRead(memberIdOf(request), request.params.notificationId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/notifications/read-all",
    { ...signedIn, schema: { summary: "Mark all my notifications read", tags, security, response: { 204: NoContent } } },
    async (request, reply) => {
      await notifications.markRead(memberIdOf(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/notifications/settings",
    { ...signedIn, schema: { summary: "What I am told of, in the app and by email, per kind", tags, security, response: { 200: NotificationSettings } } },
    async (request) => notifications.settings(memberIdOf(request)),
  );

  app.put(
    "/api/notifications/settings",
    { ...signedIn, schema: { summary: "Choose, per kind, in the app and by email", tags, security, body: UpdateNotificationSettingsRequest, response: { 200: NotificationSettings } } },
    async (request) => notifications.updateSettings(memberIdOf(request), request.body.settings),
  );
};
