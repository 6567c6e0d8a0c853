/**
 * A meeting's schedule as data, and the questions people ask of it: when does it happen, when
 * is the next one, is it on now, and what does the start look like on my clock.
 */
import { z } from "zod";
import {
  canonicalTimeZone,
  type DayNumber,
  dateOf,
  dayNumber,
  dayOfMonth,
  daysInMonthOf,
  instantAt,
  minutesOf,
  offsetMinutes,
  timeOf,
  wallClockAt,
  weekdayOf,
} from "./time-zones";

const MINUTE = 60_000;

/** Sunday = 0 .. Saturday = 6, as Meeting Guide counts. */
export const Weekday = z.number().int().min(0, "a day from 0 (Sunday) to 6 (Saturday)").max(6, "a day from 0 (Sunday) to 6 (Saturday)");
export type Weekday = z.infer<typeof Weekday>;

export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time as HH:MM, 24-hour");
export const LocalDate = z.iso.date("a date as YYYY-MM-DD");

export const TimeZone = z
  .string()
  .refine((name) => canonicalTimeZone(name) !== null, "an IANA time zone such as America/New_York");

export const WEEKS_OF_MONTH = ["first", "second", "third", "fourth", "last"] as const;
export const WeekOfMonth = z.enum(WEEKS_OF_MONTH);
export type WeekOfMonth = z.infer<typeof WeekOfMonth>;

const Days = z
  .array(Weekday)
  .min(1, "choose at least one day")
  .refine((days) => new Set(days).size === days.length, "each day once");

export const Repeats = z.discriminatedUnion("every", [
  z.object({ every: z.literal("week"), days: Days }),
  /** `anchor` is one date the meeting meets: it fixes which weeks are on. Weeks start on Sunday. */
  z.object({ every: z.literal("other_week"), days: Days, anchor: LocalDate }),
  z.object({ every: z.literal("month"), week: WeekOfMonth, day: Weekday }),
]);
export type Repeats = z.infer<typeof Repeats>;

/** One occurrence, named by its scheduled local date, is cancelled or moved. */
export const ScheduleException = z.discriminatedUnion("change", [
  z.object({ date: LocalDate, change: z.literal("cancelled") }),
  z.object({ date: LocalDate, change: z.literal("moved"), to: z.object({ date: LocalDate, start: LocalTime }) }),
]);
export type ScheduleException = z.infer<typeof ScheduleException>;

export const Schedule = z
  .object({
    repeats: Repeats,
    start: LocalTime,
    /** Null: not given; the meeting is taken to last 60 minutes. Earlier than start: ends after midnight. */
    end: LocalTime.nullable(),
    timeZone: TimeZone,
    /** The first date the meeting may happen; null: it has always met. */
    startsOn: LocalDate.nullable(),
    exceptions: z.array(ScheduleException).max(500, "at most 500 changed occurrences"),
  })
  .superRefine((schedule, ctx) => {
    // Zod runs this also when a field had a format error; such fields are already reported.
    const isDate = (date: string) => LocalDate.safeParse(date).success;
    if (schedule.end === schedule.start) ctx.addIssue({ code: "custom", path: ["end"], message: "must differ from the start" });
    const { repeats } = schedule;
    if (repeats.every === "other_week" && isDate(repeats.anchor) && !repeats.days.includes(weekdayOf(dayNumber(repeats.anchor)))) {
      ctx.addIssue({ code: "custom", path: ["repeats", "anchor"], message: "must fall on one of the meeting's days" });
    }
    const seen = new Set<string>();
    schedule.exceptions.forEach((exception, index) => {
      const path = ["exceptions", index, "date"];
      if (seen.has(exception.date)) ctx.addIssue({ code: "custom", path, message: "this date is changed twice" });
      else if (isDate(exception.date) && !meetsOn(repeats, exception.date)) {
        ctx.addIssue({ code: "custom", path, message: "the meeting does not meet on this date" });
      }
      seen.add(exception.date);
    });
  });
export type Schedule = z.infer<typeof Schedule>;

/** One time the meeting happens. `date` is the scheduled local date, also when it was moved. */
export interface Occurrence {
  date: string;
  start: Date;
  end: Date;
  moved: boolean;
}

