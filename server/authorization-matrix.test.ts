/**
 * The authorization matrix: every API route against every kind of actor, asserting allow or deny
 * for each cell. A route added to the app without a row here fails the coverage check below, so
 * nothing ships unauthorized by accident.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send, setupOrganization, signUp, TEST_PASSWORD, type Person } from "./testing/client";
import { createTestApp, dialects, type TestApp } from "./testing/harness";
import { endedAttendanceOf, meetingStartingSoon } from "./features/live/test-helpers";

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
/** The group's moderators and organization admins. */
const moderators = (status: number) => ({ ...signedIn(403), moderator: status, admin: status });
/** A topic or post on a members-only board is private: outsiders and the signed-out get 404. */
const boardPrivate = (expected: Record<Actor, number>) => ({ ...expected, outsider: 404 });
/** Something of the cell's member (a check-in, a milestone, a buddy request): only they get `status`; anyone else 404. */
const ownOnly = (status: number) => ({ ...everyone(404), anonymous: 401, member: status });
const TODAY = new Date().toISOString().slice(0, 10);

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
  // The meeting directory: meetings follow their group (stewards keep them; anyone who sees the group sees them).
  { method: "GET", path: "/api/meetings", call: () => ({ method: "GET", url: "/api/meetings?tz=America/New_York" }), expect: everyone(200) },
  {
    method: "GET",
    path: "/api/meetings/:slugOrId",
    call: async (cell) => ({ method: "GET", url: `/api/meetings/${(await meetingIn(cell.groupId)).slug}` }),
    expect: everyone(200),
  },
  {
    method: "PATCH",
    path: "/api/meetings/:meetingId",
    call: async (cell) => ({ method: "PATCH", url: `/api/meetings/${(await meetingIn(cell.groupId)).id}`, body: { notes: "Now with coffee." } }),
    expect: stewards(200),
  },
  {
    method: "DELETE",
    path: "/api/meetings/:meetingId",
    call: async (cell) => ({ method: "DELETE", url: `/api/meetings/${(await meetingIn(cell.groupId)).id}` }),
    expect: stewards(204),
  },
  {
    method: "POST",
    path: "/api/meetings/:meetingId/corrections",
    call: async (cell) => ({ method: "POST", url: `/api/meetings/${(await meetingIn(cell.groupId)).id}/corrections`, body: { message: "The door code changed." } }),
    expect: everyone(204),
  },
  { method: "GET", path: "/api/groups/:groupId/meetings", call: (cell) => ({ method: "GET", url: `/api/groups/${cell.groupId}/meetings` }), expect: everyone(200) },
  {
    method: "POST",
    path: "/api/groups/:groupId/meetings",
    call: (cell) => ({ method: "POST", url: `/api/groups/${cell.groupId}/meetings`, body: MEETING }),
    expect: stewards(201),
  },
  { method: "GET", path: "/api/groups/:groupId/corrections", call: (cell) => ({ method: "GET", url: `/api/groups/${cell.groupId}/corrections` }), expect: stewards(200) },
  {
    method: "PATCH",
    path: "/api/groups/:groupId/corrections/:correctionId",
    call: async (cell) => ({ method: "PATCH", url: `/api/groups/${cell.groupId}/corrections/${await correctionIn(cell.groupId)}`, body: { handled: true } }),
    expect: stewards(200),
  },
  {
    method: "POST",
    path: "/api/admin/imports/meeting-guide",
    call: () => ({
      method: "POST",
      url: "/api/admin/imports/meeting-guide",
      body: [{ slug: "matrix-import", name: "Imported Meeting", day: 1, time: "19:00", timezone: "America/New_York", location: "Library" }],
    }),
    expect: adminsOnly(200),
  },
  { method: "GET", path: "/api/feeds/meeting-guide.json", call: () => ({ method: "GET", url: "/api/feeds/meeting-guide.json" }), expect: everyone(200) },
  {
    method: "GET",
    path: "/api/feeds/meetings/:slug.ics",
    call: async (cell) => ({ method: "GET", url: `/api/feeds/meetings/${(await meetingIn(cell.groupId)).slug}.ics` }),
    expect: everyone(200),
  },
  { method: "GET", path: "/api/feeds/groups/:groupId.ics", call: (cell) => ({ method: "GET", url: `/api/feeds/groups/${cell.groupId}.ics` }), expect: everyone(200) },
  { method: "GET", path: "/api/feeds/organization.ics", call: () => ({ method: "GET", url: "/api/feeds/organization.ics" }), expect: everyone(200) },
  { method: "GET", path: "/api/feeds/search.ics", call: () => ({ method: "GET", url: "/api/feeds/search.ics?attendance=in_person" }), expect: everyone(200) },
  { method: "GET", path: "/api/feeds/meetings.pdf", call: () => ({ method: "GET", url: "/api/feeds/meetings.pdf?group_by=region&hours=24&lang=es" }), expect: everyone(200) },
  { method: "GET", path: "/api/feeds/print-schedule.json", call: () => ({ method: "GET", url: "/api/feeds/print-schedule.json?group_by=day" }), expect: everyone(200) },
  // The group board (members only, the default); topics are written by `poster` unless the row needs the actor's own.
  {
    method: "GET",
    path: "/api/groups/:groupId/board/threads",
    call: (cell) => ({ method: "GET", url: `/api/groups/${cell.groupId}/board/threads` }),
    expect: activeMembers(200),
  },
  {
    method: "POST",
    path: "/api/groups/:groupId/board/threads",
    // Fresh people, since new members wait between posts.
    freshActor: true,
    call: (cell) => ({ method: "POST", url: `/api/groups/${cell.groupId}/board/threads`, body: { title: "Hello", body: "First time here." } }),
    expect: activeMembers(201),
  },
  {
    method: "PUT",
    path: "/api/groups/:groupId/board/settings",
    changesGroups: true,
    call: (cell) => ({ method: "PUT", url: `/api/groups/${cell.groupId}/board/settings`, body: { visibility: "public" } }),
    expect: stewards(200),
  },
  { method: "GET", path: "/api/groups/:groupId/board/queue", call: (cell) => ({ method: "GET", url: `/api/groups/${cell.groupId}/board/queue` }), expect: moderators(200) },
  { method: "GET", path: "/api/groups/:groupId/board/audit", call: (cell) => ({ method: "GET", url: `/api/groups/${cell.groupId}/board/audit` }), expect: moderators(200) },
  {
    method: "POST",
    path: "/api/groups/:groupId/board/members/:memberId/moderation",
    call: (cell) => ({
      method: "POST",
      url: `/api/groups/${cell.groupId}/board/members/${cell.people.member.memberId}/moderation`,
      body: { action: "warn", note: "Please keep to the guidelines." },
    }),
    expect: moderators(201),
  },
  {
    method: "GET",
    path: "/api/board/threads/:threadId",
    call: async (cell) => ({ method: "GET", url: `/api/board/threads/${(await boardTopic(cell)).threadId}` }),
    expect: boardPrivate({ ...everyone(200), anonymous: 404 }),
  },
  {
    method: "GET",
    path: "/api/board/threads/:threadId/replies",
    call: async (cell) => ({ method: "GET", url: `/api/board/threads/${(await boardTopic(cell)).threadId}/replies` }),
    expect: boardPrivate({ ...everyone(200), anonymous: 404 }),
  },
  {
    method: "POST",
    path: "/api/board/threads/:threadId/replies",
    freshActor: true,
    call: async (cell) => ({ method: "POST", url: `/api/board/threads/${(await boardTopic(cell)).threadId}/replies`, body: { body: "Sending strength." } }),
    expect: boardPrivate(signedIn(201)),
  },
  {
    method: "PUT",
    path: "/api/board/threads/:threadId/read",
    async call(cell) {
      const topic = await boardTopic(cell);
      return { method: "PUT", url: `/api/board/threads/${topic.threadId}/read`, body: { postId: topic.postId } };
    },
    expect: boardPrivate(signedIn(204)),
  },
  {
    method: "PUT",
    path: "/api/board/threads/:threadId/pin",
    call: async (cell) => ({ method: "PUT", url: `/api/board/threads/${(await boardTopic(cell)).threadId}/pin`, body: { pinned: true } }),
    expect: boardPrivate(moderators(200)),
  },
  {
    method: "PATCH",
    path: "/api/board/posts/:postId",
    freshActor: true,
    call: async (cell) => ({ method: "PATCH", url: `/api/board/posts/${(await boardTopic(cell, ownPostBy(cell))).postId}`, body: { body: "Edited." } }),
    expect: boardPrivate(signedIn(200)),
  },
  {
    method: "DELETE",
    path: "/api/board/posts/:postId",
    freshActor: true,
    call: async (cell) => ({ method: "DELETE", url: `/api/board/posts/${(await boardTopic(cell, ownPostBy(cell))).postId}` }),
    expect: boardPrivate(signedIn(204)),
  },
  ...(["PUT", "DELETE"] as const).map(
    (method): Row => ({
      method,
      path: "/api/board/posts/:postId/reactions/:kind",
      call: async (cell) => ({ method, url: `/api/board/posts/${(await boardTopic(cell)).postId}/reactions/me_too` }),
      expect: boardPrivate(signedIn(200)),
    }),
  ),
  {
    method: "POST",
    path: "/api/board/posts/:postId/flags",
    call: async (cell) => ({ method: "POST", url: `/api/board/posts/${(await boardTopic(cell)).postId}/flags`, body: { reason: "spam" } }),
    // Brand-new members cannot flag yet; staff can.
    expect: boardPrivate(moderators(201)),
  },
  {
    method: "GET",
    path: "/api/board/posts/:postId/versions",
    call: async (cell) => ({ method: "GET", url: `/api/board/posts/${(await boardTopic(cell)).postId}/versions` }),
    expect: boardPrivate(moderators(200)),
  },
  {
    method: "POST",
    path: "/api/board/posts/:postId/moderation",
    call: async (cell) => ({ method: "POST", url: `/api/board/posts/${(await boardTopic(cell)).postId}/moderation`, body: { action: "hide", note: "Off topic here." } }),
    expect: boardPrivate(moderators(200)),
  },
  { method: "GET", path: "/api/board/notices", call: () => ({ method: "GET", url: "/api/board/notices" }), expect: signedIn(200) },
  {
    method: "POST",
    path: "/api/board/notices/:noticeId/appeal",
    // A notice is the member's own: to anyone else it does not exist.
    call: async (cell) => ({ method: "POST", url: `/api/board/notices/${await warningFor(cell, admin)}/appeal`, body: { message: "I meant well." } }),
    expect: { ...everyone(404), anonymous: 401, member: 201 },
  },
  {
    method: "POST",
    path: "/api/board/appeals/:appealId/decision",
    async call(cell) {
      const noticeId = await warningFor(cell, cell.people.moderator);
      const appeal = await expectOk(send(t.app, "POST", `/api/board/notices/${noticeId}/appeal`, { as: cell.people.member, body: { message: "I meant well." } }), "appeal");
      const appealId = (appeal as unknown as { json(): { id: string } }).json().id;
      return { method: "POST", url: `/api/board/appeals/${appealId}/decision`, body: { outcome: "uphold", note: "The warning stands." } };
    },
    // Another moderator or an admin decides: not the moderator who acted, nor the member who appeals.
    expect: { ...everyone(404), anonymous: 401, member: 403, moderator: 403, admin: 200 },
  },
  { method: "GET", path: "/api/board/trust", call: () => ({ method: "GET", url: "/api/board/trust" }), expect: signedIn(200) },
  {
    method: "PUT",
    path: "/api/board/trust/:memberId",
    call: (cell) => ({ method: "PUT", url: `/api/board/trust/${cell.people.member.memberId}`, body: { level: 1 } }),
    expect: adminsOnly(200),
  },
  // Check-ins, milestones, buddies and notifications are the signed-in member's own: to anyone else they do not exist.
  { method: "PUT", path: "/api/check-ins/days/:date", call: () => ({ method: "PUT", url: `/api/check-ins/days/${TODAY}`, body: { mood: 3 } }), expect: signedIn(200) },
  { method: "GET", path: "/api/check-ins", call: () => ({ method: "GET", url: "/api/check-ins" }), expect: signedIn(200) },
  { method: "GET", path: "/api/check-ins/chart", call: () => ({ method: "GET", url: "/api/check-ins/chart" }), expect: signedIn(200) },
  { method: "GET", path: "/api/check-ins/:checkInId", call: async (cell) => ({ method: "GET", url: `/api/check-ins/${await checkInOf(cell)}` }), expect: ownOnly(200) },
  { method: "DELETE", path: "/api/check-ins/:checkInId", call: async (cell) => ({ method: "DELETE", url: `/api/check-ins/${await checkInOf(cell)}` }), expect: ownOnly(204) },
  {
    method: "PUT",
    path: "/api/check-ins/:checkInId/share",
    call: async (cell) => ({ method: "PUT", url: `/api/check-ins/${await checkInOf(cell)}/share`, body: { groupId: cell.groupId } }),
    expect: ownOnly(200),
  },
  { method: "DELETE", path: "/api/check-ins/:checkInId/share", call: async (cell) => ({ method: "DELETE", url: `/api/check-ins/${await checkInOf(cell)}/share` }), expect: ownOnly(200) },
  {
    method: "GET",
    path: "/api/groups/:groupId/check-ins",
    call: (cell) => ({ method: "GET", url: `/api/groups/${cell.groupId}/check-ins` }),
    // Shared check-ins are for the group's active members: not even admins who are not members see them.
    expect: { ...activeMembers(200), admin: 403 },
  },
  { method: "GET", path: "/api/milestones", call: () => ({ method: "GET", url: "/api/milestones" }), expect: signedIn(200) },
  { method: "POST", path: "/api/milestones", call: () => ({ method: "POST", url: "/api/milestones", body: { label: "sober", since: "2024-02-29" } }), expect: signedIn(201) },
  {
    method: "PATCH",
    path: "/api/milestones/:milestoneId",
    call: async (cell) => ({ method: "PATCH", url: `/api/milestones/${await milestoneOf(cell)}`, body: { celebrateIn: [cell.groupId] } }),
    expect: ownOnly(200),
  },
  {
    method: "PUT",
    path: "/api/milestones/:milestoneId/since",
    call: async (cell) => ({ method: "PUT", url: `/api/milestones/${await milestoneOf(cell)}/since`, body: { since: "2025-01-01" } }),
    expect: ownOnly(200),
  },
  { method: "DELETE", path: "/api/milestones/:milestoneId", call: async (cell) => ({ method: "DELETE", url: `/api/milestones/${await milestoneOf(cell)}` }), expect: ownOnly(204) },
  { method: "GET", path: "/api/groups/:groupId/celebrations", call: (cell) => ({ method: "GET", url: `/api/groups/${cell.groupId}/celebrations` }), expect: activeMembers(200) },
  { method: "GET", path: "/api/buddies", call: () => ({ method: "GET", url: "/api/buddies" }), expect: signedIn(200) },
  {
    method: "POST",
    path: "/api/buddies",
    call: async (cell) => ({ method: "POST", url: "/api/buddies", body: { handle: (await newcomerIn(cell)).handle } }),
    // Only someone who shares a group can be asked; the outsider and the admin share none here.
    expect: { ...signedIn(201), outsider: 400, admin: 400 },
  },
  { method: "POST", path: "/api/buddies/:buddyId/accept", call: async (cell) => ({ method: "POST", url: `/api/buddies/${await buddyOf(cell)}/accept` }), expect: ownOnly(200) },
  { method: "POST", path: "/api/buddies/:buddyId/decline", call: async (cell) => ({ method: "POST", url: `/api/buddies/${await buddyOf(cell)}/decline` }), expect: ownOnly(204) },
  { method: "DELETE", path: "/api/buddies/:buddyId", call: async (cell) => ({ method: "DELETE", url: `/api/buddies/${await buddyOf(cell)}` }), expect: ownOnly(204) },
  {
    method: "GET",
    path: "/api/buddies/:buddyId/messages",
    call: async (cell) => ({ method: "GET", url: `/api/buddies/${await buddyOf(cell, true)}/messages` }),
    expect: ownOnly(200),
  },
  {
    method: "POST",
    path: "/api/buddies/:buddyId/messages",
    async call(cell) {
      // Messages open at trust level 1 (new members hear 403 notYetTrusted: see the buddies tests).
      await expectOk(send(t.app, "PUT", `/api/board/trust/${cell.people.member.memberId}`, { as: admin, body: { level: 1 } }), "trust");
      return { method: "POST", url: `/api/buddies/${await buddyOf(cell, true)}/messages`, body: { body: "Hello, buddy." } };
    },
    expect: ownOnly(201),
  },
  { method: "GET", path: "/api/blocks", call: () => ({ method: "GET", url: "/api/blocks" }), expect: signedIn(200) },
  { method: "PUT", path: "/api/blocks/:memberId", call: async () => ({ method: "PUT", url: `/api/blocks/${(await signUpAs(uniqueHandle("pest"))).memberId}` }), expect: signedIn(204) },
  { method: "DELETE", path: "/api/blocks/:memberId", call: (cell) => ({ method: "DELETE", url: `/api/blocks/${cell.people.outsider.memberId}` }), expect: signedIn(204) },
  { method: "GET", path: "/api/notifications", call: () => ({ method: "GET", url: "/api/notifications" }), expect: signedIn(200) },
  { method: "GET", path: "/api/notifications/unread", call: () => ({ method: "GET", url: "/api/notifications/unread" }), expect: signedIn(200) },
  {
    method: "PUT",
    path: "/api/notifications/:notificationId/read",
    call: async (cell) => ({ method: "PUT", url: `/api/notifications/${await notificationOf(cell)}/read` }),
    expect: ownOnly(204),
  },
  { method: "POST", path: "/api/notifications/read-all", call: () => ({ method: "POST", url: "/api/notifications/read-all" }), expect: signedIn(204) },
  { method: "GET", path: "/api/notifications/settings", call: () => ({ method: "GET", url: "/api/notifications/settings" }), expect: signedIn(200) },
  {
    method: "PUT",
    path: "/api/notifications/settings",
    call: () => ({ method: "PUT", url: "/api/notifications/settings", body: { settings: [{ kind: "meeting_soon", inApp: true }] } }),
    expect: signedIn(200),
  },
  // Flagged direct messages (H5): the recipient flags; the organization's admins review; the organization's audit log.
  {
    method: "POST",
    path: "/api/buddies/:buddyId/messages/:messageId/flags",
    async call(cell) {
      const { buddyId, messageId } = await messageTo(cell);
      return { method: "POST", url: `/api/buddies/${buddyId}/messages/${messageId}/flags`, body: { reason: "harassment" } };
    },
    expect: ownOnly(201),
  },
  { method: "GET", path: "/api/admin/flagged-messages", call: () => ({ method: "GET", url: "/api/admin/flagged-messages" }), expect: adminsOnly(200) },
  {
    method: "POST",
    path: "/api/admin/flagged-messages/:messageId/decision",
    async call(cell) {
      const { buddyId, messageId } = await messageTo(cell);
      await expectOk(send(t.app, "POST", `/api/buddies/${buddyId}/messages/${messageId}/flags`, { as: cell.people.member, body: { reason: "spam" } }), "flag message");
      return { method: "POST", url: `/api/admin/flagged-messages/${messageId}/decision`, body: { action: "hide", note: "Spam is not allowed." } };
    },
    expect: adminsOnly(200),
  },
  { method: "GET", path: "/api/admin/audit", call: () => ({ method: "GET", url: "/api/admin/audit" }), expect: adminsOnly(200) },
  // Meeting formats: whoever sees the group sees them; members holding the chair position (and admins) copy and edit them.
  { method: "GET", path: "/api/live/templates", call: () => ({ method: "GET", url: "/api/live/templates?language=es" }), expect: everyone(200) },
  { method: "GET", path: "/api/groups/:groupId/formats", call: (cell) => ({ method: "GET", url: `/api/groups/${cell.groupId}/formats` }), expect: everyone(200) },
  {
    method: "POST",
    path: "/api/groups/:groupId/formats",
    call: (cell) => ({ method: "POST", url: `/api/groups/${cell.groupId}/formats`, body: { templateId: "grief_circle", language: "en" } }),
    expect: formatEditors(201),
  },
  { method: "GET", path: "/api/formats/:formatId", call: async (cell) => ({ method: "GET", url: `/api/formats/${await formatIn(cell.groupId)}` }), expect: everyone(200) },
  {
    method: "PUT",
    path: "/api/formats/:formatId",
    async call(cell) {
      const id = await formatIn(cell.groupId);
      const { format } = JSON.parse((await send(t.app, "GET", `/api/formats/${id}`)).body) as { format: { name: string } };
      return { method: "PUT", url: `/api/formats/${id}`, body: { format: { ...format, name: "Our own circle" } } };
    },
    expect: formatEditors(200),
  },
  {
    method: "GET",
    path: "/api/formats/:formatId/versions",
    call: async (cell) => ({ method: "GET", url: `/api/formats/${await formatIn(cell.groupId)}/versions` }),
    expect: everyone(200),
  },
  {
    method: "GET",
    path: "/api/formats/:formatId/versions/:version",
    call: async (cell) => ({ method: "GET", url: `/api/formats/${await formatIn(cell.groupId)}/versions/1` }),
    expect: everyone(200),
  },
  {
    method: "GET",
    path: "/api/meetings/:meetingId/format",
    call: async (cell) => ({ method: "GET", url: `/api/meetings/${(await meetingIn(cell.groupId)).slug}/format` }),
    expect: everyone(200),
  },
  {
    method: "PUT",
    path: "/api/meetings/:meetingId/format",
    call: async (cell) => ({ method: "PUT", url: `/api/meetings/${(await meetingIn(cell.groupId)).id}/format`, body: { formatId: await formatIn(cell.groupId) } }),
    expect: stewards(200),
  },
  // Live meetings: a meeting's room follows the meeting (whoever sees it sees its lobby); opening early is the chair's.
  { method: "GET", path: "/api/meetings/:meetingId/room", call: async (cell) => ({ method: "GET", url: `/api/meetings/${(await meetingIn(cell.groupId)).id}/room` }), expect: everyone(200) },
  {
    method: "POST",
    path: "/api/meetings/:meetingId/room/open",
    call: async (cell) => ({ method: "POST", url: `/api/meetings/${(await soonMeetingIn(cell.groupId)).id}/room/open` }),
    expect: { ...signedIn(403), chair: 200, admin: 200 },
  },
  { method: "GET", path: "/api/groups/:groupId/live-settings", call: (cell) => ({ method: "GET", url: `/api/groups/${cell.groupId}/live-settings` }), expect: everyone(200) },
  {
    method: "PUT",
    path: "/api/groups/:groupId/live-settings",
    call: (cell) => ({ method: "PUT", url: `/api/groups/${cell.groupId}/live-settings`, body: { observersAllowed: false, waitingRoom: true, retention: "none" } }),
    expect: stewards(200),
  },
  { method: "GET", path: "/api/live/attendance", call: () => ({ method: "GET", url: "/api/live/attendance" }), expect: signedIn(200) },
  {
    method: "GET",
    path: "/api/live/attendance/:attendanceId/slip",
    call: async (cell) => ({ method: "GET", url: `/api/live/attendance/${await endedAttendanceOf(t.db, cell.people.member.memberId)}/slip` }),
    expect: ownOnly(200),
  },
  { method: "GET", path: "/api/live/slips/verify/:code", call: () => ({ method: "GET", url: "/api/live/slips/verify/not-a-slip" }), expect: everyone(200) },
  // The socket itself answers only upgrades (see live.test.ts); a plain request is refused after the sign-in check.
  { method: "GET", path: "/api/live/socket", call: () => ({ method: "GET", url: "/api/live/socket" }), expect: signedIn(400) },
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
  {
    method: "GET",
    path: "/api/meetings/:slugOrId",
    call: async (c) => ({ method: "GET", url: `/api/meetings/${(await meetingIn(c.unlistedGroupId)).slug}` }),
    expect: { ...everyone(200), anonymous: 404, outsider: 404 },
  },
  {
    method: "PATCH",
    path: "/api/meetings/:meetingId",
    call: async (c) => ({ method: "PATCH", url: `/api/meetings/${(await meetingIn(c.unlistedGroupId)).id}`, body: { notes: "Changed." } }),
    expect: { ...stewards(200), anonymous: 404, outsider: 404 },
  },
  {
    method: "DELETE",
    path: "/api/meetings/:meetingId",
    call: async (c) => ({ method: "DELETE", url: `/api/meetings/${(await meetingIn(c.unlistedGroupId)).id}` }),
    expect: { ...stewards(204), anonymous: 404, outsider: 404 },
  },
  {
    method: "POST",
    path: "/api/meetings/:meetingId/corrections",
    call: async (c) => ({ method: "POST", url: `/api/meetings/${(await meetingIn(c.unlistedGroupId)).id}/corrections`, body: { message: "Wrong time." } }),
    expect: { ...everyone(204), anonymous: 404, outsider: 404 },
  },
  {
    method: "GET",
    path: "/api/groups/:groupId/meetings",
    call: (c) => ({ method: "GET", url: `/api/groups/${c.unlistedGroupId}/meetings` }),
    expect: { ...everyone(200), anonymous: 404, outsider: 404 },
  },
  {
    method: "POST",
    path: "/api/groups/:groupId/meetings",
    call: (c) => ({ method: "POST", url: `/api/groups/${c.unlistedGroupId}/meetings`, body: MEETING }),
    expect: { ...stewards(201), anonymous: 404, outsider: 404 },
  },
  {
    method: "GET",
    path: "/api/groups/:groupId/corrections",
    call: (c) => ({ method: "GET", url: `/api/groups/${c.unlistedGroupId}/corrections` }),
    expect: { ...stewards(200), anonymous: 404, outsider: 404 },
  },
  {
    method: "GET",
    path: "/api/feeds/meeting-guide.json",
    call: (c) => ({ method: "GET", url: `/api/feeds/meeting-guide.json?group=${c.unlistedGroupId}` }),
    expect: { ...everyone(200), anonymous: 404, outsider: 404 },
  },
  {
    method: "GET",
    path: "/api/feeds/meetings/:slug.ics",
    call: async (c) => ({ method: "GET", url: `/api/feeds/meetings/${(await meetingIn(c.unlistedGroupId)).slug}.ics` }),
    expect: { ...everyone(200), anonymous: 404, outsider: 404 },
  },
  {
    method: "GET",
    path: "/api/feeds/groups/:groupId.ics",
    call: (c) => ({ method: "GET", url: `/api/feeds/groups/${c.unlistedGroupId}.ics` }),
    expect: { ...everyone(200), anonymous: 404, outsider: 404 },
  },
  {
    method: "GET",
    path: "/api/groups/:groupId/board/threads",
    call: (c) => ({ method: "GET", url: `/api/groups/${c.unlistedGroupId}/board/threads` }),
    expect: { ...everyone(200), anonymous: 404, outsider: 404 },
  },
  // Signed-in routes answer 401 first; the unlisted group does not exist for the outsider.
  {
    method: "GET",
    path: "/api/groups/:groupId/check-ins",
    call: (c) => ({ method: "GET", url: `/api/groups/${c.unlistedGroupId}/check-ins` }),
    expect: { ...activeMembers(200), outsider: 404, admin: 403 },
  },
  {
    method: "GET",
    path: "/api/groups/:groupId/celebrations",
    call: (c) => ({ method: "GET", url: `/api/groups/${c.unlistedGroupId}/celebrations` }),
    expect: { ...activeMembers(200), outsider: 404 },
  },
  {
    method: "GET",
    path: "/api/formats/:formatId",
    call: async (c) => ({ method: "GET", url: `/api/formats/${await formatIn(c.unlistedGroupId)}` }),
    expect: { ...everyone(200), anonymous: 404, outsider: 404 },
  },
  {
    method: "GET",
    path: "/api/meetings/:meetingId/room",
    call: async (c) => ({ method: "GET", url: `/api/meetings/${(await meetingIn(c.unlistedGroupId)).id}/room` }),
    expect: { ...everyone(200), anonymous: 404, outsider: 404 },
  },
  {
    method: "POST",
    path: "/api/meetings/:meetingId/room/open",
    call: async (c) => ({ method: "POST", url: `/api/meetings/${(await soonMeetingIn(c.unlistedGroupId)).id}/room/open` }),
    expect: { ...signedIn(403), anonymous: 401, outsider: 404, chair: 200, admin: 200 },
  },
  {
    method: "GET",
    path: "/api/groups/:groupId/live-settings",
    call: (c) => ({ method: "GET", url: `/api/groups/${c.unlistedGroupId}/live-settings` }),
    expect: { ...everyone(200), anonymous: 404, outsider: 404 },
  },
];

