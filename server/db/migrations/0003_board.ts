import type { Kysely } from "kysely";

/**
 * The group support board and its peer moderation.
 * - board_threads: one row per topic; its id is the id of the post that opens it. Listing pages
 *   through (group_id, pinned, last_activity_at, id).
 * - board_posts: the opening post and the replies (Markdown source as written); replies page
 *   through (thread_id, created_at, id). author_id becomes null when the author leaves and keeps
 *   their posts ("former member").
 * - board_post_versions: earlier versions of an edited post, for moderators.
 * - board_reactions, board_reads (last read position per member and thread), board_flags.
 * - board_trust: trust level and the counts of taking part, per member and organization.
 * - board_mutes, board_audit (every moderation action), board_notices (what a member is told),
 *   board_appeals.
 * Plus groups.board_visibility: "members" (the default) or "public".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("groups").addColumn("board_visibility", "text", (c) => c.notNull().defaultTo("members")).execute();

  await db.schema
    .createTable("board_threads")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("pinned", "integer", (c) => c.notNull())
    .addColumn("pinned_at", "text")
    .addColumn("reply_count", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_activity_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("board_threads_listing")
    .on("board_threads")
    .columns(["group_id", "pinned", "last_activity_at", "id"])
    .execute();

  await db.schema
    .createTable("board_posts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("thread_id", "text", (c) => c.notNull().references("board_threads.id").onDelete("cascade"))
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("author_id", "text", (c) => c.references("members.id").onDelete("set null"))
    .addColumn("title", "text")
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("content_warning", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("edited_at", "text")
    .addColumn("deleted_at", "text")
    .addColumn("hidden_at", "text")
    .addColumn("hidden_by_flags", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("hidden_reason", "text")
    .addColumn("hidden_note", "text")
    .execute();
  await db.schema.createIndex("board_posts_replies").on("board_posts").columns(["thread_id", "created_at", "id"]).execute();
  await db.schema.createIndex("board_posts_author").on("board_posts").columns(["author_id", "created_at"]).execute();

  await db.schema
    .createTable("board_post_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("post_id", "text", (c) => c.notNull().references("board_posts.id").onDelete("cascade"))
    .addColumn("title", "text")
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("content_warning", "text")
    .addColumn("written_at", "text", (c) => c.notNull())
    .addColumn("replaced_at", "text", (c) => c.notNull())
    .addColumn("replaced_by", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("board_post_versions_post").on("board_post_versions").columns(["post_id", "replaced_at"]).execute();

  await db.schema
    .createTable("board_reactions")
    .addColumn("post_id", "text", (c) => c.notNull().references("board_posts.id").onDelete("cascade"))
    .addColumn("member_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("board_reactions_pk", ["post_id", "member_id", "kind"])
    .execute();
  await db.schema.createIndex("board_reactions_member").on("board_reactions").column("member_id").execute();

  await db.schema
    .createTable("board_reads")
    .addColumn("member_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("thread_id", "text", (c) => c.notNull().references("board_threads.id").onDelete("cascade"))
    .addColumn("read_to_at", "text", (c) => c.notNull())
    .addColumn("read_to_id", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("board_reads_pk", ["member_id", "thread_id"])
    .execute();
  await db.schema.createIndex("board_reads_thread").on("board_reads").column("thread_id").execute();

  await db.schema
    .createTable("board_flags")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("post_id", "text", (c) => c.notNull().references("board_posts.id").onDelete("cascade"))
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("flagger_id", "text", (c) => c.references("members.id").onDelete("set null"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("note", "text")
    // The flag's score in hundredths: scores like 3.42 stay exact in an integer column.
    .addColumn("score_hundredths", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .execute();
  await db.schema.createIndex("board_flags_post").on("board_flags").columns(["post_id", "status"]).execute();
  await db.schema.createIndex("board_flags_queue").on("board_flags").columns(["group_id", "status", "created_at"]).execute();
  await db.schema.createIndex("board_flags_flagger").on("board_flags").columns(["flagger_id", "post_id"]).execute();

  await db.schema
    .createTable("board_trust")
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("member_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("level", "integer", (c) => c.notNull())
    .addColumn("set_by_organization", "integer", (c) => c.notNull())
    .addColumn("topics_entered", "integer", (c) => c.notNull())
    .addColumn("posts_read", "integer", (c) => c.notNull())
    .addColumn("reading_seconds", "integer", (c) => c.notNull())
    .addColumn("days_visited", "integer", (c) => c.notNull())
    .addColumn("last_visit_day", "text")
    .addColumn("last_read_at", "text")
    .addColumn("reactions_given", "integer", (c) => c.notNull())
    .addColumn("reactions_received", "integer", (c) => c.notNull())
    .addColumn("threads_replied_to", "integer", (c) => c.notNull())
    .addColumn("flags_decided", "integer", (c) => c.notNull())
    .addColumn("flags_agreed", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("board_trust_pk", ["organization_id", "member_id"])
    .execute();
  await db.schema.createIndex("board_trust_member").on("board_trust").column("member_id").execute();

  await db.schema
    .createTable("board_mutes")
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("member_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("until", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("board_mutes_pk", ["group_id", "member_id"])
    .execute();
  await db.schema.createIndex("board_mutes_member").on("board_mutes").column("member_id").execute();

  await db.schema
    .createTable("board_audit")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.references("members.id").onDelete("set null"))
    .addColumn("subject_id", "text", (c) => c.references("members.id").onDelete("set null"))
    // No foreign key: the record outlives a post its author deletes.
    .addColumn("post_id", "text")
    .addColumn("note", "text")
    // JSON: what undoing the action needs (the version an edit replaced).
    .addColumn("details", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("board_audit_group").on("board_audit").columns(["group_id", "created_at", "id"]).execute();
  await db.schema.createIndex("board_audit_actor").on("board_audit").column("actor_id").execute();
  await db.schema.createIndex("board_audit_subject").on("board_audit").column("subject_id").execute();

  await db.schema
    .createTable("board_notices")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("member_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("audit_id", "text", (c) => c.references("board_audit.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("post_id", "text")
    .addColumn("reason", "text")
    .addColumn("note", "text")
    .addColumn("outcome", "text")
    .addColumn("until", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("board_notices_member").on("board_notices").columns(["member_id", "created_at"]).execute();

  await db.schema
    .createTable("board_appeals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("notice_id", "text", (c) => c.notNull().unique().references("board_notices.id").onDelete("cascade"))
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("member_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.references("members.id").onDelete("set null"))
    .addColumn("decision_note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .execute();
  await db.schema.createIndex("board_appeals_group").on("board_appeals").columns(["group_id", "status"]).execute();
  await db.schema.createIndex("board_appeals_decider").on("board_appeals").column("decided_by").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "board_appeals",
    "board_notices",
    "board_audit",
    "board_mutes",
    "board_trust",
    "board_flags",
    "board_reads",
    "board_reactions",
    "board_post_versions",
    "board_posts",
    "board_threads",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable("groups").dropColumn("board_visibility").execute();
}
