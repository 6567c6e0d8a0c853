import type { UiLanguage } from "../../core/accounts";

/** Who is making a request, resolved from the session cookie; null when signed out. */
export interface Actor {
  memberId: string;
  sessionId: string;
  handle: string;
  displayName: string;
  language: UiLanguage;
  country: string | null;
  isOrganizationAdmin: boolean;
}

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export const SESSION_COOKIE = "kindred_session";