const NTH: Record<Exclude<WeekOfMonth, "last">, number> = { first: 1, second: 2, third: 3, fourth: 4 };

function repeatsOn(repeats: Repeats, day: DayNumber): boolean {
  const weekday = weekdayOf(day);
  switch (repeats.every) {
    case "week":
      return repeats.days.includes(weekday);
    case "other_week": {
      const weeksApart = (day - weekday - (dayNumber(repeats.anchor) - weekdayOf(dayNumber(repeats.anchor)))) / 7;
      return repeats.days.includes(weekday) && weeksApart % 2 === 0;
    }
    case "month":
      if (weekday !== repeats.day) return false;
      if (repeats.week === "last") return dayOfMonth(day) + 7 > daysInMonthOf(day);
      return Math.ceil(dayOfMonth(day) / 7) === NTH[repeats.week];
  }
}

/** Whether the recurrence falls on a local date, before any cancellation or move. */
export function meetsOn(repeats: Repeats, date: string): boolean {
  return repeatsOn(repeats, dayNumber(date));
}

/** How long the meeting lasts, in minutes of wall-clock time. */
export function lengthInMinutes(schedule: Pick<Schedule, "start" | "end">): number {
  if (schedule.end === null) return 60;
  return (minutesOf(schedule.end) - minutesOf(schedule.start) + 1440) % 1440;
}

/** The end time, also when none was given (start + 60 minutes). */
export function endTime(schedule: Pick<Schedule, "start" | "end">): string {
  return schedule.end ?? timeOf((minutesOf(schedule.start) + 60) % 1440);
}

/** The occurrence that starts on a local day at a local time; it ends by the wall clock. */
function occurrenceAt(schedule: Schedule, day: DayNumber, startMinutes: number, scheduledDay: DayNumber): Occurrence {
  const endMinutes = startMinutes + lengthInMinutes(schedule);
  return {
    date: dateOf(scheduledDay),
    start: new Date(instantAt(schedule.timeZone, { day, minutes: startMinutes })),
    end: new Date(instantAt(schedule.timeZone, { day: day + Math.floor(endMinutes / 1440), minutes: endMinutes % 1440 })),
    moved: day !== scheduledDay || startMinutes !== minutesOf(schedule.start),
  };
}

const NONE: readonly Occurrence[] = [];

function occurrencesOnDay(schedule: Schedule, day: DayNumber): readonly Occurrence[] {
  const firstDay = schedule.startsOn === null ? -Infinity : dayNumber(schedule.startsOn);
  const { exceptions } = schedule;
  const scheduled = day >= firstDay && repeatsOn(schedule.repeats, day);
  // Most days of most meetings: nothing scheduled and nothing changed, so no date to compare.
  if (!scheduled && exceptions.length === 0) return NONE;
  const found: Occurrence[] = [];
  const date = dateOf(day);
  if (scheduled && !exceptions.some((e) => e.date === date)) {
    found.push(occurrenceAt(schedule, day, minutesOf(schedule.start), day));
  }
  for (const exception of exceptions) {
    if (exception.change === "moved" && exception.to.date === date && dayNumber(exception.date) >= firstDay) {
      found.push(occurrenceAt(schedule, day, minutesOf(exception.to.start), dayNumber(exception.date)));
    }
  }
  return found.length > 1 ? found.sort((a, b) => a.start.getTime() - b.start.getTime()) : found;
}

/** Ten years: a meeting with nothing in that time has in practice stopped. */
const HORIZON_DAYS = 3660;

/** Occurrences in start order, from those on a local day onwards, for at most the horizon. */
function* occurrencesFromDay(schedule: Schedule, firstDay: DayNumber): Generator<Occurrence> {
  for (let day = firstDay; day < firstDay + HORIZON_DAYS; day++) yield* occurrencesOnDay(schedule, day);
}

function localDay(schedule: Schedule, instant: Date): DayNumber {
  return wallClockAt(schedule.timeZone, instant.getTime()).day;
}

