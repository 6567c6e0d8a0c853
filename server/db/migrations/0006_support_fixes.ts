import type { Kysely } from "kysely";

/**
 * Fixes to support between meetings (issue 5's review).
 * - direct_messages.hidden_at / hidden_by_flags: a flagged message hidden from its recipient.
 * - message_flags: a recipient's flags on a direct message, reviewed by the organization's admins
 *   (messages belong to no group). They go with the message (and so with the buddyship).
 * - organization_audit: what the organization's admins did (trust levels set by hand, decisions
 *   on flagged messages) and what flags did to messages. No foreign key on message_id: the
 *   record outlives the message.
 * - buddy_requests_sent: when a member asked someone to be their buddy, for the daily limit
 *   (a declined or withdrawn request leaves no buddyship behind, but still counts).
 * - member_guards: one row per member and kind of limited action, written first in the
 *   transaction that checks and records the action, so that parallel requests of one member
 *   wait for each other (a row lock on PostgreSQL; SQLite runs one writer at a time).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("direct_messages").addColumn("hidden_at", "text").execute();
  await db.schema.alterTable("direct_messages").addColumn("hidden_by_flags", "integer", (c) => c.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable("message_flags")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("message_id", "text", (c) => c.notNull().references("direct_messages.id").onDelete("cascade"))
    .addColumn("flagger_id", "text", (c) => c.references("members.id").onDelete("cascade"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("note", "text")
    // In hundredths, as board_flags.
    .addColumn("score_hundredths", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .execute();
  await db.schema.createIndex("message_flags_message").on("message_flags").columns(["message_id", "status"]).execute();
  await db.schema.createIndex("message_flags_queue").on("message_flags").columns(["status", "created_at"]).execute();
  await db.schema.createIndex("message_flags_flagger").on("message_flags").columns(["flagger_id", "message_id"]).execute();

  await db.schema
    .createTable("organization_audit")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.references("members.id").onDelete("set null"))
    .addColumn("subject_id", "text", (c) => c.references("members.id").onDelete("set null"))
    .addColumn("message_id", "text")
    .addColumn("note", "text")
    .addColumn("details", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("organization_audit_listing").on("organization_audit").columns(["organization_id", "created_at", "id"]).execute();
  await db.schema.createIndex("organization_audit_actor").on("organization_audit").column("actor_id").execute();
  await db.schema.createIndex("organization_audit_subject").on("organization_audit").column("subject_id").execute();

  await db.schema
    .createTable("buddy_requests_sent")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("requester_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("buddy_requests_sent_requester").on("buddy_requests_sent").columns(["requester_id", "created_at"]).execute();

  await db.schema
    .createTable("member_guards")
    .addColumn("member_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("touched_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("member_guards_pk", ["member_id", "kind"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["member_guards", "buddy_requests_sent", "organization_audit", "message_flags"]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable("direct_messages").dropColumn("hidden_by_flags").execute();
  await db.schema.alterTable("direct_messages").dropColumn("hidden_at").execute();
}
