import type { Kysely } from "kysely";

// Written once for both dialects: only portable column types (text, integer).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("organizations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("members")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("handle", "text", (c) => c.notNull())
    .addColumn("handle_normalized", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("country", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("organization_admins")
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("member_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("granted_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("organization_admins_pk", ["organization_id", "member_id"])
    .execute();
  await db.schema.createIndex("organization_admins_member").on("organization_admins").column("member_id").execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("member_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_member").on("sessions").column("member_id").execute();

  await db.schema
    .createTable("recovery_codes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("member_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("recovery_codes_member").on("recovery_codes").columns(["member_id", "code_hash"]).execute();

  await db.schema
    .createTable("sign_in_throttle")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("locked_until", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("groups")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("focus_areas", "text", (c) => c.notNull())
    .addColumn("other_focus", "text")
    .addColumn("languages", "text", (c) => c.notNull())
    .addColumn("who_for", "text", (c) => c.notNull())
    .addColumn("visibility", "text", (c) => c.notNull())
    .addColumn("membership_policy", "text", (c) => c.notNull())
    .addColumn("guidelines", "text", (c) => c.notNull())
    .addColumn("guidelines_version", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("groups_organization_visibility").on("groups").columns(["organization_id", "visibility", "name"]).execute();

  await db.schema
    .createTable("memberships")
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("member_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("joined_at", "text")
    .addPrimaryKeyConstraint("memberships_pk", ["group_id", "member_id"])
    .execute();
  await db.schema.createIndex("memberships_member").on("memberships").column("member_id").execute();

  await db.schema
    .createTable("service_positions")
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("member_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("position", "text", (c) => c.notNull())
    .addColumn("assigned_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("service_positions_pk", ["group_id", "member_id", "position"])
    .execute();
  await db.schema.createIndex("service_positions_member").on("service_positions").column("member_id").execute();

  await db.schema
    .createTable("guideline_acceptances")
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("member_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("accepted_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("guideline_acceptances_pk", ["group_id", "member_id", "version"])
    .execute();
  await db.schema.createIndex("guideline_acceptances_member").on("guideline_acceptances").column("member_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "guideline_acceptances",
    "service_positions",
    "memberships",
    "groups",
    "sign_in_throttle",
    "recovery_codes",
    "sessions",
    "organization_admins",
    "members",
    "organizations",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
