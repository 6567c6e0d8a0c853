import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send, signUp, type Person } from "../../testing/client";
import { dialects } from "../../testing/harness";
import { addMeeting, clockedApp, createGroup, meetingBody, type ClockedApp } from "./test-helpers";

describe.each(dialects)("keeping a group's meetings on %s", (dialect) => {
  let t: ClockedApp;
  let secretary: Person;
  let chair: Person;
  let member: Person;
  let outsider: Person;
  let groupId: string;

  async function join(group: string, person: Person, positions: string[] = []) {
    await send(t.app, "POST", `/api/groups/${group}/join`, { as: person, body: { acceptedGuidelinesVersion: 1 } });
    if (positions.length) await send(t.app, "PUT", `/api/groups/${group}/members/${person.memberId}/positions`, { as: t.admin, body: { positions } });
  }

  const rowCount = async (table: "meetings" | "meeting_days" | "meeting_words" | "meeting_corrections") =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await clockedApp(dialect);
    secretary = await signUp(t.app, "sam");
    chair = await signUp(t.app, "chris");
    member = await signUp(t.app, "moe");
    outsider = await signUp(t.app, "olly");
    groupId = (await createGroup(t.app, t.admin)).id;
    await join(groupId, secretary, ["secretary"]);
    await join(groupId, chair, ["chair"]);
    await join(groupId, member!);
  });
  afterAll(async () => t.close());

  it("lets the secretary add a meeting, with a slug made from its name and defaults filled in", async () => {
    const res = await send(t.app, "POST", `/api/groups/${groupId}/meetings`, {
      as: secretary,
      body: { name: "Café Serenity", schedule: { repeats: { every: "week", days: [1, 3] }, start: "07:30", timeZone: "Europe/Paris" }, online: { url: "https://meet.example.org/x", urlNotes: null, phone: null, phoneNotes: null } },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      slug: "cafe-serenity",
      groupId,
      attendance: "online",
      schedule: { end: null, startsOn: null, exceptions: [] },
      access: null,
      types: [],
      venue: null,
      contributions: { venmo: null, square: null, paypal: null, homegroupOnline: null },
    });
    const again = await addMeeting(t.app, chair, groupId, meetingBody({ name: "Café Serenity" }));
    expect(again.slug).toBe("cafe-serenity-2");
  });

  it("keeps the slug when the meeting is renamed, and changes only what is sent", async () => {
    const created = await addMeeting(t.app, secretary, groupId, meetingBody({ name: "Morning Light" }));
    const res = await send(t.app, "PATCH", `/api/meetings/${created.id}`, { as: secretary, body: { name: "Morning Light (Step Study)", types: ["ST", "D"] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ slug: "morning-light", name: "Morning Light (Step Study)", types: ["ST", "D"], notes: "Newcomers welcome.", attendance: "in_person" });
    const page = await send(t.app, "GET", "/api/meetings/morning-light");
    expect(page.json()).toMatchObject({ id: created.id, name: "Morning Light (Step Study)" });
  });

  it("takes a slug given at creation, once", async () => {
    await addMeeting(t.app, secretary, groupId, meetingBody({ slug: "tuesday-42" }));
    const res = await send(t.app, "POST", `/api/groups/${groupId}/meetings`, { as: secretary, body: meetingBody({ slug: "tuesday-42" }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: "slug", message: "another meeting has this slug" }]);
  });

  it("names the field that is wrong and writes nothing", async () => {
    const before = await Promise.all([rowCount("meetings"), rowCount("meeting_days"), rowCount("meeting_words")]);
    const badTime = await send(t.app, "POST", `/api/groups/${groupId}/meetings`, { as: secretary, body: meetingBody({}, { start: "25:00" }) });
    expect(badTime.statusCode).toBe(400);
    expect(badTime.json()).toMatchObject({ type: "urn:kindred:problem:validation", errors: [{ field: "schedule.start" }] });

    const nowhere = await send(t.app, "POST", `/api/groups/${groupId}/meetings`, { as: secretary, body: meetingBody({ venue: null, online: null }) });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json().errors).toEqual([{ field: "venue", message: "a meeting needs a venue or a way to join online" }]);

    const wrongDate = await send(t.app, "POST", `/api/groups/${groupId}/meetings`, {
      as: secretary,
      body: meetingBody({}, { exceptions: [{ date: "2025-03-12", change: "cancelled" }] }),
    });
    expect(wrongDate.json().errors).toEqual([{ field: "schedule.exceptions.0.date", message: "the meeting does not meet on this date" }]);

    const created = await addMeeting(t.app, secretary, groupId, meetingBody({ name: "Unchanged" }));
    const afterCreate = await Promise.all([rowCount("meetings"), rowCount("meeting_days"), rowCount("meeting_words")]);
    const badEdit = await send(t.app, "PATCH", `/api/meetings/${created.id}`, { as: secretary, body: { online: null, venue: null } });
    expect(badEdit.statusCode).toBe(400);
    expect(badEdit.json().errors[0].field).toBe("venue");
    expect(await Promise.all([rowCount("meetings"), rowCount("meeting_days"), rowCount("meeting_words")])).toEqual(afterCreate);
    expect(afterCreate[0]).toBe(before[0] + 1);
    expect((await send(t.app, "GET", `/api/meetings/${created.id}`)).json().name).toBe("Unchanged");
  });

  it("keeps cancelled and moved occurrences, and shows the next ones on the meeting's page in the viewer's zone", async () => {
    t.setNow("2025-03-03T12:00:00Z"); // a Monday
    const created = await addMeeting(
      t.app,
      secretary,
      groupId,
      meetingBody({ name: "Changing Tuesdays" }, {
        exceptions: [
          { date: "2025-03-04", change: "cancelled" },
          { date: "2025-03-11", change: "moved", to: { date: "2025-03-12", start: "18:30" } },
        ],
      }),
    );
    const page = (await send(t.app, "GET", `/api/meetings/${created.slug}?tz=Europe/London`)).json();
    expect(page.schedule.exceptions).toHaveLength(2);
    expect(page.occurrences.slice(0, 3)).toEqual([
      // 18:30 New York (EDT since 9 March) is 22:30 in London (still GMT).
      { date: "2025-03-11", startsAt: "2025-03-12T22:30:00.000Z", endsAt: "2025-03-12T23:30:00.000Z", moved: true, viewerStart: "2025-03-12T22:30", meetingStart: "2025-03-12T18:30" },
      { date: "2025-03-18", startsAt: "2025-03-18T23:00:00.000Z", endsAt: "2025-03-19T00:00:00.000Z", moved: false, viewerStart: "2025-03-18T23:00", meetingStart: "2025-03-18T19:00" },
      expect.objectContaining({ date: "2025-03-25" }),
    ]);
    expect(page).toMatchObject({
      group: { id: groupId, name: "Steady Ground", guidelinesVersion: 1 },
      inProgress: false,
      links: { page: "http://localhost:3000/meetings/changing-tuesdays", calendar: "http://localhost:3000/api/feeds/meetings/changing-tuesdays.ics" },
      can: { edit: false },
    });
    expect((await send(t.app, "GET", `/api/meetings/${created.slug}`, { as: secretary })).json().can).toEqual({ edit: true });
  });

  it("refuses members without a steward's position, outsiders and the signed-out", async () => {
    const created = await addMeeting(t.app, t.admin, groupId, meetingBody({ name: "Guarded" }));
    for (const [as, status] of [
      [member, 403],
      [outsider, 403],
      [null, 401],
    ] as const) {
      expect((await send(t.app, "POST", `/api/groups/${groupId}/meetings`, { as, body: meetingBody() })).statusCode).toBe(status);
      expect((await send(t.app, "PATCH", `/api/meetings/${created.id}`, { as, body: { name: "Taken" } })).statusCode).toBe(status);
      expect((await send(t.app, "DELETE", `/api/meetings/${created.id}`, { as })).statusCode).toBe(status);
    }
    expect((await send(t.app, "GET", `/api/meetings/${created.id}`)).json().name).toBe("Guarded");
  });

  it("lets the chair delete a meeting", async () => {
    const created = await addMeeting(t.app, secretary, groupId, meetingBody({ name: "Closing Down" }));
    expect((await send(t.app, "DELETE", `/api/meetings/${created.id}`, { as: chair })).statusCode).toBe(204);
    expect((await send(t.app, "GET", `/api/meetings/${created.id}`)).statusCode).toBe(404);
    expect((await send(t.app, "DELETE", `/api/meetings/${created.id}`, { as: chair })).statusCode).toBe(404);
  });

  it("hides the meetings of an unlisted group from everyone it has no relation to", async () => {
    const hidden = await createGroup(t.app, t.admin, { name: "Quiet Room", visibility: "unlisted" });
    await send(t.app, "POST", `/api/groups/${hidden.id}/invitations`, { as: t.admin, body: { handle: member.handle } });
    await join(hidden.id, member);
    const created = await addMeeting(t.app, t.admin, hidden.id, meetingBody({ name: "Quiet Room Meeting" }));
    const missing = await send(t.app, "GET", "/api/meetings/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
    for (const as of [outsider, null]) {
      const res = await send(t.app, "GET", `/api/meetings/${created.slug}`, { as });
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(missing.body);
      expect((await send(t.app, "GET", `/api/groups/${hidden.id}/meetings`, { as })).statusCode).toBe(404);
      expect((await send(t.app, "POST", `/api/meetings/${created.id}/corrections`, { as, body: { message: "hello" } })).statusCode).toBe(404);
      expect((await send(t.app, "GET", `/api/feeds/meetings/${created.slug}.ics`, { as })).statusCode).toBe(404);
    }
    expect((await send(t.app, "GET", `/api/meetings/${created.slug}`, { as: member })).statusCode).toBe(200);
    expect((await send(t.app, "GET", `/api/groups/${hidden.id}/meetings`, { as: member })).json().meetings).toHaveLength(1);
  });

  it("lists a group's meetings for anyone who may see the group", async () => {
    const other = await createGroup(t.app, t.admin, { name: "Listing Group" });
    await addMeeting(t.app, t.admin, other.id, meetingBody({ name: "B meeting" }));
    await addMeeting(t.app, t.admin, other.id, meetingBody({ name: "A meeting" }));
    const res = await send(t.app, "GET", `/api/groups/${other.id}/meetings`);
    expect(res.json().meetings.map((m: { slug: string }) => m.slug)).toEqual(["a-meeting", "b-meeting"]);
  });

  it("answers a malformed meeting id with a validation error naming it", async () => {
    const res = await send(t.app, "PATCH", "/api/meetings/not-an-id", { as: secretary, body: { name: "x" } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe("params.meetingId");
  });

  describe("corrections", () => {
    it("reach the group's stewards without anything about who reported them", async () => {
      const created = await addMeeting(t.app, secretary, groupId, meetingBody({ name: "Wrong Address" }));
      expect((await send(t.app, "POST", `/api/meetings/${created.id}/corrections`, { body: { message: "  The hall moved to 14 Main St.  " } })).statusCode).toBe(204);
      expect((await send(t.app, "POST", `/api/meetings/${created.id}/corrections`, { as: outsider, body: { message: "Starts at 19:30 now." } })).statusCode).toBe(204);

      const stored = await t.db.selectFrom("meeting_corrections").selectAll().where("meeting_id", "=", created.id).execute();
      expect(Object.keys(stored[0]!).sort()).toEqual(["created_at", "group_id", "handled_at", "id", "meeting_id", "message"]);
      expect(JSON.stringify(stored)).not.toContain(outsider.memberId);

      const list = await send(t.app, "GET", `/api/groups/${groupId}/corrections`, { as: secretary });
      expect(list.statusCode).toBe(200);
      const mine = list.json().corrections.filter((c: { meetingId: string }) => c.meetingId === created.id);
      expect(mine.map((c: { message: string }) => c.message).sort()).toEqual(["Starts at 19:30 now.", "The hall moved to 14 Main St."]);
      expect(mine[0]).toMatchObject({ meetingSlug: "wrong-address", meetingName: "Wrong Address", handledAt: null });
      expect(Object.keys(mine[0]).sort()).toEqual(["createdAt", "handledAt", "id", "meetingId", "meetingName", "meetingSlug", "message"]);

      const handled = await send(t.app, "PATCH", `/api/groups/${groupId}/corrections/${mine[0].id}`, { as: chair, body: { handled: true } });
      expect(handled.json().handledAt).toEqual(expect.any(String));
      const after = (await send(t.app, "GET", `/api/groups/${groupId}/corrections`, { as: t.admin })).json().corrections;
      expect(after.at(-1).id).toBe(mine[0].id);
    });

    it("are read by stewards only, and refuse an empty message", async () => {
      expect((await send(t.app, "GET", `/api/groups/${groupId}/corrections`, { as: member })).statusCode).toBe(403);
      expect((await send(t.app, "GET", `/api/groups/${groupId}/corrections`)).statusCode).toBe(401);
      const created = await addMeeting(t.app, secretary, groupId, meetingBody({ name: "Empty Report" }));
      const before = await rowCount("meeting_corrections");
      const res = await send(t.app, "POST", `/api/meetings/${created.id}/corrections`, { body: { message: "   " } });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe("message");
      expect(await rowCount("meeting_corrections")).toBe(before);
      const otherGroup = await createGroup(t.app, t.admin, { name: "Elsewhere" });
      const missing = await send(t.app, "PATCH", `/api/groups/${otherGroup.id}/corrections/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b`, { as: t.admin, body: { handled: true } });
      expect(missing.statusCode).toBe(404);
    });
  });
});
