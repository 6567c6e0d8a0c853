/**
 * Wall clocks in IANA time zones, computed with Intl.DateTimeFormat only (no date library), so
 * the same code runs on the server and in the browser.
 *
 * Local dates are handled as day numbers (days since 1970-01-01) and local times as minutes
 * since midnight: plain integers that are cheap to step through and compare.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

export type DayNumber = number;

/** A moment on a local wall clock. */
export interface WallClock {
  day: DayNumber;
  minutes: number;
}

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(zone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    wallClockFormats.set(zone, format);
  }
  return format;
}

/**
 * Names already checked (valid or not): building an Intl.DateTimeFormat costs about 20 to 50 µs,
 * and a search's response checks a zone per result. What Intl knows never changes in a process.
 */
const canonicalNames = new Map<string, string | null>();
const REMEMBERED_NAMES = 2000;

/**
 * The zone's name as Kindred keeps it, or null if Intl does not know it. Letter case is fixed
 * ("america/chicago" -> "America/Chicago"), but a valid name is kept as given: engines still
 * resolve current names to retired ones ("Asia/Kolkata" -> "Asia/Calcutta").
 */
export function canonicalTimeZone(name: string): string | null {
  const known = canonicalNames.get(name);
  if (known !== undefined) return known;
  const found = lookUpTimeZone(name);
  // Names come from requests, so what is remembered is bounded: start afresh when full.
  if (canonicalNames.size >= REMEMBERED_NAMES) canonicalNames.clear();
  canonicalNames.set(name, found);
  return found;
}

function lookUpTimeZone(name: string): string | null {
  // Recent engines also accept "+05:00", which names no zone and knows no daylight saving.
  if (/^[+-]/.test(name)) return null;
  try {
    const resolved = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
  } catch {
    return null;
  }
}

/** The wall-clock reading at an instant, as if it were UTC (milliseconds, whole seconds). */
function wallClockMs(zone: string, instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of wallClockFormat(zone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const { year, month, day, hour, minute, second } = parts as Record<string, number>;
  return Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
}

/** The offset as Intl reads it: exact, but slow enough to matter when asked thousands of times. */
function offsetFromIntl(zone: string, instant: number): number {
  return Math.round((wallClockMs(zone, instant) - Math.floor(instant / 1000) * 1000) / MINUTE);
}

/** A change of the zone's offset: the instant, and the offsets before and after it. */
export interface OffsetChange {
  at: number;
  from: number;
  to: number;
}

/** One UTC year of a zone: its offset on 1 January and the changes during the year. */
interface ZoneYear {
  offset: number;
  changes: OffsetChange[];
}

const zoneYears = new Map<string, Map<number, ZoneYear>>();
const WEEK = 7 * DAY;

/**
 * A zone's year, read from Intl once and kept. Sampled weekly, then narrowed to the second:
 * zones change their offset at most a few times a year, never twice within a week.
 */
function zoneYear(zone: string, year: number): ZoneYear {
  let years = zoneYears.get(zone);
  if (!years) zoneYears.set(zone, (years = new Map()));
  const known = years.get(year);
  if (known) return known;
  const from = Date.UTC(year, 0, 1);
  const to = Date.UTC(year + 1, 0, 1);
  const changes: OffsetChange[] = [];
  const offset = offsetFromIntl(zone, from);
  let before = offset;
  for (let start = from; start < to; start += WEEK) {
    const end = Math.min(start + WEEK, to);
    const after = offsetFromIntl(zone, end);
    if (after !== before) changes.push({ at: firstInstantWithOffset(zone, start, end, after), from: before, to: after });
    before = after;
  }
  const found = { offset, changes };
  years.set(year, found);
  return found;
}

/** Binary search in whole seconds: offset(low) differs from `offset`, offset(high) equals it. */
function firstInstantWithOffset(zone: string, low: number, high: number, offset: number): number {
  let lo = Math.floor(low / 1000);
  let hi = Math.ceil(high / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetFromIntl(zone, mid * 1000) === offset) hi = mid;
    else lo = mid;
  }
  return hi * 1000;
}

/** A stretch of time in which a zone keeps one offset: [from, to). */
interface OffsetSpan {
  from: number;
  to: number;
  offset: number;
}

/**
 * The span each zone was last asked about. Schedules ask the same zone about nearby instants
 * many times over (a search ranks hundreds of occurrences), and an offset holds for months.
 */
const lastSpans = new Map<string, OffsetSpan>();

