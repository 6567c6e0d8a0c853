import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { send, setupOrganization, signUp, type Person } from "../../testing/client";
import { createTestApp, dialects, type TestApp } from "../../testing/harness";

describe.each(dialects)("organization admin of people on %s", (dialect) => {
  let t: TestApp;
  let admin: Person;
  let ana: Person;
  let ben: Person;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await setupOrganization(t.app, { handle: "coordinator" });
    ana = await signUp(t.app, "ana");
    ben = await signUp(t.app, "ben");
  });
  afterEach(async () => t.close());

  const people = (as: Person | null) => send(t.app, "GET", "/api/admin/people", { as });
  const setAdmin = (as: Person | null, memberId: string, isOrganizationAdmin: boolean) =>
    send(t.app, "PUT", `/api/admin/people/${memberId}/admin`, { as, body: { isOrganizationAdmin } });

  it("lists everyone with their groups and service positions", async () => {
    const group = await send(t.app, "POST", "/api/groups", {
      as: admin,
      body: { name: "Caregivers Evening", focusAreas: ["caregivers"], languages: ["en"], guidelines: "Be kind." },
    });
    const groupId = group.json().id;
    await send(t.app, "POST", `/api/groups/${groupId}/join`, { as: ana, body: { acceptedGuidelinesVersion: 1 } });
    await send(t.app, "PUT", `/api/groups/${groupId}/members/${ana.memberId}/positions`, { as: admin, body: { positions: ["chair", "treasurer"] } });

    const res = await people(admin);
    expect(res.statusCode).toBe(200);
    const byHandle = Object.fromEntries(res.json().people.map((p: { handle: string }) => [p.handle, p]));
    expect(Object.keys(byHandle).sort()).toEqual(["ana", "ben", "coordinator"]);
    expect(byHandle.coordinator).toMatchObject({ isOrganizationAdmin: true, groups: [] });
    expect(byHandle.ana).toMatchObject({
      id: ana.memberId,
      displayName: "ana",
      isOrganizationAdmin: false,
      groups: [{ groupId, groupName: "Caregivers Evening", positions: expect.arrayContaining(["chair", "treasurer"]) }],
    });
    expect(byHandle.ben.groups).toEqual([]);
    expect(JSON.stringify(res.json())).not.toMatch(/email|password|country/);
  });

  it("is for administrators only: 403 for members, 401 signed out", async () => {
    expect((await people(ana)).statusCode).toBe(403);
    expect((await people(null)).statusCode).toBe(401);
    expect((await setAdmin(ana, ana.memberId, true)).statusCode).toBe(403);
    expect((await setAdmin(null, ana.memberId, true)).statusCode).toBe(401);
    expect((await send(t.app, "GET", "/api/account", { as: ana })).json().isOrganizationAdmin).toBe(false);
  });

  it("makes someone an administrator, who can then administer at once", async () => {
    const res = await setAdmin(admin, ana.memberId, true);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: ana.memberId, handle: "ana", isOrganizationAdmin: true });
    expect((await people(ana)).statusCode).toBe(200);
    expect((await setAdmin(admin, ana.memberId, true)).statusCode).toBe(200);
  });

  it("removes administrator rights, but never from the last administrator", async () => {
    const last = await setAdmin(admin, admin.memberId, false);
    expect(last.statusCode).toBe(409);
    expect(last.json().type).toBe("urn:kindred:problem:conflict");
    expect((await people(admin)).statusCode).toBe(200);

    await setAdmin(admin, ana.memberId, true);
    expect((await setAdmin(ana, admin.memberId, false)).json().isOrganizationAdmin).toBe(false);
    expect((await people(admin)).statusCode).toBe(403);
    expect((await setAdmin(ana, ana.memberId, false)).statusCode).toBe(409);
  });

  it("keeps one administrator when two remove each other at once", async () => {
    await setAdmin(admin, ana.memberId, true);
    const results = await Promise.all([setAdmin(admin, ana.memberId, false), setAdmin(ana, admin.memberId, false)]);
    // The loser hears 409 (last administrator) or, if the winner was first, 403 (no longer one).
    expect(results.map((r) => r.statusCode).filter((s) => s === 200)).toHaveLength(1);
    expect(await t.db.selectFrom("organization_admins").select("member_id").execute()).toHaveLength(1);
  });

  it("answers 404 for someone who does not exist, and 400 for a malformed id", async () => {
    expect((await setAdmin(admin, "0190a6f0-0000-7000-8000-000000000000", true)).statusCode).toBe(404);
    const malformed = await setAdmin(admin, "not-an-id", true);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].field).toBe("params.memberId");
  });

  it("removing rights from a member who is not an administrator changes nothing", async () => {
    const res = await setAdmin(admin, ben.memberId, false);
    expect(res.statusCode).toBe(200);
    expect(res.json().isOrganizationAdmin).toBe(false);
  });
});
