import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, dialects, type TestApp } from "../../testing/harness";
import { send, setupOrganization, signUp, type Person } from "../../testing/client";

const GUIDELINES = "## Our guidelines\n\n- What is said here stays here.\n";

describe.each(dialects)("groups on %s", (dialect) => {
  let t: TestApp;
  let admin: Person;
  let people: Record<"ana" | "ben" | "cleo" | "dev" | "eli", Person>;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await setupOrganization(t.app);
    people = {
      ana: await signUp(t.app, "ana", { country: "MX", email: "ana@example.org" }),
      ben: await signUp(t.app, "ben"),
      cleo: await signUp(t.app, "cleo"),
      dev: await signUp(t.app, "dev"),
      eli: await signUp(t.app, "eli"),
    };
  });
  afterAll(async () => t.close());

  async function createGroup(body: Record<string, unknown> = {}) {
    const res = await send(t.app, "POST", "/api/groups", {
      as: admin,
      body: { name: "Steady Ground", focusAreas: ["mental_health"], languages: ["en"], guidelines: GUIDELINES, ...body },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; guidelinesVersion: number };
  }

  const join = (groupId: string, as: Person, version = 1) =>
    send(t.app, "POST", `/api/groups/${groupId}/join`, { as, body: { acceptedGuidelinesVersion: version } });
  const detail = async (groupId: string, as: Person | null = null) => (await send(t.app, "GET", `/api/groups/${groupId}`, { as })).json();
  const memberList = async (groupId: string, as: Person) => {
    const res = await send(t.app, "GET", `/api/groups/${groupId}/members`, { as });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { members: { handle: string; status: string; positions: string[] }[] }).members;
  };
  const setPositions = (groupId: string, memberId: string, positions: string[], as: Person = admin) =>
    send(t.app, "PUT", `/api/groups/${groupId}/members/${memberId}/positions`, { as, body: { positions } });
  const rowCount = async (table: "groups" | "memberships" | "guideline_acceptances" | "service_positions") =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

  describe("creating", () => {
    it("lets an organization admin create a group with defaults filled in", async () => {
      const res = await send(t.app, "POST", "/api/groups", {
        as: admin,
        body: { name: "  Sober Saturdays ", focusAreas: ["alcohol", "alcohol"], languages: ["en", "es"] },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        name: "Sober Saturdays",
        focusAreas: ["alcohol"],
        languages: ["en", "es"],
        visibility: "listed",
        membershipPolicy: "open",
        guidelinesVersion: 1,
        memberCount: 0,
        myMembership: null,
        can: { edit: true, seeMembers: true, managePositions: true, approve: true, invite: true },
      });
    });

    it("refuses members and the signed-out", async () => {
      const body = { name: "Mine", focusAreas: ["alcohol"], languages: ["en"] };
      expect((await send(t.app, "POST", "/api/groups", { as: people.ana, body })).statusCode).toBe(403);
      expect((await send(t.app, "POST", "/api/groups", { body })).statusCode).toBe(401);
    });

    it("names the field that is wrong and writes nothing", async () => {
      const before = await rowCount("groups");
      const empty = await send(t.app, "POST", "/api/groups", { as: admin, body: { name: "Group", focusAreas: [], languages: ["en"] } });
      expect(empty.statusCode).toBe(400);
      expect(empty.json()).toMatchObject({ type: "urn:kindred:problem:validation", errors: [{ field: "focusAreas" }] });

      const language = await send(t.app, "POST", "/api/groups", { as: admin, body: { name: "Group", focusAreas: ["gambling"], languages: ["English"] } });
      expect(language.json().errors).toEqual([expect.objectContaining({ field: "languages.0" })]);

      const other = await send(t.app, "POST", "/api/groups", { as: admin, body: { name: "Group", focusAreas: ["other"], languages: ["en"] } });
      expect(other.statusCode).toBe(400);
      expect(other.json().errors).toEqual([{ field: "otherFocus", message: "say what the group focuses on" }]);
      expect(await rowCount("groups")).toBe(before);
    });

    it("keeps the other focus only with the focus area other", async () => {
      const res = await send(t.app, "POST", "/api/groups", {
        as: admin,
        body: { name: "Spending Less", focusAreas: ["other"], otherFocus: "compulsive spending", languages: ["en"] },
      });
      expect(res.json()).toMatchObject({ focusAreas: ["other"], otherFocus: "compulsive spending" });
      const changed = await send(t.app, "PATCH", `/api/groups/${res.json().id}`, { as: admin, body: { focusAreas: ["gambling"] } });
      expect(changed.json()).toMatchObject({ focusAreas: ["gambling"], otherFocus: null });
    });
  });

  describe("joining an open group", () => {
    it("needs the current guidelines accepted, and records the version accepted", async () => {
      const group = await createGroup();
      const refused = await join(group.id, people.ana, 2);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().type).toBe("urn:kindred:problem:guidelinesNotAccepted");
      expect((await detail(group.id, people.ana)).myMembership).toBeNull();

      const joined = await join(group.id, people.ana);
      expect(joined.statusCode).toBe(200);
      expect(joined.json()).toMatchObject({
        memberCount: 1,
        myMembership: { status: "active", positions: [], acceptedGuidelinesVersion: 1 },
        can: { seeMembers: true, edit: false, approve: false },
      });
      // A second tap changes nothing.
      expect((await join(group.id, people.ana)).json().memberCount).toBe(1);
    });

    it("asks for the guidelines again once they change", async () => {
      const group = await createGroup();
      await join(group.id, people.ana);

      const renamed = await send(t.app, "PATCH", `/api/groups/${group.id}`, { as: admin, body: { name: "Steady Ground (Tuesdays)" } });
      expect(renamed.json()).toMatchObject({ name: "Steady Ground (Tuesdays)", guidelinesVersion: 1, description: "", focusAreas: ["mental_health"] });

      const edited = await send(t.app, "PATCH", `/api/groups/${group.id}`, { as: admin, body: { guidelines: GUIDELINES + "- Cameras are optional.\n" } });
      expect(edited.json().guidelinesVersion).toBe(2);

      expect((await join(group.id, people.ben, 1)).json().type).toBe("urn:kindred:problem:guidelinesNotAccepted");
      expect((await detail(group.id, people.ana)).myMembership.acceptedGuidelinesVersion).toBe(1);
      expect((await join(group.id, people.ana, 2)).json().myMembership.acceptedGuidelinesVersion).toBe(2);

      const exported = await t.app.services.groups.exportFor(people.ana.memberId);
      expect(exported.guidelineAcceptances.filter((a) => a.groupId === group.id).map((a) => a.version)).toEqual([1, 2]);
    });

    it("lets a member leave, once", async () => {
      const group = await createGroup();
      await join(group.id, people.ben);
      expect((await send(t.app, "DELETE", `/api/groups/${group.id}/membership`, { as: people.ben })).statusCode).toBe(204);
      expect((await detail(group.id, people.ben)).myMembership).toBeNull();
      expect((await send(t.app, "DELETE", `/api/groups/${group.id}/membership`, { as: people.ben })).statusCode).toBe(404);
      expect((await send(t.app, "DELETE", `/api/groups/${group.id}/membership`)).statusCode).toBe(401);
    });

    it("asks the signed-out to sign in before joining", async () => {
      const group = await createGroup();
      expect((await send(t.app, "POST", `/api/groups/${group.id}/join`, { body: { acceptedGuidelinesVersion: 1 } })).statusCode).toBe(401);
    });
  });

  describe("joining a group that approves requests", () => {
    it("makes a request that a chair approves or declines", async () => {
      const group = await createGroup({ membershipPolicy: "approval" });
      await join(group.id, people.cleo);
      await send(t.app, "POST", `/api/groups/${group.id}/members/${people.cleo.memberId}/approve`, { as: admin });
      await setPositions(group.id, people.cleo.memberId, ["chair"]);

      const asked = await join(group.id, people.ana);
      expect(asked.json()).toMatchObject({ memberCount: 1, myMembership: { status: "pending" }, can: { seeMembers: false } });
      await join(group.id, people.ben);

      // A requester does not see who is in the group.
      expect((await send(t.app, "GET", `/api/groups/${group.id}/members`, { as: people.ana })).statusCode).toBe(403);
      const seenByChair = await memberList(group.id, people.cleo);
      expect(seenByChair.map((m) => [m.handle, m.status])).toEqual([
        ["cleo", "active"],
        ["ana", "pending"],
        ["ben", "pending"],
      ]);

      expect((await send(t.app, "POST", `/api/groups/${group.id}/members/${people.ana.memberId}/approve`, { as: people.cleo })).statusCode).toBe(204);
      expect((await send(t.app, "DELETE", `/api/groups/${group.id}/members/${people.ben.memberId}`, { as: people.cleo })).statusCode).toBe(204);
      expect((await detail(group.id, people.ana)).myMembership.status).toBe("active");
      expect((await detail(group.id, people.ben)).myMembership).toBeNull();

      // Approving a member again, or someone who never asked, changes nothing.
      expect((await send(t.app, "POST", `/api/groups/${group.id}/members/${people.ana.memberId}/approve`, { as: people.cleo })).statusCode).toBe(409);
      expect((await send(t.app, "POST", `/api/groups/${group.id}/members/${people.dev.memberId}/approve`, { as: people.cleo })).statusCode).toBe(404);
    });

    it("refuses approval by a member without a service position", async () => {
      const group = await createGroup({ membershipPolicy: "approval" });
      await join(group.id, people.eli);
      await send(t.app, "POST", `/api/groups/${group.id}/members/${people.eli.memberId}/approve`, { as: admin });
      await join(group.id, people.dev);
      const res = await send(t.app, "POST", `/api/groups/${group.id}/members/${people.dev.memberId}/approve`, { as: people.eli });
      expect(res.statusCode).toBe(403);
      expect((await detail(group.id, people.dev)).myMembership.status).toBe("pending");
    });
  });

  describe("invitation-only and unlisted groups", () => {
    it("takes only invited people, invited by handle", async () => {
      const group = await createGroup({ membershipPolicy: "invitation", visibility: "unlisted" });
      expect((await join(group.id, people.ana)).statusCode).toBe(404);

      const invited = await send(t.app, "POST", `/api/groups/${group.id}/invitations`, { as: admin, body: { handle: "ANA" } });
      expect(invited.statusCode).toBe(201);
      expect(invited.json()).toMatchObject({ handle: "ana", status: "invited", positions: [] });
      expect((await send(t.app, "POST", `/api/groups/${group.id}/invitations`, { as: admin, body: { handle: "ana" } })).statusCode).toBe(409);

      expect((await detail(group.id, people.ana)).myMembership.status).toBe("invited");
      expect((await join(group.id, people.ana)).json().myMembership.status).toBe("active");
    });

    it("names the handle when no one has it, and writes nothing", async () => {
      const group = await createGroup({ membershipPolicy: "invitation" });
      const before = await rowCount("memberships");
      const res = await send(t.app, "POST", `/api/groups/${group.id}/invitations`, { as: admin, body: { handle: "nobody-here" } });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([{ field: "handle", message: "no one has this handle" }]);
      expect(await rowCount("memberships")).toBe(before);
    });

    it("refuses someone who was not invited to an invitation-only listed group", async () => {
      const group = await createGroup({ membershipPolicy: "invitation" });
      expect((await join(group.id, people.ben)).statusCode).toBe(403);
      expect((await detail(group.id, people.ben)).myMembership).toBeNull();
    });

    it("answers 404 about an unlisted group to anyone it has no relation to", async () => {
      const group = await createGroup({ visibility: "unlisted", name: "Veterans' Circle" });
      await send(t.app, "POST", `/api/groups/${group.id}/invitations`, { as: admin, body: { handle: "dev" } });
      const missing = await send(t.app, "GET", "/api/groups/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", { as: people.eli });

      for (const as of [people.eli, null]) {
        const res = await send(t.app, "GET", `/api/groups/${group.id}`, { as });
        expect(res.statusCode).toBe(404);
        expect(res.body).toBe(missing.body);
        expect((await send(t.app, "GET", `/api/groups/${group.id}/members`, { as })).statusCode).toBe(404);
        const listed = (await send(t.app, "GET", "/api/groups", { as })).json().groups.map((g: { name: string }) => g.name);
        expect(listed).not.toContain("Veterans' Circle");
      }
      expect((await send(t.app, "GET", `/api/groups/${group.id}`, { as: people.dev })).statusCode).toBe(200);
      const invitee = (await send(t.app, "GET", "/api/groups", { as: people.dev })).json().groups;
      expect(invitee).toContainEqual(expect.objectContaining({ name: "Veterans' Circle", myMembership: expect.objectContaining({ status: "invited" }) }));
      const all = (await send(t.app, "GET", "/api/groups", { as: admin })).json().groups.map((g: { name: string }) => g.name);
      expect(all).toContain("Veterans' Circle");
    });
  });

  describe("service positions", () => {
    it("lets a chair run the group, and leaving ends the positions", async () => {
      const group = await createGroup();
      await join(group.id, people.dev);
      expect((await send(t.app, "PATCH", `/api/groups/${group.id}`, { as: people.dev, body: { description: "Tuesdays" } })).statusCode).toBe(403);

      const set = await setPositions(group.id, people.dev.memberId, ["chair", "treasurer", "chair"]);
      expect(set.statusCode).toBe(200);
      expect(set.json()).toMatchObject({ handle: "dev", status: "active", positions: ["chair", "treasurer"] });
      expect((await detail(group.id, people.dev)).can).toEqual({ edit: true, seeMembers: true, managePositions: true, approve: true, invite: true });
      expect((await send(t.app, "PATCH", `/api/groups/${group.id}`, { as: people.dev, body: { description: "Tuesdays" } })).json().description).toBe("Tuesdays");

      await join(group.id, people.eli);
      expect((await setPositions(group.id, people.eli.memberId, ["secretary"], people.dev)).json().positions).toEqual(["secretary"]);
      const held = await t.app.services.groups.membershipsOf([people.dev.memberId]);
      expect(held.get(people.dev.memberId)).toContainEqual({ groupId: group.id, groupName: "Steady Ground", positions: ["chair", "treasurer"] });

      await send(t.app, "DELETE", `/api/groups/${group.id}/membership`, { as: people.dev });
      await join(group.id, people.dev);
      expect((await detail(group.id, people.dev)).myMembership.positions).toEqual([]);
    });

    it("gives positions only to active members", async () => {
      const group = await createGroup({ membershipPolicy: "approval" });
      await join(group.id, people.ana);
      const before = await rowCount("service_positions");
      expect((await setPositions(group.id, people.ana.memberId, ["chair"])).statusCode).toBe(409);
      expect((await setPositions(group.id, people.ben.memberId, ["chair"])).statusCode).toBe(404);
      const bad = await setPositions(group.id, people.ana.memberId, ["president"]);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].field).toBe("positions.0");
      expect(await rowCount("service_positions")).toBe(before);
      expect((await detail(group.id, people.ana)).myMembership).toMatchObject({ status: "pending", positions: [] });
    });
  });

  describe("member lists", () => {
    it("show display names and handles only, never email or country", async () => {
      const group = await createGroup();
      await join(group.id, people.ana);
      const res = await send(t.app, "GET", `/api/groups/${group.id}/members`, { as: people.ana });
      expect(res.body).not.toContain("ana@example.org");
      expect(res.body).not.toContain("MX");
      expect(Object.keys(res.json().members[0]).sort()).toEqual(["displayName", "handle", "joinedAt", "memberId", "positions", "status"]);
    });

    it("are for members: a signed-in outsider is refused, the signed-out asked to sign in", async () => {
      const group = await createGroup();
      expect((await send(t.app, "GET", `/api/groups/${group.id}/members`, { as: people.eli })).statusCode).toBe(403);
      expect((await send(t.app, "GET", `/api/groups/${group.id}/members`)).statusCode).toBe(401);
    });
  });

  it("lists listed groups to anyone, with the caller's own membership", async () => {
    const group = await createGroup({ name: "Families Affected by Drinking" });
    await join(group.id, people.cleo);
    const anonymous = (await send(t.app, "GET", "/api/groups")).json().groups;
    expect(anonymous).toContainEqual(expect.objectContaining({ name: "Families Affected by Drinking", myMembership: null, memberCount: 1 }));
    const names = anonymous.map((g: { name: string }) => g.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b)));
    const cleo = (await send(t.app, "GET", "/api/groups", { as: people.cleo })).json().groups;
    expect(cleo.find((g: { id: string }) => g.id === group.id).myMembership.status).toBe("active");
  });

  it("exports a member's memberships with positions and when they joined", async () => {
    const group = await createGroup({ name: "Caring for the Carers" });
    await join(group.id, people.eli);
    await setPositions(group.id, people.eli.memberId, ["moderator"]);
    const exported = await t.app.services.groups.exportFor(people.eli.memberId);
    expect(exported.memberships).toContainEqual({
      groupId: group.id,
      groupName: "Caring for the Carers",
      status: "active",
      positions: ["moderator"],
      joinedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
  });

  it("answers a malformed group id with a validation error naming it", async () => {
    const res = await send(t.app, "GET", "/api/groups/not-an-id");
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe("params.groupId");
  });
});
