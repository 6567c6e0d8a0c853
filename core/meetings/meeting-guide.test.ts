import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  describeRepeats,
  type FeedEntry,
  type FeedEntryOutcome,
  feedTimestamp,
  type MeetingForFeed,
  type MeetingImport,
  readFeed,
  readFeedEntry,
  toFeedEntries,
} from "./meeting-guide";
import { Schedule } from "./schedule";
import { MEETING_TYPE_CODES, languageOfTypeCode } from "./type-codes";
import { MeetingDetails } from "./types";

/** An entry as Kindred writes it: every field the format knows, in the canonical form. */
const CANONICAL: FeedEntry = {
  slug: "tuesday-night-hope",
  name: "Tuesday Night Hope",
  day: 2,
  time: "19:00",
  end_time: "20:30",
  timezone: "America/New_York",
  types: ["C", "D", "EN", "S"],
  notes: "Bring a friend.\nCoffee from 18:30.",
  conference_url: "https://zoom.us/j/123456789",
  conference_url_notes: "Passcode: hope",
  conference_phone: "+16465588656,,123456789#",
  conference_phone_notes: "Press # twice",
  location: "St. Mark's Hall",
  location_notes: "Side door, downstairs",
  formatted_address: "12 Main St, Springfield, OH 45501, USA",
  latitude: 39.92423,
  longitude: -83.80882,
  approximate: "no",
  regions: ["Ohio", "Springfield"],
  group: "Hope Group",
  group_notes: "Business meeting on the first Tuesday",
  venmo: "@HopeGroup",
  square: "$HopeGroup",
  paypal: "hopegroup",
  homegroup_online: "hope-group",
  attendance_option: "hybrid",
  updated: "2024-05-06 07:08:09",
  url: "https://meetings.example.org/meetings/tuesday-night-hope",
  feedback_url: "https://meetings.example.org/meetings/tuesday-night-hope/correction",
};

function imported(outcome: FeedEntryOutcome | undefined): MeetingImport {
  if (!outcome?.ok) throw new Error(`expected an imported meeting, got ${JSON.stringify(outcome)}`);
  return outcome.record;
}

function readOne(raw: unknown, options = {}): MeetingImport {
  const outcomes = readFeedEntry(raw, options);
  expect(outcomes).toHaveLength(1);
  return imported(outcomes[0]);
}

function reasonsFor(raw: unknown, options = {}): string[] {
  const [outcome] = readFeedEntry(raw, options);
  if (!outcome || outcome.ok) throw new Error("expected a skipped entry");
  return outcome.reasons;
}

/** What the server adds when it lists an imported meeting again. */
function forFeed(record: MeetingImport, entry: { url?: unknown; feedback_url?: unknown }): MeetingForFeed {
  return {
    ...record.meeting,
    groupName: record.group?.name ?? null,
    groupNotes: record.group?.notes ?? null,
    updatedAt: record.updatedAt ?? "2025-01-01T00:00:00.000Z",
    url: typeof entry.url === "string" ? entry.url : "https://meetings.example.org/meetings/x",
    feedbackUrl: typeof entry.feedback_url === "string" ? entry.feedback_url : null,
  };
}

/** feed entry -> Kindred meeting(s) -> feed entries. */
function roundTrip(entry: object): FeedEntry[] {
  return readFeedEntry(entry).flatMap((outcome) => toFeedEntries(forFeed(imported(outcome), entry)));
}

const MINIMAL = { slug: "m", name: "Monday", day: 1, time: "19:00", timezone: "America/Chicago", formatted_address: "1 Elm St, Chicago" };

