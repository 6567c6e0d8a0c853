/** Shared by the live meeting tests: apps on a clock the test sets, listening for real sockets, and a small socket client. */
import { WebSocket } from "ws";
import { newId } from "../../../core/ids";
import { buildApp, type App } from "../../app";
import type { Config } from "../../config";
import { createDb, type Db } from "../../db";
import { send, setupOrganization, signUp, TEST_ORIGIN, type Person } from "../../testing/client";
import { createTestDatabase, testConfig, type DialectName, type TestDatabase } from "../../testing/harness";
import type { LiveService } from "./service";

/** A Tuesday, ten minutes before the 19:00 (London, GMT in March) meetings below start. */
export const BEFORE_START = "2026-03-03T18:50:00.000Z";

export interface Clock {
  now: Date;
  set(instant: string): void;
  advance(seconds: number): void;
}

export function testClock(start = BEFORE_START): Clock {
  const clock: Clock = {
    now: new Date(start),
    set(instant) {
      clock.now = new Date(instant);
    },
    advance(seconds) {
      clock.now = new Date(clock.now.getTime() + seconds * 1000);
    },
  };
  return clock;
}

export interface LiveInstance {
  app: App;
  db: Db;
  live: LiveService;
  /** ws://127.0.0.1:<port>/api/live/socket */
  socketUrl: string;
  close(): Promise<void>;
}

/** One server instance on the given database, listening on a free port. */
export async function startInstance(database: TestDatabase, clock: Clock, overrides: Partial<Config> = {}, ownConnection = false): Promise<LiveInstance> {
  const db = ownConnection ? createDb(database.config) : database.db;
  const app = await buildApp({ config: testConfig(database.config, overrides), db, logger: false, clock: () => clock.now });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as { port: number };
  return {
    app,
    db,
    live: app.services.live,
    socketUrl: `ws://127.0.0.1:${port}/api/live/socket`,
    async close() {
      try {
        await app.close();
      } finally {
        if (ownConnection) await db.destroy();
      }
    },
  };
}

export interface LiveWorld {
  database: TestDatabase;
  clock: Clock;
  a: LiveInstance;
  admin: Person;
  chair: Person;
  member: Person;
  outsider: Person;
  groupId: string;
  close(): Promise<void>;
}

async function ok(res: Promise<{ statusCode: number; body: string; json(): unknown }>, what: string) {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(`${what}: ${r.statusCode} ${r.body}`);
  return r.json() as Record<string, unknown>;
}

/** Kindred set up with a group, its chair and a member, and someone from outside. */
export async function liveWorld(dialect: DialectName, overrides: Partial<Config> = {}): Promise<LiveWorld> {
  const database = await createTestDatabase(dialect);
  const clock = testClock();
  const a = await startInstance(database, clock, overrides);
  const admin = await setupOrganization(a.app);
  const group = await ok(
    send(a.app, "POST", "/api/groups", { as: admin, body: { name: "Steady Ground", description: "Peer support.", focusAreas: ["grief_loss"], languages: ["en"], guidelines: "Be kind." } }),
    "group",
  );
  const groupId = group.id as string;
  const chair = await signUp(a.app, "chairperson");
  const member = await signUp(a.app, "member");
  const outsider = await signUp(a.app, "outsider");
  for (const person of [chair, member]) {
    await ok(send(a.app, "POST", `/api/groups/${groupId}/join`, { as: person, body: { acceptedGuidelinesVersion: 1 } }), "join");
  }
  await ok(send(a.app, "PUT", `/api/groups/${groupId}/members/${chair.memberId}/positions`, { as: admin, body: { positions: ["chair"] } }), "chair position");
  return {
    database,
    clock,
    a,
    admin,
    chair,
    member,
    outsider,
    groupId,
    async close() {
      await a.close().catch(() => {});
      await database.destroy();
    },
  };
}