/** Occurrences that start at or after `from` and before `to`, in start order. */
export function occurrencesBetween(schedule: Schedule, from: Date, to: Date): Occurrence[] {
  const found: Occurrence[] = [];
  for (const occurrence of occurrencesFromDay(schedule, localDay(schedule, from) - 1)) {
    if (occurrence.start >= to) break;
    if (occurrence.start >= from) found.push(occurrence);
  }
  return found;
}

/** The first occurrence starting at or after `at`; null if none in the next ten years. */
export function nextOccurrence(schedule: Schedule, at: Date): Occurrence | null {
  for (const occurrence of occurrencesFromDay(schedule, localDay(schedule, at) - 1)) {
    if (occurrence.start >= at) return occurrence;
  }
  return null;
}

/** A meeting that started up to this long ago still counts as starting now (TSML's rule). */
export const JUST_STARTED_MINUTES = 10;

/** In progress: started more than ten minutes ago and not yet ended. */
export function isInProgress(schedule: Schedule, at: Date): boolean {
  const startedBy = at.getTime() - JUST_STARTED_MINUTES * MINUTE;
  // A meeting lasts less than a day, so one in progress started at most two local dates ago.
  for (const occurrence of occurrencesFromDay(schedule, localDay(schedule, at) - 2)) {
    if (occurrence.start.getTime() >= startedBy) return false;
    if (occurrence.end > at) return true;
  }
  return false;
}

/**
 * The directory's sort key: minutes until the next start, where a meeting that started up to
 * ten minutes ago is still "next" (a negative number) and one that started earlier counts from
 * its following occurrence. Null if nothing in the next ten years.
 */
export function minutesUntilNextStart(schedule: Schedule, at: Date): number | null {
  const next = nextOccurrence(schedule, new Date(at.getTime() - JUST_STARTED_MINUTES * MINUTE));
  return next && Math.round((next.start.getTime() - at.getTime()) / MINUTE);
}

/** The first date on or after `date` that the recurrence falls on (ignoring cancellations and moves). */
export function firstScheduledDate(schedule: Schedule, date: string): string {
  let day = Math.max(dayNumber(date), schedule.startsOn === null ? -Infinity : dayNumber(schedule.startsOn));
  while (!repeatsOn(schedule.repeats, day)) day++;
  return dateOf(day);
}

// ---------- time of day ----------

export const TIMES_OF_DAY = ["morning", "midday", "evening", "night"] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

/** The directory's buckets overlap on purpose (TSML's): [from, to) in minutes since midnight. */
const TIME_OF_DAY_RANGES: Record<TimeOfDay, [number, number][]> = {
  morning: [[4 * 60, 12 * 60]],
  midday: [[11 * 60, 17 * 60]],
  evening: [[16 * 60, 21 * 60]],
  night: [
    [20 * 60, 24 * 60],
    [0, 5 * 60],
  ],
};

/** The time-of-day buckets a start time falls in: "11:30" is both morning and midday. */
export function timesOfDay(start: string): TimeOfDay[] {
  const minutes = minutesOf(start);
  return TIMES_OF_DAY.filter((bucket) => TIME_OF_DAY_RANGES[bucket].some(([from, to]) => minutes >= from && minutes < to));
}

// ---------- showing a start ----------

export interface StartFormatOptions {
  locale: string;
  /** true: "7:00 PM"; false: "19:00"; leave out for the locale's habit. */
  hour12?: boolean;
}

function formatInZone(start: Date, zone: string, options: StartFormatOptions): string {
  return new Intl.DateTimeFormat(options.locale, {
    timeZone: zone,
    weekday: "short",
    hour: "numeric",
    minute: "2-digit",
    hour12: options.hour12,
    timeZoneName: "short",
  }).format(start);
}

/**
 * A start as the viewer reads it on their clock, and as it reads on the meeting's clock; the
 * second is null when both clocks show the same time.
 */
export function formatStart(
  start: Date,
  zones: { meeting: string; viewer: string },
  options: StartFormatOptions,
): { viewer: string; meeting: string | null } {
  const sameClock = offsetMinutes(zones.meeting, start.getTime()) === offsetMinutes(zones.viewer, start.getTime());
  return {
    viewer: formatInZone(start, zones.viewer, options),
    meeting: sameClock ? null : formatInZone(start, zones.meeting, options),
  };
}
