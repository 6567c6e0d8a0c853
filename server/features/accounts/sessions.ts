import { newId } from "../../../core/ids";
import type { OrganizationService } from "../organization/service";
import { newSessionToken, sha256 } from "./credentials";
import type { AccountsRepository, Member, Session } from "./repository";

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/**
 * A session is renewed (expiry pushed back, cookie set again) at most once a day: it keeps active
 * people signed in without writing on every request, and keeps last-seen times coarse.
 */
const RENEW_AFTER_MS = DAY_MS;

export interface IssuedSession {
  /** The secret for the cookie: never stored. */
  token: string;
  session: Session;
}

export interface SignedIn {
  member: Member;
  sessionId: string;
  isOrganizationAdmin: boolean;
  /** True when the session was just renewed and the cookie should be set again. */
  renewed: boolean;
}

export class SessionService {
  constructor(
    private readonly repo: AccountsRepository,
    private readonly organization: OrganizationService,
  ) {}

  /** A new session for the member, not yet stored (for callers that store it in their own transaction). */
  issue(memberId: string, now = new Date()): IssuedSession {
    const token = newSessionToken();
    const at = now.toISOString();
    const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString();
    return { token, session: { id: newId(), memberId, tokenHash: sha256(token), createdAt: at, lastSeenAt: at, expiresAt } };
  }

  /** Signs the member in: stores a new session and returns its token. */
  async start(memberId: string): Promise<string> {
    const now = new Date();
    await this.repo.deleteExpiredSessions(memberId, now.toISOString());
    const issued = this.issue(memberId, now);
    await this.repo.insertSession(issued.session);
    return issued.token;
  }

  /** Who holds this token, or null when it is unknown or expired. */
  async resolve(token: string): Promise<SignedIn | null> {
    const found = await this.repo.sessionByTokenHash(sha256(token));
    if (!found) return null;
    const now = new Date();
    if (found.session.expiresAt <= now.toISOString()) {
      await this.repo.deleteSession(found.session.id);
      return null;
    }
    const renewed = now.getTime() - Date.parse(found.session.lastSeenAt) > RENEW_AFTER_MS;
    if (renewed) {
      await this.repo.renewSession(found.session.id, now.toISOString(), new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString());
    }
    const isOrganizationAdmin = await this.organization.isAdmin(found.member.id);
    return { member: found.member, sessionId: found.session.id, isOrganizationAdmin, renewed };
  }

  end(sessionId: string): Promise<void> {
    return this.repo.deleteSession(sessionId);
  }

  endEverywhere(memberId: string): Promise<void> {
    return this.repo.deleteSessions(memberId);
  }

  list(memberId: string): Promise<Session[]> {
    return this.repo.listSessions(memberId);
  }
}