let t: TestApp;
let admin: Person;
/** A second organization admin who writes the board's topics (admins take part without the new-member pause). */
let poster: Person;
const signUpAs = (handle: string) => signUp(t.app, handle);

async function expectOk(call: Promise<{ statusCode: number; body: string }>, what: string) {
  const res = await call;
  if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res;
}

/** A topic on the cell's board, by the poster unless someone else is given. */
async function boardTopic(cell: Cell, as: Person = poster): Promise<{ threadId: string; postId: string }> {
  const res = await expectOk(send(t.app, "POST", `/api/groups/${cell.groupId}/board/threads`, { as, body: { title: "A topic", body: "Some words." } }), "topic");
  const topic = (res as unknown as { json(): { thread: { id: string }; opening: { id: string } } }).json();
  return { threadId: topic.thread.id, postId: topic.opening.id };
}

/** The actor's own post where they can write one; the outsider and the signed-out act on the poster's. */
const ownPostBy = (cell: Cell) => (cell.actor && cell.actor !== cell.people.outsider ? cell.actor : poster);

/** A moderator (`by`) warns the cell's member; the id of the notice the member gets. */
async function warningFor(cell: Cell, by: Person): Promise<string> {
  const note = uniqueHandle("A reminder ");
  await expectOk(
    send(t.app, "POST", `/api/groups/${cell.groupId}/board/members/${cell.people.member.memberId}/moderation`, { as: by, body: { action: "warn", note } }),
    "warn",
  );
  const res = await expectOk(send(t.app, "GET", "/api/board/notices", { as: cell.people.member }), "notices");
  const { notices } = (res as unknown as { json(): { notices: { id: string; note: string | null }[] } }).json();
  return notices.find((n) => n.note === note)!.id;
}

