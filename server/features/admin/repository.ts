import type { Kysely } from "kysely";
import type { Database } from "../../db";

export interface OrganizationAuditRecord {
  id: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  subjectId: string | null;
  subjectName: string | null;
  messageId: string | null;
  note: string | null;
  details: string | null;
  createdAt: string;
}

/** The organization's audit log, as its admins read it (the board and buddies features write it). */
export class AdminRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** A page of the log, latest first, before `before` (keyset on time and id). */
  async auditLog(organizationId: string, page: { before: { at: string; id: string } | null; limit: number }): Promise<OrganizationAuditRecord[]> {
    const { before } = page;
    const rows = await this.db
      .selectFrom("organization_audit as a")
      .leftJoin("members as actor", "actor.id", "a.actor_id")
      .leftJoin("members as subject", "subject.id", "a.subject_id")
      .selectAll("a")
      .select(["actor.display_name as actor_name", "subject.display_name as subject_name"])
      .where("a.organization_id", "=", organizationId)
      .$if(before !== null, (q) => q.where((eb) => eb(eb.refTuple("a.created_at", "a.id"), "<", eb.tuple(before!.at, before!.id))))
      .orderBy("a.created_at", "desc")
      .orderBy("a.id", "desc")
      .limit(page.limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      action: r.action,
      actorId: r.actor_id,
      actorName: r.actor_name,
      subjectId: r.subject_id,
      subjectName: r.subject_name,
      messageId: r.message_id,
      note: r.note,
      details: r.details,
      createdAt: r.created_at,
    }));
  }
}