/** A weekly Tuesday 19:00-20:00 meeting of the group (London time), open unless told otherwise. */
export async function addMeeting(world: LiveWorld, extra: Record<string, unknown> = {}): Promise<string> {
  const body = {
    name: "Tuesday Circle",
    schedule: { repeats: { every: "week", days: [2] }, start: "19:00", end: "20:00", timeZone: "Europe/London" },
    access: "open",
    languages: ["en"],
    online: { url: "https://example.org/circle", urlNotes: null, phone: null, phoneNotes: null },
    ...extra,
  };
  const meeting = await ok(send(world.a.app, "POST", `/api/groups/${world.groupId}/meetings`, { as: world.admin, body }), "meeting");
  return meeting.id as string;
}

export async function lobby(app: App, meetingId: string, as?: Person) {
  return ok(send(app, "GET", `/api/meetings/${meetingId}/room`, { as }), "lobby");
}

/** The open room of the meeting (the clock must be past its opening). */
export async function roomOf(world: LiveWorld, meetingId: string): Promise<string> {
  const room = await lobby(world.a.app, meetingId, world.chair);
  if (!room.roomId) throw new Error(`room not open: ${JSON.stringify(room)}`);
  return room.roomId as string;
}

export type Message = { t: string; [key: string]: unknown };