const MEETING = {
  name: "Evening Reflection",
  schedule: { repeats: { every: "week", days: [2] }, start: "19:00", timeZone: "America/New_York" },
  venue: { name: "Library", address: "1 Main St", latitude: null, longitude: null, approximate: false, notes: null },
};

/** A meeting the admin adds to the group for one call. */
async function meetingIn(groupId: string): Promise<{ id: string; slug: string }> {
  const res = await expectOk(send(t.app, "POST", `/api/groups/${groupId}/meetings`, { as: admin, body: MEETING }), "add meeting");
  return JSON.parse(res.body) as { id: string; slug: string };
}

/** A meeting starting within the hour (so its live room may be opened early), added by the admin. */
async function soonMeetingIn(groupId: string): Promise<{ id: string; slug: string }> {
  const res = await expectOk(send(t.app, "POST", `/api/groups/${groupId}/meetings`, { as: admin, body: meetingStartingSoon() }), "add meeting");
  return JSON.parse(res.body) as { id: string; slug: string };
}

/** A correction reported (by someone signed out) about a new meeting of the group; its id. */
async function correctionIn(groupId: string): Promise<string> {
  const meeting = await meetingIn(groupId);
  await expectOk(send(t.app, "POST", `/api/meetings/${meeting.id}/corrections`, { body: { message: "The room changed." } }), "report correction");
  const res = await expectOk(send(t.app, "GET", `/api/groups/${groupId}/corrections`, { as: admin }), "corrections");
  const { corrections } = JSON.parse(res.body) as { corrections: { id: string; meetingId: string }[] };
  return corrections.find((correction) => correction.meetingId === meeting.id)!.id;
}

