/**
 * The directory's search: listed meetings that pass the filters, in order of their next start on
 * the viewer's clock (the schedule's minutesUntilNextStart), then distance; or the meetings in
 * progress, in order of their starts.
 *
 * Ranking every meeting on every search would not scale, so the indexes narrow the candidates
 * first: a selective filter (words, place, types, language, focus) is ranked whole when it
 * matches few meetings; otherwise the search walks forward through time in windows ("the next
 * hour", then twice as long, ...), reading the meeting_days index soonest first until a page is
 * full. Each candidate is then ranked exactly by its schedule (every other week, monthly,
 * cancelled, moved, daylight saving), and kept only where its exact start falls in the part of
 * the window that is certain, so no meeting is listed twice or skipped.
 */
import { z } from "zod";
import type { MeetingSearchQuery } from "../../../core/meetings/api";
import {
  isInProgress,
  JUST_STARTED_MINUTES,
  nextOccurrence,
  occurrencesBetween,
  type Occurrence,
  type Schedule,
} from "../../../core/meetings/schedule";
import { minutesOf, offsetChanges, offsetMinutes, wallClockAt, weekdayOf } from "../../../core/meetings/time-zones";
import { fieldError } from "../../errors";
import { boundingBox, distanceKm, KM_PER_MILE, type Position } from "./distance";
import type { Candidate, CandidateFilter, MeetingShown, MeetingsRepository, ZoneRanges } from "./repository";
import { dayAndTimeRanges, intersect, MINUTES_PER_DAY, MINUTES_PER_WEEK, rangesFromNow, shifted, type WeekRange } from "./week";
import { slotRanges } from "./search-index";
import { parseTextQuery, prefixRange } from "./words";

export const PAGE_SIZE = 25;

export interface SearchLimits {
  /** A filter matching at most this many meetings is ranked whole. */
  probe: number;
  /** Rows read from the index at a time. */
  windowRows: number;
  firstWindowMinutes: number;
}

const LIMITS: SearchLimits = { probe: 100, windowRows: 30, firstWindowMinutes: 60 };
/** Every weekly meeting's next start lies within this; only irregular ones can start later. */
const WEEKLY_HORIZON = MINUTES_PER_WEEK + 120;
const DEFAULT_RADIUS = 25;
const MINUTE = 60_000;
/** More than any clock change a meeting can span (daylight saving moves clocks by an hour, rarely two). */
const CLOCK_CHANGE_MARGIN = 120;
/** Moved occurrences read ahead at the start of a walk through the windows (a few hours' worth in a large directory). */
const MOVES_READ = 32;
/** How often the database's planner statistics are brought up to date (on the next search). */
const STATISTICS_EVERY_MS = 60 * MINUTE;
/**
 * How long the directory's zones and its longest meeting are kept between searches: as long as
 * the result cache keeps a page (cache.ts), so a write by another process shows in both alike.
 * A write by this process forgets them at once (`forget`).
 */
const SHAPE_TTL_MS = 10_000;

/** What every search reads first, kept for SHAPE_TTL_MS: each zone's base offset, and the longest meeting (read when first asked). */
interface DirectoryShape {
  since: number;
  zones: Promise<{ zone: string; base: number }[]>;
  longest: Promise<number> | null;
}

/** A meeting placed in the results. */
export interface RankedMeeting {
  candidate: Candidate;
  /** Minutes from the search's moment to the start (negative: it has started). */
  minutes: number;
  /** In the unit asked; null without `near`. */
  distance: number | null;
  /** The occurrence `minutes` was measured to: the next, or for a search of meetings in progress, the current one. */
  occurrence: Occurrence;
}

/** A result on the page: ranked, and with what the results show of the meeting. */
export interface FoundMeeting extends RankedMeeting {
  meeting: MeetingShown;
  inProgress: boolean;
}

export interface SearchPage {
  at: Date;
  meetings: FoundMeeting[];
  nextCursor: string | null;
}

/** Upcoming meetings, by their next start; or the meetings in progress, by their current one's. */
type Mode = "upcoming" | "inProgress";

interface ZoneNow {
  zone: string;
  /** The zone's base offset, which the index's utc_minute is read with (search-index.ts). */
  base: number;
  /** Minutes ahead of UTC at the search's moment. */
  offset: number;
  /** The local minute of the week at the search's moment. */
  nowMinute: number;
}

