import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../core/support";
import { send, signUp, type Person } from "../../testing/client";
import { dialects } from "../../testing/harness";
import { supportFixture } from "../../testing/support-fixtures";

describe.each(dialects)("check-ins on %s", (dialect) => {
  const f = supportFixture(dialect, { group: "Evening Circle", handle: "member", level: 0, clockAt: "2025-03-31T12:00:00Z" });
  let otherGroupId: string;
  let ana: Person;
  let ben: Person;
  let outsider: Person;
  const today = "2025-03-31";

  beforeAll(async () => {
    otherGroupId = await f.steps.group("Morning Circle");
    [ana, ben, outsider] = [await signUp(f.t.app, "ana"), await signUp(f.t.app, "ben"), await signUp(f.t.app, "outsider")];
    await f.steps.join(f.groupId, ana, ben);
    await f.steps.join(otherGroupId, outsider);
  });

  const checkIn = (as: Person, date: string, body: object) => send(f.t.app, "PUT", `/api/check-ins/days/${date}`, { as, body });
  const shared = async (as: Person, group = f.groupId) => send(f.t.app, "GET", `/api/groups/${group}/check-ins`, { as });

  it("keeps the day's mood and note for the member alone; writing the day again replaces it", async () => {
    const first = await checkIn(ana, today, { mood: 2, note: "A heavy morning" });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ date: today, mood: 2, note: "A heavy morning", sharedWith: null });
    const again = await checkIn(ana, today, { mood: 4, note: "" });
    expect(again.json()).toMatchObject({ id: first.json().id, mood: 4, note: null });

    const id = first.json().id;
    expect((await send(f.t.app, "GET", `/api/check-ins/${id}`, { as: ana })).json().mood).toBe(4);
    for (const someone of [ben, f.admin, outsider]) {
      expect((await send(f.t.app, "GET", `/api/check-ins/${id}`, { as: someone })).statusCode).toBe(404);
      expect((await send(f.t.app, "DELETE", `/api/check-ins/${id}`, { as: someone })).statusCode).toBe(404);
    }
    expect((await send(f.t.app, "GET", "/api/check-ins", { as: ben })).json().checkIns).toEqual([]);
  });

  it("names the field that is wrong and writes nothing", async () => {
    const mood = await checkIn(ben, today, { mood: 6 });
    expect(mood.statusCode).toBe(400);
    expect(mood.json().errors[0].field).toBe("mood");
    const future = await checkIn(ben, addDays(today, 3), { mood: 3 });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].field).toBe("date");
    expect((await checkIn(ben, "2025-02-30", { mood: 3 })).statusCode).toBe(400);
    expect((await send(f.t.app, "GET", "/api/check-ins", { as: ben })).json().checkIns).toEqual([]);
  });

  it("gives a private chart of the last 90 days, one point a day", async () => {
    await checkIn(ana, "2025-01-01", { mood: 1 });
    await checkIn(ana, "2025-03-30", { mood: 5 });
    const res = await send(f.t.app, "GET", "/api/check-ins/chart", { as: ana });
    expect(res.statusCode).toBe(200);
    const chart = res.json();
    expect(chart).toMatchObject({ from: "2025-01-01", to: today });
    expect(chart.points).toHaveLength(90);
    expect(chart.points[0]).toEqual({ date: "2025-01-01", mood: 1 });
    expect(chart.points.slice(-2)).toEqual([
      { date: "2025-03-30", mood: 5 },
      { date: today, mood: 4 },
    ]);
    expect(chart.points.filter((p: { mood: number | null }) => p.mood !== null)).toHaveLength(3);
    // The member's own date, east of UTC, moves the chart on a day.
    expect((await send(f.t.app, "GET", "/api/check-ins/chart?today=2025-04-01", { as: ana })).json().points[0].date).toBe("2025-01-02");
    expect((await send(f.t.app, "GET", "/api/check-ins/chart?today=2025-05-01", { as: ana })).json().errors[0].field).toBe("today");
    expect((await send(f.t.app, "GET", "/api/check-ins/chart", { as: ben })).json().points.every((p: { mood: number | null }) => p.mood === null)).toBe(true);
  });

  it("lists the member's check-ins latest first, a page at a time", async () => {
    const cam = await signUp(f.t.app, "cam");
    for (let i = 0; i < 32; i++) await checkIn(cam, addDays(today, -i), { mood: 3 });
    const first = (await send(f.t.app, "GET", "/api/check-ins", { as: cam })).json();
    expect(first.checkIns).toHaveLength(30);
    expect(first.checkIns[0].date).toBe(today);
    const rest = (await send(f.t.app, "GET", `/api/check-ins?before=${first.nextBefore}`, { as: cam })).json();
    expect(rest.checkIns.map((c: { date: string }) => c.date)).toEqual([addDays(today, -30), addDays(today, -31)]);
    expect(rest.nextBefore).toBeNull();
  });

  it("shares one check-in with one of the member's groups, for its members only, until made private again", async () => {
    const { id } = (await checkIn(ben, today, { mood: 3, note: "Got through it" })).json();
    const notMine = await send(f.t.app, "PUT", `/api/check-ins/${id}/share`, { as: ben, body: { groupId: otherGroupId } });
    expect(notMine.statusCode).toBe(400);
    expect(notMine.json().errors[0].field).toBe("groupId");
    expect((await shared(ana)).json().checkIns).toEqual([]);

    const res = await send(f.t.app, "PUT", `/api/check-ins/${id}/share`, { as: ben, body: { groupId: f.groupId } });
    expect(res.json().sharedWith).toEqual({ groupId: f.groupId, groupName: "Evening Circle" });
    const seen = (await shared(ana)).json().checkIns;
    expect(seen).toEqual([
      { id, date: today, mood: 3, note: "Got through it", author: { memberId: ben.memberId, displayName: "ben" }, sharedAt: expect.any(String) },
    ]);
    // Outsiders and administrators who are not members do not see it; the check-in itself stays the member's.
    expect((await shared(outsider)).statusCode).toBe(403);
    expect((await shared(f.admin)).statusCode).toBe(403);
    expect((await send(f.t.app, "GET", `/api/check-ins/${id}`, { as: ana })).statusCode).toBe(404);

    await send(f.t.app, "DELETE", `/api/check-ins/${id}/share`, { as: ben });
    expect((await shared(ana)).json().checkIns).toEqual([]);
  });

  it("stops showing a shared check-in once its member leaves the group", async () => {
    const dee = await signUp(f.t.app, "dee");
    await send(f.t.app, "POST", `/api/groups/${f.groupId}/join`, { as: dee, body: { acceptedGuidelinesVersion: 1 } });
    const { id } = (await checkIn(dee, today, { mood: 4 })).json();
    await send(f.t.app, "PUT", `/api/check-ins/${id}/share`, { as: dee, body: { groupId: f.groupId } });
    expect((await shared(ana)).json().checkIns.map((c: { id: string }) => c.id)).toContain(id);
    await send(f.t.app, "DELETE", `/api/groups/${f.groupId}/membership`, { as: dee });
    expect((await shared(ana)).json().checkIns.map((c: { id: string }) => c.id)).not.toContain(id);
  });

  it("deletes a check-in for good", async () => {
    const eve = await signUp(f.t.app, "eve");
    const { id } = (await checkIn(eve, today, { mood: 2 })).json();
    expect((await send(f.t.app, "DELETE", `/api/check-ins/${id}`, { as: eve })).statusCode).toBe(204);
    expect((await send(f.t.app, "GET", `/api/check-ins/${id}`, { as: eve })).statusCode).toBe(404);
  });
});
