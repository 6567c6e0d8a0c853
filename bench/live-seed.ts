/**
 * Bench-only: a group whose meetings follow the SMART-style format (its "Working with tools" step
 * has a speaker, raised hands and open chat at once), its chair (signed up through the API), and
 * up to 1,000 more members written straight into the tables (lib/bulk.ts) with a session each,
 * made by the accounts' own SessionService (no Argon2 sign-up per member). Meetings are added
 * through the API, each starting a few minutes from now so its room is open.
 */
import { newId } from "../core/ids";
import type { App } from "../server/app";
import type { Db } from "../server/db";
import { SESSION_COOKIE } from "../server/http/context";
import { send, setupOrganization, signUp, type Person } from "../server/testing/client";
import { bulkInsert, seedGroupMembers } from "./lib/bulk";

export interface LiveSeed {
  groupId: string;
  admin: Person;
  /** The group's chair: socket 0 of every fleet. */
  chair: Person;
  /** Cookie headers of the other members, in order (`kindred_session=<token>`). */
  memberCookies: string[];
}

async function ok(res: Promise<{ statusCode: number; body: string }>, status: number, what: string): Promise<Record<string, unknown>> {
  const done = await res;
  if (done.statusCode !== status) throw new Error(`${what}: expected ${status}, got ${done.statusCode}: ${done.body.slice(0, 300)}`);
  return JSON.parse(done.body) as Record<string, unknown>;
}

export async function seedLive(app: App, db: Db, members: number): Promise<LiveSeed> {
  const admin = await setupOrganization(app);
  const group = await ok(
    send(app, "POST", "/api/groups", {
      as: admin,
      body: { name: "Thursday Tools", description: "Peer support with recovery tools.", focusAreas: ["mental_health"], languages: ["en"], guidelines: "Be kind." },
    }),
    201,
    "group",
  );
  const groupId = group.id as string;
  const chair = await signUp(app, "chairperson");
  await ok(send(app, "POST", `/api/groups/${groupId}/join`, { as: chair, body: { acceptedGuidelinesVersion: 1 } }), 200, "chair joins");
  await ok(send(app, "PUT", `/api/groups/${groupId}/members/${chair.memberId}/positions`, { as: admin, body: { positions: ["chair"] } }), 200, "chair position");
  // The group's first format is what its meetings follow.
  await ok(send(app, "POST", `/api/groups/${groupId}/formats`, { as: chair, body: { templateId: "smart_style", language: "en" } }), 201, "format");

  const at = new Date().toISOString();
  const ids = Array.from({ length: members }, () => newId());
  await seedGroupMembers(db, groupId, ids, { handle: "bench-member", display: "Member" }, at);
  await bulkInsert(
    db,
    "guideline_acceptances",
    ids.map((id) => ({ group_id: groupId, member_id: id, version: 1, accepted_at: at })),
  );
  const issued = ids.map((id) => app.services.sessions.issue(id));
  await bulkInsert(
    db,
    "sessions",
    issued.map(({ session }) => ({
      id: session.id,
      member_id: session.memberId,
      token_hash: session.tokenHash,
      created_at: session.createdAt,
      last_seen_at: session.lastSeenAt,
      expires_at: session.expiresAt,
    })),
  );
  return { groupId, admin, chair, memberCookies: issued.map(({ token }) => `${SESSION_COOKIE}=${token}`) };
}

/** A daily meeting of the group starting five minutes from now (its room opened ten minutes ago); its room's id. */
export async function openMeeting(app: App, seed: LiveSeed, name: string): Promise<string> {
  const start = new Date(Date.now() + 5 * 60_000).toISOString().slice(11, 16);
  const meeting = await ok(
    send(app, "POST", `/api/groups/${seed.groupId}/meetings`, {
      as: seed.admin,
      body: {
        name,
        schedule: { repeats: { every: "week", days: [0, 1, 2, 3, 4, 5, 6] }, start, timeZone: "Etc/UTC" },
        access: "open",
        languages: ["en"],
        online: { url: "https://example.org/tools", urlNotes: null, phone: null, phoneNotes: null },
      },
    }),
    201,
    "meeting",
  );
  const lobby = await ok(send(app, "GET", `/api/meetings/${meeting.id as string}/room`, { as: seed.chair }), 200, "lobby");
  if (typeof lobby.roomId !== "string") throw new Error(`the room is not open: ${JSON.stringify(lobby)}`);
  return lobby.roomId;
}
