/**
 * The authorization matrix: every API route against every kind of actor, asserting allow or deny
 * for each cell. A route added to the app without a row here fails the coverage check below, so
 * nothing ships unauthorized by accident.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send, setupOrganization, signUp, TEST_PASSWORD, type Person } from "./testing/client";
import { createTestApp, dialects, type TestApp } from "./testing/harness";

const ACTORS = ["anonymous", "outsider", "member", "chair", "secretary", "treasurer", "moderator", "admin"] as const;
type Actor = (typeof ACTORS)[number];
const POSITIONS = ["chair", "secretary", "treasurer", "moderator"] as const;

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
interface Call {
  method: Method;
  url: string;
  body?: unknown;
}

/** A listed, open group made fresh for one cell, with one person in each position. */
interface Cell {
  actor: Person | null;
  groupId: string;
  unlistedGroupId: string;
  people: Record<Exclude<Actor, "anonymous">, Person>;
  /** Someone who asked to join the group (only for rows that need one; else the outsider). */
  requester: Person;
}

interface Row {
  method: Method;
  path: string;
  /** Run the cell with a freshly made actor, because the call ends the actor's session or account. */
  freshActor?: boolean;
  /** The cell needs someone waiting for approval. */
  withRequester?: boolean;
  /** The call changes the cell's groups, so each cell gets its own (others share one per actor). */
  changesGroups?: boolean;
  call(cell: Cell): Promise<Call> | Call;
  expect: Record<Actor, number>;
}

const everyone = (status: number) => Object.fromEntries(ACTORS.map((a) => [a, status])) as Record<Actor, number>;
const signedIn = (status: number) => ({ ...everyone(status), anonymous: 401 });
const adminsOnly = (status: number) => ({ ...signedIn(403), admin: status });
/** Chair, secretary and organization admins run a group; other members and outsiders may not. */
const stewards = (status: number) => ({ ...signedIn(403), chair: status, secretary: status, admin: status });
const activeMembers = (status: number) => ({ ...signedIn(status), outsider: 403 });

let handles = 0;
const uniqueHandle = (prefix: string) => `${prefix}${++handles}`;

const groupBody = (name: string, extra: object = {}) => ({
  name,
  description: "A circle for peer support.",
  focusAreas: ["grief_loss"],
  languages: ["en"],
  guidelines: "Be kind. What is said here stays here.",
  ...extra,
});

