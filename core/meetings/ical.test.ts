/**
 * Calendars are checked with ical.js, an independent parser: what it reads back and expands
 * must be what the schedule itself says.
 */
import fc from "fast-check";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { type CalendarMeeting, calendarMeetingOf, escapeText, foldLine, recurrenceRule, timeZoneLines, writeCalendar } from "./ical";
import { occurrencesBetween, Schedule } from "./schedule";
import { offsetChanges } from "./time-zones";
import { MeetingDetails, NO_CONTRIBUTIONS } from "./types";

const DOMAIN = "meetings.example.org";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date("2025-06-01T00:00:00Z");

function scheduleOf(input: Partial<Schedule> & Pick<Schedule, "repeats">): Schedule {
  return Schedule.parse({ start: "19:00", end: "20:00", timeZone: "America/New_York", startsOn: null, exceptions: [], ...input });
}

function meetingOf(schedule: Schedule, overrides: Partial<CalendarMeeting> = {}): CalendarMeeting {
  return {
    id: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
    name: "Tuesday Night Hope",
    schedule,
    description: null,
    location: null,
    geo: null,
    url: null,
    createdAt: "2025-01-01T12:00:00Z",
    updatedAt: "2025-02-01T08:30:00Z",
    ...overrides,
  };
}

function parse(text: string): ICAL.Component {
  return new ICAL.Component(ICAL.parse(text));
}

interface Expanded {
  start: string;
  end: string;
}

/** Every occurrence ical.js expands before `until`, with moved ones at their new time. */
function expandWithIcalJs(text: string, until: Date): Expanded[] {
  const events = parse(text).getAllSubcomponents("vevent");
  const found: Expanded[] = [];
  for (const master of events.filter((event) => !event.hasProperty("recurrence-id"))) {
    const event = new ICAL.Event(master);
    for (const other of events) {
      if (other.hasProperty("recurrence-id") && other.getFirstPropertyValue("uid") === event.uid) event.relateException(other);
    }
    const iterator = event.iterator();
    for (let next = iterator.next(); next && next.toJSDate() < until; next = iterator.next()) {
      const details = event.getOccurrenceDetails(next);
      expect(details.startDate.zone?.tzid).toBe(master.getFirstProperty("dtstart")?.getParameter("tzid"));
      found.push({ start: details.startDate.toJSDate().toISOString(), end: details.endDate.toJSDate().toISOString() });
    }
  }
  return found.sort((a, b) => a.start.localeCompare(b.start));
}

function expandWithSchedule(schedule: Schedule, from: Date, until: Date): Expanded[] {
  return occurrencesBetween(schedule, from, until).map((o) => ({ start: o.start.toISOString(), end: o.end.toISOString() }));
}

