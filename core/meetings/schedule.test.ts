import { describe, expect, it } from "vitest";
import {
  endTime,
  firstScheduledDate,
  formatStart,
  isInProgress,
  lengthInMinutes,
  meetsOn,
  minutesUntilNextStart,
  nextOccurrence,
  occurrencesBetween,
  type Repeats,
  Schedule,
  timesOfDay,
} from "./schedule";

type ScheduleInput = Partial<Schedule> & Pick<Schedule, "repeats">;

function scheduleOf(input: ScheduleInput): Schedule {
  return Schedule.parse({ start: "19:00", end: "20:00", timeZone: "America/New_York", startsOn: null, exceptions: [], ...input });
}

const utc = (iso: string) => new Date(iso);
const starts = (schedule: Schedule, from: string, to: string) =>
  occurrencesBetween(schedule, utc(from), utc(to)).map((o) => o.start.toISOString());

describe("a schedule as data", () => {
  it("accepts weekly, every-other-week and monthly meetings", () => {
    expect(() => scheduleOf({ repeats: { every: "week", days: [1, 3] } })).not.toThrow();
    expect(() => scheduleOf({ repeats: { every: "other_week", days: [2], anchor: "2025-03-04" } })).not.toThrow();
    expect(() => scheduleOf({ repeats: { every: "month", week: "last", day: 5 } })).not.toThrow();
  });

  it.each([
    [{ repeats: { every: "week", days: [] } }, "repeats.days", "choose at least one day"],
    [{ repeats: { every: "week", days: [1, 1] } }, "repeats.days", "each day once"],
    [{ repeats: { every: "week", days: [7] } }, "repeats.days.0", "a day from 0 (Sunday) to 6 (Saturday)"],
    [{ repeats: { every: "other_week", days: [2], anchor: "2025-03-05" } }, "repeats.anchor", "must fall on one of the meeting's days"],
    [{ repeats: { every: "week", days: [1] }, start: "7pm" }, "start", "a time as HH:MM, 24-hour"],
    [{ repeats: { every: "week", days: [1] }, end: "19:00" }, "end", "must differ from the start"],
    [{ repeats: { every: "week", days: [1] }, timeZone: "Eastern" }, "timeZone", "an IANA time zone such as America/New_York"],
    [
      { repeats: { every: "week", days: [1] }, exceptions: [{ date: "2025-03-04", change: "cancelled" }] },
      "exceptions.0.date",
      "the meeting does not meet on this date",
    ],
    [
      {
        repeats: { every: "week", days: [1] },
        exceptions: [
          { date: "2025-03-03", change: "cancelled" },
          { date: "2025-03-03", change: "moved", to: { date: "2025-03-04", start: "19:00" } },
        ],
      },
      "exceptions.1.date",
      "this date is changed twice",
    ],
  ])("refuses %j, naming the field", (input, path, message) => {
    const result = Schedule.safeParse({ start: "19:00", end: null, timeZone: "America/New_York", startsOn: null, exceptions: [], ...input });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toContainEqual([path, message]);
  });

  it("reports a malformed date once, not also as a date the meeting does not meet", () => {
    const result = Schedule.safeParse({
      repeats: { every: "other_week", days: [1], anchor: "next week" },
      start: "19:00",
      end: null,
      timeZone: "UTC",
      startsOn: null,
      exceptions: [{ date: "2025-13-01", change: "cancelled" }],
    });
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["repeats.anchor", "a date as YYYY-MM-DD"],
      ["exceptions.0.date", "a date as YYYY-MM-DD"],
    ]);
  });

  it("takes a meeting without an end time to last 60 minutes, and one ending after midnight to cross it", () => {
    expect(lengthInMinutes({ start: "19:00", end: null })).toBe(60);
    expect(endTime({ start: "23:30", end: null })).toBe("00:30");
    expect(lengthInMinutes({ start: "23:00", end: "00:30" })).toBe(90);
  });
});

