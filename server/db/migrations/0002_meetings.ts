import { PostgresAdapter, sql, type Kysely } from "kysely";

/**
 * The meeting directory. A meeting's details live in `meetings`; the other tables are indexes the
 * directory searches by (kept in step with each write, in the same transaction):
 * - meeting_days: one row per weekday the meeting meets, as a local minute of the week in its
 *   zone. A search turns "the next two hours" or "Saturday evening on my clock" into ranges per
 *   zone with the offsets of the moment, so the ranges are index-backed on both dialects.
 * - meeting_exceptions: cancelled and moved occurrences; a moved one keeps its UTC start, so
 *   "starting soon" finds it.
 * - meeting_types, meeting_languages, meeting_words: what the filters and words look up.
 * - meeting_zones: the zones meetings use, so a search knows them without scanning.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable("meetings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("slug", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("repeats", "text", (c) => c.notNull())
    .addColumn("start_time", "text", (c) => c.notNull())
    .addColumn("end_time", "text")
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("starts_on", "text")
    .addColumn("access", "text")
    .addColumn("temporarily_closed", "integer", (c) => c.notNull())
    .addColumn("types", "text", (c) => c.notNull())
    .addColumn("languages", "text", (c) => c.notNull())
    .addColumn("venue_name", "text")
    .addColumn("venue_address", "text")
    .addColumn("latitude", "double precision")
    .addColumn("longitude", "double precision")
    .addColumn("approximate", "integer", (c) => c.notNull())
    .addColumn("venue_notes", "text")
    .addColumn("online_url", "text")
    .addColumn("online_url_notes", "text")
    .addColumn("online_phone", "text")
    .addColumn("online_phone_notes", "text")
    .addColumn("regions", "text", (c) => c.notNull())
    .addColumn("notes", "text")
    .addColumn("venmo", "text")
    .addColumn("square", "text")
    .addColumn("paypal", "text")
    .addColumn("homegroup_online", "text")
    .addColumn("attendance", "text", (c) => c.notNull())
    .addColumn("words", "text", (c) => c.notNull())
    .addColumn("irregular", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("meetings_slug").on("meetings").columns(["organization_id", "slug"]).unique().execute();
  await db.schema.createIndex("meetings_group").on("meetings").columns(["group_id", "slug"]).execute();
  await db.schema.createIndex("meetings_position").on("meetings").columns(["latitude", "longitude"]).execute();

  await db.schema
    .createTable("meeting_days")
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("week_minute", "integer", (c) => c.notNull())
    .addColumn("length_minutes", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("meeting_days_pk", ["meeting_id", "week_minute"])
    .execute();
  await db.schema
    .createIndex("meeting_days_time")
    .on("meeting_days")
    .columns(["time_zone", "week_minute", "meeting_id", "length_minutes"])
    .execute();

  await db.schema
    .createTable("meeting_exceptions")
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("change", "text", (c) => c.notNull())
    .addColumn("moved_to_date", "text")
    .addColumn("moved_to_start", "text")
    .addColumn("moved_start_at", "text")
    .addPrimaryKeyConstraint("meeting_exceptions_pk", ["meeting_id", "date"])
    .execute();
  await db.schema.createIndex("meeting_exceptions_moved").on("meeting_exceptions").columns(["moved_start_at", "meeting_id"]).execute();

  for (const [table, column] of [
    ["meeting_types", "code"],
    ["meeting_languages", "language"],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
      .addColumn(column, "text", (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ["meeting_id", column])
      .execute();
    await db.schema.createIndex(`${table}_lookup`).on(table).columns([column, "meeting_id"]).execute();
  }

  // Words are matched by prefix with >= and <: that needs code-point order, which PostgreSQL
  // gives only with the C collation (SQLite compares text that way already).
  await db.schema
    .createTable("meeting_words")
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("word", postgres ? sql`text collate "C"` : "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("meeting_words_pk", ["meeting_id", "word"])
    .execute();
  await db.schema.createIndex("meeting_words_lookup").on("meeting_words").columns(["word", "meeting_id"]).execute();

  await db.schema.createTable("meeting_zones").addColumn("time_zone", "text", (c) => c.primaryKey()).execute();

  // Who reported a correction is not kept: no member, no address.
  await db.schema
    .createTable("meeting_corrections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("handled_at", "text")
    .execute();
  await db.schema.createIndex("meeting_corrections_group").on("meeting_corrections").columns(["group_id", "created_at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "meeting_corrections",
    "meeting_zones",
    "meeting_words",
    "meeting_languages",
    "meeting_types",
    "meeting_exceptions",
    "meeting_days",
    "meetings",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