describe("a meeting's calendar entry", () => {
  const schedule = scheduleOf({
    repeats: { every: "week", days: [2] },
    exceptions: [
      { date: "2025-03-11", change: "cancelled" },
      { date: "2025-03-18", change: "moved", to: { date: "2025-03-19", start: "18:30" } },
    ],
  });
  const text = writeCalendar([meetingOf(schedule, { url: "https://meetings.example.org/m/tuesday-night-hope" })], { domain: DOMAIN, now: NOW });

  it("is a VCALENDAR with VERSION and PRODID, ended by CRLF on every line", () => {
    expect(text.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")).toBe(true);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("has one stable UID per meeting, shared by its moved occurrence, and DTSTAMP from the last change", () => {
    const events = parse(text).getAllSubcomponents("vevent");
    expect(events.map((event) => event.getFirstPropertyValue("uid"))).toEqual([
      "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b@meetings.example.org",
      "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b@meetings.example.org",
    ]);
    expect(writeCalendar([meetingOf(schedule, { url: "https://meetings.example.org/m/tuesday-night-hope" })], { domain: DOMAIN, now: NOW })).toBe(text);
    expect(String(events[0]!.getFirstPropertyValue("dtstamp"))).toBe("2025-02-01T08:30:00Z");
  });

  it("writes the recurrence as an RRULE, the cancellation as EXDATE and the move as RECURRENCE-ID", () => {
    expect(text).toContain("\r\nDTSTART;TZID=America/New_York:20250107T190000\r\n");
    expect(text).toContain("\r\nDTEND;TZID=America/New_York:20250107T200000\r\n");
    expect(text).toContain("\r\nRRULE:FREQ=WEEKLY;BYDAY=TU;WKST=SU\r\n");
    expect(text).toContain("\r\nEXDATE;TZID=America/New_York:20250311T190000\r\n");
    expect(text).toContain("\r\nRECURRENCE-ID;TZID=America/New_York:20250318T190000\r\nDTSTART;TZID=America/New_York:20250319T183000\r\n");
    expect(text).toContain("\r\nURL:https://meetings.example.org/m/tuesday-night-hope\r\n");
  });

  it("expands in ical.js to the schedule's own occurrences, around the March change", () => {
    const from = new Date("2025-01-02T00:00:00Z");
    const until = new Date("2025-04-30T00:00:00Z");
    const expanded = expandWithIcalJs(text, until).filter((o) => o.start >= from.toISOString());
    expect(expanded).toEqual(expandWithSchedule(schedule, from, until));
    expect(expanded.map((o) => o.start)).toContain("2025-03-19T22:30:00.000Z");
    expect(expanded.map((o) => o.start)).not.toContain("2025-03-11T23:00:00.000Z");
  });

  it("starts at the first occurrence on or after the meeting was listed, or startsOn", () => {
    const later = writeCalendar([meetingOf(scheduleOf({ repeats: { every: "week", days: [2] }, startsOn: "2025-02-05" }))], { domain: DOMAIN, now: NOW });
    expect(later).toContain("\r\nDTSTART;TZID=America/New_York:20250211T190000\r\n");
  });

  it("is a valid, empty calendar when a search finds no meetings", () => {
    const empty = parse(writeCalendar([], { domain: DOMAIN, now: NOW }));
    expect(empty.getFirstPropertyValue("version")).toBe("2.0");
    expect(empty.getAllSubcomponents()).toEqual([]);
  });

  it("leaves out changes to occurrences before the entry starts", () => {
    const early = scheduleOf({ repeats: { every: "week", days: [2] }, exceptions: [{ date: "2024-12-31", change: "cancelled" }] });
    expect(writeCalendar([meetingOf(early)], { domain: DOMAIN, now: NOW })).not.toContain("EXDATE");
  });
});

describe("recurrence rules", () => {
  it.each([
    [{ every: "week", days: [3, 1] }, "FREQ=WEEKLY;BYDAY=MO,WE;WKST=SU"],
    [{ every: "other_week", days: [4], anchor: "2025-03-06" }, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;WKST=SU"],
    [{ every: "month", week: "second", day: 2 }, "FREQ=MONTHLY;BYDAY=2TU"],
    [{ every: "month", week: "last", day: 5 }, "FREQ=MONTHLY;BYDAY=-1FR"],
  ] as const)("writes %j as %s", (repeats, rule) => {
    expect(recurrenceRule(repeats as Schedule["repeats"])).toBe(rule);
  });
});

describe("occurrences read back by ical.js match the schedule across daylight-saving changes", () => {
  const cases: [string, Partial<Schedule> & Pick<Schedule, "repeats">][] = [
    ["New York, weekly on two days, March and November", {
      repeats: { every: "week", days: [0, 3] },
      start: "19:00",
      end: "20:30",
      exceptions: [
        { date: "2025-03-09", change: "cancelled" },
        { date: "2025-11-02", change: "moved", to: { date: "2025-11-01", start: "10:00" } },
      ],
    }],
    ["New York, every other week on Tuesday and Thursday, no end time", {
      repeats: { every: "other_week", days: [2, 4], anchor: "2025-02-04" },
      start: "12:00",
      end: null,
    }],
    ["London, the last Sunday of the month (the change days themselves)", {
      repeats: { every: "month", week: "last", day: 0 },
      start: "10:00",
      end: "11:30",
      timeZone: "Europe/London",
    }],
    ["Sydney, the first Sunday of the month (the change days in April and October)", {
      repeats: { every: "month", week: "first", day: 0 },
      start: "09:00",
      end: "10:00",
      timeZone: "Australia/Sydney",
    }],
    ["Sydney, Saturday late across midnight", {
      repeats: { every: "week", days: [6] },
      start: "23:30",
      end: "00:30",
      timeZone: "Australia/Sydney",
      exceptions: [{ date: "2025-10-04", change: "moved", to: { date: "2025-10-05", start: "20:00" } }],
    }],
    ["Santiago, weekly", { repeats: { every: "week", days: [1] }, start: "20:00", end: "21:00", timeZone: "America/Santiago" }],
    ["Jerusalem, the second Friday", { repeats: { every: "month", week: "second", day: 5 }, start: "08:00", end: "09:00", timeZone: "Asia/Jerusalem" }],
    ["Kathmandu, no daylight saving", { repeats: { every: "week", days: [5] }, start: "18:00", end: "19:00", timeZone: "Asia/Kathmandu" }],
  ];

  it.each(cases)("%s", (_, input) => {
    const schedule = scheduleOf(input);
    const text = writeCalendar([meetingOf(schedule)], { domain: DOMAIN, now: NOW });
    const from = new Date("2025-01-03T00:00:00Z");
    const until = new Date("2027-01-01T00:00:00Z");
    const expanded = expandWithIcalJs(text, until).filter((o) => o.start >= from.toISOString());
    expect(expanded.length).toBeGreaterThan(10);
    expect(expanded).toEqual(expandWithSchedule(schedule, from, until));
  });

  it("holds for several meetings in several zones in one calendar", () => {
    const schedules = cases.map(([, input]) => scheduleOf(input));
    const text = writeCalendar(
      schedules.map((schedule, index) => meetingOf(schedule, { id: `meeting-${index}` })),
      { domain: DOMAIN, now: NOW, name: "Kindred meetings" },
    );
    expect(parse(text).getFirstPropertyValue("x-wr-calname")).toBe("Kindred meetings");
    expect(parse(text).getAllSubcomponents("vtimezone").map((zone) => zone.getFirstPropertyValue("tzid"))).toEqual([
      "America/New_York",
      "America/Santiago",
      "Asia/Jerusalem",
      "Asia/Kathmandu",
      "Australia/Sydney",
      "Europe/London",
    ]);
    const from = new Date("2025-01-03T00:00:00Z");
    const until = new Date("2026-01-01T00:00:00Z");
    const fromSchedules = schedules.flatMap((schedule) => expandWithSchedule(schedule, from, until)).sort((a, b) => a.start.localeCompare(b.start));
    expect(expandWithIcalJs(text, until).filter((o) => o.start >= from.toISOString())).toEqual(fromSchedules);
  });

  // RFC 5545 3.3.5: a skipped time takes the offset before the gap, a repeated time is the first
  // one. ical.js does neither, so times inside the change hour are checked in schedule.test.ts.
  it("(ical.js and RFC 5545 differ only inside the change hour itself)", () => {
    const schedule = scheduleOf({ repeats: { every: "week", days: [0] }, start: "01:30", end: "02:30" });
    const text = writeCalendar([meetingOf(schedule)], { domain: DOMAIN, now: NOW });
    const until = new Date("2026-01-01T00:00:00Z");
    const ours = expandWithSchedule(schedule, new Date("2025-01-03T00:00:00Z"), until);
    const theirs = expandWithIcalJs(text, until).filter((o) => o.start >= "2025-01-03");
    const differing = ours.filter((o, index) => JSON.stringify(o) !== JSON.stringify(theirs[index])).map((o) => o.start.slice(0, 10));
    expect(differing).toEqual(["2025-03-09", "2025-11-02"]);
  });
});

describe("VTIMEZONE", () => {
  /** The wall clock Intl reads at an instant. */
  function intlWallClock(zone: string, instant: number): Record<"year" | "month" | "day" | "hour" | "minute" | "second", number> {
    const format = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    const parts = Object.fromEntries(format.formatToParts(instant).filter((p) => p.type !== "literal").map((p) => [p.type, Number(p.value)]));
    return parts as Record<"year" | "month" | "day" | "hour" | "minute" | "second", number>;
  }

  it.each([
    ["America/New_York", 2045],
    ["Europe/London", 2045],
    ["Europe/Dublin", 2045],
    ["Australia/Sydney", 2045],
    ["Pacific/Auckland", 2045],
    ["Pacific/Chatham", 2045],
    ["America/Santiago", 2045],
    ["America/Havana", 2045],
    ["America/St_Johns", 2045],
    ["Asia/Jerusalem", 2045],
    ["America/Sao_Paulo", 2045],
    ["Asia/Tehran", 2045],
    ["Asia/Kolkata", 2045],
    ["Asia/Tokyo", 2045],
    // Ramadan moves each year: no yearly rule, so changes are spelled out until the span ends.
    ["Africa/Casablanca", 2035],
  ])("for %s puts Intl's wall clock at the same instant, around every change and every third day until %i", (tzid, lastYear) => {
    const component = new ICAL.Component(ICAL.parse(["BEGIN:VCALENDAR", ...timeZoneLines(tzid, 2015, 2035), "END:VCALENDAR"].join("\r\n")));
    const zone = new ICAL.Timezone({ component: component.getFirstSubcomponent("vtimezone")!, tzid });
    const from = Date.UTC(2016, 0, 1);
    const to = Date.UTC(lastYear + 1, 0, 1);
    // Calendars give times on the meeting's wall clock, so that is the direction checked: local
    // time -> instant. Wall-clock times inside a change hour are skipped or repeated (see above),
    // so each change is probed two hours either side; its exact local time is on the DTSTART
    // lines checked below.
    const instants = offsetChanges(tzid, from, to).flatMap((change) => [change.at - 2 * HOUR, change.at + 2 * HOUR]);
    for (let day = from + 12 * HOUR; day < to; day += 3 * DAY) instants.push(day);
    const wrong = instants.filter((instant) => ICAL.Time.fromData(intlWallClock(tzid, instant), zone).toUnixTime() * 1000 !== instant);
    expect(wrong.map((instant) => new Date(instant).toISOString())).toEqual([]);
  });

  it("states the current rules as yearly RRULEs rather than a list of dates", () => {
    const lines = timeZoneLines("America/New_York", 2024, 2035);
    expect(lines.join("\n")).toContain(
      [
        "BEGIN:STANDARD\nDTSTART:20241103T020000\nTZOFFSETFROM:-0400\nTZOFFSETTO:-0500\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\nEND:STANDARD",
        "BEGIN:DAYLIGHT\nDTSTART:20240310T020000\nTZOFFSETFROM:-0500\nTZOFFSETTO:-0400\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\nEND:DAYLIGHT",
      ].join("\n"),
    );
    expect(lines.filter((line) => line.startsWith("RRULE:"))).toHaveLength(2);
    // London changes at 01:00 UTC: 02:00 summer time in October, 01:00 GMT in March.
    expect(timeZoneLines("Europe/London", 2024, 2035).join("\n")).toContain(
      [
        "DTSTART:20241027T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0000\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD\nBEGIN:DAYLIGHT",
        "DTSTART:20240331T010000\nTZOFFSETFROM:+0000\nTZOFFSETTO:+0100\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
      ].join("\n"),
    );
    // Sydney: 03:00 summer time in April, 02:00 standard time in October.
    const sydney = timeZoneLines("Australia/Sydney", 2024, 2035).join("\n");
    expect(sydney).toContain("DTSTART:20240407T030000\nTZOFFSETFROM:+1100\nTZOFFSETTO:+1000\nRRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU");
    expect(sydney).toContain("DTSTART:20241006T020000\nTZOFFSETFROM:+1000\nTZOFFSETTO:+1100\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU");
    // No daylight saving: one observance.
    expect(timeZoneLines("Asia/Tokyo", 2024, 2035)).toEqual([
      "BEGIN:VTIMEZONE",
      "TZID:Asia/Tokyo",
      "BEGIN:STANDARD",
      "DTSTART:20240101T000000",
      "TZOFFSETFROM:+0900",
      "TZOFFSETTO:+0900",
      "END:STANDARD",
      "END:VTIMEZONE",
    ]);
    // Israel: the Friday on or after 23 March.
    expect(timeZoneLines("Asia/Jerusalem", 2024, 2035)).toContain("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=FR;BYMONTHDAY=23,24,25,26,27,28,29");
  });
});

describe("text in calendars", () => {
  it("escapes backslash, semicolon, comma and newline", () => {
    expect(escapeText("Step 1; Step 2, then\\relax\r\nnewline\rand\nmore")).toBe("Step 1\\; Step 2\\, then\\\\relax\\nnewline\\nand\\nmore");
  });

  it("folds at 75 octets without splitting a multi-byte character", () => {
    const line = `SUMMARY:${"é".repeat(80)}`;
    const folded = foldLine(line).split("\r\n");
    // 8 + 33 × 2 = 74 (one more é would make 76), then a space and 37 × 2, then the last 10.
    expect(folded.map((part) => new TextEncoder().encode(part).length)).toEqual([74, 75, 21]);
    expect(folded.slice(1).every((part) => part.startsWith(" "))).toBe(true);
  });

  it("keeps any text through escaping and folding, as ical.js reads it back (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", minLength: 1, maxLength: 200 }), (name) => {
        const text = writeCalendar([meetingOf(scheduleOf({ repeats: { every: "week", days: [1] } }), { name, description: name })], {
          domain: DOMAIN,
          now: NOW,
        });
        const event = parse(text).getFirstSubcomponent("vevent")!;
        const expected = name.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "");
        expect(event.getFirstPropertyValue("summary")).toBe(expected);
        expect(event.getFirstPropertyValue("description")).toBe(expected);
      }),
      { numRuns: 100 },
    );
  });

  it("folds every line to at most 75 octets, each part whole UTF-8, and unfolds to the original (property)", () => {
    const encoder = new TextEncoder();
    const decoder = new TextDecoder("utf-8", { fatal: true });
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (value) => {
        const line = `DESCRIPTION:${escapeText(value)}`;
        const parts = foldLine(line).split("\r\n");
        for (const part of parts) {
          const bytes = encoder.encode(part);
          expect(bytes.length).toBeLessThanOrEqual(75);
          expect(decoder.decode(bytes)).toBe(part);
        }
        expect(parts.slice(1).every((part) => part.startsWith(" "))).toBe(true);
        expect(parts.map((part, index) => (index === 0 ? part : part.slice(1))).join("")).toBe(line);
      }),
      { numRuns: 500 },
    );
  });
});