const ROWS: Row[] = [
  { method: "GET", path: "/healthz", call: () => ({ method: "GET", url: "/healthz" }), expect: everyone(200) },
  { method: "GET", path: "/api/openapi.json", call: () => ({ method: "GET", url: "/api/openapi.json" }), expect: everyone(200) },
  { method: "GET", path: "/api/setup", call: () => ({ method: "GET", url: "/api/setup" }), expect: everyone(200) },
  {
    method: "POST",
    path: "/api/setup",
    call: () => ({ method: "POST", url: "/api/setup", body: { organizationName: "Another", handle: uniqueHandle("setup"), password: TEST_PASSWORD } }),
    expect: everyone(409),
  },
  {
    method: "POST",
    path: "/api/account",
    call: () => ({ method: "POST", url: "/api/account", body: { handle: uniqueHandle("new"), password: TEST_PASSWORD } }),
    expect: everyone(201),
  },
  { method: "GET", path: "/api/account", call: () => ({ method: "GET", url: "/api/account" }), expect: signedIn(200) },
  {
    method: "PATCH",
    path: "/api/account",
    call: () => ({ method: "PATCH", url: "/api/account", body: { displayName: "Quiet River" } }),
    expect: signedIn(200),
  },
  {
    method: "DELETE",
    path: "/api/account",
    freshActor: true,
    call: () => ({ method: "DELETE", url: "/api/account", body: { password: TEST_PASSWORD, posts: "delete" } }),
    expect: signedIn(204),
  },
  {
    method: "PUT",
    path: "/api/account/password",
    freshActor: true,
    call: () => ({ method: "PUT", url: "/api/account/password", body: { currentPassword: TEST_PASSWORD, newPassword: "another long passphrase" } }),
    expect: signedIn(204),
  },
  {
    method: "POST",
    path: "/api/account/recovery-codes",
    freshActor: true,
    call: () => ({ method: "POST", url: "/api/account/recovery-codes", body: { password: TEST_PASSWORD } }),
    expect: signedIn(200),
  },
  {
    method: "POST",
    path: "/api/account/recover",
    async call() {
      const someone = await signUpAs(uniqueHandle("forgetful"));
      return {
        method: "POST",
        url: "/api/account/recover",
        body: { handle: someone.handle, recoveryCode: someone.recoveryCodes[0], newPassword: "a brand new passphrase" },
      };
    },
    expect: everyone(200),
  },
  { method: "GET", path: "/api/account/export", call: () => ({ method: "GET", url: "/api/account/export" }), expect: signedIn(200) },
  {
    method: "POST",
    path: "/api/session",
    call: (cell) => ({ method: "POST", url: "/api/session", body: { handle: cell.people.outsider.handle, password: TEST_PASSWORD } }),
    expect: everyone(200),
  },
  { method: "DELETE", path: "/api/session", freshActor: true, call: () => ({ method: "DELETE", url: "/api/session" }), expect: signedIn(204) },
  { method: "DELETE", path: "/api/sessions", freshActor: true, call: () => ({ method: "DELETE", url: "/api/sessions" }), expect: signedIn(204) },
  { method: "GET", path: "/api/organization", call: () => ({ method: "GET", url: "/api/organization" }), expect: everyone(200) },
  {
    method: "PATCH",
    path: "/api/organization",
    call: () => ({ method: "PATCH", url: "/api/organization", body: { name: "Riverside Intergroup" } }),
    expect: adminsOnly(200),
  },
  { method: "GET", path: "/api/admin/people", call: () => ({ method: "GET", url: "/api/admin/people" }), expect: adminsOnly(200) },
  {
    method: "PUT",
    path: "/api/admin/people/:memberId/admin",
    call: (cell) => ({ method: "PUT", url: `/api/admin/people/${cell.people.member.memberId}/admin`, body: { isOrganizationAdmin: false } }),
    expect: adminsOnly(200),
  },
  { method: "GET", path: "/api/groups", call: () => ({ method: "GET", url: "/api/groups" }), expect: everyone(200) },
  {
    method: "POST",
    path: "/api/groups",
    call: () => ({ method: "POST", url: "/api/groups", body: groupBody("Evening Circle") }),
    expect: adminsOnly(201),
  },
  { method: "GET", path: "/api/groups/:groupId", call: (cell) => ({ method: "GET", url: `/api/groups/${cell.groupId}` }), expect: everyone(200) },
  {
    method: "PATCH",
    path: "/api/groups/:groupId",
    changesGroups: true,
    call: (cell) => ({ method: "PATCH", url: `/api/groups/${cell.groupId}`, body: { description: "Updated by group conscience." } }),
    expect: stewards(200),
  },
  {
    method: "POST",
    path: "/api/groups/:groupId/join",
    changesGroups: true,
    call: (cell) => ({ method: "POST", url: `/api/groups/${cell.groupId}/join`, body: { acceptedGuidelinesVersion: 1 } }),
    expect: signedIn(200),
  },
  {
    method: "DELETE",
    path: "/api/groups/:groupId/membership",
    changesGroups: true,
    call: (cell) => ({ method: "DELETE", url: `/api/groups/${cell.groupId}/membership` }),
    // Outsiders and admins have no membership there to leave.
    expect: { ...signedIn(204), outsider: 404, admin: 404 },
  },
  {
    method: "GET",
    path: "/api/groups/:groupId/members",
    call: (cell) => ({ method: "GET", url: `/api/groups/${cell.groupId}/members` }),
    expect: activeMembers(200),
  },
  {
    method: "POST",
    path: "/api/groups/:groupId/members/:memberId/approve",
    changesGroups: true,
    withRequester: true,
    call: (cell) => ({ method: "POST", url: `/api/groups/${cell.groupId}/members/${cell.requester.memberId}/approve` }),
    expect: stewards(204),
  },
  {
    method: "DELETE",
    path: "/api/groups/:groupId/members/:memberId",
    changesGroups: true,
    withRequester: true,
    call: (cell) => ({ method: "DELETE", url: `/api/groups/${cell.groupId}/members/${cell.requester.memberId}` }),
    expect: stewards(204),
  },
  {
    method: "POST",
    path: "/api/groups/:groupId/invitations",
    changesGroups: true,
    call: (cell) => ({ method: "POST", url: `/api/groups/${cell.groupId}/invitations`, body: { handle: cell.people.outsider.handle } }),
    expect: stewards(201),
  },
  {
    method: "PUT",
    path: "/api/groups/:groupId/members/:memberId/positions",
    changesGroups: true,
    call: (cell) => ({ method: "PUT", url: `/api/groups/${cell.groupId}/members/${cell.people.member.memberId}/positions`, body: { positions: ["treasurer"] } }),
    expect: stewards(200),
  },
  { method: "GET", path: "/api/crisis", call: () => ({ method: "GET", url: "/api/crisis?country=GB" }), expect: everyone(200) },
];