describe("which dates a meeting falls on", () => {
  it("every other week, counting weeks (Sunday to Saturday) from the anchor, before and after it", () => {
    const repeats: Repeats = { every: "other_week", days: [1, 4], anchor: "2025-03-06" };
    expect(["2025-03-03", "2025-03-06", "2025-03-17", "2025-03-20", "2025-02-17"].map((d) => meetsOn(repeats, d))).toEqual([true, true, true, true, true]);
    expect(["2025-03-10", "2025-03-13", "2025-02-24", "2025-03-04"].map((d) => meetsOn(repeats, d))).toEqual([false, false, false, false]);
  });

  it("on the nth weekday of the month, where 'last' is not always the fourth", () => {
    const secondTuesday = { every: "month", week: "second", day: 2 } as const;
    expect(meetsOn(secondTuesday, "2025-03-11")).toBe(true);
    expect(meetsOn(secondTuesday, "2025-03-04")).toBe(false);
    const lastFriday = { every: "month", week: "last", day: 5 } as const;
    const fourthFriday = { every: "month", week: "fourth", day: 5 } as const;
    // May 2025 has five Fridays: the 30th is the last, the 23rd the fourth.
    expect(meetsOn(lastFriday, "2025-05-30")).toBe(true);
    expect(meetsOn(lastFriday, "2025-05-23")).toBe(false);
    expect(meetsOn(fourthFriday, "2025-05-23")).toBe(true);
    expect(meetsOn(lastFriday, "2025-02-28")).toBe(true);
    expect(meetsOn(fourthFriday, "2025-02-28")).toBe(true);
  });

  it("finds the first scheduled date on or after a date, not before startsOn", () => {
    const schedule = scheduleOf({ repeats: { every: "month", week: "first", day: 1 }, startsOn: "2025-05-01" });
    expect(firstScheduledDate(schedule, "2025-03-15")).toBe("2025-05-05");
    expect(firstScheduledDate(schedule, "2025-05-06")).toBe("2025-06-02");
  });
});

