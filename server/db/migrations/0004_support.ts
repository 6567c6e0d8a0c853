import type { Kysely } from "kysely";

/**
 * Support between meetings. Everything here belongs to a member and goes with their account
 * (foreign keys cascade), except where noted.
 * - check_ins: one per member and day (the member's own date); shared_group_id is the one group
 *   it is shared with, or null (private, the default).
 * - milestones ("since" dates; a reset overwrites `since`, keeping no history) and
 *   milestone_celebrations (the groups that celebrate a milestone's marks with the member).
 * - buddyships: one per pair of members (pair_key is the two ids in order), pending until the
 *   other accepts; direct_messages belong to a buddyship and go with it.
 * - blocks: who blocked whom.
 * - notifications: what a member is told (actor_id becomes null when the actor leaves); in_app 0
 *   rows only remember that an email went out (a reminder is sent once). dedupe_key is unique
 *   per member. notification_settings: one row per member and kind they changed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("check_ins")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("member_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("mood", "integer", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("shared_group_id", "text", (c) => c.references("groups.id").onDelete("set null"))
    .addColumn("shared_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("check_ins_member_date", ["member_id", "date"])
    .execute();
  await db.schema.createIndex("check_ins_shared").on("check_ins").columns(["shared_group_id", "shared_at"]).execute();

  await db.schema
    .createTable("milestones")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("member_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("words", "text")
    .addColumn("since", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("milestones_member").on("milestones").column("member_id").execute();

  await db.schema
    .createTable("milestone_celebrations")
    .addColumn("milestone_id", "text", (c) => c.notNull().references("milestones.id").onDelete("cascade"))
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("milestone_celebrations_pk", ["milestone_id", "group_id"])
    .execute();
  await db.schema.createIndex("milestone_celebrations_group").on("milestone_celebrations").column("group_id").execute();

  await db.schema
    .createTable("buddyships")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("pair_key", "text", (c) => c.notNull().unique())
    .addColumn("requester_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("recipient_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .execute();
  await db.schema.createIndex("buddyships_requester").on("buddyships").column("requester_id").execute();
  await db.schema.createIndex("buddyships_recipient").on("buddyships").column("recipient_id").execute();

  await db.schema
    .createTable("direct_messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("buddyship_id", "text", (c) => c.notNull().references("buddyships.id").onDelete("cascade"))
    .addColumn("sender_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("direct_messages_conversation").on("direct_messages").columns(["buddyship_id", "created_at", "id"]).execute();
  await db.schema.createIndex("direct_messages_sender").on("direct_messages").column("sender_id").execute();

  await db.schema
    .createTable("blocks")
    .addColumn("blocker_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("blocked_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("blocks_pk", ["blocker_id", "blocked_id"])
    .execute();
  await db.schema.createIndex("blocks_blocked").on("blocks").column("blocked_id").execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("member_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("group_id", "text", (c) => c.references("groups.id").onDelete("cascade"))
    .addColumn("actor_id", "text", (c) => c.references("members.id").onDelete("set null"))
    // No foreign keys: a notification outlives the post or meeting it was about.
    .addColumn("thread_id", "text")
    .addColumn("post_id", "text")
    .addColumn("buddyship_id", "text")
    .addColumn("meeting_id", "text")
    .addColumn("starts_at", "text")
    .addColumn("dedupe_key", "text")
    .addColumn("in_app", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .execute();
  await db.schema.createIndex("notifications_member").on("notifications").columns(["member_id", "in_app", "created_at", "id"]).execute();
  await db.schema.createIndex("notifications_dedupe").on("notifications").columns(["member_id", "dedupe_key"]).unique().execute();
  await db.schema.createIndex("notifications_actor").on("notifications").column("actor_id").execute();

  await db.schema
    .createTable("notification_settings")
    .addColumn("member_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("in_app", "integer", (c) => c.notNull())
    .addColumn("email", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("notification_settings_pk", ["member_id", "kind"])
    .execute();
  await db.schema.createIndex("notification_settings_kind").on("notification_settings").column("kind").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "notification_settings",
    "notifications",
    "blocks",
    "direct_messages",
    "buddyships",
    "milestone_celebrations",
    "milestones",
    "check_ins",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
