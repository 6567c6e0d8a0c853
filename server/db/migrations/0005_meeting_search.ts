import { PostgresAdapter, sql, type Kysely } from "kysely";
import { offsetMinutes } from "../../../core/meetings/time-zones";

const MINUTES_PER_WEEK = 10_080;

/**
 * The directory's search across time zones in one index range (issue 3, performance).
 *
 * - meeting_zones.base_offset: a fixed offset per zone (its standard offset when the zone first
 *   appears), never changed afterwards.
 * - meeting_days.utc_minute: the day's start as a minute of a UTC week read with its zone's
 *   base offset: (week_minute - base_offset) mod 10080. At any moment a zone's clock is
 *   `offset - base_offset` minutes (0, or the daylight-saving hour) ahead of that, and zones
 *   with the same difference share one range of utc_minute, so "starting in the next two hours"
 *   or "Saturday on my clock" is one or two ranges over all zones instead of one per zone.
 * - meeting_days.attendance, group_id, latitude, longitude: the meeting's, copied (written with
 *   the meeting, in the same transaction), so the index answers "online", "listed" and "within
 *   this box" without reading the meeting's wide row.
 * - meeting_days_utc: (utc_minute, meeting_id, time_zone, length_minutes, attendance, group_id,
 *   latitude, longitude), the order a search reads in, covering what it filters by; and
 *   meeting_days_length, so the longest meeting (how far back one in progress can have started)
 *   is one index read.
 *
 * Statistics: SQLite plans without any until ANALYZE has run (the search runs
 * `PRAGMA optimize` itself, see MeetingsRepository.refreshStatistics); PostgreSQL samples
 * meeting_words.word more widely, as a prefix's rows vary from a handful to thousands.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema.alterTable("meeting_zones").addColumn("base_offset", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("meeting_days").addColumn("utc_minute", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("meeting_days").addColumn("attendance", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.alterTable("meeting_days").addColumn("group_id", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.alterTable("meeting_days").addColumn("latitude", "double precision").execute();
  await db.schema.alterTable("meeting_days").addColumn("longitude", "double precision").execute();

  const now = Date.now();
  const year = new Date(now).getUTCFullYear();
  const zones = await sql<{ time_zone: string }>`select time_zone from meeting_zones`.execute(db);
  for (const { time_zone: zone } of zones.rows) {
    // The standard offset: the smaller of winter's and summer's.
    const base = Math.min(offsetMinutes(zone, Date.UTC(year, 0, 1)), offsetMinutes(zone, Date.UTC(year, 6, 1)));
    await sql`update meeting_zones set base_offset = ${base} where time_zone = ${zone}`.execute(db);
    await sql`update meeting_days set utc_minute = ((week_minute - ${base}) % ${MINUTES_PER_WEEK} + ${MINUTES_PER_WEEK}) % ${MINUTES_PER_WEEK} where time_zone = ${zone}`.execute(
      db,
    );
  }
  await sql`update meeting_days set
      attendance = (select m.attendance from meetings m where m.id = meeting_days.meeting_id),
      group_id = (select m.group_id from meetings m where m.id = meeting_days.meeting_id),
      latitude = (select m.latitude from meetings m where m.id = meeting_days.meeting_id),
      longitude = (select m.longitude from meetings m where m.id = meeting_days.meeting_id)`.execute(db);

  await db.schema
    .createIndex("meeting_days_utc")
    .on("meeting_days")
    .columns(["utc_minute", "meeting_id", "time_zone", "length_minutes", "attendance", "group_id", "latitude", "longitude"])
    .execute();
  // The longest meeting bounds how far back a meeting in progress can have started.
  await db.schema.createIndex("meeting_days_length").on("meeting_days").column("length_minutes").execute();

  if (postgres) {
    await sql`alter table meeting_words alter column word set statistics 1000`.execute(db);
    await sql`analyze meeting_days, meeting_words, meeting_zones`.execute(db);
  } else {
    await sql`analyze`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.dropIndex("meeting_days_length").execute();
  await db.schema.dropIndex("meeting_days_utc").execute();
  for (const column of ["longitude", "latitude", "group_id", "attendance"]) await db.schema.alterTable("meeting_days").dropColumn(column).execute();
  await db.schema.alterTable("meeting_days").dropColumn("utc_minute").execute();
  await db.schema.alterTable("meeting_zones").dropColumn("base_offset").execute();
  if (postgres) await sql`alter table meeting_words alter column word set statistics -1`.execute(db);
}
