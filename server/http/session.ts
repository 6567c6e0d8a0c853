import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../config";
import { AppError } from "../errors";
import { SESSION_LIFETIME_MS } from "../features/accounts/sessions";
import type { Services } from "../services";
import { SESSION_COOKIE, type Actor } from "./context";

function cookieOptions(config: Config) {
  return { httpOnly: true, sameSite: "lax" as const, path: "/", secure: config.secureCookies };
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(config), maxAge: SESSION_LIFETIME_MS / 1000 });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(config));
}

/**
 * Sets `request.actor` on every request from the session cookie. Installed at the root scope, before
 * any feature registers its routes, so every route sees it. A stale cookie is cleared; a session
 * due for renewal gets its cookie set again with the new expiry.
 */
export function installSessionActor(app: FastifyInstance, services: Services, config: Config): void {
  app.decorateRequest("actor", null);
  app.addHook("onRequest", async (request, reply) => {
    request.actor = null;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const signedIn = await services.sessions.resolve(token);
    if (!signedIn) {
      clearSessionCookie(reply, config);
      return;
    }
    const { member } = signedIn;
    request.actor = {
      memberId: member.id,
      sessionId: signedIn.sessionId,
      handle: member.handle,
      displayName: member.displayName,
      language: member.language,
      country: member.country,
      isOrganizationAdmin: signedIn.isOrganizationAdmin,
    };
    if (signedIn.renewed) setSessionCookie(reply, config, token);
  });
}

/** The signed-in actor, or 401 unauthenticated: the first step of every policy for signed-in routes. */
export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError("unauthenticated");
  return actor;
}

/**
 * Runs an actor-level policy before the body is validated, so that a signed-out or unauthorized
 * caller hears 401/403 rather than details about the fields it sent: `preValidation: guard(policy)`.
 */
export function guard(policy: (actor: Actor | null) => unknown) {
  return async (request: FastifyRequest): Promise<void> => {
    policy(request.actor);
  };
}

/** The address a request came from (behind a proxy, the one it forwarded), for throttling only. */
export function clientAddress(request: FastifyRequest): string {
  return request.ip;
}
