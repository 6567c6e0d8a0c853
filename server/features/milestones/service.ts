import type { z } from "zod";
import {
  daysBetween,
  type ExportedMilestone,
  markOn,
  marksReached,
  memberToday,
  nextMark,
  utcDate,
  type Mark,
  type MilestoneLabel,
  type NewMilestoneRequest,
  type UpdateMilestoneRequest,
} from "../../../core/support";
import { newId } from "../../../core/ids";
import { fieldError } from "../../errors";
import type { Authorized, GroupAction } from "../groups/service";
import { presentMilestoneRecord } from "./presenter";
import { requireOwn, type OwnMilestone } from "./policy";
import type { CelebratedMilestone, MilestoneRecord, MilestonesRepository } from "./repository";

export type { MilestoneRecord, OwnMilestone };

/** What milestones need from the groups feature (its GroupsService fits this). */
export interface GroupsForMilestones {
  authorize<A extends GroupAction>(memberId: string | null, groupId: string, action: A): Promise<Authorized<A>>;
  membershipsOf(memberIds: string[]): Promise<Map<string, { groupId: string }[]>>;
}

/** A milestone counted to the member's today. */
export interface MilestoneView {
  milestone: MilestoneRecord;
  days: number;
  reached: Mark[];
  next: Mark;
}

export interface CelebrationView {
  milestone: CelebratedMilestone;
  mark: Mark;
}

export class MilestonesService {
  constructor(
    private readonly repo: MilestonesRepository,
    private readonly groups: GroupsForMilestones,
    private readonly clock: () => Date,
  ) {}

  async list(memberId: string, today?: string): Promise<{ today: string; milestones: MilestoneView[] }> {
    const day = this.today(today);
    const milestones = await this.repo.listOf(memberId);
    return { today: day, milestones: milestones.map((m) => viewOf(m, day)) };
  }

  async mine(memberId: string, milestoneId: string): Promise<OwnMilestone> {
    return requireOwn(memberId, await this.repo.find(milestoneId));
  }

  async create(memberId: string, input: NewMilestoneRequest, today?: string): Promise<MilestoneView> {
    this.checkSince(input.since);
    await this.checkOwnGroups(memberId, input.celebrateIn);
    const now = this.clock();
    const id = newId(now.getTime());
    await this.repo.transaction(async (repo) => {
      await repo.insert({ id, memberId, ...wordsFor(input.label, input.words), since: input.since, createdAt: now.toISOString() });
      await repo.celebrateIn(id, input.celebrateIn);
    });
    return viewOf((await this.repo.find(id))!, this.today(today));
  }

  async update(milestone: OwnMilestone, changes: UpdateMilestoneRequest, today?: string): Promise<MilestoneView> {
    if (changes.celebrateIn) await this.checkOwnGroups(milestone.memberId, changes.celebrateIn);
    const label = changes.label ?? milestone.label;
    const words = changes.words !== undefined ? changes.words : milestone.words;
    if (label === "own_words" && !words) throw fieldError("words", "say it in your own words");
    await this.repo.transaction(async (repo) => {
      if (changes.label !== undefined || changes.words !== undefined) await repo.update(milestone.id, wordsFor(label, words));
      if (changes.celebrateIn) await repo.celebrateIn(milestone.id, changes.celebrateIn);
    });
    return viewOf((await this.repo.find(milestone.id))!, this.today(today));
  }

  /** Starting again is one quiet step: the date changes, and nothing remembers the old one. */
  async reset(milestone: OwnMilestone, since: string, today?: string): Promise<MilestoneView> {
    this.checkSince(since);
    await this.repo.update(milestone.id, { since });
    return viewOf((await this.repo.find(milestone.id))!, this.today(today));
  }

  async delete(milestone: OwnMilestone): Promise<void> {
    await this.repo.delete(milestone.id);
  }

  /** The marks the group's members reach on the day, from the milestones they celebrate with it. */
  async celebrations(memberId: string, groupId: string, today?: string): Promise<{ date: string; celebrations: CelebrationView[] }> {
    await this.groups.authorize(memberId, groupId, "seeMembers");
    const date = this.today(today);
    const celebrations = (await this.repo.celebratedIn(groupId)).flatMap((milestone) => {
      const mark = markOn(milestone.since, date);
      return mark ? [{ milestone, mark }] : [];
    });
    return { date, celebrations };
  }

  /** Every milestone of the member, as their data export shows it. */
  async exportFor(memberId: string): Promise<z.infer<typeof ExportedMilestone>[]> {
    return (await this.repo.listOf(memberId)).map(presentMilestoneRecord);
  }

  private checkSince(since: string): void {
    if (daysBetween(utcDate(this.clock()), since) > 1) throw fieldError("since", "is still to come");
  }

  private async checkOwnGroups(memberId: string, groupIds: string[]): Promise<void> {
    const own = new Set((await this.groups.membershipsOf([memberId])).get(memberId)?.map((g) => g.groupId));
    if (groupIds.some((id) => !own.has(id))) throw fieldError("celebrateIn", "name only groups you are a member of");
  }

  private today(requested: string | undefined): string {
    const today = memberToday(requested, this.clock());
    if (today === null) throw fieldError("today", "is not today anywhere");
    return today;
  }
}

/** Own words are kept only with the `own_words` label. */
function wordsFor(label: MilestoneLabel, words: string | null): { label: MilestoneLabel; words: string | null } {
  return { label, words: label === "own_words" ? words : null };
}

function viewOf(milestone: MilestoneRecord, today: string): MilestoneView {
  return {
    milestone,
    days: Math.max(0, daysBetween(milestone.since, today)),
    reached: marksReached(milestone.since, today),
    next: nextMark(milestone.since, today),
  };
}
