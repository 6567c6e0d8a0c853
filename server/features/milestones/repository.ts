import type { Kysely, Selectable } from "kysely";
import type { MilestoneLabel } from "../../../core/support";
import type { Database } from "../../db";
import type { MilestonesTable } from "../../db/schema";

export interface MilestoneRecord {
  id: string;
  memberId: string;
  label: MilestoneLabel;
  words: string | null;
  since: string;
  celebrateIn: { groupId: string; groupName: string }[];
  createdAt: string;
}

export interface CelebratedMilestone {
  id: string;
  member: { memberId: string; displayName: string };
  label: MilestoneLabel;
  words: string | null;
  since: string;
}

type Row = Selectable<MilestonesTable>;

export class MilestonesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Runs `work` in one transaction: everything it writes lands together or not at all. */
  transaction<T>(work: (repository: MilestonesRepository) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new MilestonesRepository(trx)));
  }

  async insert(milestone: Omit<MilestoneRecord, "celebrateIn">): Promise<void> {
    await this.db
      .insertInto("milestones")
      .values({ id: milestone.id, member_id: milestone.memberId, label: milestone.label, words: milestone.words, since: milestone.since, created_at: milestone.createdAt })
      .execute();
  }

  async update(milestoneId: string, changes: { label?: MilestoneLabel; words?: string | null; since?: string }): Promise<void> {
    await this.db.updateTable("milestones").set(changes).where("id", "=", milestoneId).execute();
  }

  async celebrateIn(milestoneId: string, groupIds: string[]): Promise<void> {
    await this.db.deleteFrom("milestone_celebrations").where("milestone_id", "=", milestoneId).execute();
    if (groupIds.length === 0) return;
    await this.db
      .insertInto("milestone_celebrations")
      .values(groupIds.map((group_id) => ({ milestone_id: milestoneId, group_id })))
      .execute();
  }

  async delete(milestoneId: string): Promise<void> {
    await this.db.deleteFrom("milestones").where("id", "=", milestoneId).execute();
  }

  async find(milestoneId: string): Promise<MilestoneRecord | null> {
    const [found] = await this.withGroups(await this.db.selectFrom("milestones").selectAll().where("id", "=", milestoneId).execute());
    return found ?? null;
  }

  async listOf(memberId: string): Promise<MilestoneRecord[]> {
    return this.withGroups(await this.db.selectFrom("milestones").selectAll().where("member_id", "=", memberId).orderBy("created_at").orderBy("id").execute());
  }

  /** Milestones their members chose to celebrate with the group, of members still active in it. */
  async celebratedIn(groupId: string): Promise<CelebratedMilestone[]> {
    const rows = await this.db
      .selectFrom("milestone_celebrations as c")
      .innerJoin("milestones as ms", "ms.id", "c.milestone_id")
      .innerJoin("members as m", "m.id", "ms.member_id")
      .innerJoin("memberships as gm", (join) => join.onRef("gm.member_id", "=", "ms.member_id").onRef("gm.group_id", "=", "c.group_id"))
      .select(["ms.id", "ms.label", "ms.words", "ms.since", "m.id as member_id", "m.display_name"])
      .where("c.group_id", "=", groupId)
      .where("gm.status", "=", "active")
      .orderBy("m.display_name")
      .orderBy("ms.id")
      .execute();
    return rows.map((r) => ({
      id: r.id,
      member: { memberId: r.member_id, displayName: r.display_name },
      label: r.label as MilestoneLabel,
      words: r.words,
      since: r.since,
    }));
  }

  private async withGroups(rows: Row[]): Promise<MilestoneRecord[]> {
    if (rows.length === 0) return [];
    const groups = await this.db
      .selectFrom("milestone_celebrations as c")
      .innerJoin("groups as g", "g.id", "c.group_id")
      .select(["c.milestone_id", "g.id", "g.name"])
      .where(
        "c.milestone_id",
        "in",
        rows.map((r) => r.id),
      )
      .orderBy("g.name")
      .execute();
    return rows.map((r) => ({
      id: r.id,
      memberId: r.member_id,
      label: r.label as MilestoneLabel,
      words: r.words,
      since: r.since,
      celebrateIn: groups.filter((g) => g.milestone_id === r.id).map((g) => ({ groupId: g.id, groupName: g.name })),
      createdAt: r.created_at,
    }));
  }
}
