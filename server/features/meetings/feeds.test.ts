/**
 * Feeds out: the Meeting Guide JSON feed and the calendars. Calendars are read back with ical.js
 * (an independent parser) and their expanded occurrences compared with the schedule's own,
 * across the March daylight-saving change.
 */
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { occurrencesBetween, type Schedule } from "../../../core/meetings/schedule";
import { send, signUp, type Person } from "../../testing/client";
import { dialects } from "../../testing/harness";
import { MeetingFeeds } from "./feeds";
import { MeetingsRepository } from "./repository";
import { addMeeting, clockedApp, createGroup, meetingBody, type ClockedApp } from "./test-helpers";

interface Expanded {
  uid: string;
  start: string;
  end: string;
}

/** Every occurrence ical.js expands before `until`, moved ones at their new time. */
function expandWithIcalJs(text: string, until: Date): Expanded[] {
  const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent");
  const found: Expanded[] = [];
  for (const master of events.filter((event) => !event.hasProperty("recurrence-id"))) {
    const event = new ICAL.Event(master);
    for (const other of events) {
      if (other.hasProperty("recurrence-id") && other.getFirstPropertyValue("uid") === event.uid) event.relateException(other);
    }
    const iterator = event.iterator();
    for (let next = iterator.next(); next && next.toJSDate() < until; next = iterator.next()) {
      const details = event.getOccurrenceDetails(next);
      found.push({ uid: event.uid, start: details.startDate.toJSDate().toISOString(), end: details.endDate.toJSDate().toISOString() });
    }
  }
  return found.sort((a, b) => a.start.localeCompare(b.start));
}

function expandWithSchedule(uid: string, schedule: Schedule, from: Date, until: Date): Expanded[] {
  return occurrencesBetween(schedule, from, until).map((o) => ({ uid, start: o.start.toISOString(), end: o.end.toISOString() }));
}

const summaries = (text: string) =>
  new ICAL.Component(ICAL.parse(text))
    .getAllSubcomponents("vevent")
    .filter((event) => !event.hasProperty("recurrence-id"))
    .map((event) => String(event.getFirstPropertyValue("summary")))
    .sort();