/** A search made ready to run: its moment, its SQL filter, and the zones it reads ranges in. */
interface Plan {
  at: Date;
  mode: Mode;
  filter: CandidateFilter;
  zones: ZoneNow[];
  /** The viewer's days and times of day, read in each zone; null when not asked. */
  dayTime: ZoneRanges[] | null;
  near: { point: Position; radiusKm: number; kmPerUnit: number } | null;
  selective: boolean;
  /** Each zone's base offset (ZoneNow.base), by name. */
  bases: Map<string, number>;
}

// ---------- the cursor and the order ----------

const Cursor = z.object({
  at: z.iso.datetime(),
  mode: z.enum(["upcoming", "inProgress"]),
  minutes: z.number().int(),
  distance: z.number().nullable(),
  id: z.string(),
});
type Cursor = z.infer<typeof Cursor>;
type Key = Pick<Cursor, "minutes" | "distance" | "id">;

const keyOf = (ranked: RankedMeeting): Key => ({ minutes: ranked.minutes, distance: ranked.distance, id: ranked.candidate.id });

/**
 * Start, then distance; the id keeps the order total (so pages never overlap) and is what the
 * database orders by too, so a crowded minute can be read in parts.
 */
function compareKeys(a: Key, b: Key): number {
  return a.minutes - b.minutes || (a.distance ?? Infinity) - (b.distance ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const byRank = (a: RankedMeeting, b: RankedMeeting) => compareKeys(keyOf(a), keyOf(b));
const after = (key: Key | null) => (ranked: RankedMeeting) => key === null || compareKeys(keyOf(ranked), key) > 0;

function encodeCursor(at: Date, mode: Mode, last: RankedMeeting): string {
  const cursor: Cursor = { at: at.toISOString(), mode, ...keyOf(last) };
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(text: string, mode: Mode): Cursor {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    // Reported below as not a cursor.
  }
  const cursor = Cursor.safeParse(parsed);
  if (!cursor.success || cursor.data.mode !== mode) throw fieldError("cursor", "is not a cursor from this search");
  return cursor.data;
}

// ---------- schedules and clocks ----------

/** The minute an instant is in: meetings start on whole minutes, so the index's minutes from now are exact. */
export function wholeMinute(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / MINUTE) * MINUTE);
}

/** The occurrence in progress at `at`, if any. */
function currentOccurrence(schedule: Schedule, at: Date): Occurrence | null {
  if (!isInProgress(schedule, at)) return null;
  const since = new Date(at.getTime() - MINUTES_PER_DAY * MINUTE);
  const startedBy = new Date(at.getTime() - JUST_STARTED_MINUTES * MINUTE);
  return occurrencesBetween(schedule, since, startedBy).find((occurrence) => occurrence.end > at) ?? null;
}

/** The schedule kept to the weekdays whose start falls within the ranges (a monthly meeting has one). */
function onDaysWithin(schedule: Schedule, ranges: WeekRange[]): Schedule {
  const { repeats } = schedule;
  if (repeats.every === "month") return schedule;
  const start = minutesOf(schedule.start);
  const within = (day: number) => ranges.some((range) => day * MINUTES_PER_DAY + start >= range.from && day * MINUTES_PER_DAY + start < range.to);
  return { ...schedule, repeats: { ...repeats, days: repeats.days.filter(within) } };
}

function weekMinuteAt(zone: string, at: Date): number {
  const { day, minutes } = wallClockAt(zone, at.getTime());
  return weekdayOf(day) * MINUTES_PER_DAY + minutes;
}

/** How much a zone's clock changes between `from` and `to` minutes from now (usually not at all). */
function clockChange(zone: string, at: Date, from: number, to: number): number {
  const start = at.getTime() + (Math.min(0, from) - 120) * MINUTE;
  const end = at.getTime() + (Math.max(0, to) + 120) * MINUTE;
  return offsetChanges(zone, start, end).reduce((sum, change) => sum + Math.abs(change.to - change.from), 0);
}