const idOf = (res: { body: string }) => (JSON.parse(res.body) as { id: string }).id;

/** The cell's member's check-in of today (the same one each time, until deleted). */
async function checkInOf(cell: Cell): Promise<string> {
  return idOf(await expectOk(send(t.app, "PUT", `/api/check-ins/days/${TODAY}`, { as: cell.people.member, body: { mood: 4 } }), "check in"));
}

async function milestoneOf(cell: Cell): Promise<string> {
  return idOf(await expectOk(send(t.app, "POST", "/api/milestones", { as: cell.people.member, body: { label: "clean", since: "2024-06-01" } }), "milestone"));
}

/** Someone new in the cell's group. */
async function newcomerIn(cell: Cell): Promise<Person> {
  const someone = await signUpAs(uniqueHandle("newcomer"));
  await expectOk(send(t.app, "POST", `/api/groups/${cell.groupId}/join`, { as: someone, body: { acceptedGuidelinesVersion: 1 } }), "join");
  return someone;
}

/** A newcomer asks the cell's member to be their buddy (accepted when `accepted`); the buddyship's id. */
async function buddyOf(cell: Cell, accepted = false): Promise<string> {
  const asker = await newcomerIn(cell);
  const id = idOf(await expectOk(send(t.app, "POST", "/api/buddies", { as: asker, body: { handle: cell.people.member.handle } }), "ask"));
  if (accepted) await expectOk(send(t.app, "POST", `/api/buddies/${id}/accept`, { as: cell.people.member }), "accept");
  return id;
}