describe("reading a Meeting Guide entry", () => {
  it("turns a complete entry into Kindred's meeting record", () => {
    const record = readOne(CANONICAL);
    expect(record.meeting).toEqual({
      slug: "tuesday-night-hope",
      name: "Tuesday Night Hope",
      schedule: { repeats: { every: "week", days: [2] }, start: "19:00", end: "20:30", timeZone: "America/New_York", startsOn: null, exceptions: [] },
      access: "closed",
      temporarilyClosed: false,
      types: ["D"],
      languages: ["en", "es"],
      venue: {
        name: "St. Mark's Hall",
        address: "12 Main St, Springfield, OH 45501, USA",
        latitude: 39.92423,
        longitude: -83.80882,
        approximate: false,
        notes: "Side door, downstairs",
      },
      online: { url: "https://zoom.us/j/123456789", urlNotes: "Passcode: hope", phone: "+16465588656,,123456789#", phoneNotes: "Press # twice" },
      regions: ["Ohio", "Springfield"],
      notes: "Bring a friend.\nCoffee from 18:30.",
      contributions: { venmo: "@HopeGroup", square: "$HopeGroup", paypal: "hopegroup", homegroupOnline: "hope-group" },
    });
    expect(record.group).toEqual({ name: "Hope Group", notes: "Business meeting on the first Tuesday" });
    expect(record.updatedAt).toBe("2024-05-06T07:08:09.000Z");
    expect(record.unknownTypes).toEqual([]);
    expect(record.warnings).toEqual([]);
  });

  it("splits a day array into one meeting per day, slugged slug-<day>", () => {
    const outcomes = readFeedEntry({ ...MINIMAL, slug: "noon", day: [1, "3", 5] });
    expect(outcomes.map((o) => imported(o).meeting.slug)).toEqual(["noon-1", "noon-3", "noon-5"]);
    expect(outcomes.map((o) => imported(o).meeting.schedule.repeats)).toEqual([1, 3, 5].map((day) => ({ every: "week", days: [day] })));
  });

  it.each([
    [3, 3],
    ["3", 3],
    [" 0 ", 0],
  ])("reads day %j as %i", (day, expected) => {
    expect(readOne({ ...MINIMAL, day }).meeting.schedule.repeats).toEqual({ every: "week", days: [expected] });
  });

  it.each([
    ["19:00", "19:00"],
    ["7:00", "07:00"],
    ["19:00:00", "19:00"],
    ["7:30 PM", "19:30"],
    ["12:00 a.m.", "00:00"],
    [" 06:15 ", "06:15"],
  ])("reads time %j as %s", (time, expected) => {
    expect(readOne({ ...MINIMAL, time }).meeting.schedule.start).toBe(expected);
  });

  it("keeps a missing end time missing (60 minutes), and one equal to the start too, with a warning", () => {
    expect(readOne(MINIMAL).meeting.schedule.end).toBeNull();
    const same = readOne({ ...MINIMAL, end_time: "19:00:00" });
    expect(same.meeting.schedule.end).toBeNull();
    expect(same.warnings).toEqual(["end_time: same as the start; taken as 60 minutes"]);
  });

  it("leaves out an unreadable end time with a warning, keeping the meeting", () => {
    const record = readOne({ ...MINIMAL, end_time: "late" });
    expect(record.meeting.schedule.end).toBeNull();
    expect(record.warnings).toEqual(['end_time: "late" is not a time (HH:MM); left out']);
  });

  it("keeps closed when a meeting is marked both open and closed", () => {
    const record = readOne({ ...MINIMAL, types: ["O", "C", "D"] });
    expect(record.meeting.access).toBe("closed");
    expect(record.warnings).toEqual(["types: both open (O) and closed (C); kept closed"]);
  });

  it("keeps unknown, proposed and retired types aside and reports them", () => {
    const record = readOne({ ...MINIMAL, types: ["O", "ONL", "LO-I", "XYZ", "ONL", "sp"] });
    expect(record.meeting.types).toEqual(["SP"]);
    expect(record.meeting.access).toBe("open");
    expect(record.unknownTypes).toEqual(["ONL", "LO-I", "XYZ"]);
  });

  it("reads types given as one comma-separated string, and TC as temporarily closed", () => {
    const record = readOne({ ...MINIMAL, types: "D, TC,POR", conference_url: "https://meet.example.org/x" });
    expect(record.meeting).toMatchObject({ types: ["D"], temporarilyClosed: true, languages: ["pt"] });
  });

  it("reads latitude and longitude given as strings, and drops a 0,0 placeholder", () => {
    expect(readOne({ ...MINIMAL, latitude: "41.88", longitude: "-87.63" }).meeting.venue).toMatchObject({ latitude: 41.88, longitude: -87.63 });
    expect(readOne({ ...MINIMAL, latitude: 0, longitude: 0 }).meeting.venue).toMatchObject({ latitude: null, longitude: null });
    const record = readOne({ ...MINIMAL, latitude: "north", longitude: "-87.63" });
    expect(record.meeting.venue).toMatchObject({ latitude: null, longitude: null });
    expect(record.warnings).toEqual(['latitude: "north" is not a number; left out']);
  });

  it("refuses a position outside the globe rather than store it", () => {
    expect(reasonsFor({ ...MINIMAL, latitude: 123, longitude: 10 })).toEqual(["venue.latitude: Too big: expected number to be <=90"]);
  });

  it("reads regions as an array, or from region and sub_region", () => {
    expect(readOne({ ...MINIMAL, regions: ["Illinois", "Chicago", "Loop"] }).meeting.regions).toEqual(["Illinois", "Chicago", "Loop"]);
    expect(readOne({ ...MINIMAL, region: "Chicago", sub_region: "Loop" }).meeting.regions).toEqual(["Chicago", "Loop"]);
    expect(readOne({ ...MINIMAL, region: "Chicago" }).meeting.regions).toEqual(["Chicago"]);
  });

  it.each([
    ["yes", true],
    ["Yes", true],
    [true, true],
    ["no", false],
    [undefined, false],
  ])("reads approximate %j as %s", (approximate, expected) => {
    expect(readOne({ ...MINIMAL, approximate }).meeting.venue?.approximate).toBe(expected);
  });

  it("builds the address from its parts when there is no formatted_address", () => {
    const parts = { address: "1 Elm St", city: "Chicago", state: "IL", postal_code: "60601", country: "US" };
    expect(readOne({ ...MINIMAL, formatted_address: undefined, ...parts }).meeting.venue?.address).toBe("1 Elm St, Chicago, IL 60601, US");
  });

  it("keeps an online meeting without an address, with its phone number cleaned of spaces and dashes", () => {
    const record = readOne({ ...MINIMAL, formatted_address: "", conference_phone: "+1 (646) 558-8656,,123#" });
    expect(record.meeting.venue).toBeNull();
    expect(record.meeting.online).toEqual({ url: null, urlNotes: null, phone: "+16465588656,,123#", phoneNotes: null });
  });

  it("leaves out a conference link that is not a web link, with a warning", () => {
    const record = readOne({ ...MINIMAL, conference_url: "zoom id 123", conference_url_notes: "see above" });
    expect(record.meeting.online).toBeNull();
    expect(record.warnings).toEqual(['conference_url: "zoom id 123" is not a web link; left out']);
  });

  it("rewrites a slug that is not URL-safe the same way every time", () => {
    const record = readOne({ ...MINIMAL, slug: "Café Group #3" });
    expect(record.meeting.slug).toBe("Cafe-Group-3");
    expect(record.warnings).toEqual(['slug: "Café Group #3" is not URL-safe; read as "Cafe-Group-3"']);
    expect(readOne({ ...MINIMAL, slug: 1234 }).meeting.slug).toBe("1234");
  });

  it("uses the default time zone for an entry that names none", () => {
    const record = readOne({ ...MINIMAL, timezone: undefined }, { defaultTimeZone: "America/Denver" });
    expect(record.meeting.schedule.timeZone).toBe("America/Denver");
    expect(readOne({ ...MINIMAL, timezone: "america/chicago" }).meeting.schedule.timeZone).toBe("America/Chicago");
  });

  it("reads the group, or none (the meeting then gets a group of its own)", () => {
    expect(readOne({ ...MINIMAL, group: "Loop Group" }).group).toEqual({ name: "Loop Group", notes: null });
    expect(readOne(MINIMAL).group).toBeNull();
  });
});

