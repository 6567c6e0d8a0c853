/**
 * The directory's search against an oracle: the order and filters computed straight from the
 * schedules with the core's own functions, for a varied set of meetings (every other week,
 * monthly, cancelled, moved, several zones, a daylight-saving change during the week). Every page
 * is fetched through the cursor; together they must be exactly the oracle's list.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MeetingSearchQuery, type MeetingView } from "../../../core/meetings/api";
import {
  isInProgress,
  minutesUntilNextStart,
  nextOccurrence,
  occurrencesBetween,
  timesOfDay,
  type Schedule,
} from "../../../core/meetings/schedule";
import { dateOf, dayNumber, offsetMinutes, timeOf, wallClockAt, weekdayOf } from "../../../core/meetings/time-zones";
import { send } from "../../testing/client";
import { dialects } from "../../testing/harness";
import { distanceKm, KM_PER_MILE } from "./distance";
import { MeetingsRepository } from "./repository";
import { MeetingSearch, type SearchLimits } from "./search";
import { addMeeting, clockedApp, createGroup, meetingBody, type ClockedApp } from "./test-helpers";
import { wordsOf } from "./words";

/** Saturday 17:50 in New York; its clocks go forward on Sunday at 02:00. */
const AT = "2025-03-08T22:50:00Z";
const VIEWER = "America/New_York";
const ZONES = ["America/New_York", "America/Los_Angeles", "Europe/London", "Asia/Tokyo", "Asia/Kolkata"];
const NAMES = ["Hope", "Serenity", "Freedom", "Step Study", "Café Circle", "Daily Reflections", "Living Sober", "New Beginnings", "Keep Coming Back", "Fellowship"];
const TYPE_SETS = [["D"], ["SP"], ["W", "D"], ["M"], ["BE", "ST"], ["W"], []];
const PLACES = [
  { latitude: 40.7484, longitude: -73.9857, address: "350 5th Ave, New York, NY 10118" },
  { latitude: 40.6782, longitude: -73.9442, address: "Brooklyn Community Hall, 1 Main St, Brooklyn, NY" },
  { latitude: 40.9176, longitude: -74.1719, address: "Paterson Recovery House, 55 Market St, Paterson, NJ" },
  { latitude: 51.5072, longitude: -0.1276, address: "St. James Church Hall, Piccadilly, London" },
];

/** A small deterministic random number source. */
function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
}

function generatedMeetings(count: number): Record<string, unknown>[] {
  const pick = random(7);
  const bodies: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const zone = ZONES[pick(ZONES.length)]!;
    const day = pick(7);
    const start = timeOf((pick(96) * 15) % 1440);
    const kind = pick(10);
    const repeats =
      kind === 0
        ? { every: "other_week", days: [day], anchor: dateOf(dayNumber("2025-03-02") + day + 7 * pick(2)) }
        : kind === 1
          ? { every: "month", week: ["first", "second", "last"][pick(3)], day }
          : kind === 2
            ? { every: "week", days: [day, (day + 3) % 7] }
            : { every: "week", days: [day] };
    const end = pick(4) === 0 ? null : timeOf((Number(start.slice(0, 2)) * 60 + Number(start.slice(3)) + [60, 90, 120][pick(3)]!) % 1440);
    const place = PLACES[pick(PLACES.length)]!;
    const mode = pick(5);
    const online = mode < 2 ? { url: `https://meet.example.org/${i}`, urlNotes: null, phone: null, phoneNotes: null } : null;
    const venue = mode === 0 ? null : { name: `${NAMES[pick(NAMES.length)]} Hall`, address: place.address, latitude: place.latitude, longitude: place.longitude, approximate: false, notes: null };
    bodies.push(
      meetingBody(
        {
          name: `${NAMES[i % NAMES.length]} ${String(i).padStart(3, "0")}`,
          access: pick(2) === 0 ? "open" : "closed",
          types: TYPE_SETS[pick(TYPE_SETS.length)],
          languages: pick(4) === 0 ? ["es"] : ["en"],
          venue,
          online,
          notes: pick(3) === 0 ? "Literature and coffee. Please arrive a few minutes early." : null,
        },
        { repeats, start, end, timeZone: zone },
      ),
    );
  }
  return bodies;
}

