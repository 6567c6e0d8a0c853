/**
 * iCalendar (RFC 5545) for meetings: one VEVENT per meeting with its recurrence, so calendars
 * keep the meeting at the right local time across daylight-saving changes.
 */
import { firstScheduledDate, lengthInMinutes, type Schedule } from "./schedule";
import {
  dateOf,
  dayNumber,
  dayOfMonth,
  daysInMonthOf,
  minutesOf,
  offsetChanges,
  offsetMinutes,
  wallClockAt,
  type WallClock,
  weekdayOf,
} from "./time-zones";
import type { MeetingDetails } from "./types";

const DAY = 86_400_000;

/** What a calendar needs to know about one meeting. */
export interface CalendarMeeting {
  /** Stable: with the domain it makes the UID, so a calendar updates the entry instead of adding one. */
  id: string;
  name: string;
  schedule: Schedule;
  description: string | null;
  location: string | null;
  geo: { latitude: number; longitude: number } | null;
  url: string | null;
  /** ISO-8601. The entry starts with the first occurrence on or after this (or on or after startsOn). */
  createdAt: string;
  /** ISO-8601; written as DTSTAMP. */
  updatedAt: string;
}

export interface CalendarOptions {
  /** The site's domain, for UIDs: "meetings.example.org". */
  domain: string;
  /** Shown by calendar apps for a subscribed calendar. */
  name?: string;
  /** Time-zone changes that follow no yearly rule are spelled out until ten years after this. */
  now?: Date;
}

/** The calendar entry for a meeting: where it is, how to join, and its page. */
export function calendarMeetingOf(
  meeting: MeetingDetails & { id: string; createdAt: string; updatedAt: string },
  url: string | null,
): CalendarMeeting {
  const { venue, online } = meeting;
  const place = venue && !venue.approximate ? joinPresent(", ", [venue.name, venue.address]) : null;
  const join = online && joinPresent("\n", [online.url, online.urlNotes, online.phone && `tel:${online.phone}`, online.phoneNotes]);
  return {
    id: meeting.id,
    name: meeting.name,
    schedule: meeting.schedule,
    description: joinPresent("\n\n", [meeting.notes, venue?.notes ?? null, join, url]),
    location: place ?? online?.url ?? null,
    geo: place && venue!.latitude !== null ? { latitude: venue!.latitude, longitude: venue!.longitude! } : null,
    url,
    createdAt: meeting.createdAt,
    updatedAt: meeting.updatedAt,
  };
}

function joinPresent(separator: string, parts: (string | null)[]): string | null {
  const present = parts.filter((part) => part !== null && part !== "");
  return present.length > 0 ? present.join(separator) : null;
}

/** A whole calendar: the meetings' events and a VTIMEZONE for each zone they use. */
export function writeCalendar(meetings: readonly CalendarMeeting[], options: CalendarOptions): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Kindred//Meeting directory//EN", "CALSCALE:GREGORIAN"];
  if (options.name) lines.push(textProperty("X-WR-CALNAME", options.name));
  const firstYearOfZone = new Map<string, number>();
  for (const meeting of meetings) {
    const firstDate = firstCalendarDate(meeting);
    const year = Number(firstDate.slice(0, 4));
    const zone = meeting.schedule.timeZone;
    firstYearOfZone.set(zone, Math.min(year, firstYearOfZone.get(zone) ?? year));
    lines.push(...eventLines(meeting, firstDate, options.domain));
  }
  const lastYear = (options.now ?? new Date()).getUTCFullYear() + 10;
  for (const [zone, firstYear] of [...firstYearOfZone].sort()) lines.push(...timeZoneLines(zone, firstYear - 1, lastYear));
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

function firstCalendarDate(meeting: CalendarMeeting): string {
  const { day } = wallClockAt(meeting.schedule.timeZone, Date.parse(meeting.createdAt));
  return firstScheduledDate(meeting.schedule, dateOf(day));
}

// ---------- events ----------

const BYDAY = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"] as const;
const NTH = { first: "1", second: "2", third: "3", fourth: "4", last: "-1" } as const;

/** The recurrence as an RRULE value. Weeks start on Sunday, as the schedule counts them. */
export function recurrenceRule(repeats: Schedule["repeats"]): string {
  switch (repeats.every) {
    case "week":
      return `FREQ=WEEKLY;BYDAY=${weekdays(repeats.days)};WKST=SU`;
    case "other_week":
      return `FREQ=WEEKLY;INTERVAL=2;BYDAY=${weekdays(repeats.days)};WKST=SU`;
    case "month":
      return `FREQ=MONTHLY;BYDAY=${NTH[repeats.week]}${BYDAY[repeats.day]}`;
  }
}

function weekdays(days: readonly number[]): string {
  return [...days]
    .sort()
    .map((day) => BYDAY[day])
    .join(",");
}