describe("a meeting as a calendar entry", () => {
  const details = MeetingDetails.parse({
    slug: "tuesday-night-hope",
    name: "Tuesday Night Hope",
    schedule: scheduleOf({ repeats: { every: "week", days: [2] } }),
    access: "open",
    temporarilyClosed: false,
    types: ["D"],
    languages: ["en"],
    venue: { name: "St. Mark's Hall", address: "12 Main St, Springfield", latitude: 40.1, longitude: -75.2, approximate: false, notes: "Side door" },
    online: { url: "https://zoom.us/j/123", urlNotes: "Passcode: hope", phone: "+16465588656,,123#", phoneNotes: null },
    regions: ["Springfield"],
    notes: "Bring a friend; all welcome.",
    contributions: NO_CONTRIBUTIONS,
  });

  it("says where it is, how to join, and links its page", () => {
    const entry = calendarMeetingOf({ ...details, id: "m-1", createdAt: "2025-01-01T00:00:00Z", updatedAt: "2025-01-02T00:00:00Z" }, "https://x.org/m/1");
    expect(entry.location).toBe("St. Mark's Hall, 12 Main St, Springfield");
    expect(entry.geo).toEqual({ latitude: 40.1, longitude: -75.2 });
    expect(entry.description).toBe(
      "Bring a friend; all welcome.\n\nSide door\n\nhttps://zoom.us/j/123\nPasscode: hope\ntel:+16465588656,,123#\n\nhttps://x.org/m/1",
    );
    const event = parse(writeCalendar([entry], { domain: DOMAIN, now: NOW })).getFirstSubcomponent("vevent")!;
    expect(event.getFirstPropertyValue("location")).toBe("St. Mark's Hall, 12 Main St, Springfield");
    expect(event.getFirstPropertyValue("geo")).toEqual([40.1, -75.2]);
  });

  it("gives an online meeting with an approximate address its link as the location, and no position", () => {
    const online = { ...details, venue: { ...details.venue!, approximate: true } };
    const entry = calendarMeetingOf({ ...online, id: "m-1", createdAt: "2025-01-01T00:00:00Z", updatedAt: "2025-01-02T00:00:00Z" }, null);
    expect(entry.location).toBe("https://zoom.us/j/123");
    expect(entry.geo).toBeNull();
  });
});
