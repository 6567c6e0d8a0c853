/**
 * Spans of the week as a search asks for them ("the next two hours", "Saturday evening on my
 * clock"), turned into ranges of local minutes of the week in each meeting zone, which the
 * meeting_days index answers. Offsets are those of the moment of the search: near a
 * daylight-saving change a range can be an hour off, so callers widen it and check each
 * candidate exactly with the schedule.
 */
import { TIMES_OF_DAY, timesOfDay, type TimeOfDay } from "../../../core/meetings/schedule";
import { timeOf } from "../../../core/meetings/time-zones";

export const MINUTES_PER_DAY = 1440;
export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/** [from, to) in local minutes of the week (Sunday 00:00 = 0). */
export interface WeekRange {
  from: number;
  to: number;
  /**
   * For ranges measured from now: the minute of the week that is now, in this range's week (it
   * can lie before 0 or after the week's end). A meeting starting at w is in progress when it
   * started before now and w + its length is after this.
   */
  now?: number;
}

const WHOLE_WEEK: WeekRange[] = [{ from: 0, to: MINUTES_PER_WEEK }];

/** Splits a span of minutes (which may run past either end of the week) into ranges within it. */
function wrapped(from: number, to: number, now?: number): WeekRange[] {
  if (to - from >= MINUTES_PER_WEEK) return WHOLE_WEEK.map((range) => ({ ...range, now }));
  const ranges: WeekRange[] = [];
  for (let start = from; start < to; ) {
    const week = Math.floor(start / MINUTES_PER_WEEK);
    const end = Math.min(to, (week + 1) * MINUTES_PER_WEEK);
    const base = week * MINUTES_PER_WEEK;
    ranges.push({ from: start - base, to: end - base, ...(now === undefined ? {} : { now: now - base }) });
    start = end;
  }
  return ranges;
}

/** Minutes [from, to) from now, in a zone where it is now `nowMinute` of the local week. */
export function rangesFromNow(from: number, to: number, nowMinute: number): WeekRange[] {
  return wrapped(nowMinute + from, nowMinute + to, nowMinute);
}

/** Ranges on one clock read on another that is `minutes` ahead of it. */
export function shifted(ranges: WeekRange[], minutes: number): WeekRange[] {
  return ranges.flatMap((range) => wrapped(range.from + minutes, range.to + minutes));
}

/** Where both hold; each piece keeps the `now` of the first. */
export function intersect(first: WeekRange[], second: WeekRange[]): WeekRange[] {
  const found: WeekRange[] = [];
  for (const a of first) {
    for (const b of second) {
      const from = Math.max(a.from, b.from);
      const to = Math.min(a.to, b.to);
      if (from < to) found.push({ from, to, ...(a.now === undefined ? {} : { now: a.now }) });
    }
  }
  return found;
}

/** Each time-of-day bucket as ranges of minutes since midnight, read from the schedule's own buckets. */
const BUCKET_RANGES: Record<TimeOfDay, [number, number][]> = (() => {
  const ranges = Object.fromEntries(TIMES_OF_DAY.map((bucket) => [bucket, [] as [number, number][]])) as Record<TimeOfDay, [number, number][]>;
  for (let minute = 0; minute < MINUTES_PER_DAY; minute++) {
    for (const bucket of timesOfDay(timeOf(minute))) {
      const last = ranges[bucket].at(-1);
      if (last && last[1] === minute) last[1] = minute + 1;
      else ranges[bucket].push([minute, minute + 1]);
    }
  }
  return ranges;
})();

/** Weekdays and times of day (either may be absent: any) as ranges of the week on one clock. */
export function dayAndTimeRanges(days: readonly number[] | null, buckets: readonly TimeOfDay[] | null): WeekRange[] {
  const hours = buckets === null ? [[0, MINUTES_PER_DAY] as [number, number]] : buckets.flatMap((bucket) => BUCKET_RANGES[bucket]);
  const weekdays = days ?? [0, 1, 2, 3, 4, 5, 6];
  return [...new Set(weekdays)].flatMap((day) => hours.map(([from, to]) => ({ from: day * MINUTES_PER_DAY + from, to: day * MINUTES_PER_DAY + to })));
}