function eventLines(meeting: CalendarMeeting, firstDate: string, domain: string): string[] {
  const { schedule } = meeting;
  const zone = schedule.timeZone;
  const first = dayNumber(firstDate);
  const startMinutes = minutesOf(schedule.start);
  const lines = [
    "BEGIN:VEVENT",
    `UID:${meeting.id}@${domain}`,
    `DTSTAMP:${utcDateTime(meeting.updatedAt)}`,
    ...startAndEnd(schedule, { day: first, minutes: startMinutes }),
    `RRULE:${recurrenceRule(schedule.repeats)}`,
  ];
  const laterChanges = schedule.exceptions.filter((exception) => dayNumber(exception.date) >= first);
  for (const exception of laterChanges) {
    if (exception.change === "cancelled") lines.push(`EXDATE;TZID=${zone}:${localDateTime({ day: dayNumber(exception.date), minutes: startMinutes })}`);
  }
  lines.push(...descriptionLines(meeting), "END:VEVENT");
  for (const exception of laterChanges) {
    if (exception.change !== "moved") continue;
    lines.push(
      "BEGIN:VEVENT",
      `UID:${meeting.id}@${domain}`,
      `DTSTAMP:${utcDateTime(meeting.updatedAt)}`,
      `RECURRENCE-ID;TZID=${zone}:${localDateTime({ day: dayNumber(exception.date), minutes: startMinutes })}`,
      ...startAndEnd(schedule, { day: dayNumber(exception.to.date), minutes: minutesOf(exception.to.start) }),
      ...descriptionLines(meeting),
      "END:VEVENT",
    );
  }
  return lines;
}

/** DTSTART and DTEND on the meeting's wall clock; the end keeps the meeting's length. */
function startAndEnd(schedule: Schedule, start: WallClock): string[] {
  const endMinutes = start.minutes + lengthInMinutes(schedule);
  const end = { day: start.day + Math.floor(endMinutes / 1440), minutes: endMinutes % 1440 };
  return [`DTSTART;TZID=${schedule.timeZone}:${localDateTime(start)}`, `DTEND;TZID=${schedule.timeZone}:${localDateTime(end)}`];
}

function descriptionLines(meeting: CalendarMeeting): string[] {
  const lines = [textProperty("SUMMARY", meeting.name)];
  if (meeting.description) lines.push(textProperty("DESCRIPTION", meeting.description));
  if (meeting.location) lines.push(textProperty("LOCATION", meeting.location));
  if (meeting.geo) lines.push(`GEO:${meeting.geo.latitude.toFixed(6)};${meeting.geo.longitude.toFixed(6)}`);
  if (meeting.url) lines.push(`URL:${uriValue(meeting.url)}`);
  return lines;
}

// ---------- values ----------

/** YYYYMMDDTHHMMSS on a wall clock. */
function localDateTime({ day, minutes }: WallClock): string {
  return new Date(day * DAY + minutes * 60_000).toISOString().slice(0, 19).replace(/[-:]/g, "");
}

function utcDateTime(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;
}

/** Control characters other than newline and tab have no place in calendar text. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newline. */
export function escapeText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(CONTROL_CHARACTERS, "")
    .replace(/[\\;,]/g, (character) => `\\${character}`)
    .replace(/\n/g, "\\n");
}

function textProperty(name: string, text: string): string {
  return `${name}:${escapeText(text)}`;
}

