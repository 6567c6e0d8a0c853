/** A meeting's schedule and types in plain words, in the reader's language. */
import type { TFunction } from "i18next";
import type { MeetingView } from "./api";
import { clockTime, format, weekdayName } from "../../lib/meeting-time";

type Schedule = MeetingView["schedule"];

/** "2025-03-11" -> "Tue, Mar 11". */
export function dayOf(date: string, locale: string): string {
  return format(locale, { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" }).format(Date.parse(`${date}T00:00:00Z`));
}

export function listOf(items: string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(items);
}

/** "Every Tuesday and Thursday, 7:00 PM to 8:00 PM (America/New York time)". */
export function describeSchedule(schedule: Schedule, t: TFunction<"meetings">, locale: string): string {
  const { repeats } = schedule;
  const days = (list: number[]) => listOf(list.map((day) => weekdayName(day, locale)), locale);
  const when =
    repeats.every === "month"
      ? t("schedule.month", { week: t(`schedule.nth.${repeats.week}`), day: weekdayName(repeats.day, locale) })
      : t(repeats.every === "week" ? "schedule.weekly" : "schedule.otherWeek", { days: days(repeats.days) });
  return t("schedule.full", {
    when,
    start: clockTime(schedule.start, locale),
    end: schedule.end ? clockTime(schedule.end, locale) : null,
    zone: zoneName(schedule.timeZone),
    context: schedule.end ? "withEnd" : undefined,
  });
}

/** "America/New_York" -> "America/New York". */
export function zoneName(zone: string): string {
  return zone.replaceAll("_", " ");
}
