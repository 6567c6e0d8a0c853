/**
 * Feeds in: importing Meeting Guide feeds over HTTP and on the command line, tolerant of the
 * variants found in real feeds, upserting by slug, and round-tripping Kindred's own feed.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send } from "../../testing/client";
import { dialects } from "../../testing/harness";
import { addMeeting, clockedApp, createGroup, meetingBody, type ClockedApp } from "./test-helpers";

const FEED = [
  {
    slug: "sunrise",
    name: "Sunrise Group",
    day: 1,
    time: "07:00",
    end_time: "08:00",
    timezone: "America/Chicago",
    types: ["O", "D", "X"],
    location: "Grace Church",
    formatted_address: "1 Elm St, Chicago, IL",
    latitude: "41.88",
    longitude: -87.63,
    regions: ["Chicago", "Loop"],
    group: "Sunrise Group",
    group_notes: "Since 1985.",
    updated: "2024-11-02 10:00:00",
  },
  { slug: "night-owls", name: "Night Owls", day: ["5", "6"], time: "11:00 pm", timezone: "America/Chicago", types: "C,SP,ONL", conference_url: "https://zoom.us/j/123", group: "Night Owls" },
  { slug: "no-zone", name: "Zone-less", day: 2, time: "19:00", formatted_address: "2 Oak St, Chicago, IL", group: "Sunrise Group" },
  { slug: "sunrise", name: "Same slug again", day: 3, time: "09:00", timezone: "America/Chicago", location: "Hall" },
  { slug: "loner", name: "Solo Meeting", day: 0, time: "18:00", timezone: "America/Chicago", location: "Public Library" },
  { slug: "bad-group", name: "Bad Group", day: 4, time: "18:00", timezone: "America/Chicago", location: "Hall", group: "A" },
  { name: "No slug", day: 1, time: "10:00", timezone: "America/Chicago", location: "Hall" },
  { slug: "both", name: "Open and Closed", day: 3, time: "12:00", timezone: "America/Chicago", types: ["O", "C"], location: "Hall", group: "Sunrise Group" },
];

type Report = { counts: Record<string, number>; meetings: { slug: string | null; outcome: string; reasons: string[]; warnings: string[] }[] };

const outcomes = (report: Report) => Object.fromEntries(report.meetings.map((m) => [m.slug ?? "(none)", m.outcome]));

describe.each(dialects)("importing a Meeting Guide feed on %s", (dialect) => {
  let t: ClockedApp;
  const importFeed = async (body: unknown, query = "") => send(t.app, "POST", `/api/admin/imports/meeting-guide${query}`, { as: t.admin, body });
  const count = async (table: "meetings" | "groups" | "meeting_words") =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await clockedApp(dialect, "2025-03-01T12:00:00Z");
  });
  afterAll(async () => t.close());

  it("imports each meeting it can, says why it skipped the others, and writes nothing of those", async () => {
    const res = await importFeed(FEED);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as Report;
    expect(report.counts).toEqual({ created: 5, updated: 0, unchanged: 0, skipped: 4 });
    expect(outcomes(report)).toEqual({
      sunrise: "skipped", // the second "sunrise" overwrites the first's line in this map
      "night-owls-5": "created",
      "night-owls-6": "created",
      "no-zone": "skipped",
      loner: "created",
      "bad-group": "skipped",
      "(none)": "skipped",
      both: "created",
    });
    const reasons = Object.fromEntries(report.meetings.filter((m) => m.outcome === "skipped").map((m) => [m.slug ?? "(none)", m.reasons]));
    expect(reasons).toEqual({
      "no-zone": ["timezone: missing, and no default time zone was given"],
      sunrise: ["slug: used by an earlier meeting in the feed"],
      "bad-group": [expect.stringMatching(/^group: name/)],
      "(none)": ["slug: missing"],
    });
    expect(report.meetings.find((m) => m.slug === "night-owls-5")!.warnings).toContain('types: "ONL" is not a Meeting Guide type; left out');
    expect(report.meetings.find((m) => m.slug === "both")!.warnings).toContain("types: both open (O) and closed (C); kept closed");
    expect(await t.db.selectFrom("meetings").select("slug").where("slug", "=", "bad-group").execute()).toEqual([]);
  });

  it("attaches meetings to the groups the feed names, and gives a meeting without one a group of its own", async () => {
    const groups = (await send(t.app, "GET", "/api/groups")).json().groups as { id: string; name: string; description: string; focusAreas: string[]; visibility: string; membershipPolicy: string }[];
    expect(groups.map((g) => g.name).sort()).toEqual(["Night Owls", "Solo Meeting", "Sunrise Group"]);
    const sunrise = groups.find((g) => g.name === "Sunrise Group")!;
    expect(sunrise).toMatchObject({ description: "Since 1985.", focusAreas: ["addiction_recovery"], visibility: "listed", membershipPolicy: "open" });
    const meetings = (await send(t.app, "GET", `/api/groups/${sunrise.id}/meetings`)).json().meetings;
    expect(meetings.map((m: { slug: string }) => m.slug)).toEqual(["both", "sunrise"]);
    expect(meetings[1]).toMatchObject({
      access: "open",
      types: ["D", "X"],
      schedule: { repeats: { every: "week", days: [1] }, start: "07:00", end: "08:00", timeZone: "America/Chicago" },
      venue: { name: "Grace Church", address: "1 Elm St, Chicago, IL", latitude: 41.88, longitude: -87.63, approximate: false },
      regions: ["Chicago", "Loop"],
      updatedAt: "2024-11-02T10:00:00.000Z",
    });
    const owl = (await send(t.app, "GET", "/api/meetings/night-owls-6")).json();
    expect(owl).toMatchObject({ access: "closed", types: ["SP"], attendance: "online", schedule: { start: "23:00", end: null }, group: { name: "Night Owls" } });
  });

  it("changes nothing when the same feed comes again", async () => {
    const before = await t.db.selectFrom("meetings").select(["slug", "updated_at"]).orderBy("slug").execute();
    const counts = [await count("meetings"), await count("groups"), await count("meeting_words")];
    t.setNow("2025-03-02T12:00:00Z");
    const report = (await importFeed(FEED)).json() as Report;
    expect(report.counts).toEqual({ created: 0, updated: 0, unchanged: 5, skipped: 4 });
    expect(await t.db.selectFrom("meetings").select(["slug", "updated_at"]).orderBy("slug").execute()).toEqual(before);
    expect([await count("meetings"), await count("groups"), await count("meeting_words")]).toEqual(counts);
  });

  it("updates what changed, takes the default zone, and moves a meeting to the group now named", async () => {
    const changed = FEED.map((entry) =>
      entry.slug === "sunrise" && entry.day === 1 ? { ...entry, end_time: "08:30", updated: "2025-02-28 09:00:00" } : entry.slug === "loner" ? { ...entry, group: "Night Owls" } : entry,
    );
    const report = (await importFeed(changed, "?timezone=America/Denver")).json() as Report;
    expect(report.counts).toEqual({ created: 1, updated: 2, unchanged: 3, skipped: 3 });
    expect(outcomes(report)).toMatchObject({ "no-zone": "created", loner: "updated" });
    const sunrise = (await send(t.app, "GET", "/api/meetings/sunrise")).json();
    expect(sunrise).toMatchObject({ schedule: { end: "08:30" }, updatedAt: "2025-02-28T09:00:00.000Z" });
    expect((await send(t.app, "GET", "/api/meetings/no-zone")).json().schedule.timeZone).toBe("America/Denver");
    expect((await send(t.app, "GET", "/api/meetings/loner")).json().group.name).toBe("Night Owls");
    expect((await send(t.app, "GET", "/api/meetings?q=grace%20church&tz=America/Chicago")).json().meetings.map((m: { slug: string }) => m.slug)).toEqual(["sunrise"]);
  });

  describe("from a URL", () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      server = createServer((request, response) => {
        if (request.url === "/feed.json") response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify([FEED[0]]));
        else response.writeHead(404).end("not here");
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("fetches the feed", async () => {
      const res = await importFeed({ url: `${base}/feed.json` });
      expect(res.statusCode, res.body).toBe(200);
      expect((res.json() as Report).meetings.map((m) => m.slug)).toEqual(["sunrise"]);
    });

    it("names the url when it does not give a feed", async () => {
      const res = await importFeed({ url: `${base}/missing.json` });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([{ field: "url", message: "the feed's server answered 404" }]);
    });
  });

  it("refuses a body that is neither a feed nor a link", async () => {
    const res = await importFeed({ meetings: [] });
    expect(res.statusCode).toBe(400);
  });
});

describe.each(dialects)("a Meeting Guide feed round trip on %s", (dialect) => {
  let source: ClockedApp;
  let target: ClockedApp;
  beforeAll(async () => {
    source = await clockedApp(dialect, "2025-03-01T12:00:00Z");
    target = await clockedApp(dialect, "2025-06-01T08:00:00Z");
  });
  afterAll(async () => {
    await source.close();
    await target.close();
  });

  it("exports, imports into an empty database and exports the same feed", async () => {
    const hope = await createGroup(source.app, source.admin, { name: "Hope Harbor", description: "A group by the sea." });
    const quiet = await createGroup(source.app, source.admin, { name: "Quiet Minds", focusAreas: ["mental_health"], languages: ["es"] });
    const online = { url: "https://meet.example.org/q", urlNotes: "Waiting room on", phone: "+15550001111,,123#", phoneNotes: "Meeting id 123" };
    await addMeeting(source.app, source.admin, hope.id, meetingBody({ name: "Harbor Tuesday", contributions: { venmo: "@harbor", square: null, paypal: null, homegroupOnline: null } }));
    await addMeeting(source.app, source.admin, hope.id, meetingBody({ name: "Harbor Hybrid", online, types: ["SP", "BE"], access: "closed" }, { repeats: { every: "week", days: [5] }, start: "23:30", end: "00:30" }));
    await addMeeting(source.app, source.admin, quiet.id, meetingBody({ name: "Mentes Tranquilas", languages: ["es"], venue: { name: null, address: "Madrid, Spain", latitude: 40.4168, longitude: -3.7038, approximate: true, notes: null }, online, regions: [], notes: null }, { timeZone: "Europe/Madrid", end: null }));
    await addMeeting(source.app, source.admin, quiet.id, meetingBody({ name: "Closed For Now", temporarilyClosed: true, online, access: null, types: [] }, { repeats: { every: "week", days: [0] } }));
    const exported = (await send(source.app, "GET", "/api/feeds/meeting-guide.json")).json();
    expect(exported).toHaveLength(4);

    const imported = await send(target.app, "POST", "/api/admin/imports/meeting-guide", { as: target.admin, body: exported });
    expect(imported.json().counts).toEqual({ created: 4, updated: 0, unchanged: 0, skipped: 0 });
    expect((await send(target.app, "GET", "/api/feeds/meeting-guide.json")).json()).toEqual(exported);

    const again = await send(target.app, "POST", "/api/admin/imports/meeting-guide", { as: target.admin, body: exported });
    expect(again.json().counts).toEqual({ created: 0, updated: 0, unchanged: 4, skipped: 0 });
  });
});

describe.each(dialects)("kindred import meeting-guide (command line) on %s", (dialect) => {
  let t: ClockedApp;
  let dir: string;
  beforeAll(async () => {
    t = await clockedApp(dialect);
    dir = mkdtempSync(join(tmpdir(), "kindred-feed-"));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function kindred(args: string[]): Promise<{ code: number; out: string }> {
    const env = { PATH: process.env.PATH, DATABASE_URL: t.databaseUrl, SESSION_SECRET: "test-secret-test-secret-test-secret-0123", LOG_LEVEL: "silent" };
    try {
      const { stdout, stderr } = await promisify(execFile)("node_modules/.bin/tsx", ["server/cli.ts", ...args], { env });
      return { code: 0, out: stdout + stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, out: failed.stdout + failed.stderr };
    }
  }

  it("imports a feed file, using --timezone for meetings that name no zone, and reports each skipped one", async () => {
    const file = join(dir, "feed.json");
    writeFileSync(file, JSON.stringify(FEED));
    const result = await kindred(["import", "meeting-guide", file, "--timezone", "America/Chicago"]);
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain("Meetings: 6 created, 0 updated, 0 unchanged, 3 skipped.");
    expect(result.out).toContain("bad-group (Bad Group): group: name");
    expect((await send(t.app, "GET", "/api/meetings/no-zone")).json().schedule.timeZone).toBe("America/Chicago");

    const again = await kindred(["import", "meeting-guide", file, "--timezone", "America/Chicago"]);
    expect(again.out).toContain("Meetings: 0 created, 0 updated, 6 unchanged, 3 skipped.");
  }, 60_000);

  it("explains a bad zone, and a file that is not a feed", async () => {
    const bad = await kindred(["import", "meeting-guide", join(dir, "feed.json"), "--timezone", "Mars/Olympus"]);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/--timezone: an IANA time zone/);
    const notFeed = join(dir, "object.json");
    writeFileSync(notFeed, "{}");
    const wrong = await kindred(["import", "meeting-guide", notFeed]);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toMatch(/is not a Meeting Guide feed/);
  }, 60_000);
});