describe("skipping an entry, with the reasons", () => {
  it.each([
    [{ ...MINIMAL, timezone: undefined }, ["timezone: missing, and no default time zone was given"]],
    [{ ...MINIMAL, timezone: "Eastern" }, ['timezone: "Eastern" is not an IANA time zone']],
    [{ ...MINIMAL, slug: undefined }, ["slug: missing"]],
    [{ ...MINIMAL, slug: "  " }, ["slug: missing"]],
    [{ ...MINIMAL, slug: "###" }, ["slug: missing"]],
    [{ ...MINIMAL, name: "" }, ["name: missing"]],
    [{ ...MINIMAL, time: "25:00" }, ['time: "25:00" is not a time (HH:MM)']],
    [{ ...MINIMAL, time: "7pm" }, ['time: "7pm" is not a time (HH:MM)']],
    [{ ...MINIMAL, time: undefined }, ["time: missing"]],
    [{ ...MINIMAL, day: 7 }, ["day: 7 is not a day from 0 (Sunday) to 6 (Saturday)"]],
    [{ ...MINIMAL, day: ["1", "Monday"] }, ['day: "Monday" is not a day from 0 (Sunday) to 6 (Saturday)']],
    [{ ...MINIMAL, day: undefined }, ["day: missing (meetings by appointment are not listed)"]],
    [{ ...MINIMAL, day: [] }, ["day: missing (meetings by appointment are not listed)"]],
    [{ ...MINIMAL, formatted_address: undefined }, ["venue: a meeting needs a venue or a way to join online"]],
    [{ ...MINIMAL, name: "x".repeat(256) }, ["name: at most 255 characters"]],
  ])("%j is skipped: %j", (entry, reasons) => {
    expect(reasonsFor(entry)).toEqual(reasons);
  });

  it("skips an entry without a zone when the default zone given is not one", () => {
    expect(reasonsFor({ ...MINIMAL, timezone: null }, { defaultTimeZone: "Mountain" })).toEqual([
      'timezone: missing, and the default "Mountain" is not an IANA time zone',
    ]);
  });

  it("gives every reason at once, and names the entry when it can", () => {
    const [outcome] = readFeedEntry({ slug: "x", name: "Late", day: 9, time: "25:00" });
    expect(outcome).toEqual({
      ok: false,
      slug: "x",
      name: "Late",
      reasons: [
        "day: 9 is not a day from 0 (Sunday) to 6 (Saturday)",
        'time: "25:00" is not a time (HH:MM)',
        "timezone: missing, and no default time zone was given",
      ],
    });
  });

  it("skips what is not a meeting object", () => {
    expect(readFeedEntry("meeting")).toEqual([{ ok: false, slug: null, name: null, reasons: ["not a meeting object"] }]);
    expect(readFeedEntry([MINIMAL])[0]?.ok).toBe(false);
  });

  it("skips a slug used earlier in the feed, and reads the others", () => {
    const outcomes = [...readFeed([MINIMAL, { ...MINIMAL, name: "Copy" }, { ...MINIMAL, slug: "other" }, 42])];
    expect(outcomes.map((o) => (o.ok ? `ok ${o.record.meeting.slug}` : `skipped ${o.slug}: ${o.reasons.join("; ")}`))).toEqual([
      "ok m",
      "skipped m: slug: used by an earlier meeting in the feed",
      "ok other",
      "skipped null: not a meeting object",
    ]);
  });
});

