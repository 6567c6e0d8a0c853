import type { Kysely, Selectable } from "kysely";
import type { Database } from "../../db";
import type { CheckInsTable } from "../../db/schema";

export interface CheckInRecord {
  id: string;
  memberId: string;
  date: string;
  mood: number;
  note: string | null;
  sharedWith: { groupId: string; groupName: string } | null;
  sharedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SharedCheckInRecord {
  id: string;
  date: string;
  mood: number;
  note: string | null;
  author: { memberId: string; displayName: string };
  sharedAt: string;
}

export interface NewCheckIn {
  id: string;
  memberId: string;
  date: string;
  mood: number;
  note: string | null;
  at: string;
}

export class CheckInsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private checkIns() {
    return this.db
      .selectFrom("check_ins as c")
      .leftJoin("groups as g", "g.id", "c.shared_group_id")
      .select(["c.id", "c.member_id", "c.date", "c.mood", "c.note", "c.shared_group_id", "c.shared_at", "c.created_at", "c.updated_at", "g.name as group_name"]);
  }

  /** The day's check-in, new or written over (it keeps its id and any share). */
  async save(checkIn: NewCheckIn): Promise<CheckInRecord> {
    await this.db
      .insertInto("check_ins")
      .values({
        id: checkIn.id,
        member_id: checkIn.memberId,
        date: checkIn.date,
        mood: checkIn.mood,
        note: checkIn.note,
        shared_group_id: null,
        shared_at: null,
        created_at: checkIn.at,
        updated_at: checkIn.at,
      })
      .onConflict((oc) => oc.columns(["member_id", "date"]).doUpdateSet({ mood: checkIn.mood, note: checkIn.note, updated_at: checkIn.at }))
      .execute();
    const row = await this.checkIns().where("c.member_id", "=", checkIn.memberId).where("c.date", "=", checkIn.date).executeTakeFirstOrThrow();
    return toCheckIn(row);
  }

  async find(checkInId: string): Promise<CheckInRecord | null> {
    const row = await this.checkIns().where("c.id", "=", checkInId).executeTakeFirst();
    return row ? toCheckIn(row) : null;
  }

  /** The member's check-ins, latest day first, before a day (keyset). */
  async listOf(memberId: string, page: { before: string | null; limit: number }): Promise<CheckInRecord[]> {
    const rows = await this.checkIns()
      .where("c.member_id", "=", memberId)
      .$if(page.before !== null, (q) => q.where("c.date", "<", page.before!))
      .orderBy("c.date", "desc")
      .limit(page.limit)
      .execute();
    return rows.map(toCheckIn);
  }

  async moods(memberId: string, from: string, to: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom("check_ins")
      .select(["date", "mood"])
      .where("member_id", "=", memberId)
      .where("date", ">=", from)
      .where("date", "<=", to)
      .execute();
    return new Map(rows.map((r) => [r.date, Number(r.mood)]));
  }

  async share(checkInId: string, groupId: string | null, at: string): Promise<void> {
    await this.db
      .updateTable("check_ins")
      .set({ shared_group_id: groupId, shared_at: groupId ? at : null })
      .where("id", "=", checkInId)
      .execute();
  }

  async delete(checkInId: string): Promise<void> {
    await this.db.deleteFrom("check_ins").where("id", "=", checkInId).execute();
  }

  /** Check-ins shared with a group since a day, by people who are still its active members; latest first. */
  async sharedWith(groupId: string, since: string, limit: number): Promise<SharedCheckInRecord[]> {
    const rows = await this.db
      .selectFrom("check_ins as c")
      .innerJoin("members as m", "m.id", "c.member_id")
      .innerJoin("memberships as ms", (join) => join.onRef("ms.member_id", "=", "c.member_id").onRef("ms.group_id", "=", "c.shared_group_id"))
      .select(["c.id", "c.date", "c.mood", "c.note", "c.shared_at", "m.id as member_id", "m.display_name"])
      .where("c.shared_group_id", "=", groupId)
      .where("ms.status", "=", "active")
      .where("c.date", ">=", since)
      .orderBy("c.date", "desc")
      .orderBy("c.shared_at", "desc")
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      date: r.date,
      mood: Number(r.mood),
      note: r.note,
      author: { memberId: r.member_id, displayName: r.display_name },
      sharedAt: r.shared_at!,
    }));
  }

  async allOf(memberId: string): Promise<CheckInRecord[]> {
    const rows = await this.checkIns().where("c.member_id", "=", memberId).orderBy("c.date").execute();
    return rows.map(toCheckIn);
  }
}

function toCheckIn(row: Selectable<CheckInsTable> & { group_name: string | null }): CheckInRecord {
  return {
    id: row.id,
    memberId: row.member_id,
    date: row.date,
    mood: Number(row.mood),
    note: row.note,
    sharedWith: row.shared_group_id && row.group_name !== null ? { groupId: row.shared_group_id, groupName: row.group_name } : null,
    sharedAt: row.shared_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