/** A newcomer, the cell's member's buddy, sends them a message (both trusted enough to write and flag); its ids. */
async function messageTo(cell: Cell): Promise<{ buddyId: string; messageId: string }> {
  const asker = await newcomerIn(cell);
  const buddyId = idOf(await expectOk(send(t.app, "POST", "/api/buddies", { as: asker, body: { handle: cell.people.member.handle } }), "ask"));
  await expectOk(send(t.app, "POST", `/api/buddies/${buddyId}/accept`, { as: cell.people.member }), "accept");
  for (const who of [asker, cell.people.member]) {
    await expectOk(send(t.app, "PUT", `/api/board/trust/${who.memberId}`, { as: admin, body: { level: 1 } }), "trust");
  }
  const messageId = idOf(await expectOk(send(t.app, "POST", `/api/buddies/${buddyId}/messages`, { as: asker, body: { body: "You again." } }), "message"));
  return { buddyId, messageId };
}

/** A notification of the cell's member (a buddy request); its id. */
async function notificationOf(cell: Cell): Promise<string> {
  await buddyOf(cell);
  const res = await expectOk(send(t.app, "GET", "/api/notifications", { as: cell.people.member }), "notifications");
  return (JSON.parse(res.body) as { notifications: { id: string }[] }).notifications[0]!.id;
}

/** Members holding the chair position and organization admins keep a group's meeting formats. */
function formatEditors(status: number): Record<Actor, number> {
  return { ...signedIn(403), chair: status, admin: status };
}

/** A meeting format the admin copies into the group for one call; its id. */
async function formatIn(groupId: string): Promise<string> {
  const body = { templateId: "peer_support_open_share", language: "en" };
  return idOf(await expectOk(send(t.app, "POST", `/api/groups/${groupId}/formats`, { as: admin, body }), "add format"));
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
    poster = await signUpAs(uniqueHandle("poster"));
    await expectOk(send(t.app, "PUT", `/api/admin/people/${poster.memberId}/admin`, { as: admin, body: { isOrganizationAdmin: true } }), "poster admin");
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