/** A socket client that keeps every message it receives and waits for the ones a test expects. */
export class TestSocket {
  readonly received: Message[] = [];
  closedWith: { code: number; reason: string } | null = null;
  private readonly waiters = new Set<() => void>();
  private readonly closed: Promise<void>;

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => {
      this.received.push(JSON.parse(data.toString()) as Message);
      for (const wake of [...this.waiters]) wake();
    });
    this.closed = new Promise((resolve) => {
      socket.on("close", (code, reason) => {
        this.closedWith = { code, reason: reason.toString() };
        for (const wake of [...this.waiters]) wake();
        resolve();
      });
    });
  }

  /** Connects as a person (signed in, from our own site unless another origin is given). */
  static open(url: string, as: Person | null, origin: string | null = TEST_ORIGIN): Promise<TestSocket> {
    const headers: Record<string, string> = {};
    if (as) headers.cookie = as.cookie;
    if (origin) headers.origin = origin;
    const socket = new WebSocket(url, { headers });
    return new Promise((resolve, reject) => {
      socket.once("open", () => resolve(new TestSocket(socket)));
      socket.once("unexpected-response", (_request, response) => reject(new Error(`refused: ${response.statusCode}`)));
      socket.once("error", reject);
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  /** The first message after `from` (an index into received) that matches; waits up to five seconds. */
  async next(match: (m: Message) => boolean, from = 0, what = "a message"): Promise<Message> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const found = this.received.slice(from).find(match);
      if (found) return found;
      if (this.closedWith) throw new Error(`socket closed (${this.closedWith.code} ${this.closedWith.reason}) while waiting for ${what}; got ${JSON.stringify(this.received.slice(from))}`);
      if (Date.now() > deadline) throw new Error(`no ${what}; got ${JSON.stringify(this.received.slice(from))}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, 100);
        this.waiters.add(wake);
      });
    }
  }

  /** Says hello and waits for the welcome. */
  async hello(roomId: string, lastSeq?: number): Promise<Message> {
    const from = this.received.length;
    this.send({ t: "hello", roomId, ...(lastSeq === undefined ? {} : { lastSeq }) });
    return this.next((m) => m.t === "welcome" || m.t === "error", from, "a welcome");
  }

  /** Sends a command and waits for its ack or error. */
  async command(cmd: Record<string, unknown>, id = `c${Math.random().toString(36).slice(2, 10)}`): Promise<Message> {
    const from = this.received.length;
    this.send({ t: "cmd", id, cmd });
    return this.next((m) => (m.t === "ack" || m.t === "error") && m.id === id, from, `the answer to ${String(cmd.type)}`);
  }

  /** Events received (after `from`), as [seq, type]. */
  events(from = 0): Array<[number, string]> {
    return this.received
      .slice(from)
      .filter((m) => m.t === "event")
      .map((m) => [m.seq as number, (m.event as { type: string }).type]);
  }

  async whenClosed(): Promise<{ code: number; reason: string }> {
    await Promise.race([this.closed, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (!this.closedWith) throw new Error("the socket did not close");
    return this.closedWith;
  }

  async close(): Promise<void> {
    if (this.closedWith) return;
    this.socket.close();
    await this.whenClosed();
  }
}

/**
 * An attendance of the member at an ended proof-of-attendance meeting, written straight into the
 * database (for tests that need one without holding a meeting, such as the authorization matrix);
 * several members in one room when given its id, and a chair of the test's choosing.
 */
export async function endedAttendanceOf(db: Db, memberId: string, room: { id?: string; chairName?: string } = {}): Promise<string> {
  const roomId = room.id ?? newId();
  const attendanceId = newId();
  const at = "2026-03-03T20:00:00.000Z";
  const config = { roomId, meetingId: "", groupId: "", occurrenceStart: "2026-03-03T19:00:00.000Z", closed: false, observersAllowed: false, waitingRoom: false, retention: "none", proofOfAttendance: true };
  const exists = room.id ? await db.selectFrom("live_rooms").select("id").where("id", "=", room.id).executeTakeFirst() : undefined;
  if (!exists) await db
    .insertInto("live_rooms")
    .values({
      id: roomId,
      meeting_id: null,
      group_id: null,
      meeting_name: "Tuesday Circle",
      occurrence_date: "2026-03-03",
      occurrence_start: "2026-03-03T19:00:00.000Z",
      occurrence_end: at,
      opens_at: "2026-03-03T18:45:00.000Z",
      config: JSON.stringify(config),
      status: "ended",
      last_seq: 0,
      chair_name: room.chairName ?? "chairperson",
      created_at: at,
      ended_at: at,
      purge_after: null,
    })
    .execute();
  await db
    .insertInto("live_attendance")
    .values({ id: attendanceId, room_id: roomId, member_id: memberId, joined_at: "2026-03-03T19:00:00.000Z", left_at: at, present_since: null, seconds_present: 3600 })
    .execute();
  return attendanceId;
}

/** A daily meeting (UTC) that starts half an hour from now, so its room may be opened early. */
export function meetingStartingSoon(now = new Date()): Record<string, unknown> {
  const start = new Date(now.getTime() + 30 * 60_000).toISOString().slice(11, 16);
  return {
    name: "Starting Soon",
    schedule: { repeats: { every: "week", days: [0, 1, 2, 3, 4, 5, 6] }, start, timeZone: "Etc/UTC" },
    online: { url: "https://example.org/soon", urlNotes: null, phone: null, phoneNotes: null },
  };
}

type Step = { speaking: string; chatOpen: boolean; shareLimitSeconds?: number };

/** The index of the first step of the room's format (from a welcome) that fits; the meeting's format is the formats feature's choice. */
export function stepWhere(welcome: Message, fits: (step: Step) => boolean): { index: number; step: Step } {
  const steps = (welcome.view as { format: { steps: Step[] } }).format.steps;
  const index = steps.findIndex(fits);
  if (index < 0) throw new Error("no such step in the format");
  return { index, step: steps[index]! };
}

/** The chair moves the meeting on to step `index` (from the first). */
export async function chairMovesTo(chair: TestSocket, index: number): Promise<Message> {
  let last: Message = { t: "none" };
  for (let i = 0; i < index; i++) {
    last = await chair.command({ type: "next_step" });
    if (last.t !== "ack") throw new Error(`next_step: ${JSON.stringify(last)}`);
  }
  return last;
}

export const chatOpen = (step: Step) => step.chatOpen;
export const openSharing = (step: Step) => step.speaking === "queue" && step.shareLimitSeconds !== undefined;
