/**
 * Time as the search index keeps it: every meeting day's start as a minute of one UTC week
 * (meeting_days.utc_minute), so that a span of time over all zones is one or two ranges of one
 * index instead of a range per zone.
 *
 * A zone's offset changes with daylight saving, and rewriting every row of a zone twice a year
 * would be a write in the middle of reads. Instead each zone has a fixed base offset
 * (meeting_zones.base_offset, its standard offset when it first appeared), and utc_minute is
 * the local minute of the week less that base. At any moment a zone's clock runs `offset -
 * base` minutes (0, or the daylight-saving hour) ahead of its utc_minute, so zones with the same
 * difference read a span of time as the same ranges: the search reads one range per such class
 * of zones (usually two: zones on standard time and zones on summer time), in one statement.
 */
import { offsetMinutes } from "../../../core/meetings/time-zones";
import { MINUTES_PER_WEEK, type WeekRange } from "./week";

/** A zone's standard offset in the year of `at` (the smaller of January's and July's): a fixed base for its rows. */
export function baseOffset(zone: string, at: number): number {
  const year = new Date(at).getUTCFullYear();
  return Math.min(offsetMinutes(zone, Date.UTC(year, 0, 1)), offsetMinutes(zone, Date.UTC(year, 6, 1)));
}

/** A local minute of the week read with the zone's base offset, within [0, MINUTES_PER_WEEK). */
export function utcMinute(weekMinute: number, base: number): number {
  return (((weekMinute - base) % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
}

/** Ranges of utc_minute that hold for every zone listed (null: every zone). */
export interface SlotRanges {
  zones: string[] | null;
  ranges: WeekRange[];
  /** Widened for a clock change: whether a meeting is still going is then left to its schedule. */
  widened: boolean;
}

/** Local ranges of one zone (as week.ts makes them), with the zone's base offset. */
export interface LocalZoneRanges {
  zone: string;
  base: number;
  ranges: WeekRange[];
  widened?: boolean;
}

/** A range moved back by `minutes` and split where it crosses either end of the week; `now` moves with it. */
function movedBack(range: WeekRange, minutes: number): WeekRange[] {
  const from = range.from - minutes;
  const to = range.to - minutes;
  const now = range.now === undefined ? undefined : range.now - minutes;
  const found: WeekRange[] = [];
  for (let start = from; start < to; ) {
    const week = Math.floor(start / MINUTES_PER_WEEK);
    const end = Math.min(to, (week + 1) * MINUTES_PER_WEEK);
    const base = week * MINUTES_PER_WEEK;
    found.push({ from: start - base, to: end - base, ...(now === undefined ? {} : { now: now - base }) });
    start = end;
  }
  return found;
}

/**
 * Each zone's local ranges as ranges of utc_minute, zones that read alike put together (with
 * `zones: null` when they are all of them). Zones with no ranges are left out.
 */
export function slotRanges(zones: LocalZoneRanges[]): SlotRanges[] {
  const classes = new Map<string, SlotRanges & { zones: string[] }>();
  for (const { zone, base, ranges, widened = false } of zones) {
    if (ranges.length === 0) continue;
    const moved = ranges.flatMap((range) => movedBack(range, base)).sort((a, b) => a.from - b.from);
    const key = `${widened}:${JSON.stringify(moved)}`;
    const known = classes.get(key);
    if (known) known.zones.push(zone);
    else classes.set(key, { zones: [zone], ranges: moved, widened });
  }
  const found = [...classes.values()];
  return found.length === 1 && found[0]!.zones.length === zones.length ? [{ ...found[0]!, zones: null }] : found;
}
