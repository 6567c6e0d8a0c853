import { expressionBuilder, sql, SqliteAdapter, type ComparisonOperatorExpression, type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool } from "kysely";
import type { Repeats, Schedule, ScheduleException } from "../../../core/meetings/schedule";
import type { AttendanceOption, Meeting, MeetingAccess } from "../../../core/meetings/types";
import type { Database } from "../../db";
import type { MeetingDaysTable, MeetingExceptionsTable, MeetingsTable } from "../../db/schema";
import type { BoundingBox } from "./distance";
import type { MeetingIndex } from "./indexing";
import { baseOffset, utcMinute, type SlotRanges } from "./search-index";
import { MINUTES_PER_WEEK, type WeekRange } from "./week";

export type { Meeting };

/** A meeting with the group that holds it, as feeds list it. */
export interface MeetingWithGroup extends Meeting {
  groupName: string;
  groupDescription: string;
}

/**
 * What a search needs of a meeting to rank it: its schedule and position. A search reads many
 * more of these than it shows (a crowded minute near a point, a filter checked row by row), so
 * what the results show of a meeting is read apart, for the page's meetings only (shownMeetings).
 */
export interface Candidate {
  id: string;
  latitude: number | null;
  longitude: number | null;
  schedule: Schedule;
  /** For the soonest-first search: minutes from now to the start this row stands for, read with the offsets of the moment. */
  startsIn?: number;
}

/** What a search result shows of a meeting (besides its schedule). */
export interface MeetingShown {
  id: string;
  slug: string;
  name: string;
  groupName: string;
  attendance: AttendanceOption;
  access: MeetingAccess | null;
  types: string[];
  languages: string[];
  regions: string[];
  venueName: string | null;
  venueAddress: string | null;
  approximate: boolean;
}

/** Ranges of the local week in one zone. */
export interface ZoneRanges {
  zone: string;
  ranges: WeekRange[];
  /** Widened for a clock change: whether a meeting is still going is then left to its schedule. */
  widened?: boolean;
}

/** Which listed meetings a search looks at; every part given must hold. */
export interface CandidateFilter {
  organizationId: string;
  /** Each range is [from, to) of the words index; each phrase must appear in the searchable text. */
  words?: { prefixes: [string, string][]; phrases: string[] };
  focusAreas?: string[];
  /** All must hold. */
  typeCodes?: string[];
  /** Any. */
  languages?: string[];
  attendance?: string[];
  box?: BoundingBox;
  /** It meets, on one of its weekdays, within one of these ranges. */
  days?: ZoneRanges[];
  /** One of its moved occurrences starts within [from, to) (ISO instants). */
  movedBetween?: [string, string];
  irregularOnly?: boolean;
}

export interface CorrectionRecord {
  id: string;
  meetingId: string;
  groupId: string;
  message: string;
  createdAt: string;
  handledAt: string | null;
}

export interface CorrectionEntry extends CorrectionRecord {
  meetingSlug: string;
  meetingName: string;
}

type Row = Selectable<MeetingsTable>;
type CandidateRow = Pick<Row, "id" | "latitude" | "longitude" | "repeats" | "start_time" | "end_time" | "time_zone" | "starts_on" | "irregular">;
type M = ExpressionBuilder<Database & { m: MeetingsTable }, "m">;
type D = ExpressionBuilder<{ d: MeetingDaysTable }, "d">;

/** Parameters per statement stay well under SQLite's and PostgreSQL's limits. */
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const found: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) found.push(items.slice(i, i + CHUNK));
  return found;
}

function toException(row: Selectable<MeetingExceptionsTable>): ScheduleException {
  if (row.change === "moved") return { date: row.date, change: "moved", to: { date: row.moved_to_date!, start: row.moved_to_start! } };
  return { date: row.date, change: "cancelled" };
}

function scheduleOf(row: Pick<Row, "repeats" | "start_time" | "end_time" | "time_zone" | "starts_on">, exceptions: ScheduleException[]): Schedule {
  return {
    repeats: JSON.parse(row.repeats) as Repeats,
    start: row.start_time,
    end: row.end_time,
    timeZone: row.time_zone,
    startsOn: row.starts_on,
    exceptions,
  };
}

