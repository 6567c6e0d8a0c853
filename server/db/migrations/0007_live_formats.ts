import type { Kysely } from "kysely";

/**
 * Meeting formats (server/features/formats).
 * - formats: a group's formats; `current_version` is the version in effect, `template_id` the
 *   built-in template it was copied from (null when written from scratch). Goes with its group.
 * - format_versions: every edit is a new version, never overwritten; `body` is the Format as JSON
 *   (core/live/formats.ts).
 * - meeting_formats: the format a meeting names (at most one); without a row, the meeting follows
 *   its group's first format, or a built-in template. Kept apart so the meetings table is untouched.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("formats")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("template_id", "text")
    .addColumn("current_version", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("formats_group").on("formats").columns(["group_id", "created_at"]).execute();

  await db.schema
    .createTable("format_versions")
    .addColumn("format_id", "text", (c) => c.notNull().references("formats.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("format_versions_pk", ["format_id", "version"])
    .execute();

  await db.schema
    .createTable("meeting_formats")
    .addColumn("meeting_id", "text", (c) => c.primaryKey().references("meetings.id").onDelete("cascade"))
    .addColumn("format_id", "text", (c) => c.notNull().references("formats.id").onDelete("cascade"))
    .addColumn("assigned_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("meeting_formats_format").on("meeting_formats").column("format_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("meeting_formats").execute();
  await db.schema.dropTable("format_versions").execute();
  await db.schema.dropTable("formats").execute();
}
