import type { Kysely } from "kysely";

/**
 * Reports that outlive their conversation (issue 5, safety).
 * - kept_reports: when a block, an ended buddyship or a declined/withdrawn request deletes a
 *   conversation, every OPEN flag on its messages is copied here together with the flagged
 *   message (its id, body, sender, time, and whether it was hidden), so the organization's admins
 *   still see the report. One row per flag. Neither member can read it (it belongs to no
 *   conversation any more). The rows are deleted when an admin decides (the decision is kept in
 *   organization_audit). No foreign key on message_id: the message itself is gone.
 *   sender_id and flagger_id cascade: deleting the sender's account removes the kept message
 *   (it is their words), deleting the reporter's account removes their report.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("kept_reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("message_id", "text", (c) => c.notNull())
    .addColumn("sender_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addColumn("hidden_at", "text")
    .addColumn("flagger_id", "text", (c) => c.references("members.id").onDelete("cascade"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("score_hundredths", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("kept_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("kept_reports_message").on("kept_reports").column("message_id").execute();
  await db.schema.createIndex("kept_reports_sender").on("kept_reports").column("sender_id").execute();
  await db.schema.createIndex("kept_reports_flagger").on("kept_reports").column("flagger_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("kept_reports").execute();
}