function spanAt(zone: string, instant: number): OffsetSpan {
  const year = new Date(instant).getUTCFullYear();
  const { offset, changes } = zoneYear(zone, year);
  const span = { from: Date.UTC(year, 0, 1), to: Date.UTC(year + 1, 0, 1), offset };
  // A year's changes are in order of time.
  for (const change of changes) {
    if (change.at > instant) {
      span.to = change.at;
      break;
    }
    span.from = change.at;
    span.offset = change.to;
  }
  return span;
}

/** Minutes the zone is ahead of UTC at an instant (New York in winter: -300). */
export function offsetMinutes(zone: string, instant: number): number {
  const last = lastSpans.get(zone);
  if (last !== undefined && instant >= last.from && instant < last.to) return last.offset;
  const span = spanAt(zone, instant);
  lastSpans.set(zone, span);
  return span.offset;
}

/** Every offset change in [from, to). */
export function offsetChanges(zone: string, from: number, to: number): OffsetChange[] {
  // The directory's search asks this for every zone of every window it reads: no copies.
  const changes: OffsetChange[] = [];
  const lastYear = new Date(to).getUTCFullYear();
  for (let year = new Date(from).getUTCFullYear(); year <= lastYear; year++) {
    for (const change of zoneYear(zone, year).changes) if (change.at >= from && change.at < to) changes.push(change);
  }
  return changes;
}

export function wallClockAt(zone: string, instant: number): WallClock {
  const local = instant + offsetMinutes(zone, instant) * MINUTE;
  const day = Math.floor(local / DAY);
  return { day, minutes: Math.floor((local - day * DAY) / MINUTE) };
}

/**
 * The instant a wall-clock time happens, by RFC 5545's rules (3.3.5): a time skipped when the
 * clocks go forward is read with the offset before the change (02:30 becomes 03:30), and a
 * time that happens twice when they go back is the first of the two.
 */
export function instantAt(zone: string, wallClock: WallClock): number {
  const local = wallClock.day * DAY + wallClock.minutes * MINUTE;
  const before = offsetMinutes(zone, local - DAY);
  const after = offsetMinutes(zone, local + DAY);
  const withBefore = local - before * MINUTE;
  // Nearly always: no change within a day either side, and the one reading is the answer.
  if (before === after) return withBefore;
  const withAfter = local - after * MINUTE;
  const beforeFits = offsetMinutes(zone, withBefore) === before;
  const afterFits = offsetMinutes(zone, withAfter) === after;
  if (beforeFits && afterFits) return Math.min(withBefore, withAfter);
  if (afterFits) return withAfter;
  return withBefore;
}

// ---------- local dates ----------

/**
 * Dates read and written, remembered: schedules turn the same few hundred dates back and forth
 * many times per search, and both conversions go through Date. Bounded: start afresh when full.
 */
const dayNumbers = new Map<string, DayNumber>();
const datesOfDays = new Map<DayNumber, string>();
const REMEMBERED_DATES = 5000;

/** "2025-03-09" -> day number. */
export function dayNumber(date: string): DayNumber {
  const known = dayNumbers.get(date);
  if (known !== undefined) return known;
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const found = Math.floor(Date.UTC(year, month - 1, day) / DAY);
  if (dayNumbers.size >= REMEMBERED_DATES) dayNumbers.clear();
  dayNumbers.set(date, found);
  return found;
}

/** Day number -> "2025-03-09". */
export function dateOf(day: DayNumber): string {
  const known = datesOfDays.get(day);
  if (known !== undefined) return known;
  const found = new Date(day * DAY).toISOString().slice(0, 10);
  if (datesOfDays.size >= REMEMBERED_DATES) datesOfDays.clear();
  datesOfDays.set(day, found);
  return found;
}

/** Sunday = 0, as Meeting Guide counts (1970-01-01 was a Thursday). */
export function weekdayOf(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function dayOfMonth(day: DayNumber): number {
  return new Date(day * DAY).getUTCDate();
}

export function daysInMonthOf(day: DayNumber): number {
  const date = new Date(day * DAY);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
}

/** "19:30" -> 1170. */
export function minutesOf(time: string): number {
  // "HH:MM", as schedules keep times, read digit by digit (this runs for every occurrence).
  if (time.length === 5 && time.charCodeAt(2) === 58) {
    const h1 = time.charCodeAt(0) - 48;
    const h2 = time.charCodeAt(1) - 48;
    const m1 = time.charCodeAt(3) - 48;
    const m2 = time.charCodeAt(4) - 48;
    if (h1 >= 0 && h1 <= 9 && h2 >= 0 && h2 <= 9 && m1 >= 0 && m1 <= 9 && m2 >= 0 && m2 <= 9) return (h1 * 10 + h2) * 60 + m1 * 10 + m2;
  }
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  return hours * 60 + minutes;
}

/** 1170 -> "19:30". */
export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