/** A URI is written as is; characters a content line cannot hold are percent-encoded. */
function uriValue(uri: string): string {
  return uri.replace(/[\u0000-\u0020\u007F"]/g, (character) => encodeURIComponent(character));
}

const encoder = new TextEncoder();

/**
 * Folds a content line at 75 octets (RFC 5545 3.1): continuation lines start with a space, and a
 * multi-byte character is never split.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let part = "";
  let octets = 0;
  for (const character of line) {
    const size = encoder.encode(character).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(part);
      part = "";
      octets = 0;
    }
    part += character;
    octets += size;
  }
  parts.push(part);
  return parts.join("\r\n ");
}

// ---------- time zones ----------

/** A change of offset seen as a yearly rule might describe it. */
interface Transition {
  kind: "STANDARD" | "DAYLIGHT";
  from: number;
  to: number;
  /** On the wall clock before the change, as RFC 5545 writes an observance's DTSTART. */
  local: WallClock;
}

/** A yearly rule for one kind of transition: the same month, weekday, time and offsets. */
interface YearlyRule {
  key: string;
  /** Candidate day-of-month windows: s means "the weekday on or after day s"; -1 means "the last". */
  windows: Set<number>;
  first: Transition;
  count: number;
}

function transitionsOf(zone: string, fromYear: number, toYear: number): Transition[] {
  return offsetChanges(zone, Date.UTC(fromYear, 0, 1), Date.UTC(toYear + 1, 0, 1)).map((change) => ({
    kind: change.to > change.from ? "DAYLIGHT" : "STANDARD",
    from: change.from,
    to: change.to,
    local: wallClockAt("UTC", change.at + change.from * 60_000),
  }));
}

function ruleKey(transition: Transition): string {
  const date = new Date(transition.local.day * DAY);
  return [transition.kind, date.getUTCMonth(), weekdayOf(transition.local.day), transition.local.minutes, transition.from, transition.to].join("|");
}

function ruleWindows(transition: Transition): Set<number> {
  const date = dayOfMonth(transition.local.day);
  const windows = new Set<number>();
  for (let start = Math.max(1, date - 6); start <= Math.min(date, 25); start++) windows.add(start);
  if (date + 7 > daysInMonthOf(transition.local.day)) windows.add(-1);
  return windows;
}

/**
 * The yearly rules the zone has followed lately, and how many transitions (counted from the end)
 * they cover; none if it no longer changes its clocks.
 */
function currentRules(transitions: Transition[], lastYear: number): { rules: YearlyRule[]; covered: number } {
  const rules = new Map<Transition["kind"], YearlyRule>();
  let covered = 0;
  for (const transition of [...transitions].reverse()) {
    const key = ruleKey(transition);
    const rule = rules.get(transition.kind);
    const windows = ruleWindows(transition);
    if (!rule) rules.set(transition.kind, { key, windows, first: transition, count: 1 });
    else {
      const common = new Set([...rule.windows].filter((window) => windows.has(window)));
      if (rule.key !== key || common.size === 0) break;
      Object.assign(rule, { windows: common, first: transition, count: rule.count + 1 });
    }
    covered++;
  }
  const last = transitions.at(-1);
  const stillChanging = last !== undefined && new Date(last.local.day * DAY).getUTCFullYear() >= lastYear;
  const yearly = [...rules.values()];
  if (!stillChanging || yearly.length < 2 || yearly.some((rule) => rule.count < 2)) return { rules: [], covered: 0 };
  return { rules: yearly, covered };
}

/** RRULE for a yearly rule: "the 2nd Sunday", "the last Sunday", or "the Sunday on or after the 2nd". */
function yearlyRecurrence(rule: YearlyRule): string {
  const { local } = rule.first;
  const month = new Date(local.day * DAY).getUTCMonth() + 1;
  const weekday = BYDAY[weekdayOf(local.day)];
  const nth = [1, 8, 15, 22].find((start) => rule.windows.has(start));
  if (nth !== undefined) return `FREQ=YEARLY;BYMONTH=${month};BYDAY=${(nth + 6) / 7}${weekday}`;
  if (rule.windows.has(-1)) return `FREQ=YEARLY;BYMONTH=${month};BYDAY=-1${weekday}`;
  const start = Math.min(...rule.windows);
  const days = Array.from({ length: 7 }, (_, i) => start + i).join(",");
  return `FREQ=YEARLY;BYMONTH=${month};BYDAY=${weekday};BYMONTHDAY=${days}`;
}

function utcOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const absolute = Math.abs(minutes);
  return `${sign}${String(Math.floor(absolute / 60)).padStart(2, "0")}${String(absolute % 60).padStart(2, "0")}`;
}

function observanceLines(kind: Transition["kind"], start: WallClock, from: number, to: number, rule?: string): string[] {
  return [
    `BEGIN:${kind}`,
    `DTSTART:${localDateTime(start)}`,
    `TZOFFSETFROM:${utcOffset(from)}`,
    `TZOFFSETTO:${utcOffset(to)}`,
    ...(rule ? [`RRULE:${rule}`] : []),
    `END:${kind}`,
  ];
}

/**
 * The zone's VTIMEZONE from Intl's data: the offset at the start of `fromYear`, each change
 * after it, and the current daylight-saving rules as yearly RRULEs (so the calendar stays right
 * after `toYear`); a zone whose changes follow no such rule gets them spelled out to `toYear`.
 */
export function timeZoneLines(zone: string, fromYear: number, toYear: number): string[] {
  const transitions = transitionsOf(zone, fromYear, toYear);
  const { rules, covered } = currentRules(transitions, toYear);
  const spelledOut = transitions.slice(0, transitions.length - covered);
  const initialOffset = transitions[0]?.from ?? offsetMinutes(zone, Date.UTC(fromYear, 0, 1));
  const initialKind = transitions[0]?.kind === "STANDARD" ? "DAYLIGHT" : "STANDARD";
  return [
    "BEGIN:VTIMEZONE",
    `TZID:${zone}`,
    ...observanceLines(initialKind, { day: dayNumber(`${fromYear}-01-01`), minutes: 0 }, initialOffset, initialOffset),
    ...spelledOut.flatMap((t) => observanceLines(t.kind, t.local, t.from, t.to)),
    ...rules.flatMap((rule) => observanceLines(rule.first.kind, rule.first.local, rule.first.from, rule.first.to, yearlyRecurrence(rule))),
    "END:VTIMEZONE",
  ];
}