/** Each meeting once (one that meets on two days of a window has a row for each). */
function uniqueRanked(ranked: RankedMeeting[]): RankedMeeting[] {
  const seen = new Set<string>();
  return ranked.filter(({ candidate }) => !seen.has(candidate.id) && seen.add(candidate.id));
}

export class MeetingSearch {
  /** When the statistics are next due, on this process's monotonic clock. */
  private statisticsDue = 0;
  private shape: DirectoryShape | null = null;

  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly organizationId: () => Promise<string>,
    private readonly now: () => Date,
    private readonly limits: SearchLimits = LIMITS,
  ) {}

  /**
   * One page of results, and the cursor for the next: for the minute `at` (the current one unless
   * given; a cursor carries its own).
   */
  async page(query: MeetingSearchQuery, at?: Date): Promise<SearchPage> {
    if (query.inProgress && query.startingWithinHours !== undefined) {
      throw fieldError("startingWithinHours", "choose meetings in progress or starting within some hours, not both");
    }
    const mode: Mode = query.inProgress ? "inProgress" : "upcoming";
    await this.keepStatistics();
    const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor, mode);
    const moment = cursor ? new Date(cursor.at) : wholeMinute(at ?? this.now());
    const plan = await this.plan(query, moment, mode);
    const [from, to] =
      mode === "inProgress"
        ? [-(await this.inProgressSince(plan)), -JUST_STARTED_MINUTES]
        : [-JUST_STARTED_MINUTES, query.startingWithinHours === undefined ? Infinity : query.startingWithinHours * 60 + 1];
    const ranked = await this.ranked(plan, cursor, cursor?.minutes ?? from, to);
    const page = ranked.slice(0, PAGE_SIZE);
    // Only the page's meetings are read in full. One deleted since it was ranked is left out; the
    // cursor still continues after it.
    const shown = await this.meetings.shownMeetings(page.map((ranked) => ranked.candidate.id));
    return {
      at: moment,
      meetings: page.flatMap((ranked) => {
        const meeting = shown.get(ranked.candidate.id);
        return meeting ? [this.found(ranked, meeting, plan)] : [];
      }),
      nextCursor: ranked.length > PAGE_SIZE ? encodeCursor(moment, mode, page.at(-1)!) : null,
    };
  }

  /** Something a search reads was written (a meeting, in a zone perhaps new, or longer than the rest): read the zones and the longest meeting again. */
  forget(): void {
    this.shape = null;
  }

  /** The directory's zones and longest meeting as last read, or read now when none are kept, they are older than SHAPE_TTL_MS or the clock went back. */
  private directoryShape(): DirectoryShape {
    const now = this.now().getTime();
    const kept = this.shape;
    if (kept && now >= kept.since && now - kept.since < SHAPE_TTL_MS) return kept;
    const shape: DirectoryShape = { since: now, zones: this.meetings.zoneBases(), longest: null };
    // A failed read is not kept: the next search reads again.
    shape.zones.catch(() => this.shape === shape && this.forget());
    this.shape = shape;
    return shape;
  }

  private longestMeeting(): Promise<number> {
    const shape = this.directoryShape();
    if (shape.longest === null) {
      shape.longest = this.meetings.longestMeeting();
      shape.longest.catch(() => this.shape === shape && this.forget());
    }
    return shape.longest;
  }

  /** The ids of every meeting that passes the filters, whenever it meets (for a calendar of a search). */
  async allIds(query: MeetingSearchQuery): Promise<string[]> {
    const plan = await this.plan(query, this.now(), "upcoming");
    const candidates = await this.meetings.candidates(this.withDayTime(plan));
    return candidates.filter((candidate) => this.distanceOf(candidate, plan) !== undefined).map((candidate) => candidate.id);
  }

  /**
   * How many minutes back a meeting still in progress can have started: the longest meeting, and
   * a clock change it may span, at most a day (nothing earlier need be read). The margin is only
   * read when some zone's clock did change lately: most of the year, a meeting that has lasted
   * longer than the longest meeting's wall-clock length is over, and the margin would more than
   * double the rows an "in progress" search reads.
   */
  private async inProgressSince(plan: Plan): Promise<number> {
    const longest = await this.longestMeeting();
    const margin = this.clockChange(plan, -(longest + CLOCK_CHANGE_MARGIN), 0) > 0 ? CLOCK_CHANGE_MARGIN : 0;
    return Math.min(MINUTES_PER_DAY, longest + margin);
  }

  /** The planner's statistics, refreshed on the first search and then hourly (quick when little has changed). */
  private async keepStatistics(): Promise<void> {
    if (performance.now() < this.statisticsDue) return;
    this.statisticsDue = performance.now() + STATISTICS_EVERY_MS;
    await this.meetings.refreshStatistics();
  }

  private async plan(query: MeetingSearchQuery, at: Date, mode: Mode): Promise<Plan> {
    const organizationId = await this.organizationId();
    const zones = (await this.directoryShape().zones).map(({ zone, base }) => ({ zone, base, offset: offsetMinutes(zone, at.getTime()), nowMinute: weekMinuteAt(zone, at) }));
    const text = query.q ? parseTextQuery(query.q) : null;
    const kmPerUnit = query.unit === "mi" ? KM_PER_MILE : 1;
    const near = query.near ? { point: query.near, radiusKm: (query.radius ?? DEFAULT_RADIUS) * kmPerUnit, kmPerUnit } : null;
    const filter: CandidateFilter = {
      organizationId,
      ...(text ? { words: { prefixes: text.words.map(prefixRange), phrases: text.phrases } } : {}),
      ...(query.focus?.length ? { focusAreas: query.focus } : {}),
      ...(query.types?.length ? { typeCodes: [...new Set(query.types)] } : {}),
      ...(query.language?.length ? { languages: query.language } : {}),
      ...(query.attendance?.length ? { attendance: query.attendance } : {}),
      ...(near ? { box: boundingBox(near.point, near.radiusKm) } : {}),
    };
    const selective = text !== null || near !== null || filter.typeCodes !== undefined || filter.languages !== undefined || filter.focusAreas !== undefined;
    const bases = new Map(zones.map(({ zone, base }) => [zone, base]));
    return { at, mode, filter, zones, dayTime: this.dayTime(query, at, zones), near, selective, bases };
  }

  /** The viewer's days and times of day, on their clock, as ranges in each zone at this moment's offsets. */
  private dayTime(query: MeetingSearchQuery, at: Date, zones: ZoneNow[]): ZoneRanges[] | null {
    const days = query.day?.length ? query.day.map((day) => (day === "today" ? weekdayOf(wallClockAt(query.tz, at.getTime()).day) : day)) : null;
    const buckets = query.timeOfDay?.length ? query.timeOfDay : null;
    if (days === null && buckets === null) return null;
    const onViewersClock = dayAndTimeRanges(days, buckets);
    const viewerOffset = offsetMinutes(query.tz, at.getTime());
    return zones.map(({ zone, offset }) => ({ zone, ranges: shifted(onViewersClock, offset - viewerOffset) }));
  }

  /** Meetings starting from `from` to `to` minutes from now (after the cursor), in order: at least a page and one more, if there are. */
  private async ranked(plan: Plan, cursor: Cursor | null, from: number, to: number): Promise<RankedMeeting[]> {
    const wanted = (ranked: RankedMeeting) => ranked.minutes >= from && ranked.minutes < to && after(cursor)(ranked);
    const walkTo = Math.min(to, WEEKLY_HORIZON);
    // The moves a walk through the windows starts from, read beside the probe (on PostgreSQL, a
    // round trip less to wait for); unused when the probe finds few.
    const moves = this.meetings.movesBetween(this.instant(plan, from), this.instant(plan, walkTo), MOVES_READ);
    moves.catch(() => {});
    // The probe counts what the narrowest selective filter alone matches, on its own index (so it
    // stops early when that is many); the other filters, days and times only narrow it further.
    if (plan.selective && (await this.meetings.narrowestCount(plan.filter, this.limits.probe + 1)) <= this.limits.probe) {
      return this.rank(await this.candidates(plan, this.withDayTime(plan)), plan).filter(wanted).sort(byRank);
    }
    const found = await this.walkWindows(plan, from, walkTo, cursor, await moves, wanted);
    if (found.length <= PAGE_SIZE && to > WEEKLY_HORIZON) {
      const irregular = await this.candidates(plan, { ...this.withDayTime(plan), irregularOnly: true });
      found.push(...this.rank(irregular, plan).filter((ranked) => ranked.minutes >= WEEKLY_HORIZON && wanted(ranked)));
    }
    return found.sort(byRank);
  }

  /**
   * Windows from `from` to `to` minutes from now, each twice as long as the last, read soonest
   * first, `windowRows` at a time. When a window holds more: without a clock change or a distance
   * to sort by, the index's order is the final one, so everything up to the last row read is
   * certain and the next read continues after it; otherwise only starts before the last one
   * (less the clock change) are certain, unless the rest of the last row's minute is read too
   * (a crowded minute, or a page not yet full): then the read continues after the last row, so
   * no row is read twice.
   */
  private async walkWindows(plan: Plan, from: number, to: number, cursor: Cursor | null, moves: string[], wanted: (ranked: RankedMeeting) => boolean): Promise<RankedMeeting[]> {
    const found: RankedMeeting[] = [];
    // `moves`: the first MOVES_READ moved occurrences of the walk, read once by the caller: a window
    // with none of them needs no read of its own. Past the last of a full list, any window may have some.
    const movesIn = (from: string, to: string) => moves.some((move) => move >= from && move < to) || (moves.length === MOVES_READ && to > moves.at(-1)!);
    const limit = this.limits.windowRows;
    let readTo: Key | null = cursor;
    let width = this.limits.firstWindowMinutes;
    for (let start = from; start < to && found.length <= PAGE_SIZE; ) {
      let end = Math.min(start + width, to);
      const ranges = this.startingBetween(plan, start, end);
      if (ranges.every(({ ranges: pieces }) => pieces.length === 0)) {
        // Not a day or time asked for: on to the next window, no wider.
        start = end;
        continue;
      }
      const change = this.clockChange(plan, start, end);
      const inOrder = plan.near === null && change === 0;
      const rows = await this.soonest(plan, ranges, limit, inOrder ? readTo : null);
      const ranked = this.rank(rows, plan);
      let certainTo: Key | null = null;
      if (rows.length < limit) width *= 2;
      else if (inOrder) certainTo = { minutes: rows.at(-1)!.startsIn!, distance: null, id: rows.at(-1)!.id };
      else {
        const lastRow = rows.at(-1)!;
        const last = lastRow.startsIn!;
        const certainEnd = last - change;
        const before = (ranked: RankedMeeting) => ranked.minutes >= start && ranked.minutes < certainEnd && after(readTo)(ranked) && wanted(ranked);
        // Stopping short of the last row's minute leaves it to the next window, which reads it
        // again from its start: worth it only when this page is full without it (or a clock
        // change would make the rest of the minute an hour of rows).
        if (certainEnd > start && (change > 0 || found.length + ranked.filter(before).length > PAGE_SIZE)) end = Math.min(end, certainEnd);
        else {
          // Every row up to the end of the last row's minute: the rest of it, after the last row read.
          end = Math.min(end, Math.max(last + 1, start + 1));
          const rest = await this.soonest(plan, this.startingBetween(plan, start, end), undefined, { minutes: last, distance: null, id: lastRow.id });
          ranked.push(...this.rank(rest, plan));
        }
      }
      const windowStart = this.instant(plan, start);
      const windowEnd = this.instant(plan, end);
      if (movesIn(windowStart, windowEnd)) {
        const seen = new Set(ranked.map((item) => item.candidate.id));
        const moved = await this.candidates(plan, { ...this.withDayTime(plan), movedBetween: [windowStart, windowEnd] });
        ranked.push(...this.rank(moved.filter((candidate) => !seen.has(candidate.id)), plan));
      }
      const keep = (ranked: RankedMeeting) =>
        ranked.minutes >= start && ranked.minutes < end && (certainTo === null || compareKeys(keyOf(ranked), certainTo) <= 0) && after(readTo)(ranked) && wanted(ranked);
      found.push(...uniqueRanked(ranked).filter(keep));
      readTo = certainTo ?? readTo;
      start = certainTo?.minutes ?? end;
    }
    return found;
  }

  /**
   * The meeting_days ranges for starts between `from` and `to` minutes from now in each zone,
   * widened across a clock change (whether a meeting is still going is then left to its schedule).
   */
  private startingBetween(plan: Plan, from: number, to: number): ZoneRanges[] {
    return plan.zones.map(({ zone, nowMinute }, i) => {
      const margin = clockChange(zone, plan.at, from, to);
      const ranges = rangesFromNow(from - margin, to + margin, nowMinute);
      return { zone, ranges: plan.dayTime ? intersect(ranges, plan.dayTime[i]!.ranges) : ranges, widened: margin > 0 };
    });
  }

  /** The most any zone's clock changes between `from` and `to` minutes from now. */
  private clockChange(plan: Plan, from: number, to: number): number {
    return Math.max(0, ...plan.zones.map(({ zone }) => clockChange(zone, plan.at, from, to)));
  }

  private async soonest(plan: Plan, days: ZoneRanges[], limit?: number, readTo?: Key | null): Promise<Candidate[]> {
    const slots = slotRanges(days.map((ranges, i) => ({ ...ranges, base: plan.zones[i]!.base })));
    const found = await this.meetings.soonestCandidates(
      { ...plan.filter, slots },
      { limit, inProgress: plan.mode === "inProgress", bases: plan.bases, ...(readTo ? { after: { startsIn: readTo.minutes, id: readTo.id } } : {}) },
    );
    return this.narrowed(plan, found);
  }

  private async candidates(plan: Plan, filter: CandidateFilter, limit?: number): Promise<Candidate[]> {
    return this.narrowed(plan, await this.meetings.candidates(filter, limit));
  }

  /**
   * With days or times of day asked for, each meeting is ranked by its occurrences on those days
   * only: "Saturday" lists a Saturday-and-Wednesday meeting at its Saturday start.
   */
  private narrowed(plan: Plan, found: Candidate[]): Candidate[] {
    if (!plan.dayTime) return found;
    const rangesOf = new Map(plan.dayTime.map(({ zone, ranges }) => [zone, ranges]));
    return found.map((candidate) => ({ ...candidate, schedule: onDaysWithin(candidate.schedule, rangesOf.get(candidate.schedule.timeZone) ?? []) }));
  }

  private withDayTime(plan: Plan): CandidateFilter {
    return plan.dayTime ? { ...plan.filter, days: plan.dayTime } : plan.filter;
  }

  /**
   * Each candidate's exact start (its next, or the one in progress) and distance; those with none
   * are left out. The occurrence is kept, so the page shows it without finding it again.
   */
  private rank(candidates: Candidate[], plan: Plan): RankedMeeting[] {
    const ranked: RankedMeeting[] = [];
    for (const candidate of candidates) {
      const distance = this.distanceOf(candidate, plan);
      if (distance === undefined) continue;
      const occurrence = this.startOf(candidate.schedule, plan);
      if (occurrence) ranked.push({ candidate, minutes: Math.round((occurrence.start.getTime() - plan.at.getTime()) / MINUTE), distance, occurrence });
    }
    return ranked;
  }

  /** The occurrence a meeting is ranked by: its next (one that began up to JUST_STARTED_MINUTES ago included), or the one in progress. */
  private startOf(schedule: Schedule, plan: Plan): Occurrence | null {
    if (plan.mode === "upcoming") return nextOccurrence(schedule, new Date(plan.at.getTime() - JUST_STARTED_MINUTES * MINUTE));
    return currentOccurrence(schedule, plan.at);
  }

  /** Distance in the unit asked; null without `near`; undefined when outside the radius (or nowhere). */
  private distanceOf(candidate: Candidate, plan: Plan): number | null | undefined {
    if (!plan.near) return null;
    if (candidate.latitude === null || candidate.longitude === null) return undefined;
    const km = distanceKm(plan.near.point, { latitude: candidate.latitude, longitude: candidate.longitude });
    return km <= plan.near.radiusKm ? km / plan.near.kmPerUnit : undefined;
  }

  /** A result as shown, with the occurrence its rank was measured to. */
  private found(ranked: RankedMeeting, meeting: MeetingShown, plan: Plan): FoundMeeting {
    return { ...ranked, meeting, inProgress: plan.mode === "inProgress" || isInProgress(ranked.candidate.schedule, plan.at) };
  }

  private instant(plan: Plan, minutes: number): string {
    return new Date(plan.at.getTime() + minutes * MINUTE).toISOString();
  }
}
