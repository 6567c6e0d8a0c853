/**
 * The search's index keeps each start as a minute of a UTC week read with a fixed base offset per
 * zone (search-index.ts); zones on summer time are read an hour apart. These tests list meetings
 * in zones of both hemispheres at moments in each season and around clock changes, and compare
 * every page with the order computed straight from the schedules.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MeetingSearchQuery, type MeetingView } from "../../../core/meetings/api";
import { isInProgress, minutesUntilNextStart, occurrencesBetween, type Schedule } from "../../../core/meetings/schedule";
import { offsetMinutes, timeOf, wallClockAt, weekdayOf } from "../../../core/meetings/time-zones";
import { send } from "../../testing/client";
import { dialects } from "../../testing/harness";
import { MeetingsRepository } from "./repository";
import { MeetingSearch } from "./search";
import { utcMinute } from "./search-index";
import { clockedApp, createGroup, meetingBody, type ClockedApp } from "./test-helpers";

const ZONES = ["America/New_York", "Australia/Sydney", "Europe/London", "Asia/Kolkata", "America/Phoenix", "Pacific/Auckland"];
const VIEWER = "Europe/London";

const MOMENTS = [
  // July: the north on summer time, the south on standard time.
  "2026-07-15T18:05:00Z",
  // January: the other way round.
  "2026-01-14T07:40:00Z",
  // Sydney and Auckland turn their clocks back on 5 April (16:00 and 14:00 UTC on the 4th).
  "2026-04-04T13:30:00Z",
  "2026-04-04T16:30:00Z",
  // London turns its clocks back at 01:00 UTC on 25 October; New York a week later.
  "2026-10-24T23:55:00Z",
  "2026-10-25T01:20:00Z",
];

function bodies(): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  let n = 0;
  for (const zone of ZONES) {
    for (const [days, start, end] of [
      [[0, 3], "07:00", "08:00"],
      [[6], "00:30", "02:00"],
      [[1, 4, 6], "12:00", "13:30"],
      [[2], "18:30", null],
      [[0, 1, 2, 3, 4, 5, 6], "21:15", "22:15"],
      [[5], "02:30", "03:30"],
    ] as const) {
      found.push(meetingBody({ name: `Season ${String(n++).padStart(2, "0")}`, online: null }, { repeats: { every: "week", days }, start, end, timeZone: zone }));
    }
  }
  return found;
}

interface Listed {
  slug: string;
  id: string;
  schedule: Schedule;
}

/** The meeting's weekdays that fall on `weekday` of the viewer's clock, with the offsets of the moment. */
function daysOnViewersWeekday(meeting: Listed, at: Date, weekday: number): number[] {
  const { repeats, start, timeZone } = meeting.schedule;
  const days = repeats.every === "month" ? [repeats.day] : repeats.days;
  const shift = offsetMinutes(timeZone, at.getTime()) - offsetMinutes(VIEWER, at.getTime());
  const minutes = Number(start.slice(0, 2)) * 60 + Number(start.slice(3));
  return days.filter((day) => Math.floor(((((day * 1440 + minutes - shift) % 10080) + 10080) % 10080) / 1440) === weekday);
}

function expected(meetings: Listed[], at: Date, query: string): string[] {
  const today = weekdayOf(wallClockAt(VIEWER, at.getTime()).day);
  const ranked = meetings.flatMap((meeting) => {
    let schedule = meeting.schedule;
    if (query === "day=today") {
      const days = daysOnViewersWeekday(meeting, at, today);
      if (days.length === 0) return [];
      schedule = { ...schedule, repeats: { every: "week", days } };
    }
    let minutes: number | null;
    if (query === "inProgress=true") {
      const current = isInProgress(schedule, at) ? occurrencesBetween(schedule, new Date(at.getTime() - 86_400_000), at).find((o) => o.end > at) : undefined;
      minutes = current ? Math.round((current.start.getTime() - at.getTime()) / 60_000) : null;
    } else minutes = minutesUntilNextStart(schedule, at);
    if (minutes === null || (query === "startingWithinHours=3" && minutes > 180)) return [];
    return [{ slug: meeting.slug, id: meeting.id, minutes }];
  });
  ranked.sort((a, b) => a.minutes - b.minutes || (a.id < b.id ? -1 : 1));
  return ranked.map((r) => r.slug);
}

