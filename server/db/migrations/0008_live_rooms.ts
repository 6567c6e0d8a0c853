import type { Kysely } from "kysely";

/**
 * Live meetings (server/features/live).
 * - live_rooms: one per meeting occurrence (unique meeting_id + occurrence_start); it outlives a
 *   deleted meeting or group (ids set null, the name kept) so attendance stays. `config` is the
 *   room's RoomConfig (format snapshot included) as JSON, fixed when the room is made. `status` is
 *   "open" or "ended"; at the end `last_seq`, `chair_name` (the chair's pseudonym, for attendance
 *   slips) and `purge_after` (24-hour retention; null when the words went at once) are kept.
 * - live_events: the room's event log, numbered by seq; unique (room_id, seq) is what keeps two
 *   server instances from giving one number to two events. `body` is the event as JSON. The words
 *   go (every row of the room is deleted) when the meeting ends, or 24 hours later.
 * - live_attendance: who was there; the row's id is the person's participant id in the room.
 *   Kept after the meeting, visible only to the member themself; goes with their account.
 * - live_settings: a group's choices for its live rooms (observers, waiting room, retention).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("live_rooms")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.references("meetings.id").onDelete("set null"))
    .addColumn("group_id", "text", (c) => c.references("groups.id").onDelete("set null"))
    .addColumn("meeting_name", "text", (c) => c.notNull())
    /** The occurrence's scheduled local date (YYYY-MM-DD, in the meeting's time zone), for slips. */
    .addColumn("occurrence_date", "text", (c) => c.notNull())
    .addColumn("occurrence_start", "text", (c) => c.notNull())
    .addColumn("occurrence_end", "text", (c) => c.notNull())
    .addColumn("opens_at", "text", (c) => c.notNull())
    .addColumn("config", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("last_seq", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("chair_name", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("ended_at", "text")
    .addColumn("purge_after", "text")
    .addUniqueConstraint("live_rooms_occurrence", ["meeting_id", "occurrence_start"])
    .execute();
  await db.schema.createIndex("live_rooms_status").on("live_rooms").columns(["status", "occurrence_end"]).execute();
  await db.schema.createIndex("live_rooms_purge").on("live_rooms").column("purge_after").execute();

  await db.schema
    .createTable("live_events")
    .addColumn("room_id", "text", (c) => c.notNull().references("live_rooms.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("live_events_pk", ["room_id", "seq"])
    .execute();

  await db.schema
    .createTable("live_attendance")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("room_id", "text", (c) => c.notNull().references("live_rooms.id").onDelete("cascade"))
    .addColumn("member_id", "text", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("joined_at", "text", (c) => c.notNull())
    .addColumn("left_at", "text")
    /** While connected: since when (the time is added to seconds_present when they go). */
    .addColumn("present_since", "text")
    .addColumn("seconds_present", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("live_attendance_room_member", ["room_id", "member_id"])
    .execute();
  await db.schema.createIndex("live_attendance_member").on("live_attendance").columns(["member_id", "joined_at"]).execute();

  await db.schema
    .createTable("live_settings")
    .addColumn("group_id", "text", (c) => c.primaryKey().references("groups.id").onDelete("cascade"))
    .addColumn("observers_allowed", "integer", (c) => c.notNull())
    .addColumn("waiting_room", "integer", (c) => c.notNull())
    .addColumn("retention", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["live_settings", "live_attendance", "live_events", "live_rooms"]) await db.schema.dropTable(table).execute();
}