/** Meetings whose next occurrences are cancelled or moved, including one moved to start soon and one moved into the present. */
function changedMeetings(): Record<string, unknown>[] {
  const weekly = (name: string, day: number, exceptions: unknown[]) =>
    meetingBody({ name, online: null }, { repeats: { every: "week", days: [day] }, start: "12:00", end: "13:00", timeZone: VIEWER, exceptions });
  return [
    weekly("Moved Into The Present", 3, [{ date: "2025-03-12", change: "moved", to: { date: "2025-03-08", start: "17:20" } }]),
    weekly("Moved To Start Soon", 4, [{ date: "2025-03-13", change: "moved", to: { date: "2025-03-08", start: "18:35" } }]),
    weekly("Cancelled This Sunday", 0, [{ date: "2025-03-09", change: "cancelled" }]),
    meetingBody({ name: "Starts Next Month" }, { repeats: { every: "week", days: [6] }, start: "18:00", end: "19:00", timeZone: VIEWER, startsOn: "2025-04-01" }),
    // 02:30 does not happen in New York on 9 March: the clocks jump from 02:00 to 03:00.
    meetingBody({ name: "Skipped Half Hour" }, { repeats: { every: "week", days: [0] }, start: "02:30", end: "03:30", timeZone: VIEWER }),
    // Many starting at the same minute: the database is read in parts within it.
    ...Array.from({ length: 7 }, (_, i) => meetingBody({ name: `Rush Hour ${i}` }, { repeats: { every: "week", days: [6, 3] }, start: "18:00", end: "19:00", timeZone: VIEWER })),
  ];
}

interface Listed {
  view: MeetingView;
  schedule: Schedule;
}

type Mode = "upcoming" | "inProgress";

/** What the oracle knows about a search: which meetings pass, and the viewer's clock. */
interface Expectation {
  query: string;
  passes: (meeting: Listed) => boolean;
  /** With a day or time-of-day filter: the weekdays (of the meeting's own) that pass. */
  days?: (meeting: Listed) => number[];
  mode?: Mode;
  near?: { latitude: number; longitude: number; kmPerUnit: number; radius: number };
}

function distanceOf(meeting: Listed, near: Expectation["near"]): number | null {
  if (!near) return null;
  const venue = meeting.view.venue;
  if (!venue || venue.latitude === null) return Infinity;
  return distanceKm(near, { latitude: venue.latitude, longitude: venue.longitude! }) / near.kmPerUnit;
}

/** The oracle: slugs in the order the directory must list them. */
function expectedSlugs(meetings: Listed[], at: Date, expectation: Expectation): string[] {
  const ranked = meetings
    .filter(expectation.passes)
    .map((listed) => (expectation.days ? { ...listed, schedule: onDays(listed.schedule, expectation.days(listed)) } : listed))
    .map((meeting) => {
      const distance = distanceOf(meeting, expectation.near);
      const minutes =
        expectation.mode === "inProgress"
          ? isInProgress(meeting.schedule, at)
            ? Math.round((occurrencesBetween(meeting.schedule, new Date(at.getTime() - 86_400_000), at).find((o) => o.end > at)!.start.getTime() - at.getTime()) / 60_000)
            : null
          : minutesUntilNextStart(meeting.schedule, at);
      return { slug: meeting.view.slug, id: meeting.view.id, minutes, distance };
    })
    .filter((r) => r.minutes !== null && (r.distance === null || r.distance <= expectation.near!.radius));
  ranked.sort((a, b) => a.minutes! - b.minutes! || (a.distance ?? 0) - (b.distance ?? 0) || (a.id < b.id ? -1 : 1));
  return ranked.map((r) => r.slug);
}

function onDays(schedule: Schedule, days: number[]): Schedule {
  const { repeats } = schedule;
  return repeats.every === "month" ? schedule : { ...schedule, repeats: { ...repeats, days: repeats.days.filter((day) => days.includes(day)) } };
}

/** The meeting's weekdays and start, read on the viewer's clock with the offsets of the moment. */
function startsOnViewersClock(meeting: Listed, at: Date, viewer: string): { day: number; weekday: number; time: string }[] {
  const { repeats, start, timeZone } = meeting.schedule;
  const days = repeats.every === "month" ? [repeats.day] : repeats.days;
  const shift = offsetMinutes(timeZone, at.getTime()) - offsetMinutes(viewer, at.getTime());
  const minutes = Number(start.slice(0, 2)) * 60 + Number(start.slice(3));
  return days.map((day) => {
    const onViewersClock = (((day * 1440 + minutes - shift) % 10080) + 10080) % 10080;
    return { day, weekday: Math.floor(onViewersClock / 1440), time: timeOf(onViewersClock % 1440) };
  });
}

const searchable = (meeting: Listed) =>
  wordsOf([meeting.view.name, "Riverside Fellowship", meeting.view.notes, meeting.view.venue?.name, meeting.view.venue?.address, ...meeting.view.regions].filter(Boolean).join(" "));