describe("writing a Meeting Guide entry", () => {
  const meeting = forFeed(readOne(CANONICAL), CANONICAL);

  it("writes every field the spec knows, types sorted with the languages, updated in UTC", () => {
    expect(toFeedEntries(meeting)).toEqual([CANONICAL]);
    expect(feedTimestamp("2025-03-09T07:05:03.123Z")).toBe("2025-03-09 07:05:03");
  });

  it("leaves out what the meeting does not have", () => {
    const [entry] = toFeedEntries({ ...meeting, online: null, notes: null, regions: [], groupName: null, groupNotes: null, feedbackUrl: null });
    expect(Object.keys(entry!)).not.toEqual(expect.arrayContaining(["conference_url", "notes", "regions", "group", "feedback_url"]));
    expect(entry).not.toHaveProperty("conference_url");
    expect(entry).not.toHaveProperty("regions");
    expect(entry?.attendance_option).toBe("in_person");
  });

  it.each([
    ["in person", { online: null }, "in_person"],
    ["online and an address", {}, "hybrid"],
    ["online and an approximate address", { venue: { ...meeting.venue!, approximate: true } }, "online"],
    ["online, location temporarily closed", { temporarilyClosed: true }, "online"],
    ["temporarily closed only", { temporarilyClosed: true, online: null }, "inactive"],
  ] as const)("derives the attendance option: %s -> %s", (_, change, option) => {
    expect(toFeedEntries({ ...meeting, ...change })[0]?.attendance_option).toBe(option);
  });

  it("writes a meeting on several days as one entry per day, slugged as readers split day arrays", () => {
    const schedule = Schedule.parse({ ...meeting.schedule, repeats: { every: "week", days: [5, 1] } });
    expect(toFeedEntries({ ...meeting, schedule }).map((e) => [e.slug, e.day])).toEqual([
      ["tuesday-night-hope-1", 1],
      ["tuesday-night-hope-5", 5],
    ]);
  });

  it("says in the notes when a meeting is not weekly, since the format cannot", () => {
    const monthly = Schedule.parse({ ...meeting.schedule, repeats: { every: "month", week: "last", day: 5 } });
    const [entry] = toFeedEntries({ ...meeting, schedule: monthly });
    expect(entry?.day).toBe(5);
    expect(entry?.notes).toBe("On the last Friday of each month.\nBring a friend.\nCoffee from 18:30.");
    const fortnightly = Schedule.parse({ ...meeting.schedule, repeats: { every: "other_week", days: [2], anchor: "2025-03-04" } });
    expect(describeRepeats(fortnightly)).toBe("Every other week, for example on 2025-03-04.");
  });
});

