/**
 * Writing the organization's audit log (organization_audit, read by the admin feature). More than
 * one feature writes it, each inside its own transaction as part of the action it records (the
 * board when trust is set by hand, buddies for decisions on flagged direct messages), so the one
 * insert lives here, beside the schema, and their repositories call it with their connection.
 */
import type { Kysely } from "kysely";
import type { Database } from "./schema";

export interface OrganizationAuditInsert {
  id: string;
  organizationId: string;
  action: string;
  actorId: string | null;
  subjectId: string | null;
  /** The direct message the entry is about, if any. */
  messageId?: string | null;
  note: string | null;
  /** JSON, e.g. the levels of a trust change. */
  details?: string | null;
  createdAt: string;
}

export async function insertOrganizationAudit(db: Kysely<Database>, entry: OrganizationAuditInsert): Promise<void> {
  await db
    .insertInto("organization_audit")
    .values({
      id: entry.id,
      organization_id: entry.organizationId,
      action: entry.action,
      actor_id: entry.actorId,
      subject_id: entry.subjectId,
      message_id: entry.messageId ?? null,
      note: entry.note,
      details: entry.details ?? null,
      created_at: entry.createdAt,
    })
    .execute();
}