/** A day or time-of-day filter: a meeting passes on the weekdays it starts on as the viewer asked, and is ranked by those. */
function dayFilter(query: string, matching: (meeting: Listed) => { day: number }[]): Expectation {
  return { query, passes: (m) => matching(m).length > 0, days: (m) => matching(m).map((s) => s.day) };
}

function expectations(at: Date): Expectation[] {
  const today = weekdayOf(wallClockAt(VIEWER, at.getTime()).day);
  const near = { latitude: 40.75, longitude: -73.98, kmPerUnit: KM_PER_MILE, radius: 10 };
  return [
    { query: "", passes: () => true },
    { query: "attendance=online", passes: (m) => m.view.attendance === "online" },
    { query: "attendance=in_person,hybrid&language=es", passes: (m) => m.view.attendance !== "online" && m.view.languages.includes("es") },
    { query: "types=W,D", passes: (m) => m.view.types.includes("W") && m.view.types.includes("D") },
    { query: "types=O&types=SP", passes: (m) => m.view.access === "open" && m.view.types.includes("SP") },
    { query: "q=hop", passes: (m) => searchable(m).some((w) => w.startsWith("hop")) },
    { query: 'q="step study" 0', passes: (m) => m.view.name.startsWith("Step Study 0") },
    { query: "q=cafe", passes: (m) => searchable(m).includes("cafe") },
    { query: `near=${near.latitude},${near.longitude}&radius=10&unit=mi`, passes: () => true, near },
    dayFilter("day=today", (m) => startsOnViewersClock(m, at, VIEWER).filter((s) => s.weekday === today)),
    dayFilter("day=0,6&timeOfDay=evening,night&tz=Asia/Tokyo", (m) =>
      startsOnViewersClock(m, at, "Asia/Tokyo").filter((s) => [0, 6].includes(s.weekday) && timesOfDay(s.time).some((b) => b === "evening" || b === "night")),
    ),
    { query: "startingWithinHours=3", passes: (m) => (minutesUntilNextStart(m.schedule, at) ?? Infinity) <= 180 },
    { query: "inProgress=true", passes: () => true, mode: "inProgress" },
    { query: "inProgress=true&attendance=online,hybrid", passes: (m) => m.view.attendance !== "in_person", mode: "inProgress" },
  ];
}