function toMeeting(row: Row, exceptions: ScheduleException[]): Meeting {
  const hasVenue = row.venue_name !== null || row.venue_address !== null || row.latitude !== null;
  const hasOnline = row.online_url !== null || row.online_phone !== null;
  return {
    id: row.id,
    groupId: row.group_id,
    slug: row.slug,
    name: row.name,
    schedule: scheduleOf(row, exceptions),
    access: row.access as MeetingAccess | null,
    temporarilyClosed: row.temporarily_closed === 1,
    types: JSON.parse(row.types) as string[],
    languages: JSON.parse(row.languages) as string[],
    venue: hasVenue
      ? {
          name: row.venue_name,
          address: row.venue_address,
          latitude: row.latitude,
          longitude: row.longitude,
          approximate: row.approximate === 1,
          notes: row.venue_notes,
        }
      : null,
    online: hasOnline
      ? { url: row.online_url, urlNotes: row.online_url_notes, phone: row.online_phone, phoneNotes: row.online_phone_notes }
      : null,
    regions: JSON.parse(row.regions) as string[],
    notes: row.notes,
    contributions: { venmo: row.venmo, square: row.square, paypal: row.paypal, homegroupOnline: row.homegroup_online },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A meeting and its index as its row of `meetings` (the bench's seeding writes the same rows). */
export function toRow(meeting: Meeting, organizationId: string, index: MeetingIndex): Row {
  const { schedule, venue, online, contributions } = meeting;
  return {
    id: meeting.id,
    organization_id: organizationId,
    group_id: meeting.groupId,
    slug: meeting.slug,
    name: meeting.name,
    repeats: JSON.stringify(schedule.repeats),
    start_time: schedule.start,
    end_time: schedule.end,
    time_zone: schedule.timeZone,
    starts_on: schedule.startsOn,
    access: meeting.access,
    temporarily_closed: meeting.temporarilyClosed ? 1 : 0,
    types: JSON.stringify(meeting.types),
    languages: JSON.stringify(meeting.languages),
    venue_name: venue?.name ?? null,
    venue_address: venue?.address ?? null,
    latitude: venue?.latitude ?? null,
    longitude: venue?.longitude ?? null,
    approximate: venue?.approximate ? 1 : 0,
    venue_notes: venue?.notes ?? null,
    online_url: online?.url ?? null,
    online_url_notes: online?.urlNotes ?? null,
    online_phone: online?.phone ?? null,
    online_phone_notes: online?.phoneNotes ?? null,
    regions: JSON.stringify(meeting.regions),
    notes: meeting.notes,
    venmo: contributions.venmo,
    square: contributions.square,
    paypal: contributions.paypal,
    homegroup_online: contributions.homegroupOnline,
    attendance: index.attendance,
    words: index.text,
    irregular: index.irregular ? 1 : 0,
    created_at: meeting.createdAt,
    updated_at: meeting.updatedAt,
  };
}

/** The meeting_days rows of a meeting whose zone has the base offset `base` (meeting_zones.base_offset). */
export function dayRows(meeting: Meeting, index: MeetingIndex, base: number): Selectable<MeetingDaysTable>[] {
  const zone = meeting.schedule.timeZone;
  return index.days.map((day) => ({
    meeting_id: meeting.id,
    time_zone: zone,
    week_minute: day.weekMinute,
    length_minutes: day.lengthMinutes,
    utc_minute: utcMinute(day.weekMinute, base),
    attendance: index.attendance,
    group_id: meeting.groupId,
    latitude: meeting.venue?.latitude ?? null,
    longitude: meeting.venue?.longitude ?? null,
  }));
}

/** What ranks a meeting (Candidate). */
const CANDIDATE_COLUMNS = ["m.id", "m.latitude", "m.longitude", "m.repeats", "m.start_time", "m.end_time", "m.time_zone", "m.starts_on", "m.irregular"] as const;

/** What a result shows (MeetingShown), with the group's name. */
const SHOWN_COLUMNS = [
  "m.id",
  "m.slug",
  "m.name",
  "m.attendance",
  "m.access",
  "m.types",
  "m.languages",
  "m.regions",
  "m.venue_name",
  "m.venue_address",
  "m.approximate",
  "g.name as group_name",
] as const;

/** meeting_days and each row's meeting: what every piece of soonestCandidates reads. */
function soonestBaseOf(db: Kysely<Database>) {
  return db.selectFrom("meeting_days as d").crossJoin("meetings as m").select(CANDIDATE_COLUMNS).whereRef("m.id", "=", "d.meeting_id");
}

type SoonestBase = ReturnType<typeof soonestBaseOf>;
type SoonestQuery = ReturnType<typeof withStartsIn>;

function withStartsIn(base: SoonestBase, now: number) {
  return base.select((eb) => eb(eb.ref("d.utc_minute"), "-", now).as("starts_in"));
}

/** A range that only this many zones read, fewer than another range's, is read per zone (soonestCandidates). */
const FEW_ZONES = 3;

/** A range of utc_minute as local minutes of the week of a zone with base offset `base`, split where it crosses the week's end. */
function localRanges(range: WeekRange, base: number): [number, number][] {
  const shift = Math.floor((range.from + base) / MINUTES_PER_WEEK) * MINUTES_PER_WEEK;
  const from = range.from + base - shift;
  const to = range.to + base - shift;
  return to <= MINUTES_PER_WEEK ? [[from, to]] : [[from, MINUTES_PER_WEEK], [0, to - MINUTES_PER_WEEK]];
}

export class MeetingsRepository {
  private soonest: SoonestBase | null = null;

  constructor(private readonly db: Kysely<Database>) {}

  /** Runs `work` in one transaction: everything it writes lands together or not at all. */
  transaction<T>(work: (repository: MeetingsRepository) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new MeetingsRepository(trx)));
  }

  // ---------- meetings ----------

  async insertMeeting(meeting: Meeting, organizationId: string, index: MeetingIndex): Promise<void> {
    await this.db.insertInto("meetings").values(toRow(meeting, organizationId, index)).execute();
    await this.writeIndex(meeting, index);
  }

  /** Replaces the meeting's details and its index rows; the slug, creation time and organization stay. */
  async updateMeeting(meeting: Meeting, index: MeetingIndex): Promise<void> {
    const { id: _id, organization_id: _organization, slug: _slug, created_at: _created, ...changed } = toRow(meeting, "", index);
    await this.db.updateTable("meetings").set(changed).where("id", "=", meeting.id).execute();
    await this.writeIndex(meeting, index);
  }

  /**
   * Rewrites what a meeting is searched by from its group's name (the group was renamed): the
   * searchable text and the words index. The rest of its index does not depend on the group.
   */
  async replaceWords(meetingId: string, index: Pick<MeetingIndex, "text" | "words">): Promise<void> {
    await this.db.updateTable("meetings").set({ words: index.text }).where("id", "=", meetingId).execute();
    await this.db.deleteFrom("meeting_words").where("meeting_id", "=", meetingId).execute();
    await this.insertAll("meeting_words", index.words.map((word) => ({ meeting_id: meetingId, word })));
  }

  async deleteMeeting(id: string): Promise<void> {
    await this.db.deleteFrom("meetings").where("id", "=", id).execute();
  }

  /** By id, or by slug within the organization. */
  async findMeeting(organizationId: string, key: { id: string } | { slug: string }): Promise<Meeting | null> {
    const row = await this.db
      .selectFrom("meetings")
      .selectAll()
      .$if("id" in key, (q) => q.where("id", "=", (key as { id: string }).id))
      .$if("slug" in key, (q) => q.where("organization_id", "=", organizationId).where("slug", "=", (key as { slug: string }).slug))
      .executeTakeFirst();
    if (!row) return null;
    const [meeting] = await this.withExceptions([row]);
    return meeting!;
  }

  async slugTaken(organizationId: string, slug: string): Promise<boolean> {
    const row = await this.db.selectFrom("meetings").select("id").where("organization_id", "=", organizationId).where("slug", "=", slug).executeTakeFirst();
    return row !== undefined;
  }

  async groupMeetings(groupId: string): Promise<Meeting[]> {
    const rows = await this.db.selectFrom("meetings").selectAll().where("group_id", "=", groupId).orderBy("slug").execute();
    return this.withExceptions(rows);
  }

  /** Full meetings by id, with their groups (in no particular order). */
  async meetingsByIds(ids: string[]): Promise<MeetingWithGroup[]> {
    const found: MeetingWithGroup[] = [];
    for (const part of chunks(ids)) {
      const rows = await this.db.selectFrom("meetings").selectAll().where("id", "in", part).execute();
      found.push(...(await this.withGroups(rows)));
    }
    return found;
  }

  /**
   * One page of meetings in slug order, after `afterSlug`: the organization's listed meetings, or
   * one group's. Slug order does not depend on ids, so two databases list the same feed alike.
   */
  async meetingsPage(scope: { organizationId: string } | { groupId: string }, afterSlug: string | null, limit: number): Promise<MeetingWithGroup[]> {
    const rows = await this.db
      .selectFrom("meetings as m")
      .selectAll("m")
      .$if("groupId" in scope, (q) => q.where("m.group_id", "=", (scope as { groupId: string }).groupId))
      .$if("organizationId" in scope, (q) =>
        q.where("m.organization_id", "=", (scope as { organizationId: string }).organizationId).where((eb) => inListedGroup(eb as unknown as M)),
      )
      .$if(afterSlug !== null, (q) => q.where("m.slug", ">", afterSlug!))
      .orderBy("m.slug")
      .limit(limit)
      .execute();
    return this.withGroups(rows);
  }

  // ---------- search ----------

  /** What the results show of these meetings, by id (a meeting deleted meanwhile is missing). */
  async shownMeetings(ids: string[]): Promise<Map<string, MeetingShown>> {
    const found = new Map<string, MeetingShown>();
    for (const part of chunks(ids)) {
      const rows = await this.db.selectFrom("meetings as m").innerJoin("groups as g", "g.id", "m.group_id").select(SHOWN_COLUMNS).where("m.id", "in", part).execute();
      for (const row of rows) {
        found.set(row.id, {
          id: row.id,
          slug: row.slug,
          name: row.name,
          groupName: row.group_name,
          attendance: row.attendance as AttendanceOption,
          access: row.access as MeetingAccess | null,
          types: JSON.parse(row.types) as string[],
          languages: JSON.parse(row.languages) as string[],
          regions: JSON.parse(row.regions) as string[],
          venueName: row.venue_name,
          venueAddress: row.venue_address,
          approximate: row.approximate === 1,
        });
      }
    }
    return found;
  }

  /** The zones meetings use (a handful), so a search can turn its spans into ranges per zone. */
  async zones(): Promise<string[]> {
    return (await this.db.selectFrom("meeting_zones").select("time_zone").execute()).map((row) => row.time_zone);
  }

  /** When the first `limit` moved occurrences starting within [from, to) start (ISO instants, in order), from meeting_exceptions_moved. */
  async movesBetween(from: string, to: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom("meeting_exceptions")
      .select("moved_start_at")
      .where("moved_start_at", ">=", from)
      .where("moved_start_at", "<", to)
      .orderBy("moved_start_at")
      .limit(limit)
      .execute();
    return rows.map((row) => row.moved_start_at!);
  }

  /** Listed meetings that pass the filter: at most `limit` (in no particular order). */
  async candidates(filter: CandidateFilter, limit?: number): Promise<Candidate[]> {
    if (filter.movedBetween) return this.movedCandidates({ ...filter, movedBetween: filter.movedBetween }, limit);
    const rows = await this.db
      .selectFrom("meetings as m")
      .select(CANDIDATE_COLUMNS)
      .where("m.organization_id", "=", filter.organizationId)
      .where((eb) => eb.and(conditions(eb as unknown as M, filter, unordered(filter))))
      .$if(limit !== undefined, (q) => q.limit(limit!))
      .execute();
    return this.toCandidates(rows);
  }

  /**
   * Listed meetings that pass the filter with a moved occurrence starting in the span: read from
   * the few moved occurrences (crossJoin keeps that order on SQLite), the days checked per meeting.
   */
  private async movedCandidates(filter: CandidateFilter & { movedBetween: [string, string] }, limit?: number): Promise<Candidate[]> {
    const { movedBetween: [from, to], days, ...others } = filter;
    const rows = await this.db
      .selectFrom("meeting_exceptions as e")
      .crossJoin("meetings as m")
      .select(CANDIDATE_COLUMNS)
      .distinct()
      .whereRef("m.id", "=", "e.meeting_id")
      .where("e.moved_start_at", ">=", from)
      .where("e.moved_start_at", "<", to)
      .where("m.organization_id", "=", filter.organizationId)
      .where((eb) => eb.and(conditions(eb as unknown as M, { ...others, ...(days ? { days } : {}) }, { lookupsPerMeeting: true, daysPerMeeting: true })))
      .$if(limit !== undefined, (q) => q.limit(limit!))
      .execute();
    return this.toCandidates(rows);
  }

  /**
   * At least how many meetings the filter's narrowest index finds, counting no further than
   * `limit`: each of the words, types, languages and place is counted on its own index alone
   * (a few index entries when it finds few). Only focus areas need the whole filter counted.
   */
  async narrowestCount(filter: CandidateFilter, limit: number): Promise<number> {
    const upTo = (query: { limit(n: number): { execute(): Promise<unknown[]> } }) => query.limit(limit).execute().then((rows) => rows.length);
    const counts: Promise<number>[] = [];
    for (const [from, to] of filter.words?.prefixes ?? []) {
      counts.push(upTo(this.db.selectFrom("meeting_words").select("meeting_id").where("word", ">=", from).where("word", "<", to)));
    }
    for (const code of filter.typeCodes ?? []) counts.push(upTo(this.db.selectFrom("meeting_types").select("meeting_id").where("code", "=", code)));
    if (filter.languages?.length) counts.push(upTo(this.db.selectFrom("meeting_languages").select("meeting_id").where("language", "in", filter.languages)));
    if (filter.box) {
      const { latitude, longitude } = filter.box;
      counts.push(
        upTo(
          this.db
            .selectFrom("meetings")
            .select("latitude")
            .where("latitude", ">=", latitude[0])
            .where("latitude", "<=", latitude[1])
            .where((eb) => eb.or(longitude.map(([west, east]) => eb.and([eb("longitude", ">=", west), eb("longitude", "<=", east)])))),
        ),
      );
    }
    if (counts.length === 0) return this.countUpTo(filter, limit);
    return Math.min(...(await Promise.all(counts)));
  }

  /** How many listed meetings pass the filter, counting no further than `limit`. */
  async countUpTo(filter: CandidateFilter, limit: number): Promise<number> {
    const rows = await this.db
      .selectFrom("meetings as m")
      .select("m.id")
      .where("m.organization_id", "=", filter.organizationId)
      .where((eb) => eb.and(conditions(eb as unknown as M, filter, unordered(filter))))
      .limit(limit)
      .execute();
    return rows.length;
  }

  /** The zones meetings use, each with the base offset its rows' utc_minute is read with. */
  async zoneBases(): Promise<{ zone: string; base: number }[]> {
    const rows = await this.db.selectFrom("meeting_zones").select(["time_zone", "base_offset"]).execute();
    return rows.map((row) => ({ zone: row.time_zone, base: row.base_offset }));
  }

  /** The longest meeting's length in minutes of wall-clock time (0 with none). */
  async longestMeeting(): Promise<number> {
    const row = await this.db.selectFrom("meeting_days").select((eb) => eb.fn.max("length_minutes").as("longest")).executeTakeFirst();
    return Number(row?.longest ?? 0);
  }

  /**
   * Keeps the query planner's statistics current. SQLite gathers none by itself, and without
   * them it may start a search from the wrong index: `PRAGMA optimize` analyzes what has never
   * been analyzed or has changed much since, within a bounded effort (quick when nothing has).
   * PostgreSQL's autovacuum does this on its own.
   */
  async refreshStatistics(): Promise<void> {
    if (!(this.db.getExecutor().adapter instanceof SqliteAdapter)) return;
    await sql`pragma analysis_limit = 1000`.execute(this.db);
    await sql`pragma optimize = 0x10002`.execute(this.db);
  }

  /**
   * Listed meetings that pass the filter and start within the ranges of utc_minute (measured
   * from their `now`), the soonest first, then by id, after `after` when given; at most `limit`,
   * one row per weekday that falls in the ranges. One statement: each range is read on its own in
   * the index's order (so a crowded range stops after `limit` rows), and the pieces are merged;
   * for meetings in progress, only those still going at the range's now.
   *
   * `bases` (each zone's base offset) lets a range that only a few zones read (the zones on
   * summer time when most are not, or the other way round) be read per zone from
   * meeting_days_time, in local minutes, instead of from meeting_days_utc, where it would step
   * over every other zone's rows in the same minutes to find its own.
   */
  async soonestCandidates(
    filter: CandidateFilter & { slots: SlotRanges[] },
    options: { limit?: number; after?: { startsIn: number; id: string }; inProgress?: boolean; bases?: ReadonlyMap<string, number> } = {},
  ): Promise<Candidate[]> {
    const { slots, ...others } = filter;
    const { limit, after, inProgress, bases } = options;
    // The same filter in every piece: built once (Kysely's expressions are immutable, so they can be shared).
    const eb = expressionBuilder<Database & { m: MeetingsTable; d: MeetingDaysTable }, "m" | "d">();
    const filtered = eb.and(conditions(eb as unknown as M, others, { lookupsPerMeeting: true, daysPerMeeting: true, refs: SLOT_REFS }));
    const largest = Math.max(...slots.map(({ zones }) => zones?.length ?? Infinity));
    const piece = (now: number, widened: boolean, where: (q: SoonestQuery) => SoonestQuery, order: "d.utc_minute" | "d.week_minute") =>
      where(withStartsIn(this.soonestBase(), now))
        .$if(inProgress === true && !widened, (q) => q.where(eb(eb("d.utc_minute", "+", eb.ref("d.length_minutes")), ">", now)))
        .$if(after !== undefined, (q) => {
          const { startsIn, id } = after!;
          return q.where(eb.or([eb("d.utc_minute", ">", startsIn + now), eb.and([eb("d.utc_minute", "=", startsIn + now), eb("d.meeting_id", ">", id)])]));
        })
        .where("m.organization_id", "=", filter.organizationId)
        .where(filtered)
        .orderBy(order)
        .orderBy("d.meeting_id")
        .$if(limit !== undefined, (q) => q.limit(limit!));
    const pieces = slots.flatMap(({ zones, ranges, widened }) =>
      ranges.flatMap((range) => {
        const now = range.now!;
        const perZone = bases !== undefined && zones !== null && zones.length <= FEW_ZONES && zones.length < largest && zones.every((zone) => bases.has(zone));
        if (perZone) {
          // Each zone's rows in local minutes (utc_minute + base, split where it crosses the week's end), in the same order.
          return zones.flatMap((zone) =>
            localRanges(range, bases.get(zone)!).map(([from, to]) =>
              piece(now, widened, (q) => q.where("d.time_zone", "=", zone).where("d.week_minute", ">=", from).where("d.week_minute", "<", to), "d.week_minute"),
            ),
          );
        }
        // The plan is fixed, whatever the statistics say: meeting_days_utc in order (crossJoin keeps
        // meeting_days first on SQLite; the zones are compared through coalesce() so that no
        // index on time_zone is tempting), then each meeting by its primary key.
        return [
          piece(
            now,
            widened,
            (q) =>
              q
                .where("d.utc_minute", ">=", range.from)
                .where("d.utc_minute", "<", range.to)
                .$if(zones !== null, (q) => q.where(eb(eb.fn.coalesce("d.time_zone", eb.val("")), "in", zones!.length > 0 ? zones! : [""]))),
            "d.utc_minute",
          ),
        ];
      }),
    );
    if (pieces.length === 0) return [];
    let rows: (CandidateRow & { starts_in: number })[];
    if (pieces.length === 1) rows = await pieces[0]!.execute();
    else {
      let merged = this.db.selectFrom(pieces[0]!.as("p0")).selectAll();
      for (let i = 1; i < pieces.length; i++) merged = merged.unionAll(this.db.selectFrom(pieces[i]!.as(`p${i}`)).selectAll());
      rows = await merged
        .orderBy("starts_in")
        .orderBy("id")
        .$if(limit !== undefined, (q) => q.limit(limit!))
        .execute();
    }
    const candidates = await this.toCandidates(rows);
    return candidates.map((candidate, i) => ({ ...candidate, startsIn: Number(rows[i]!.starts_in) }));
  }

  /** What every piece of soonestCandidates reads (built once per repository, as Kysely's builders are immutable). */
  private soonestBase(): SoonestBase {
    this.soonest ??= soonestBaseOf(this.db);
    return this.soonest;
  }

  // ---------- groups, for imports ----------

  /** Every group of the organization by name (as written), to attach imported meetings to. */
  async groupIdsByName(organizationId: string): Promise<Map<string, string>> {
    const rows = await this.db.selectFrom("groups").select(["id", "name"]).where("organization_id", "=", organizationId).orderBy("created_at").execute();
    const byName = new Map<string, string>();
    for (const row of rows) if (!byName.has(row.name)) byName.set(row.name, row.id);
    return byName;
  }

  async groupNameOf(groupId: string): Promise<string> {
    const row = await this.db.selectFrom("groups").select("name").where("id", "=", groupId).executeTakeFirstOrThrow();
    return row.name;
  }

  // ---------- corrections ----------

  async insertCorrection(correction: CorrectionRecord): Promise<void> {
    await this.db
      .insertInto("meeting_corrections")
      .values({
        id: correction.id,
        meeting_id: correction.meetingId,
        group_id: correction.groupId,
        message: correction.message,
        created_at: correction.createdAt,
        handled_at: correction.handledAt,
      })
      .execute();
  }

  /** A group's corrections: open ones first, newest first. */
  async groupCorrections(groupId: string, correctionId?: string): Promise<CorrectionEntry[]> {
    const rows = await this.db
      .selectFrom("meeting_corrections as c")
      .innerJoin("meetings as m", "m.id", "c.meeting_id")
      .select(["c.id", "c.meeting_id", "c.group_id", "c.message", "c.created_at", "c.handled_at", "m.slug", "m.name"])
      .where("c.group_id", "=", groupId)
      .$if(correctionId !== undefined, (q) => q.where("c.id", "=", correctionId!))
      .orderBy("c.created_at", "desc")
      .execute();
    const entries = rows.map((row) => ({
      id: row.id,
      meetingId: row.meeting_id,
      groupId: row.group_id,
      message: row.message,
      createdAt: row.created_at,
      handledAt: row.handled_at,
      meetingSlug: row.slug,
      meetingName: row.name,
    }));
    return [...entries.filter((e) => e.handledAt === null), ...entries.filter((e) => e.handledAt !== null)];
  }

  async setCorrectionHandled(groupId: string, correctionId: string, handledAt: string | null): Promise<boolean> {
    const result = await this.db
      .updateTable("meeting_corrections")
      .set({ handled_at: handledAt })
      .where("id", "=", correctionId)
      .where("group_id", "=", groupId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  // ---------- helpers ----------

  private async toCandidates(rows: CandidateRow[]): Promise<Candidate[]> {
    const exceptions = await this.exceptionsOf(rows.filter((row) => row.irregular === 1).map((row) => row.id));
    return rows.map((row) => ({ id: row.id, latitude: row.latitude, longitude: row.longitude, schedule: scheduleOf(row, exceptions.get(row.id) ?? []) }));
  }

  private async writeIndex(meeting: Meeting, index: MeetingIndex): Promise<void> {
    const id = meeting.id;
    for (const table of ["meeting_days", "meeting_exceptions", "meeting_types", "meeting_languages", "meeting_words"] as const) {
      await this.db.deleteFrom(table).where("meeting_id", "=", id).execute();
    }
    await this.insertAll("meeting_days", dayRows(meeting, index, await this.zoneBase(meeting.schedule.timeZone)));
    const moved = new Map(index.moves.map((move) => [move.date, move.startsAt]));
    await this.insertAll(
      "meeting_exceptions",
      meeting.schedule.exceptions.map((exception) => ({
        meeting_id: id,
        date: exception.date,
        change: exception.change,
        moved_to_date: exception.change === "moved" ? exception.to.date : null,
        moved_to_start: exception.change === "moved" ? exception.to.start : null,
        moved_start_at: moved.get(exception.date) ?? null,
      })),
    );
    await this.insertAll("meeting_types", index.typeCodes.map((code) => ({ meeting_id: id, code })));
    await this.insertAll("meeting_languages", [...new Set(meeting.languages)].map((language) => ({ meeting_id: id, language })));
    await this.insertAll("meeting_words", index.words.map((word) => ({ meeting_id: id, word })));
  }

  /** The zone's base offset: the one it was first given (a zone new to the directory gets its standard offset now). */
  private async zoneBase(zone: string): Promise<number> {
    await this.db
      .insertInto("meeting_zones")
      .values({ time_zone: zone, base_offset: baseOffset(zone, Date.now()) })
      .onConflict((oc) => oc.column("time_zone").doNothing())
      .execute();
    const row = await this.db.selectFrom("meeting_zones").select("base_offset").where("time_zone", "=", zone).executeTakeFirstOrThrow();
    return row.base_offset;
  }

  private async insertAll<T extends "meeting_days" | "meeting_exceptions" | "meeting_types" | "meeting_languages" | "meeting_words">(
    table: T,
    rows: Database[T][],
  ): Promise<void> {
    for (const part of chunks(rows)) await this.db.insertInto(table).values(part as never).execute();
  }

  private async exceptionsOf(meetingIds: string[]): Promise<Map<string, ScheduleException[]>> {
    const found = new Map<string, ScheduleException[]>();
    for (const part of chunks(meetingIds)) {
      const rows = await this.db.selectFrom("meeting_exceptions").selectAll().where("meeting_id", "in", part).orderBy("date").execute();
      for (const row of rows) found.set(row.meeting_id, [...(found.get(row.meeting_id) ?? []), toException(row)]);
    }
    return found;
  }

  private async withExceptions(rows: Row[]): Promise<Meeting[]> {
    const exceptions = await this.exceptionsOf(rows.filter((row) => row.irregular === 1).map((row) => row.id));
    return rows.map((row) => toMeeting(row, exceptions.get(row.id) ?? []));
  }

  private async withGroups(rows: Row[]): Promise<MeetingWithGroup[]> {
    const meetings = await this.withExceptions(rows);
    const groups = await this.groupsOf(rows.map((row) => row.group_id));
    return meetings.map((meeting) => ({ ...meeting, groupName: groups.get(meeting.groupId)!.name, groupDescription: groups.get(meeting.groupId)!.description }));
  }

  /** Groups' names and descriptions, read apart from the meetings so a search never starts from the groups. */
  private async groupsOf(groupIds: string[]): Promise<Map<string, { name: string; description: string }>> {
    const found = new Map<string, { name: string; description: string }>();
    for (const part of chunks([...new Set(groupIds)])) {
      const rows = await this.db.selectFrom("groups").select(["id", "name", "description"]).where("id", "in", part).execute();
      for (const row of rows) found.set(row.id, { name: row.name, description: row.description });
    }
    return found;
  }

  // ---------- the printed schedule (print.ts): a day, or a few areas, at a time ----------

  /** The region lists of the organization's listed meetings, as stored (JSON text), each once, with how many days of meetings each has. */
  async printRegions(organizationId: string): Promise<{ regions: string; entries: number }[]> {
    const rows = await this.db
      .selectFrom("meetings as m")
      .innerJoin("meeting_days as d", "d.meeting_id", "m.id")
      .select((eb) => ["m.regions", eb.fn.countAll().as("entries")])
      .where("m.organization_id", "=", organizationId)
      .where((eb) => inListedGroup(eb as unknown as M))
      .groupBy("m.regions")
      .execute();
    return rows.map((row) => ({ regions: row.regions, entries: Number(row.entries) }));
  }

  /**
   * What orders one part of the printed schedule: a small row per weekday a listed meeting meets
   * (its local minute of the week), either within [from, to) of the week or with one of these
   * region lists (as stored). The caller sorts a part and reads it in full a batch at a time.
   */
  async printKeys(
    organizationId: string,
    part: { weekMinutes: [number, number] } | { regions: string[] },
  ): Promise<{ weekMinute: number; id: string; slug: string; name: string; regions: string }[]> {
    const zones = "weekMinutes" in part ? await this.zones() : [];
    const rows = await this.db
      .selectFrom("meeting_days as d")
      .innerJoin("meetings as m", "m.id", "d.meeting_id")
      .select(["d.week_minute", "m.id", "m.slug", "m.name", "m.regions"])
      .where("m.organization_id", "=", organizationId)
      .where((eb) => inListedGroup(eb as unknown as M))
      .$if("weekMinutes" in part, (q) => {
        const [from, to] = (part as { weekMinutes: [number, number] }).weekMinutes;
        return q.where("d.time_zone", "in", zones.length > 0 ? zones : [""]).where("d.week_minute", ">=", from).where("d.week_minute", "<", to);
      })
      .$if("regions" in part, (q) => q.where("m.regions", "in", (part as { regions: string[] }).regions))
      .execute();
    return rows.map((row) => ({ weekMinute: row.week_minute, id: row.id, slug: row.slug, name: row.name, regions: row.regions }));
  }
}

/**
 * The filter as SQL conditions. A query that a span of time drives (meeting_days, moved
 * occurrences) checks words, types and languages per meeting (`exists`, by primary key); any
 * other query reads those lookup tables through their indexes (`m.id in (...)`), so the database
 * starts from the most selective part.
 */
/** Where a condition reads the meeting's id, group, attendance and position: the meeting's row, or its copy in meeting_days. */
interface ConditionRefs {
  id: string;
  group: string;
  attendance: string;
  latitude: string;
  longitude: string;
}

const MEETING_REFS: ConditionRefs = { id: "m.id", group: "m.group_id", attendance: "m.attendance", latitude: "m.latitude", longitude: "m.longitude" };
/** A search driven by meeting_days_utc checks what it can on the index's row, before reading the meeting. */
const SLOT_REFS: ConditionRefs = { id: "d.meeting_id", group: "d.group_id", attendance: "d.attendance", latitude: "d.latitude", longitude: "d.longitude" };

/**
 * How a query reads the lookup tables and meeting_days: through their indexes (`m.id in (...)`,
 * so the database may start from the most selective), or per meeting (`exists`, by primary key)
 * when something else drives the query.
 */
interface Strategy {
  lookupsPerMeeting: boolean;
  daysPerMeeting: boolean;
  refs?: ConditionRefs;
}

/**
 * A query over the meetings with no order to follow: the words, types, languages or place start
 * it when given (days and times are then checked per meeting), else the days and times.
 */
function unordered(filter: CandidateFilter): Strategy {
  const driven = filter.words !== undefined || filter.typeCodes !== undefined || filter.languages !== undefined || filter.box !== undefined;
  return { lookupsPerMeeting: false, daysPerMeeting: driven };
}

function conditions(eb: M, filter: CandidateFilter, strategy: Strategy): Expression<SqlBool>[] {
  const { lookupsPerMeeting, daysPerMeeting, refs = MEETING_REFS } = strategy;
  const found: Expression<SqlBool>[] = [];
  const having = (table: LookupTable, column: string, where: [ComparisonOperatorExpression, unknown][]) => lookup(eb, lookupsPerMeeting, table, column, where, refs.id);
  const idIn = (subquery: Expression<{ meeting_id: string }>) => eb("m.id", "in", subquery as never);
  // The copies in meeting_days have the meeting's column types.
  const ref = (column: string) => eb.ref(column as "m.latitude");
  for (const [from, to] of filter.words?.prefixes ?? []) found.push(having("meeting_words", "word", [[">=", from], ["<", to]]));
  for (const phrase of filter.words?.phrases ?? []) found.push(eb("m.words", "like", `%${phrase}%`));
  found.push(inListedGroup(eb, filter.focusAreas, refs.group));
  for (const code of filter.typeCodes ?? []) found.push(having("meeting_types", "code", [["=", code]]));
  if (filter.languages?.length) found.push(having("meeting_languages", "language", [["in", filter.languages]]));
  if (filter.attendance?.length) found.push(eb(eb.ref(refs.attendance as "m.attendance"), "in", filter.attendance));
  if (filter.box) {
    const { latitude, longitude } = filter.box;
    found.push(eb(ref(refs.latitude), ">=", latitude[0]), eb(ref(refs.latitude), "<=", latitude[1]));
    found.push(eb.or(longitude.map(([west, east]) => eb.and([eb(ref(refs.longitude), ">=", west), eb(ref(refs.longitude), "<=", east)]))));
  }
  if (filter.days) {
    const days = daysWithin(eb, filter.days);
    found.push(daysPerMeeting ? eb.exists(days.whereRef("d.meeting_id", "=", "m.id")) : idIn(days));
  }
  if (filter.movedBetween) {
    const [from, to] = filter.movedBetween;
    found.push(idIn(eb.selectFrom("meeting_exceptions").select("meeting_id").where("moved_start_at", ">=", from).where("moved_start_at", "<", to)));
  }
  if (filter.irregularOnly) found.push(eb("m.irregular", "=", 1));
  return found;
}

/** The meeting's group is listed (and has one of the focus areas, when given); checked per meeting. */
function inListedGroup(eb: M, focusAreas?: string[], groupRef = "m.group_id"): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom("groups as g")
      .select("g.id")
      .whereRef("g.id", "=", groupRef as "m.group_id")
      .where("g.visibility", "=", "listed")
      .$if(focusAreas !== undefined && focusAreas.length > 0, (q) => q.where((g) => g.or(focusAreas!.map((focus) => g("g.focus_areas", "like", `%"${focus}"%`))))),
  );
}

type LookupTable = "meeting_words" | "meeting_types" | "meeting_languages";

function lookup(eb: M, perMeeting: boolean, table: LookupTable, column: string, where: [ComparisonOperatorExpression, unknown][], idRef = "m.id"): Expression<SqlBool> {
  // The three lookup tables share their shape (meeting_id and one value column).
  const any = eb as unknown as ExpressionBuilder<Record<string, Record<string, unknown>>, string>;
  let rows = any.selectFrom(`${table} as l`).select("l.meeting_id");
  for (const [operator, value] of where) rows = rows.where(`l.${column}`, operator, value);
  return perMeeting ? any.exists(rows.whereRef("l.meeting_id", "=", idRef as never)) : any(idRef as never, "in", rows as never);
}

function daysWithin(eb: M, zones: ZoneRanges[]) {
  return eb
    .selectFrom("meeting_days as d")
    .select("d.meeting_id")
    .where((days) => withinRanges(days as unknown as D, zones));
}

/** meeting_days rows within the ranges. */
function withinRanges(eb: D, zones: ZoneRanges[]): Expression<SqlBool> {
  const pieces = zones.flatMap(({ zone, ranges }) =>
    ranges.map((range) => eb.and([eb("d.time_zone", "=", zone), eb("d.week_minute", ">=", range.from), eb("d.week_minute", "<", range.to)])),
  );
  return pieces.length > 0 ? eb.or(pieces) : eb.lit(false);
}