describe.each(dialects)("the directory's search across seasons on %s", (dialect) => {
  let t: ClockedApp;
  let listed: Listed[];
  let organizationId: string;

  beforeAll(async () => {
    t = await clockedApp(dialect, MOMENTS[0]);
    const group = await createGroup(t.app, t.admin, { name: "Around The World" });
    listed = [];
    for (const body of bodies()) {
      const res = await send(t.app, "POST", `/api/groups/${group.id}/meetings`, { as: t.admin, body });
      expect(res.statusCode, res.body).toBe(201);
      const view = res.json() as MeetingView;
      listed.push({ slug: view.slug, id: view.id, schedule: view.schedule });
    }
    organizationId = (await send(t.app, "GET", "/api/organization")).json().id;
  }, 120_000);
  afterAll(async () => t.close());

  it("keeps each start as its local minute less the zone's fixed base offset", async () => {
    const zones = await t.db.selectFrom("meeting_zones").select(["time_zone", "base_offset"]).execute();
    const bases = new Map(zones.map((zone) => [zone.time_zone, zone.base_offset]));
    expect(Object.fromEntries(bases)).toEqual({
      "America/New_York": -300,
      "Australia/Sydney": 600,
      "Europe/London": 0,
      "Asia/Kolkata": 330,
      "America/Phoenix": -420,
      "Pacific/Auckland": 720,
    });
    const days = await t.db.selectFrom("meeting_days").select(["time_zone", "week_minute", "utc_minute"]).execute();
    expect(days.length).toBeGreaterThan(0);
    for (const day of days) expect(day.utc_minute).toBe(utcMinute(day.week_minute, bases.get(day.time_zone)!));
  });

  for (const moment of MOMENTS) {
    describe(`at ${moment}`, () => {
      beforeAll(() => t.setNow(moment));

      it.each(["", "startingWithinHours=3", "inProgress=true", "day=today"])("lists %s in the order of the schedules", async (query) => {
        const slugs: string[] = [];
        let cursor: string | null = null;
        do {
          const res = await send(t.app, "GET", `/api/meetings?tz=${VIEWER}${query ? `&${query}` : ""}${cursor ? `&cursor=${cursor}` : ""}`);
          expect(res.statusCode, res.body).toBe(200);
          slugs.push(...res.json().meetings.map((m: { slug: string }) => m.slug));
          cursor = res.json().nextCursor;
        } while (cursor);
        expect(slugs).toEqual(expected(listed, new Date(moment), query));
      });

      it.each(["", "startingWithinHours=3", "inProgress=true", "day=today"])("finds the same for %s in small windows", async (query) => {
        const search = new MeetingSearch(new MeetingsRepository(t.db), async () => organizationId, () => new Date(moment), {
          probe: 0,
          windowRows: 3,
          firstWindowMinutes: 15,
        });
        const slugs: string[] = [];
        let cursor: string | null = null;
        do {
          const params = Object.fromEntries(new URLSearchParams(`tz=${VIEWER}${query ? `&${query}` : ""}`));
          const page = await search.page(MeetingSearchQuery.parse({ ...params, ...(cursor ? { cursor } : {}) }));
          slugs.push(...page.meetings.map((found) => found.meeting.slug));
          cursor = page.nextCursor;
        } while (cursor);
        expect(slugs).toEqual(expected(listed, new Date(moment), query));
      }, 60_000);
    });
  }

  it("shows a start in summer time at the right local time", async () => {
    t.setNow("2026-07-15T18:05:00Z");
    // Season 03 is New York's Tuesday 18:30: 22:30 UTC in July.
    const page = (await send(t.app, "GET", `/api/meetings?tz=${VIEWER}&q="season 03"`)).json();
    expect(page.meetings[0]).toMatchObject({ name: "Season 03", start: { startsAt: "2026-07-21T22:30:00.000Z" } });
    expect(timeOf(wallClockAt("America/New_York", Date.parse(page.meetings[0].start.startsAt)).minutes)).toBe("18:30");
  });
});