/** An unlisted group is private: outsiders (and the signed-out) get 404 for everything in it. */
const UNLISTED_ROWS: Row[] = [
  { method: "GET", path: "/api/groups/:groupId", call: (c) => ({ method: "GET", url: `/api/groups/${c.unlistedGroupId}` }), expect: { ...everyone(200), anonymous: 404, outsider: 404 } },
  {
    method: "GET",
    path: "/api/groups/:groupId/members",
    call: (c) => ({ method: "GET", url: `/api/groups/${c.unlistedGroupId}/members` }),
    expect: { ...everyone(200), anonymous: 404, outsider: 404 },
  },
  {
    method: "POST",
    path: "/api/groups/:groupId/join",
    changesGroups: true,
    call: (c) => ({ method: "POST", url: `/api/groups/${c.unlistedGroupId}/join`, body: { acceptedGuidelinesVersion: 1 } }),
    expect: { ...everyone(200), anonymous: 404, outsider: 404 },
  },
  {
    method: "PATCH",
    path: "/api/groups/:groupId",
    changesGroups: true,
    call: (c) => ({ method: "PATCH", url: `/api/groups/${c.unlistedGroupId}`, body: { name: "Renamed" } }),
    expect: { ...stewards(200), anonymous: 404, outsider: 404 },
  },
];

let t: TestApp;
let admin: Person;
const signUpAs = (handle: string) => signUp(t.app, handle);

async function expectOk(call: Promise<{ statusCode: number; body: string }>, what: string) {
  const res = await call;
  if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res;
}

/** One person per actor kind; those with positions hold them in each cell's fresh group. */
async function makePeople(): Promise<Cell["people"]> {
  const people: Partial<Cell["people"]> = { admin };
  for (const kind of ["outsider", "member", ...POSITIONS] as const) people[kind] = await signUpAs(uniqueHandle(kind));
  return people as Cell["people"];
}

async function createGroup(body: object): Promise<string> {
  const res = await expectOk(send(t.app, "POST", "/api/groups", { as: admin, body }), "create group");
  return (res as unknown as { json(): { id: string } }).json().id;
}

/** Everyone but the outsider joins; an unlisted group exists only for those it invited. */
async function enrol(groupId: string, people: Cell["people"], invite = false) {
  for (const kind of ["member", ...POSITIONS] as const) {
    if (invite) {
      await expectOk(send(t.app, "POST", `/api/groups/${groupId}/invitations`, { as: admin, body: { handle: people[kind].handle } }), `invite ${kind}`);
    }
    await expectOk(send(t.app, "POST", `/api/groups/${groupId}/join`, { as: people[kind], body: { acceptedGuidelinesVersion: 1 } }), `join ${kind}`);
  }
  for (const position of POSITIONS) {
    await expectOk(
      send(t.app, "PUT", `/api/groups/${groupId}/members/${people[position].memberId}/positions`, { as: admin, body: { positions: [position] } }),
      `position ${position}`,
    );
  }
}

