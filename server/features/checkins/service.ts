import type { z } from "zod";
import { addDays, CHART_DAYS, type CheckIn, daysBetween, memberToday, utcDate } from "../../../core/support";
import { newId } from "../../../core/ids";
import { fieldError } from "../../errors";
import type { Authorized, GroupAction } from "../groups/service";
import { presentCheckIn } from "./presenter";
import { authorizeSharedReading, requireOwn, type OwnCheckIn } from "./policy";
import type { CheckInRecord, CheckInsRepository, SharedCheckInRecord } from "./repository";

export type { CheckInRecord, OwnCheckIn, SharedCheckInRecord };

/** What check-ins need from the groups feature (its GroupsService fits this). */
export interface GroupsForCheckIns {
  authorize<A extends GroupAction>(memberId: string | null, groupId: string, action: A): Promise<Authorized<A>>;
  membershipsOf(memberIds: string[]): Promise<Map<string, { groupId: string }[]>>;
}

export interface MoodChart {
  from: string;
  to: string;
  points: { date: string; mood: number | null }[];
}

const PAGE_SIZE = 30;
/** A group sees what its members shared in the last month. */
const SHARED_DAYS = 30;
const SHARED_SHOWN = 100;

export class CheckInsService {
  constructor(
    private readonly repo: CheckInsRepository,
    private readonly groups: GroupsForCheckIns,
    private readonly clock: () => Date,
  ) {}

  /** The day's mood and note, private; writing the same day again replaces them. */
  async checkIn(memberId: string, date: string, entry: { mood: number; note: string | null }): Promise<CheckInRecord> {
    if (daysBetween(utcDate(this.clock()), date) > 1) throw fieldError("date", "is still to come");
    const now = this.clock();
    return this.repo.save({ id: newId(now.getTime()), memberId, date, ...entry, at: now.toISOString() });
  }

  async mine(memberId: string, checkInId: string): Promise<OwnCheckIn> {
    return requireOwn(memberId, await this.repo.find(checkInId));
  }

  async list(memberId: string, before?: string): Promise<{ checkIns: CheckInRecord[]; nextBefore: string | null }> {
    const rows = await this.repo.listOf(memberId, { before: before ?? null, limit: PAGE_SIZE + 1 });
    const checkIns = rows.slice(0, PAGE_SIZE);
    return { checkIns, nextBefore: rows.length > PAGE_SIZE ? checkIns[checkIns.length - 1]!.date : null };
  }

  /** The last 90 days to `today` (the member's date), one point a day, for the member's eyes only. */
  async chart(memberId: string, today?: string): Promise<MoodChart> {
    const to = this.today(today);
    const from = addDays(to, 1 - CHART_DAYS);
    const moods = await this.repo.moods(memberId, from, to);
    const points = Array.from({ length: CHART_DAYS }, (_, i) => {
      const date = addDays(from, i);
      return { date, mood: moods.get(date) ?? null };
    });
    return { from, to, points };
  }

  /** Shares the check-in with one of the member's groups (instead of any it was shared with). */
  async share(checkIn: OwnCheckIn, groupId: string): Promise<CheckInRecord> {
    const groups = (await this.groups.membershipsOf([checkIn.memberId])).get(checkIn.memberId) ?? [];
    if (!groups.some((g) => g.groupId === groupId)) throw fieldError("groupId", "is not one of your groups");
    await this.repo.share(checkIn.id, groupId, this.clock().toISOString());
    return (await this.repo.find(checkIn.id))!;
  }

  async unshare(checkIn: OwnCheckIn): Promise<CheckInRecord> {
    await this.repo.share(checkIn.id, null, this.clock().toISOString());
    return (await this.repo.find(checkIn.id))!;
  }

  async delete(checkIn: OwnCheckIn): Promise<void> {
    await this.repo.delete(checkIn.id);
  }

  /** What the group's members shared with it in the last month, latest first (its active members only). */
  async sharedWith(memberId: string, groupId: string): Promise<SharedCheckInRecord[]> {
    const access = await this.groups.authorize(memberId, groupId, "see");
    authorizeSharedReading(access);
    return this.repo.sharedWith(groupId, addDays(utcDate(this.clock()), -SHARED_DAYS), SHARED_SHOWN);
  }

  /** Every check-in of the member, as their data export shows it. */
  async exportFor(memberId: string): Promise<z.infer<typeof CheckIn>[]> {
    return (await this.repo.allOf(memberId)).map(presentCheckIn);
  }

  private today(requested: string | undefined): string {
    const today = memberToday(requested, this.clock());
    if (today === null) throw fieldError("today", "is not today anywhere");
    return today;
  }
}
