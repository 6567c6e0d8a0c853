import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FeatureDeps } from "..";
import {
  AccountExport,
  ChangePasswordRequest,
  DeleteAccountRequest,
  Me,
  NewRecoveryCodesRequest,
  RecoverRequest,
  RecoverResponse,
  RecoveryCodesResponse,
  SignInRequest,
  SignInResponse,
  SignUpRequest,
  SignUpResponse,
  UpdateProfileRequest,
} from "../../../core/api";
import { clearSessionCookie, clientAddress, guard, setSessionCookie } from "../../http/session";
import { authorizeOwnAccount } from "./policy";
import { presentExport, presentMe } from "./presenter";

const NoContent = z.null().describe("No content");
const account = { tags: ["accounts"], security: [{ session: [] }] };
const ownAccount = { preValidation: guard(authorizeOwnAccount) };
const anonymous = { tags: ["accounts"] };

export const accountRoutes: FastifyPluginAsync<FeatureDeps> = async (fastify, { services, config }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { accounts, sessions } = services;

  app.post(
    "/api/account",
    { schema: { ...anonymous, summary: "Sign up with a handle and a password", body: SignUpRequest, response: { 201: SignUpResponse } } },
    async (request, reply) => {
      const { view, token, recoveryCodes } = await accounts.signUp(request.body);
      setSessionCookie(reply, config, token);
      return reply.status(201).send({ member: presentMe(view), recoveryCodes });
    },
  );

  app.get("/api/account", { ...ownAccount, schema: { ...account, summary: "The signed-in member", response: { 200: Me } } }, async (request) => {
    const actor = authorizeOwnAccount(request.actor);
    return presentMe(await accounts.view(actor.memberId));
  });

  app.patch(
    "/api/account",
    { ...ownAccount, schema: { ...account, summary: "Change display name, language, country or email", body: UpdateProfileRequest, response: { 200: Me } } },
    async (request) => {
      const actor = authorizeOwnAccount(request.actor);
      return presentMe(await accounts.updateProfile(actor.memberId, request.body));
    },
  );

  app.delete(
    "/api/account",
    { ...ownAccount, schema: { ...account, summary: "Delete my account and my personal data", body: DeleteAccountRequest, response: { 204: NoContent } } },
    async (request, reply) => {
      const actor = authorizeOwnAccount(request.actor);
      await accounts.deleteAccount(actor.memberId, request.body.password, request.body.posts, clientAddress(request));
      clearSessionCookie(reply, config);
      return reply.status(204).send(null);
    },
  );

  app.put(
    "/api/account/password",
    { ...ownAccount, schema: { ...account, summary: "Change my password; my other sessions end", body: ChangePasswordRequest, response: { 204: NoContent } } },
    async (request, reply) => {
      const actor = authorizeOwnAccount(request.actor);
      const { currentPassword, newPassword } = request.body;
      await accounts.changePassword(actor.memberId, actor.sessionId, currentPassword, newPassword, clientAddress(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/account/recovery-codes",
    {
      ...ownAccount,
      schema: {
        ...account,
        summary: "New recovery codes (the old ones stop working)",
        body: NewRecoveryCodesRequest,
        response: { 200: RecoveryCodesResponse },
      },
    },
    async (request) => {
      const actor = authorizeOwnAccount(request.actor);
      return { recoveryCodes: await accounts.newRecoveryCodes(actor.memberId, request.body.password, clientAddress(request)) };
    },
  );

  app.post(
    "/api/account/recover",
    { schema: { ...anonymous, summary: "Set a new password with a recovery code", body: RecoverRequest, response: { 200: RecoverResponse } } },
    async (request, reply) => {
      const { handle, recoveryCode, newPassword } = request.body;
      const { view, token, recoveryCodesLeft } = await accounts.recover(handle, recoveryCode, newPassword, clientAddress(request));
      setSessionCookie(reply, config, token);
      return { member: presentMe(view), recoveryCodesLeft };
    },
  );

  app.get(
    "/api/account/export",
    { ...ownAccount, schema: { ...account, summary: "Everything Kindred holds about me, as a JSON file", response: { 200: AccountExport } } },
    async (request, reply) => {
      const actor = authorizeOwnAccount(request.actor);
      const data = await accounts.dataOf(actor.memberId);
      // Personal data: a download, never kept in a shared cache or a phone's browser cache.
      reply.header("content-disposition", 'attachment; filename="kindred-my-data.json"').header("cache-control", "no-store");
      return presentExport(data, new Date());
    },
  );

  app.post(
    "/api/session",
    { schema: { ...anonymous, summary: "Sign in", body: SignInRequest, response: { 200: SignInResponse } } },
    async (request, reply) => {
      const { view, token } = await accounts.signIn(request.body.handle, request.body.password, clientAddress(request));
      setSessionCookie(reply, config, token);
      return { member: presentMe(view) };
    },
  );

  app.delete("/api/session", { ...ownAccount, schema: { ...account, summary: "Sign out", response: { 204: NoContent } } }, async (request, reply) => {
    const actor = authorizeOwnAccount(request.actor);
    await sessions.end(actor.sessionId);
    clearSessionCookie(reply, config);
    return reply.status(204).send(null);
  });

  app.delete(
    "/api/sessions",
    { ...ownAccount, schema: { ...account, summary: "Sign out everywhere", response: { 204: NoContent } } },
    async (request, reply) => {
      const actor = authorizeOwnAccount(request.actor);
      await sessions.endEverywhere(actor.memberId);
      clearSessionCookie(reply, config);
      return reply.status(204).send(null);
    },
  );
};