describe.each(dialects)("the directory's search on %s", (dialect) => {
  let t: ClockedApp;
  let listed: Listed[];
  let organizationId: string;

  beforeAll(async () => {
    t = await clockedApp(dialect, AT);
    const group = await createGroup(t.app, t.admin, { name: "Riverside Fellowship" });
    const hidden = await createGroup(t.app, t.admin, { name: "Hidden Circle", visibility: "unlisted" });
    await addMeeting(t.app, t.admin, hidden.id, meetingBody({ name: "Hidden Hope" }, { start: "18:00" }));
    listed = [];
    for (const body of [...generatedMeetings(90), ...changedMeetings()]) {
      const res = await send(t.app, "POST", `/api/groups/${group.id}/meetings`, { as: t.admin, body });
      expect(res.statusCode, res.body).toBe(201);
      const view = res.json() as MeetingView;
      listed.push({ view, schedule: view.schedule });
    }
    organizationId = (await send(t.app, "GET", "/api/organization")).json().id;
  }, 120_000);
  afterAll(async () => t.close());

  async function allPages(query: string): Promise<{ slugs: string[]; pages: number; bodies: string[] }> {
    const slugs: string[] = [];
    const bodies: string[] = [];
    let cursor: string | null = null;
    do {
      const separator = query ? "&" : "";
      const res = await send(t.app, "GET", `/api/meetings?${query}${cursor ? `${separator}cursor=${cursor}` : ""}${query.includes("tz=") ? "" : `&tz=${VIEWER}`}`);
      expect(res.statusCode, res.body).toBe(200);
      bodies.push(res.body);
      const page = res.json();
      slugs.push(...page.meetings.map((m: { slug: string }) => m.slug));
      cursor = page.nextCursor;
    } while (cursor);
    return { slugs, pages: bodies.length, bodies };
  }

  for (const moment of [AT, "2025-03-05T16:05:00Z"]) {
    describe(`at ${moment}`, () => {
      beforeAll(() => t.setNow(moment));

      it.each(expectations(new Date(moment)).map((e) => [e.query || "(no filters)", e] as const))(
        "lists every meeting that passes %s once, in order of next start, then distance",
        async (_name, expectation) => {
          const expected = expectedSlugs(listed, new Date(moment), expectation);
          const { slugs, pages } = await allPages(expectation.query);
          expect(slugs).toEqual(expected);
          expect(pages).toBe(Math.max(1, Math.ceil(expected.length / 25)));
        },
      );

      // Tiny limits send every search through the windows, their narrowing and the irregular meetings.
      it.each(expectations(new Date(moment)).map((e) => [e.query || "(no filters)", e] as const))(
        "finds the same for %s when the indexes are walked in small windows",
        async (_name, expectation) => {
          const limits: SearchLimits = { probe: 3, windowRows: 4, firstWindowMinutes: 20 };
          const search = new MeetingSearch(new MeetingsRepository(t.db), async () => organizationId, () => new Date(moment), limits);
          const params = new URLSearchParams(expectation.query);
          if (!params.has("tz")) params.set("tz", VIEWER);
          const slugs: string[] = [];
          let cursor: string | null = null;
          do {
            const query = MeetingSearchQuery.parse({ ...Object.fromEntries(params), ...(cursor ? { cursor } : {}) });
            const page = await search.page(query);
            slugs.push(...page.meetings.map((found) => found.meeting.slug));
            cursor = page.nextCursor;
          } while (cursor);
          expect(slugs).toEqual(expectedSlugs(listed, new Date(moment), expectation));
        },
        // Hundreds of small reads on purpose.
        120_000,
      );
    });
  }

  describe("each result", () => {
    beforeAll(() => t.setNow(AT));

    it("gives the next start on the viewer's clock and, when it differs, on the meeting's", async () => {
      const page = (await send(t.app, "GET", `/api/meetings?tz=${VIEWER}&q="moved to start soon"`)).json();
      expect(page.meetings).toHaveLength(1);
      expect(page.meetings[0]).toMatchObject({
        name: "Moved To Start Soon",
        minutesUntilStart: 45,
        inProgress: false,
        start: { date: "2025-03-13", moved: true, startsAt: "2025-03-08T23:35:00.000Z", viewerStart: "2025-03-08T18:35", meetingStart: null },
      });
      const tokyo = listed.find((m) => m.schedule.timeZone === "Asia/Tokyo")!;
      const found = (await send(t.app, "GET", `/api/meetings?tz=${VIEWER}&q="${tokyo.view.name}"`)).json().meetings[0];
      const next = nextOccurrence(tokyo.schedule, new Date(new Date(AT).getTime() - 600_000))!;
      const local = (zone: string) => {
        const clock = wallClockAt(zone, next.start.getTime());
        return `${dateOf(clock.day)}T${timeOf(clock.minutes)}`;
      };
      expect(found.start).toMatchObject({ viewerStart: local(VIEWER), meetingStart: local("Asia/Tokyo") });
    });

    it("keeps a first page of 25 well under 20 KB", async () => {
      const res = await send(t.app, "GET", `/api/meetings?tz=${VIEWER}`);
      expect(res.json().meetings).toHaveLength(25);
      expect(Buffer.byteLength(res.body)).toBeLessThan(20_000);
    });

    it("leaves out a meeting deleted between ranking and reading the page, and the next page goes on after it", async () => {
      // The page's meetings are read in full after ranking; one deleted in between is simply missing.
      class DeletedMeanwhile extends MeetingsRepository {
        gone: string | null = null;
        override async shownMeetings(ids: string[]) {
          const shown = await super.shownMeetings(ids);
          this.gone ??= ids[3]!;
          shown.delete(this.gone);
          return shown;
        }
      }
      const repository = new DeletedMeanwhile(t.db);
      const search = new MeetingSearch(repository, async () => organizationId, () => new Date(AT));
      const query = MeetingSearchQuery.parse({ tz: VIEWER });
      const first = await search.page(query);
      const second = await search.page(MeetingSearchQuery.parse({ tz: VIEWER, cursor: first.nextCursor! }));
      const expected = (await allPages("")).slugs.slice(0, 50);
      const goneSlug = expected[3]!;
      expect(first.meetings.map((found) => found.meeting.slug)).toEqual(expected.slice(0, 25).filter((slug) => slug !== goneSlug));
      expect(second.meetings.map((found) => found.meeting.slug)).toEqual(expected.slice(25, 50));
    });

    it("never lists the meetings of an unlisted group", async () => {
      const { slugs } = await allPages("q=hidden");
      expect(slugs).toEqual([]);
    });
  });

  it.each([
    ["tz=Mars/Olympus", "querystring.tz"],
    ["near=91,0", "querystring.near"],
    ["near=somewhere", "querystring.near"],
    ["types=NOPE", "querystring.types.0"],
    ["day=8", "querystring.day.0"],
    ["cursor=bm90LWEtY3Vyc29y", "cursor"],
    ["inProgress=true&startingWithinHours=2", "startingWithinHours"],
  ])("answers %s with 400 naming %s", async (query, field) => {
    const res = await send(t.app, "GET", `/api/meetings?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });
});