describe("occurrences between two instants", () => {
  it("keeps a New York evening meeting at 19:00 local across the March and November changes", () => {
    const sundays = scheduleOf({ repeats: { every: "week", days: [0] } });
    expect(starts(sundays, "2025-03-01T00:00:00Z", "2025-03-17T00:00:00Z")).toEqual(["2025-03-03T00:00:00.000Z", "2025-03-09T23:00:00.000Z", "2025-03-16T23:00:00.000Z"]);
    expect(starts(sundays, "2025-10-26T00:00:00Z", "2025-11-10T00:00:00Z")).toEqual(["2025-10-26T23:00:00.000Z", "2025-11-03T00:00:00.000Z"]);
  });

  it("keeps a London morning meeting at 07:00 local across the March change", () => {
    const london = scheduleOf({ repeats: { every: "week", days: [0] }, start: "07:00", end: "08:00", timeZone: "Europe/London" });
    expect(starts(london, "2025-03-23T00:00:00Z", "2025-04-01T00:00:00Z")).toEqual(["2025-03-23T07:00:00.000Z", "2025-03-30T06:00:00.000Z"]);
  });

  it("keeps a Sydney meeting at 10:00 local when daylight saving ends in April and starts in October", () => {
    const sydney = scheduleOf({ repeats: { every: "week", days: [0] }, start: "10:00", end: "11:00", timeZone: "Australia/Sydney" });
    expect(starts(sydney, "2025-03-29T00:00:00Z", "2025-04-07T00:00:00Z")).toEqual(["2025-03-29T23:00:00.000Z", "2025-04-06T00:00:00.000Z"]);
    expect(starts(sydney, "2025-09-27T00:00:00Z", "2025-10-06T00:00:00Z")).toEqual(["2025-09-28T00:00:00.000Z", "2025-10-04T23:00:00.000Z"]);
  });

  it("ends by the wall clock: a 01:00-03:00 meeting on the spring-forward night lasts one hour", () => {
    const night = scheduleOf({ repeats: { every: "week", days: [0] }, start: "01:00", end: "03:00" });
    const [occurrence] = occurrencesBetween(night, utc("2025-03-09T00:00:00Z"), utc("2025-03-10T00:00:00Z"));
    expect(occurrence?.start.toISOString()).toBe("2025-03-09T06:00:00.000Z");
    expect(occurrence?.end.toISOString()).toBe("2025-03-09T07:00:00.000Z");
  });

  it("ends the next day when the end time is earlier than the start", () => {
    const late = scheduleOf({ repeats: { every: "week", days: [5] }, start: "23:00", end: "00:30" });
    const [occurrence] = occurrencesBetween(late, utc("2025-03-07T00:00:00Z"), utc("2025-03-09T00:00:00Z"));
    expect(occurrence?.start.toISOString()).toBe("2025-03-08T04:00:00.000Z");
    expect(occurrence?.end.toISOString()).toBe("2025-03-08T05:30:00.000Z");
  });

  it("includes a start at `from`, excludes one at `to`", () => {
    const mondays = scheduleOf({ repeats: { every: "week", days: [1] } });
    expect(starts(mondays, "2025-03-04T00:00:00Z", "2025-03-10T23:00:00Z")).toEqual(["2025-03-04T00:00:00.000Z"]);
    expect(starts(mondays, "2025-03-04T00:00:01Z", "2025-03-10T23:00:01Z")).toEqual(["2025-03-10T23:00:00.000Z"]);
  });

  it("leaves out cancelled occurrences and shows moved ones at their new time, in order", () => {
    const mondays = scheduleOf({
      repeats: { every: "week", days: [1] },
      exceptions: [
        { date: "2025-03-10", change: "cancelled" },
        { date: "2025-03-17", change: "moved", to: { date: "2025-03-26", start: "18:00" } },
      ],
    });
    const found = occurrencesBetween(mondays, utc("2025-03-01T00:00:00Z"), utc("2025-04-01T00:00:00Z"));
    expect(found.map((o) => [o.date, o.start.toISOString(), o.end.toISOString(), o.moved])).toEqual([
      ["2025-03-03", "2025-03-04T00:00:00.000Z", "2025-03-04T01:00:00.000Z", false],
      ["2025-03-24", "2025-03-24T23:00:00.000Z", "2025-03-25T00:00:00.000Z", false],
      ["2025-03-17", "2025-03-26T22:00:00.000Z", "2025-03-26T23:00:00.000Z", true],
      ["2025-03-31", "2025-03-31T23:00:00.000Z", "2025-04-01T00:00:00.000Z", false],
    ]);
  });

  it("has no occurrence before startsOn", () => {
    const mondays = scheduleOf({ repeats: { every: "week", days: [1] }, startsOn: "2025-03-10" });
    expect(starts(mondays, "2025-03-01T00:00:00Z", "2025-03-12T00:00:00Z")).toEqual(["2025-03-10T23:00:00.000Z"]);
  });

  it("meets every other week on two days, and monthly on the last Friday", () => {
    const fortnightly = scheduleOf({ repeats: { every: "other_week", days: [1, 4], anchor: "2025-03-06" } });
    expect(occurrencesBetween(fortnightly, utc("2025-03-01T00:00:00Z"), utc("2025-04-01T00:00:00Z")).map((o) => o.date)).toEqual([
      "2025-03-03",
      "2025-03-06",
      "2025-03-17",
      "2025-03-20",
      "2025-03-31",
    ]);
    const lastFriday = scheduleOf({ repeats: { every: "month", week: "last", day: 5 } });
    expect(occurrencesBetween(lastFriday, utc("2025-01-01T00:00:00Z"), utc("2025-07-01T00:00:00Z")).map((o) => o.date)).toEqual([
      "2025-01-31",
      "2025-02-28",
      "2025-03-28",
      "2025-04-25",
      "2025-05-30",
      "2025-06-27",
    ]);
  });
});

