/**
 * What the directory searches a meeting by, derived from its details on every write: kept beside
 * the meeting so a search reads indexes instead of computing schedules for every meeting.
 */
import { typeCodesOf } from "../../../core/meetings/meeting-guide";
import { lengthInMinutes } from "../../../core/meetings/schedule";
import { dayNumber, instantAt, minutesOf } from "../../../core/meetings/time-zones";
import { attendanceOptionOf, type AttendanceOption, type MeetingDetails } from "../../../core/meetings/types";
import { MINUTES_PER_DAY } from "./week";
import { searchableText } from "./words";

export interface MeetingIndex {
  attendance: AttendanceOption;
  /** The searchable text (for phrases) and its distinct words (for the words index). */
  text: string;
  words: string[];
  /** True when the next start may be more than a week away, so a search cannot rely on `days`. */
  irregular: boolean;
  /** Each weekday it meets, as a local minute of the week, with how long it lasts. */
  days: { weekMinute: number; lengthMinutes: number }[];
  /** Every Meeting Guide code it has: types, languages, open or closed, temporarily closed. */
  typeCodes: string[];
  /** Moved occurrences: the scheduled date and the new start, as an instant. */
  moves: { date: string; startsAt: string }[];
}

export function indexOf(meeting: MeetingDetails, groupName: string): MeetingIndex {
  const { schedule, venue } = meeting;
  const { repeats } = schedule;
  const weekdays = repeats.every === "month" ? [repeats.day] : repeats.days;
  const start = minutesOf(schedule.start);
  const { text, words } = searchableText([meeting.name, groupName, meeting.notes, venue?.name ?? null, venue?.address ?? null, ...meeting.regions]);
  return {
    attendance: attendanceOptionOf(meeting),
    text,
    words,
    irregular: repeats.every !== "week" || schedule.exceptions.length > 0 || schedule.startsOn !== null,
    days: [...new Set(weekdays)].map((day) => ({ weekMinute: day * MINUTES_PER_DAY + start, lengthMinutes: lengthInMinutes(schedule) })),
    typeCodes: typeCodesOf(meeting),
    moves: schedule.exceptions.flatMap((exception) =>
      exception.change === "moved"
        ? [
            {
              date: exception.date,
              startsAt: new Date(instantAt(schedule.timeZone, { day: dayNumber(exception.to.date), minutes: minutesOf(exception.to.start) })).toISOString(),
            },
          ]
        : [],
    ),
  };
}
