/**
 * A group's name is part of its meetings' search words: renaming the group rewrites them at once
 * (no meeting needs saving again), and the directory's page reads the same cached search as
 * GET /api/meetings.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send } from "../../testing/client";
import { dialects } from "../../testing/harness";
import { ensureBuilt, stateOf } from "../web/testing";
import { addMeeting, clockedApp, createGroup, meetingBody, type ClockedApp } from "./test-helpers";

describe.each(dialects)("a group renamed or unlisted, in the directory's search on %s", (dialect) => {
  let t: ClockedApp;
  const cache = () => t.app.services.meetings.searchCache;

  beforeAll(async () => {
    ensureBuilt();
    t = await clockedApp(dialect, "2025-03-04T15:00:00Z");
  }, 120_000);
  afterAll(async () => t?.close());

  const names = async (query: string) => {
    const res = await send(t.app, "GET", `/api/meetings?${query}&tz=America/New_York`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().meetings as { name: string }[]).map((m) => m.name).sort();
  };
  /** The same search, past the cache: what the index itself answers. */
  async function uncachedNames(query: string) {
    cache().enabled = false;
    try {
      return await names(query);
    } finally {
      cache().enabled = true;
    }
  }
  const patchGroup = async (id: string, body: Record<string, unknown>) => {
    const res = await send(t.app, "PATCH", `/api/groups/${id}`, { as: t.admin, body });
    expect(res.statusCode, res.body).toBe(200);
  };

  it("finds a renamed group's meetings by the new name at once, and no longer by the old", async () => {
    const group = await createGroup(t.app, t.admin, { name: "Lantern Circle" });
    await addMeeting(t.app, t.admin, group.id, meetingBody({ name: "Tuesday Gathering" }));
    await addMeeting(t.app, t.admin, group.id, meetingBody({ name: "Friday Gathering" }, { repeats: { every: "week", days: [5] } }));
    expect(await names("q=lantern")).toEqual(["Friday Gathering", "Tuesday Gathering"]);
    expect(await names("q=beacon")).toEqual([]);

    await patchGroup(group.id, { name: "Beacon Fellowship" });
    expect(await names("q=beacon")).toEqual(["Friday Gathering", "Tuesday Gathering"]);
    expect(await names('q="beacon fellowship"')).toEqual(["Friday Gathering", "Tuesday Gathering"]);
    expect(await names("q=lantern")).toEqual([]);
    // The index itself, not just the cache, has the new words; the meetings' own words stay.
    expect(await uncachedNames("q=beacon")).toEqual(["Friday Gathering", "Tuesday Gathering"]);
    expect(await uncachedNames("q=lantern")).toEqual([]);
    expect(await uncachedNames("q=gathering")).toEqual(["Friday Gathering", "Tuesday Gathering"]);
    expect(await uncachedNames("q=newcomers")).toEqual(["Friday Gathering", "Tuesday Gathering"]);

    // Renamed twice in a row: the last name wins.
    await patchGroup(group.id, { name: "Compass Group" });
    await patchGroup(group.id, { name: "Harbor Light" });
    expect(await names("q=harbor")).toEqual(["Friday Gathering", "Tuesday Gathering"]);
    expect(await uncachedNames("q=compass")).toEqual([]);
    expect(await uncachedNames("q=beacon")).toEqual([]);
  });

  it("leaves other groups' meetings alone, and keeps a meeting's edits after its group's rename", async () => {
    const mine = await createGroup(t.app, t.admin, { name: "Willow Path" });
    const other = await createGroup(t.app, t.admin, { name: "Willow Grove" });
    const meeting = await addMeeting(t.app, t.admin, mine.id, meetingBody({ name: "Path Meeting" }));
    await addMeeting(t.app, t.admin, other.id, meetingBody({ name: "Grove Meeting" }));
    await patchGroup(mine.id, { name: "Cedar Path" });
    expect(await uncachedNames("q=willow")).toEqual(["Grove Meeting"]);
    expect(await uncachedNames("q=cedar")).toEqual(["Path Meeting"]);
    const res = await send(t.app, "PATCH", `/api/meetings/${meeting.id}`, { as: t.admin, body: { notes: "Bring a friend." } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await uncachedNames("q=cedar friend")).toEqual(["Path Meeting"]);
  });

  it("drops an unlisted group's meetings from the results at once, and brings them back when listed", async () => {
    const group = await createGroup(t.app, t.admin, { name: "Juniper House" });
    await addMeeting(t.app, t.admin, group.id, meetingBody({ name: "Juniper Evening" }));
    expect(await names("q=juniper")).toEqual(["Juniper Evening"]);
    await patchGroup(group.id, { visibility: "unlisted" });
    expect(await names("q=juniper")).toEqual([]);
    await patchGroup(group.id, { visibility: "listed", name: "Juniper Rowan" });
    expect(await names("q=rowan")).toEqual(["Juniper Evening"]);
  });

  it("serves the directory page's results from the same cached search as GET /api/meetings", async () => {
    const group = await createGroup(t.app, t.admin, { name: "Maple Fellowship" });
    await addMeeting(t.app, t.admin, group.id, meetingBody({ name: "Maple Morning" }, { start: "09:00", end: "10:00" }));
    // In progress at 10:00 in New York (15:00 UTC).
    await addMeeting(t.app, t.admin, group.id, meetingBody({ name: "Maple Midday" }, { start: "09:30", end: "11:00" }));
    for (const query of ["q=maple", "q=maple&types=D&tz=America/Chicago", ""]) {
      const api = await send(t.app, "GET", `/api/meetings?${query}`);
      expect(api.statusCode, api.body).toBe(200);
      const hits = cache().stats().hits;
      const page = await send(t.app, "GET", `/meetings?${query}`);
      expect(page.statusCode).toBe(200);
      const data = (stateOf(page.body).pageData as { data: { results: unknown; inProgress: unknown } }).data;
      expect(data.results).toEqual(api.json());
      // The page's first search was the API's, answered from the cache.
      expect(cache().stats().hits).toBeGreaterThan(hits);
      const inProgress = await send(t.app, "GET", `/api/meetings?${query}&inProgress=true`);
      const current = inProgress.json() as { meetings: unknown[] };
      expect(data.inProgress).toEqual(current.meetings.length ? current : null);
    }
    // The page shows a rename at once, as the API does.
    await patchGroup(group.id, { name: "Oak Fellowship" });
    const page = await send(t.app, "GET", "/meetings?q=oak");
    const data = (stateOf(page.body).pageData as { data: { results: { meetings: { name: string }[] } } }).data;
    expect(data.results.meetings.map((m) => m.name).sort()).toEqual(["Maple Midday", "Maple Morning"]);
    expect(data.results).toEqual((await send(t.app, "GET", "/api/meetings?q=oak")).json());
  });
});
