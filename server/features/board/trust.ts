/**
 * Trust levels, per member and organization: earned by taking part (as Discourse counts it), or set
 * by the organization's admins, after which only they change it.
 */
import { earnedTrustLevel, type TrustLevel } from "../../../core/board";
import { newId } from "../../../core/ids";
import { AppError } from "../../errors";
import type { BoardRepository, ParticipationCounter, TrustRecord } from "./repository";

export type Clock = () => Date;

/** Reading time is the gap between two read markers, each counted up to this (longer: they stepped away). */
const READING_GAP_MAX_SECONDS = 120;

const NOTHING_YET: TrustRecord = {
  level: 0,
  setByOrganization: false,
  topicsEntered: 0,
  postsRead: 0,
  readingSeconds: 0,
  daysVisited: 0,
  reactionsGiven: 0,
  reactionsReceived: 0,
  threadsRepliedTo: 0,
  flagsDecided: 0,
  flagsAgreed: 0,
  lastVisitDay: null,
  lastReadAt: null,
};

/** What trust needs from the organization feature (its OrganizationService fits this). */
export interface CurrentOrganization {
  require(): Promise<{ id: string }>;
}

export interface MemberTrust extends TrustRecord {
  memberId: string;
}

export class TrustService {
  constructor(
    private readonly repo: BoardRepository,
    private readonly organization: CurrentOrganization,
    private readonly clock: Clock,
  ) {}

  async of(organizationId: string, memberId: string, repo: BoardRepository = this.repo): Promise<TrustRecord> {
    return (await repo.trust(organizationId, memberId)) ?? NOTHING_YET;
  }

  /**
   * Counts taking part, in the caller's transaction: what was done, a visit once a day (unless
   * the count is for something done to them) and, when they read something, the time since
   * they last did. Promotes them once they have earned
   * the next level, unless the organization set their level by hand.
   */
  async count(
    repo: BoardRepository,
    organizationId: string,
    memberId: string,
    added: Partial<Record<ParticipationCounter, number>>,
    options: { reading?: boolean; visit?: boolean } = {},
  ): Promise<void> {
    const now = this.clock();
    const at = now.toISOString();
    const day = at.slice(0, 10);
    await repo.ensureTrust(organizationId, memberId, at);
    const before = await this.of(organizationId, memberId, repo);
    const counted = { ...added };
    const marks: { lastVisitDay?: string; lastReadAt?: string } = {};
    if (options.visit !== false && before.lastVisitDay !== day) {
      counted.daysVisited = (counted.daysVisited ?? 0) + 1;
      marks.lastVisitDay = day;
    }
    if (options.reading) {
      if (before.lastReadAt) {
        const gap = Math.floor((now.getTime() - Date.parse(before.lastReadAt)) / 1000);
        counted.readingSeconds = Math.max(0, Math.min(gap, READING_GAP_MAX_SECONDS));
      }
      marks.lastReadAt = at;
    }
    await repo.count(organizationId, memberId, counted, at, marks);
    const after = await this.of(organizationId, memberId, repo);
    const earned = earnedTrustLevel(after);
    if (!after.setByOrganization && earned > after.level) await repo.setTrustLevel(organizationId, memberId, earned, false, at);
  }

  /** The member's own level and what has counted so far. */
  async mine(memberId: string): Promise<MemberTrust> {
    const organization = await this.organization.require();
    return { memberId, ...(await this.of(organization.id, memberId)) };
  }

  /**
   * Sets a member's level by hand (organization admins); from then on it changes only by hand.
   * The change and its entry in the organization's audit log are written together.
   */
  async set(memberId: string, level: TrustLevel, actorId: string | null = null): Promise<MemberTrust> {
    const organization = await this.organization.require();
    const now = this.clock();
    const at = now.toISOString();
    await this.repo.transaction(async (repo) => {
      if (!(await repo.memberExists(memberId))) throw new AppError("notFound", "There is no such person.");
      await repo.ensureTrust(organization.id, memberId, at);
      const before = await this.of(organization.id, memberId, repo);
      await repo.setTrustLevel(organization.id, memberId, level, true, at);
      await repo.insertOrganizationAudit({
        id: newId(now.getTime()),
        organizationId: organization.id,
        action: "trust_set",
        actorId,
        subjectId: memberId,
        note: null,
        details: JSON.stringify({ from: before.level, to: level }),
        createdAt: at,
      });
    });
    return this.mine(memberId);
  }
}