describe("round trips", () => {
  it("feed entry -> Kindred meeting -> feed entry gives the same entry", () => {
    expect(roundTrip(CANONICAL)).toEqual([CANONICAL]);
  });

  it.each([
    ["day array, strings and seconds", { ...MINIMAL, day: ["1", 4], time: "7:00", end_time: "08:00:00", latitude: "41.88", longitude: "-87.63" }],
    ["open and closed, unknown types", { ...MINIMAL, types: ["O", "C", "ONL", "BE", "S"] }],
    ["region and sub_region, approximate", { ...MINIMAL, region: "Chicago", sub_region: "Loop", approximate: "yes", conference_url: "https://zoom.us/j/1" }],
    ["address parts, integer slug", { ...MINIMAL, slug: 77, formatted_address: null, address: "1 Elm St", city: "Chicago", state: "IL" }],
    ["URL-unsafe slug, spaced phone", { ...MINIMAL, slug: "Lunch Bunch!", conference_phone: "+1 646 558 8656" }],
  ])("a real-world entry settles after one round trip (%s)", (_, entry) => {
    const once = roundTrip(entry);
    expect(once.length).toBeGreaterThan(0);
    expect(once.flatMap((e) => roundTrip(e))).toEqual(once);
  });

  const typeCodes = MEETING_TYPE_CODES.filter((code) => !["O", "C", "TC"].includes(code) && languageOfTypeCode(code) === null);
  const text = fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== "").map((s) => s.trim());
  const optionalText = fc.option(text, { nil: null });
  const coordinate = (max: number) => fc.integer({ min: -max * 1e5, max: max * 1e5 }).filter((n) => n !== 0).map((n) => n / 1e5);
  const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
  const repeats = fc.oneof(
    fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 3 }).map((days) => ({ every: "week" as const, days })),
    fc.constant({ every: "other_week" as const, days: [2], anchor: "2025-03-04" }),
    fc.constantFrom(...(["first", "second", "last"] as const)).map((week) => ({ every: "month" as const, week, day: 3 })),
  );
  const venue = fc.record({
    name: text,
    address: optionalText,
    position: fc.option(fc.tuple(coordinate(90), coordinate(180)), { nil: null }),
    approximate: fc.boolean(),
    notes: optionalText,
  });
  const online = fc.record({
    url: fc.constantFrom("https://zoom.us/j/123", "https://meet.example.org/room?id=1,2"),
    urlNotes: optionalText,
    phone: fc.option(fc.stringMatching(/^\+?[0-9][0-9,*#]{0,14}$/), { nil: null }),
    phoneNotes: optionalText,
  });
  const meetingForFeed = fc
    .record({
      slug: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,30}$/),
      name: text,
      repeats,
      start: time,
      end: fc.option(time, { nil: null }),
      timeZone: fc.constantFrom("America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata"),
      access: fc.constantFrom("open" as const, "closed" as const, null),
      temporarilyClosed: fc.boolean(),
      types: fc.uniqueArray(fc.constantFrom(...typeCodes), { maxLength: 5 }),
      languages: fc.uniqueArray(fc.constantFrom("en", "es", "fr", "pt", "pl", "ko"), { maxLength: 3 }),
      venue: fc.option(venue, { nil: null }),
      online: fc.option(online, { nil: null }),
      regions: fc.array(text, { maxLength: 3 }),
      notes: optionalText,
      venmo: optionalText,
      groupName: optionalText,
      updatedAt: fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms).toISOString()),
    })
    .filter((m) => (m.venue !== null || m.online !== null) && m.end !== m.start)
    .map((m): MeetingForFeed => ({
      ...MeetingDetails.parse({
        slug: m.slug,
        name: m.name,
        schedule: { repeats: m.repeats, start: m.start, end: m.end, timeZone: m.timeZone, startsOn: null, exceptions: [] },
        access: m.access,
        temporarilyClosed: m.temporarilyClosed,
        types: m.types,
        languages: m.languages,
        venue: m.venue && {
          name: m.venue.name,
          address: m.venue.address,
          latitude: m.venue.position?.[0] ?? null,
          longitude: m.venue.position?.[1] ?? null,
          approximate: m.venue.approximate,
          notes: m.venue.notes,
        },
        online: m.online && { ...m.online, phoneNotes: m.online.phone && m.online.phoneNotes },
        regions: m.regions,
        notes: m.notes,
        contributions: { venmo: m.venmo, square: null, paypal: null, homegroupOnline: null },
      }),
      groupName: m.groupName,
      groupNotes: null,
      updatedAt: m.updatedAt,
      url: `https://meetings.example.org/meetings/${m.slug}`,
      feedbackUrl: null,
    }));

  it("Kindred meeting -> feed -> Kindred meeting -> feed gives the same feed (property)", () => {
    fc.assert(
      fc.property(meetingForFeed, (meeting) => {
        const feed = toFeedEntries(meeting);
        expect(feed.flatMap((entry) => roundTrip(entry))).toEqual(feed);
      }),
      { numRuns: 300 },
    );
  });

  it("a weekly single-day meeting comes back as the same meeting (property)", () => {
    fc.assert(
      fc.property(meetingForFeed, (meeting) => {
        fc.pre(meeting.schedule.repeats.every === "week" && meeting.schedule.repeats.days.length === 1);
        const [entry] = toFeedEntries(meeting);
        const record = readOne(entry);
        // Types and languages are sets; the feed writes them sorted.
        const sorted = <T extends { types: string[]; languages: string[] }>(m: T) => ({ ...m, types: [...m.types].sort(), languages: [...m.languages].sort() });
        expect(sorted(record.meeting)).toEqual(sorted(MeetingDetails.parse(meeting)));
        expect(record.unknownTypes).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