/** Someone new asks to join the group (made approval-only for the moment, then open again). */
async function askToJoin(groupId: string): Promise<Person> {
  await expectOk(send(t.app, "PATCH", `/api/groups/${groupId}`, { as: admin, body: { membershipPolicy: "approval" } }), "approval policy");
  const someone = await signUpAs(uniqueHandle("asking"));
  await expectOk(send(t.app, "POST", `/api/groups/${groupId}/join`, { as: someone, body: { acceptedGuidelinesVersion: 1 } }), "request");
  await expectOk(send(t.app, "PATCH", `/api/groups/${groupId}`, { as: admin, body: { membershipPolicy: "open" } }), "open policy");
  return someone;
}

async function makeCell(actor: Actor, shared: Cell["people"], fresh: boolean, withRequester: boolean): Promise<Cell> {
  let people = shared;
  if (fresh && actor !== "anonymous") {
    // A fresh person stands in for this actor kind, since the call ends their session or account.
    const stand_in = await signUpAs(uniqueHandle(`fresh${actor}`));
    if (actor === "admin") {
      await expectOk(send(t.app, "PUT", `/api/admin/people/${stand_in.memberId}/admin`, { as: admin, body: { isOrganizationAdmin: true } }), "make admin");
    }
    people = { ...shared, [actor]: stand_in };
  }
  const groupId = await createGroup(groupBody(uniqueHandle("Circle ")));
  await enrol(groupId, people);
  const unlistedGroupId = await createGroup(groupBody(uniqueHandle("Private circle "), { visibility: "unlisted" }));
  await enrol(unlistedGroupId, people, true);
  const requester = withRequester ? await askToJoin(groupId) : shared.outsider;
  return { actor: actor === "anonymous" ? null : people[actor], groupId, unlistedGroupId, people, requester };
}

describe.each(dialects)("authorization matrix on %s", (dialect) => {
  let people: Cell["people"];
  const sharedCells = new Map<Actor, Cell>();
  async function cellFor(row: Row, actor: Actor): Promise<Cell> {
    if (row.freshActor || row.changesGroups || row.withRequester) {
      return makeCell(actor, people, row.freshActor === true, row.withRequester === true);
    }
    const cell = sharedCells.get(actor) ?? (await makeCell(actor, people, false, false));
    sharedCells.set(actor, cell);
    return cell;
  }
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await setupOrganization(t.app);
    people = await makePeople();
  }, 120_000);
  afterAll(async () => t.close());

  it("has a row for every route the API serves", async () => {
    const spec = (await send(t.app, "GET", "/api/openapi.json")).json() as { paths: Record<string, Record<string, unknown>> };
    const served = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
    );
    const covered = new Set(ROWS.map((r) => `${r.method} ${r.path}`));
    expect(served.filter((route) => !covered.has(route))).toEqual([]);
    expect([...covered].filter((route) => !served.includes(route))).toEqual([]);
  });

  for (const [name, rows] of [["listed group", ROWS], ["unlisted group", UNLISTED_ROWS]] as const) {
    for (const row of rows) {
      it(`${row.method} ${row.path} (${name}) allows and denies as it should`, async () => {
        const got: Record<string, number> = {};
        for (const actor of ACTORS) {
          const cell = await cellFor(row, actor);
          const call = await row.call(cell);
          const res = await send(t.app, call.method, call.url, { as: cell.actor, body: call.body });
          got[actor] = res.statusCode;
          if (res.statusCode >= 400) expect(res.headers["content-type"]).toContain("application/problem+json");
        }
        expect(got).toEqual(row.expect);
      }, 120_000);
    }
  }
});
