import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalTimeZone,
  dateOf,
  dayNumber,
  instantAt,
  minutesOf,
  offsetChanges,
  offsetMinutes,
  timeOf,
  wallClockAt,
  weekdayOf,
} from "./time-zones";

const at = (iso: string) => Date.parse(iso);
const wallClock = (date: string, time: string) => ({ day: dayNumber(date), minutes: minutesOf(time) });

describe("time zones", () => {
  it("knows IANA zones by their canonical name and refuses made-up ones and bare offsets", () => {
    expect(canonicalTimeZone("America/New_York")).toBe("America/New_York");
    expect(canonicalTimeZone("america/new_york")).toBe("America/New_York");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    // Intl resolves this to the retired "Asia/Calcutta"; the IANA name is kept.
    expect(canonicalTimeZone("Asia/Kolkata")).toBe("Asia/Kolkata");
    expect(canonicalTimeZone("Mars/Olympus_Mons")).toBeNull();
    expect(canonicalTimeZone("+05:00")).toBeNull();
    expect(canonicalTimeZone("")).toBeNull();
  });

  it("reads the offset in winter and summer, north and south", () => {
    expect(offsetMinutes("America/New_York", at("2025-01-15T12:00:00Z"))).toBe(-300);
    expect(offsetMinutes("America/New_York", at("2025-07-15T12:00:00Z"))).toBe(-240);
    expect(offsetMinutes("Australia/Sydney", at("2025-01-15T12:00:00Z"))).toBe(660);
    expect(offsetMinutes("Australia/Sydney", at("2025-07-15T12:00:00Z"))).toBe(600);
    expect(offsetMinutes("Asia/Kathmandu", at("2025-07-15T12:00:00Z"))).toBe(345);
  });

  it("agrees with Intl's own offset name at any instant, in zones with odd offsets and rules too (property)", () => {
    const zones = ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu", "America/St_Johns", "Africa/Casablanca", "Pacific/Chatham"];
    const longOffset = (zone: string, instant: number) => {
      const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }).formatToParts(instant).find((p) => p.type === "timeZoneName")!.value;
      const [, sign, hours, minutes] = /^GMT(?:([+-])(\d\d):(\d\d))?$/.exec(name)!;
      return sign ? (sign === "-" ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) : 0;
    };
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }), (zone, instant) => {
        expect(offsetMinutes(zone, instant)).toBe(longOffset(zone, instant));
      }),
      { numRuns: 2000 },
    );
  });

  it("finds the exact instants New York changes its clocks in 2025", () => {
    expect(offsetChanges("America/New_York", at("2025-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"))).toEqual([
      { at: at("2025-03-09T07:00:00Z"), from: -300, to: -240 },
      { at: at("2025-11-02T06:00:00Z"), from: -240, to: -300 },
    ]);
    expect(offsetChanges("Asia/Tokyo", at("2025-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"))).toEqual([]);
  });

  it("turns an ordinary wall-clock time into the instant it happens, and back", () => {
    const instant = instantAt("Europe/London", wallClock("2025-07-01", "19:30"));
    expect(new Date(instant).toISOString()).toBe("2025-07-01T18:30:00.000Z");
    expect(wallClockAt("Europe/London", instant)).toEqual(wallClock("2025-07-01", "19:30"));
  });

  it("reads a time skipped by the spring change with the offset before it (RFC 5545)", () => {
    const instant = instantAt("America/New_York", wallClock("2025-03-09", "02:30"));
    expect(new Date(instant).toISOString()).toBe("2025-03-09T07:30:00.000Z");
  });

  it("reads a time that happens twice in autumn as the first of the two (RFC 5545)", () => {
    const instant = instantAt("America/New_York", wallClock("2025-11-02", "01:30"));
    expect(new Date(instant).toISOString()).toBe("2025-11-02T05:30:00.000Z");
  });

  it("counts days and weekdays like Meeting Guide (Sunday = 0)", () => {
    expect(weekdayOf(dayNumber("2025-03-09"))).toBe(0);
    expect(weekdayOf(dayNumber("1969-12-31"))).toBe(3);
    expect(dateOf(dayNumber("2024-02-29") + 1)).toBe("2024-03-01");
    expect(timeOf(minutesOf("07:05"))).toBe("07:05");
  });

  it("reads the same answers however often and in whatever order it is asked (the remembered spans and dates)", () => {
    // Back and forth across New York's spring change, minute by minute: the span remembered for
    // one side must never answer for the other.
    const change = at("2025-03-09T07:00:00Z");
    for (let i = 0; i < 200; i++) {
      const instant = change + (i % 2 === 0 ? -1 : 1) * (i * 60_000 + 1) - (i % 2 === 0 ? 0 : 1);
      expect(offsetMinutes("America/New_York", instant)).toBe(instant < change ? -300 : -240);
    }
    expect(offsetMinutes("America/New_York", change - 1)).toBe(-300);
    expect(offsetMinutes("America/New_York", change)).toBe(-240);
    // Across a new year with no change at all (the span ends with the year it was read in).
    expect(offsetMinutes("Asia/Tokyo", at("2025-12-31T23:59:59Z"))).toBe(540);
    expect(offsetMinutes("Asia/Tokyo", at("2026-01-01T00:00:00Z"))).toBe(540);
    // Every minute of a day reads back; odd strings still read as before.
    for (let minutes = 0; minutes < 1440; minutes++) expect(minutesOf(timeOf(minutes))).toBe(minutes);
    expect(minutesOf("7:05")).toBe(425);
    expect(Number.isNaN(minutesOf("a7:05"))).toBe(true);
    // Dates both ways, twice (the second time from memory).
    for (const date of ["1969-12-31", "2024-02-29", "2038-01-19", "2024-02-29"]) expect(dateOf(dayNumber(date))).toBe(date);
  });
});