describe("the next start", () => {
  const tuesdays = scheduleOf({ repeats: { every: "week", days: [2] }, exceptions: [{ date: "2025-03-11", change: "cancelled" }] });

  it("is later this week, or wraps into next week, and skips a cancelled one", () => {
    expect(nextOccurrence(tuesdays, utc("2025-03-03T12:00:00Z"))?.start.toISOString()).toBe("2025-03-05T00:00:00.000Z");
    expect(nextOccurrence(tuesdays, utc("2025-03-05T00:00:01Z"))?.start.toISOString()).toBe("2025-03-18T23:00:00.000Z");
  });

  it("is null when the meeting has not met for ten years", () => {
    const future = scheduleOf({ repeats: { every: "week", days: [2] }, startsOn: "2099-01-01" });
    expect(nextOccurrence(future, utc("2025-03-03T12:00:00Z"))).toBeNull();
  });
});

describe("in progress and the directory's sort key (TSML's rule)", () => {
  // Mondays 19:00-20:00 New York: 2025-04-07T23:00Z to 2025-04-08T00:00Z.
  const mondays = scheduleOf({ repeats: { every: "week", days: [1] } });
  const minutes = (m: number) => new Date(Date.parse("2025-04-07T23:00:00Z") + m * 60_000);

  it("is in progress only once it started more than 10 minutes ago, until it ends", () => {
    expect([-1, 0, 5, 10, 11, 59, 60].map((m) => isInProgress(mondays, minutes(m)))).toEqual([false, false, false, false, true, true, false]);
  });

  it("sorts a meeting that just started as next (negative minutes), and one that started earlier as next week's", () => {
    expect(minutesUntilNextStart(mondays, minutes(-30))).toBe(30);
    expect(minutesUntilNextStart(mondays, minutes(10))).toBe(-10);
    expect(minutesUntilNextStart(mondays, minutes(11))).toBe(7 * 24 * 60 - 11);
  });

  it("sees a meeting across midnight in progress after midnight", () => {
    const late = scheduleOf({ repeats: { every: "week", days: [5] }, start: "23:00", end: "01:00" });
    expect(isInProgress(late, utc("2025-03-08T05:30:00Z"))).toBe(true);
    expect(isInProgress(late, utc("2025-03-08T06:00:00Z"))).toBe(false);
  });
});

describe("time of day", () => {
  it.each([
    ["04:00", ["morning", "night"]],
    ["05:00", ["morning"]],
    ["10:59", ["morning"]],
    ["11:00", ["morning", "midday"]],
    ["12:00", ["midday"]],
    ["16:00", ["midday", "evening"]],
    ["17:00", ["evening"]],
    ["20:00", ["evening", "night"]],
    ["21:00", ["night"]],
    ["00:00", ["night"]],
    ["03:59", ["night"]],
  ])("puts %s in %j", (start, buckets) => {
    expect(timesOfDay(start)).toEqual(buckets);
  });
});

describe("showing a start", () => {
  const start = utc("2025-03-04T00:00:00Z");

  it("shows the viewer's clock and, when it differs, the meeting's", () => {
    const shown = formatStart(start, { meeting: "America/New_York", viewer: "America/Los_Angeles" }, { locale: "en-US" });
    expect(shown.viewer).toMatch(/^Mon,? 4:00\sPM PST$/);
    expect(shown.meeting).toMatch(/^Mon,? 7:00\sPM EST$/);
  });

  it("shows only one time when both clocks agree, also for different zone names", () => {
    expect(formatStart(start, { meeting: "America/New_York", viewer: "America/Toronto" }, { locale: "en-US" }).meeting).toBeNull();
  });

  it("uses a 24-hour clock when asked, in the viewer's language", () => {
    const shown = formatStart(start, { meeting: "America/New_York", viewer: "Europe/Madrid" }, { locale: "es", hour12: false });
    expect(shown.viewer).toMatch(/^mar,? 1:00 CET$/);
    expect(shown.meeting).toMatch(/^lun,? 19:00 GMT-5$/);
  });
});