describe.each(dialects)("feeds on %s", (dialect) => {
  let t: ClockedApp;
  let outsider: Person;
  let group: { id: string };
  let hidden: { id: string };
  let changing: { id: string; slug: string; schedule: Schedule };

  beforeAll(async () => {
    t = await clockedApp(dialect, "2025-03-01T12:00:00Z", "Harbor Intergroup");
    outsider = await signUp(t.app, "outsider");
    group = await createGroup(t.app, t.admin, { name: "Harbor Lights", description: "Meets in the old boathouse." });
    hidden = await createGroup(t.app, t.admin, { name: "Hidden Harbor", visibility: "unlisted" });
    const other = await createGroup(t.app, t.admin, { name: "Other Shore" });
    const created = await send(t.app, "POST", `/api/groups/${group.id}/meetings`, {
      as: t.admin,
      body: meetingBody(
        { name: "Tuesday; Night, Hope", notes: "Bring a friend.\nCoffee at 6:45." },
        {
          exceptions: [
            { date: "2025-03-11", change: "cancelled" },
            { date: "2025-03-18", change: "moved", to: { date: "2025-03-19", start: "18:30" } },
          ],
        },
      ),
    });
    changing = created.json();
    await addMeeting(t.app, t.admin, group.id, meetingBody({ name: "Weekend Online", venue: null, online: { url: "https://meet.example.org/w", urlNotes: "Passcode 1234", phone: "+15551234567", phoneNotes: null }, types: ["W", "D"], languages: ["en", "es"] }, { repeats: { every: "week", days: [0, 6] }, start: "10:00", end: null, timeZone: "Europe/London" }));
    await addMeeting(t.app, t.admin, other.id, meetingBody({ name: "Other Shore Monthly" }, { repeats: { every: "month", week: "first", day: 1 } }));
    await addMeeting(t.app, t.admin, hidden.id, meetingBody({ name: "Hidden Harbor Meeting" }));
  });
  afterAll(async () => t.close());

  describe("the Meeting Guide feed", () => {
    it("lists the listed meetings with the spec's fields, one entry per day, in slug order", async () => {
      const res = await send(t.app, "GET", "/api/feeds/meeting-guide.json");
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
      const feed = res.json() as Record<string, unknown>[];
      expect(feed.map((entry) => entry.slug)).toEqual(["other-shore-monthly", "tuesday-night-hope", "weekend-online-0", "weekend-online-6"]);
      expect(feed[1]).toEqual({
        slug: "tuesday-night-hope",
        name: "Tuesday; Night, Hope",
        day: 2,
        time: "19:00",
        end_time: "20:00",
        timezone: "America/New_York",
        types: ["D", "EN", "O"],
        notes: "Bring a friend.\nCoffee at 6:45.",
        location: "St. Mark's Hall",
        location_notes: "Side door",
        formatted_address: "12 Main St, Springfield",
        latitude: 40.7128,
        longitude: -74.006,
        approximate: "no",
        regions: ["New York", "Manhattan"],
        group: "Harbor Lights",
        group_notes: "Meets in the old boathouse.",
        attendance_option: "in_person",
        updated: "2025-03-01 12:00:00",
        url: "http://localhost:3000/meetings/tuesday-night-hope",
        feedback_url: "http://localhost:3000/meetings/tuesday-night-hope/correction",
      });
      expect(feed[2]).toMatchObject({ day: 0, time: "10:00", timezone: "Europe/London", types: ["D", "EN", "O", "S", "W"], conference_url: "https://meet.example.org/w", conference_url_notes: "Passcode 1234", conference_phone: "+15551234567", attendance_option: "online" });
      expect(feed[0]!.notes).toMatch(/^On the first Monday of each month\./);
      expect(res.body).not.toContain("Hidden Harbor");
    });

    it("lists one group's meetings with ?group, and hides an unlisted group's from outsiders", async () => {
      const own = (await send(t.app, "GET", `/api/feeds/meeting-guide.json?group=${group.id}`)).json();
      expect(own.map((e: { slug: string }) => e.slug)).toEqual(["tuesday-night-hope", "weekend-online-0", "weekend-online-6"]);
      expect((await send(t.app, "GET", `/api/feeds/meeting-guide.json?group=${hidden.id}`, { as: outsider })).statusCode).toBe(404);
      expect((await send(t.app, "GET", `/api/feeds/meeting-guide.json?group=${hidden.id}`, { as: t.admin })).json()).toHaveLength(1);
    });

    it("keeps a meeting's slug and feed entry through a rename", async () => {
      await send(t.app, "PATCH", `/api/meetings/${changing.id}`, { as: t.admin, body: { name: "Tuesday Night Hope (renamed)" } });
      const feed = (await send(t.app, "GET", `/api/feeds/meeting-guide.json?group=${group.id}`)).json();
      expect(feed[0]).toMatchObject({ slug: "tuesday-night-hope", name: "Tuesday Night Hope (renamed)" });
      await send(t.app, "PATCH", `/api/meetings/${changing.id}`, { as: t.admin, body: { name: "Tuesday; Night, Hope" } });
    });

    it("is an empty array for a group without meetings", async () => {
      const empty = await createGroup(t.app, t.admin, { name: "No Meetings Yet" });
      const res = await send(t.app, "GET", `/api/feeds/meeting-guide.json?group=${empty.id}`);
      expect(res.json()).toEqual([]);
    });

    it("reads the meetings a page at a time, in slug order, missing none", async () => {
      const organizationId = (await send(t.app, "GET", "/api/organization")).json().id;
      const repository = new MeetingsRepository(t.db);
      const feeds = new MeetingFeeds(repository, null as never, async () => organizationId, 1);
      const slugs: string[] = [];
      for await (const meeting of feeds.list("organization")) slugs.push(meeting.slug);
      expect(slugs).toEqual(["other-shore-monthly", "tuesday-night-hope", "weekend-online"]);
    });
  });

  describe("calendars", () => {
    it("give one meeting as an RFC 5545 file whose occurrences ical.js expands as the schedule does, across the clock change", async () => {
      const res = await send(t.app, "GET", "/api/feeds/meetings/tuesday-night-hope.ics");
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("text/calendar; charset=utf-8");
      expect(res.headers["content-disposition"]).toBe('attachment; filename="tuesday-night-hope.ics"');
      const text = res.body;
      expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
      expect(text).toContain(`\r\nUID:${changing.id}@localhost\r\n`);
      expect(text).toContain("\r\nSUMMARY:Tuesday\\; Night\\, Hope\r\n");
      expect(text).toContain("\r\nEXDATE;TZID=America/New_York:20250311T190000\r\n");
      expect(text).toContain("BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n");
      const from = new Date("2025-03-01T00:00:00Z");
      const until = new Date("2025-05-01T00:00:00Z");
      const uid = `${changing.id}@localhost`;
      const expanded = expandWithIcalJs(text, until);
      expect(expanded).toEqual(expandWithSchedule(uid, changing.schedule, from, until));
      expect(expanded.map((o) => o.start)).toContain("2025-03-19T22:30:00.000Z");
      expect(expanded.map((o) => o.start)).toContain("2025-03-05T00:00:00.000Z");
      expect(expanded.map((o) => o.start)).toContain("2025-03-25T23:00:00.000Z");
    });

    it("give a group's meetings, the organization's listed ones, and a search's", async () => {
      const groupCalendar = await send(t.app, "GET", `/api/feeds/groups/${group.id}.ics`);
      expect(groupCalendar.headers["content-type"]).toBe("text/calendar; charset=utf-8");
      expect(groupCalendar.body).toContain("X-WR-CALNAME:Harbor Lights");
      expect(summaries(groupCalendar.body)).toEqual(["Tuesday; Night, Hope", "Weekend Online"]);

      const organization = (await send(t.app, "GET", "/api/feeds/organization.ics")).body;
      expect(organization).toContain("X-WR-CALNAME:Harbor Intergroup");
      expect(summaries(organization)).toEqual(["Other Shore Monthly", "Tuesday; Night, Hope", "Weekend Online"]);

      const online = (await send(t.app, "GET", "/api/feeds/search.ics?attendance=online")).body;
      expect(summaries(online)).toEqual(["Weekend Online"]);
      const weekend = await send(t.app, "GET", "/api/feeds/search.ics?day=0&tz=Europe/London");
      expect(summaries(weekend.body)).toEqual(["Weekend Online"]);
      const londonUntil = new Date("2025-03-20T00:00:00Z");
      expect(expandWithIcalJs(weekend.body, londonUntil).map((o) => o.start)).toEqual([
        "2025-03-01T10:00:00.000Z",
        "2025-03-02T10:00:00.000Z",
        "2025-03-08T10:00:00.000Z",
        "2025-03-09T10:00:00.000Z",
        "2025-03-15T10:00:00.000Z",
        "2025-03-16T10:00:00.000Z",
      ]);
    });

    it("hide an unlisted group's calendar from outsiders", async () => {
      expect((await send(t.app, "GET", `/api/feeds/groups/${hidden.id}.ics`)).statusCode).toBe(404);
      expect((await send(t.app, "GET", `/api/feeds/groups/${hidden.id}.ics`, { as: outsider })).statusCode).toBe(404);
      expect((await send(t.app, "GET", "/api/feeds/meetings/hidden-harbor-meeting.ics")).statusCode).toBe(404);
      expect(summaries((await send(t.app, "GET", `/api/feeds/groups/${hidden.id}.ics`, { as: t.admin })).body)).toEqual(["Hidden Harbor Meeting"]);
    });
  });
});
