import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { send, signUp } from "../../testing/client";
import { dialects } from "../../testing/harness";
import { LiveRepository } from "./repository";
import { SOCKET_LIMITS } from "./socket";
import {
  addMeeting,
  chairMovesTo,
  chatOpen,
  lobby,
  liveWorld,
  openSharing,
  roomOf,
  startInstance,
  stepWhere,
  TestSocket,
  type LiveWorld,
} from "./test-helpers";

describe.each(dialects)("live meeting rooms on %s", (dialect) => {
  let w: LiveWorld;
  const sockets: TestSocket[] = [];
  const connect = async (as: Parameters<typeof TestSocket.open>[1], url = w.a.socketUrl) => {
    const socket = await TestSocket.open(url, as);
    sockets.push(socket);
    return socket;
  };
  beforeEach(async () => {
    w = await liveWorld(dialect);
  }, 60_000);
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((s) => s.close().catch(() => {})));
    await w.close();
  });

  describe("the lobby", () => {
    it("says when the room opens, and opens it 15 minutes before the start", async () => {
      const meetingId = await addMeeting(w);
      w.clock.set("2026-03-03T18:00:00.000Z");
      const early = await lobby(w.a.app, meetingId, w.member);
      expect(early).toMatchObject({ open: false, roomId: null, opensAt: "2026-03-03T18:45:00.000Z", entry: "participant", canOpenEarly: false });
      expect(early.occurrence).toEqual({ start: "2026-03-03T19:00:00.000Z", end: "2026-03-03T20:00:00.000Z" });
      w.clock.set("2026-03-03T18:45:00.000Z");
      const open = await lobby(w.a.app, meetingId, w.member);
      expect(open).toMatchObject({ open: true, entry: "participant" });
      expect(open.roomId).toEqual(expect.any(String));
    });

    it("lets the chair open the room early, but no one else", async () => {
      const meetingId = await addMeeting(w);
      w.clock.set("2026-03-03T18:00:00.000Z");
      expect((await lobby(w.a.app, meetingId, w.chair)).canOpenEarly).toBe(true);
      expect((await send(w.a.app, "POST", `/api/meetings/${meetingId}/room/open`, { as: w.member })).statusCode).toBe(403);
      const opened = await send(w.a.app, "POST", `/api/meetings/${meetingId}/room/open`, { as: w.chair });
      expect(opened.statusCode).toBe(200);
      expect(opened.json()).toMatchObject({ open: true, opensAt: "2026-03-03T18:00:00.000Z" });
      w.clock.set("2026-03-03T12:00:00.000Z");
      const other = await addMeeting(w, { name: "Another Circle" });
      expect((await send(w.a.app, "POST", `/api/meetings/${other}/room/open`, { as: w.chair })).statusCode).toBe(409);
    });

    it("keeps people out of a closed meeting unless the group allows observers", async () => {
      const meetingId = await addMeeting(w, { access: "closed" });
      expect((await lobby(w.a.app, meetingId, w.outsider)).entry).toBe("none");
      expect((await lobby(w.a.app, meetingId, w.member)).entry).toBe("participant");
      expect(await lobby(w.a.app, meetingId)).toMatchObject({ entry: "none", signInNeeded: true });
      const settings = { observersAllowed: true, waitingRoom: false, retention: "none" };
      expect((await send(w.a.app, "PUT", `/api/groups/${w.groupId}/live-settings`, { as: w.member, body: settings })).statusCode).toBe(403);
      expect((await send(w.a.app, "PUT", `/api/groups/${w.groupId}/live-settings`, { as: w.admin, body: settings })).statusCode).toBe(200);
      expect((await lobby(w.a.app, meetingId, w.outsider)).entry).toBe("observer");
    });
  });

  describe("the socket", () => {
    it("refuses the signed-out and other sites before any upgrade", async () => {
      await expect(TestSocket.open(w.a.socketUrl, null)).rejects.toThrow("refused: 401");
      await expect(TestSocket.open(w.a.socketUrl, w.member, "https://elsewhere.example")).rejects.toThrow("refused: 403");
      const plain = await send(w.a.app, "GET", "/api/live/socket", { as: w.member });
      expect(plain.statusCode).toBe(400);
    });

    it("welcomes a member, shows their arrival to the others and acknowledges commands", async () => {
      const roomId = await roomOf(w, await addMeeting(w));
      const chair = await connect(w.chair);
      const welcome = await chair.hello(roomId);
      expect(welcome).toMatchObject({ t: "welcome", view: { roomId, status: "open", me: { status: "present", isChair: true } } });
      const member = await connect(w.member);
      const memberWelcome = await member.hello(roomId);
      expect((memberWelcome.view as { participants: unknown[] }).participants).toHaveLength(2);
      const joined = await chair.next((m) => m.t === "event" && (m.event as { type: string }).type === "joined" && m.seq === memberWelcome.seq);
      // Nobody but the person themself sees a member id.
      expect((joined.event as { participant: { memberId: string } }).participant.memberId).toBe("");

      const ack = await chair.command({ type: "next_step" });
      expect(ack).toMatchObject({ t: "ack", seq: (memberWelcome.seq as number) + 1 });
      await member.next((m) => m.t === "event" && m.seq === ack.seq && (m.event as { type: string }).type === "step_changed");
      const refused = await member.command({ type: "next_step" }, "m1");
      expect(refused).toMatchObject({ t: "error", id: "m1", code: "not_chair" });
    });

    it("answers malformed, oversized and too-fast messages with errors and stays up", async () => {
      const roomId = await roomOf(w, await addMeeting(w));
      const socket = await connect(w.member);
      socket.send("this is not json");
      await socket.next((m) => m.t === "error" && m.code === "bad_message");
      socket.send({ t: "cmd", id: "x1", cmd: { type: "fly" } });
      await socket.next((m) => m.t === "error" && m.code === "bad_message" && m.id === "x1");
      socket.send({ t: "cmd", id: "x2", cmd: { type: "raise_hand" } });
      await socket.next((m) => m.t === "error" && m.code === "no_hello" && m.id === "x2");
      socket.send({ t: "ping", padding: "x".repeat(9000) });
      await socket.next((m) => m.t === "error" && m.code === "too_large");
      socket.socket.send(Buffer.from([1, 2, 3]), { binary: true });
      await socket.next((m) => m.t === "error" && m.code === "bad_message" && /text/.test(m.message as string));
      expect((await socket.hello(roomId)).t).toBe("welcome");

      await new Promise((resolve) => setTimeout(resolve, 2100)); // a full bucket again
      const from = socket.received.length;
      for (let i = 0; i < SOCKET_LIMITS.burst + 5; i++) socket.send({ t: "ping" });
      await socket.next((m) => m.t === "error" && m.code === "rate_limited", from);
      await socket.next(() => socket.received.slice(from).filter((m) => m.t === "pong").length === SOCKET_LIMITS.burst, from, "the burst's pongs");
      expect(socket.received.slice(from).filter((m) => m.t === "error" && m.code === "rate_limited")).toHaveLength(5);
      expect(socket.closedWith).toBeNull();
    });

    it("drops a client that keeps flooding", async () => {
      const socket = await connect(w.member);
      for (let i = 0; i < SOCKET_LIMITS.burst + SOCKET_LIMITS.abuseStrikes + 5; i++) socket.send({ t: "ping" });
      await socket.next((m) => m.t === "bye" && m.reason === "rate");
      await socket.whenClosed();
    });

    it("sends a client that reconnects with lastSeq what it missed, in order", async () => {
      const roomId = await roomOf(w, await addMeeting(w));
      const chair = await connect(w.chair);
      await chairMovesTo(chair, stepWhere(await chair.hello(roomId), chatOpen).index);
      const member = await connect(w.member);
      const welcome = await member.hello(roomId);
      await member.close();

      await chair.command({ type: "chat", text: "Coffee after the meeting" });
      const last = await chair.command({ type: "chat", text: "Welcome everyone" });

      const again = await connect(w.member);
      const from = again.received.length;
      again.send({ t: "hello", roomId, lastSeq: welcome.seq });
      await again.next((m) => m.t === "event" && m.seq === last.seq, from, "the last missed event");
      expect(again.received.slice(from).some((m) => m.t === "welcome")).toBe(false);
      const missed = again.received.slice(from).filter((m) => m.t === "event");
      expect(missed.map((m) => (m.event as { message: { text: string } }).message.text)).toEqual(["Coffee after the meeting", "Welcome everyone"]);
      expect(missed.map((m) => m.seq)).toEqual([(welcome.seq as number) + 1, (welcome.seq as number) + 2]);

      // Too far back to tell (or nothing given): a fresh snapshot instead.
      const fresh = await connect(w.member);
      expect((await fresh.hello(roomId)).t).toBe("welcome");
    });

    it("resumes a room after a restart exactly where it was", async () => {
      const roomId = await roomOf(w, await addMeeting(w));
      const chair = await connect(w.chair);
      const chairWelcome = await chair.hello(roomId);
      const member = await connect(w.member);
      await member.hello(roomId);
      await chair.command({ type: "chat", text: "Glad you are here" }); // the chair may always write
      const sharing = stepWhere(chairWelcome, openSharing).index;
      await chairMovesTo(chair, sharing);
      await member.command({ type: "raise_hand" });
      await chair.command({ type: "call_next" });
      const last = await member.command({ type: "share_text", text: "Today was hard, but I came." });
      const before = await w.a.live.viewOf(roomId, participantOf(member));

      await w.a.close();
      sockets.splice(0);
      w.a = await startInstance(w.database, w.clock);
      const back = await connect(w.member);
      const welcome = await back.hello(roomId);
      expect(welcome.seq).toBe(last.seq);
      expect(welcome.view).toEqual(before.view);
      expect(welcome.view).toMatchObject({ stepIndex: sharing, currentShare: { text: "Today was hard, but I came." } });
      // The chair comes back with the last seq it saw and carries on from there.
      const chairAgain = await connect(w.chair);
      chairAgain.send({ t: "hello", roomId, lastSeq: last.seq });
      const next = await chairAgain.command({ type: "extend_share", seconds: 60 });
      expect(next).toMatchObject({ t: "ack", seq: (last.seq as number) + 1 });
      await back.next((m) => m.t === "event" && m.seq === next.seq && (m.event as { type: string }).type === "share_extended");
      expect(chairAgain.received.filter((m) => m.t === "welcome")).toEqual([]);
    });

    it("warns a speaker 30 seconds before their time is up, from the server's clock", async () => {
      const roomId = await roomOf(w, await addMeeting(w));
      const chair = await connect(w.chair);
      const sharing = stepWhere(await chair.hello(roomId), openSharing);
      const member = await connect(w.member);
      await member.hello(roomId);
      await chairMovesTo(chair, sharing.index);
      await member.command({ type: "raise_hand" });
      await chair.command({ type: "call_next" });
      w.clock.advance(sharing.step.shareLimitSeconds! - 31);
      await w.a.live.tick();
      expect(member.received.some((m) => m.t === "event" && (m.event as { type: string }).type === "share_warning")).toBe(false);
      w.clock.advance(1);
      await w.a.live.tick();
      const warning = await member.next((m) => m.t === "event" && (m.event as { type: string }).type === "share_warning");
      expect(warning.event).toMatchObject({ secondsLeft: 30 });
    });
  });

  describe("keeping the room safe", () => {
    it("holds a newcomer in the waiting room until the chair admits them, then welcomes them in", async () => {
      await send(w.a.app, "PUT", `/api/groups/${w.groupId}/live-settings`, { as: w.admin, body: { observersAllowed: false, waitingRoom: true, retention: "none" } });
      const roomId = await roomOf(w, await addMeeting(w));
      const chair = await connect(w.chair);
      await chair.hello(roomId);
      const member = await connect(w.member);
      await member.hello(roomId);
      const newcomer = await connect(w.outsider);
      const waiting = await newcomer.hello(roomId);
      expect(waiting).toMatchObject({ t: "welcome", view: { me: { status: "waiting" }, participants: [] } });
      const knock = await chair.next((m) => m.t === "event" && (m.event as { type: string; status?: string }).status === "waiting");
      const newcomerId = (knock.event as { participant: { participantId: string; isNewcomer: boolean } }).participant;
      expect(newcomerId.isNewcomer).toBe(true);
      // The others see nothing of someone waiting.
      expect(member.received.some((m) => m.t === "event" && m.seq === knock.seq)).toBe(false);

      const from = newcomer.received.length;
      await chair.command({ type: "admit", participantId: newcomerId.participantId });
      const welcome = await newcomer.next((m) => m.t === "welcome", from, "the welcome in");
      expect(welcome).toMatchObject({ view: { me: { status: "present" } } });
      expect((welcome.view as { participants: unknown[] }).participants).toHaveLength(3);
      await member.next((m) => m.t === "event" && (m.event as { type: string; participant?: { participantId: string } }).participant?.participantId === newcomerId.participantId);
    });

    it("lets the chair remove a disruptive participant, who is told and cannot come back", async () => {
      const roomId = await roomOf(w, await addMeeting(w));
      const chair = await connect(w.chair);
      await chair.hello(roomId);
      const disruptive = await connect(w.outsider);
      const welcome = await disruptive.hello(roomId);
      const ack = await chair.command({ type: "remove", participantId: welcome.participantId });
      expect(ack.t).toBe("ack");
      await disruptive.next((m) => m.t === "event" && (m.event as { type: string }).type === "removed");
      await disruptive.next((m) => m.t === "bye" && m.reason === "removed");
      await disruptive.whenClosed();
      const again = await connect(w.outsider);
      expect(await again.hello(roomId)).toMatchObject({ t: "error", code: "removed" });
      await again.next((m) => m.t === "bye" && m.reason === "removed");
    });

    it("lets observers of a closed meeting listen without sharing or chatting", async () => {
      await send(w.a.app, "PUT", `/api/groups/${w.groupId}/live-settings`, { as: w.admin, body: { observersAllowed: true, waitingRoom: false, retention: "none" } });
      const roomId = await roomOf(w, await addMeeting(w, { access: "closed" }));
      const chair = await connect(w.chair);
      await chairMovesTo(chair, stepWhere(await chair.hello(roomId), chatOpen).index);
      const observer = await connect(w.outsider);
      expect(await observer.hello(roomId)).toMatchObject({ t: "welcome", view: { me: { isObserver: true } } });
      expect(await observer.command({ type: "chat", text: "hello" })).toMatchObject({ t: "error", code: "observer" });
      expect(await observer.command({ type: "raise_hand" })).toMatchObject({ t: "error" });
    });

    it("keeps a closed meeting's room from people who are not members, as if it did not exist", async () => {
      const roomId = await roomOf(w, await addMeeting(w, { access: "closed" }));
      const outsider = await connect(w.outsider);
      expect(await outsider.hello(roomId)).toMatchObject({ t: "error", code: "room_not_found" });
      expect(await outsider.hello("01a216d4-0000-7000-8000-000000000000")).toMatchObject({ t: "error", code: "room_not_found" });
    });

    it("passes a report on to the group's moderators: that someone reported a participant in the meeting, nothing more", async () => {
      const moderator = await signUp(w.a.app, "moderator");
      expect((await send(w.a.app, "POST", `/api/groups/${w.groupId}/join`, { as: moderator, body: { acceptedGuidelinesVersion: 1 } })).statusCode).toBe(200);
      for (const [who, positions] of [[moderator, ["moderator"]], [w.chair, ["chair", "moderator"]]] as const) {
        const set = await send(w.a.app, "PUT", `/api/groups/${w.groupId}/members/${who.memberId}/positions`, { as: w.admin, body: { positions } });
        expect(set.statusCode, set.body).toBe(200);
      }
      const meetingId = await addMeeting(w);
      const roomId = await roomOf(w, meetingId);
      const chair = await connect(w.chair);
      const chairWelcome = await chair.hello(roomId);
      const member = await connect(w.member);
      await member.hello(roomId);
      const chairId = chairWelcome.participantId as string;
      const ack = await member.command({ type: "report", participantId: chairId, reason: "harassment", note: "private words about the chair" });
      expect(ack.t).toBe("ack");
      await member.command({ type: "report", participantId: chairId, reason: "other" });
      await w.a.live.settled();

      const told = (await send(w.a.app, "GET", "/api/notifications", { as: moderator })).json().notifications;
      expect(told).toEqual([
        expect.objectContaining({ kind: "live_report", meetingId, meetingName: "Tuesday Circle", group: expect.objectContaining({ groupName: "Steady Ground" }), from: null }),
      ]);
      expect(JSON.stringify(told)).not.toMatch(/private words|harassment|chairperson|member/);
      // Neither the person reported (a moderator too) nor the one who reported hears of it.
      for (const who of [w.chair, w.member]) expect((await send(w.a.app, "GET", "/api/notifications", { as: who })).json().notifications).toEqual([]);
    });

    it("moves a person's place to their newest connection", async () => {
      const roomId = await roomOf(w, await addMeeting(w));
      const first = await connect(w.member);
      await first.hello(roomId);
      const second = await connect(w.member);
      const welcome = await second.hello(roomId);
      expect(welcome).toMatchObject({ t: "welcome", participantId: first.received[0]!.participantId });
      await first.next((m) => m.t === "bye" && m.reason === "replaced");
    });
  });

  describe("the end of a meeting", () => {
    it("forgets every word when the meeting ends and keeps only attendance", async () => {
      const roomId = await roomOf(w, await addMeeting(w));
      const chair = await connect(w.chair);
      await chair.hello(roomId);
      const member = await connect(w.member);
      await member.hello(roomId);
      await chairMovesTo(chair, stepWhere(member.received.find((m) => m.t === "welcome")!, chatOpen).index);
      expect(await member.command({ type: "chat", text: "Something private" })).toMatchObject({ t: "ack" });
      w.clock.advance(40 * 60);
      await chair.command({ type: "end_meeting" });
      await member.next((m) => m.t === "event" && (m.event as { type: string }).type === "meeting_ended");
      await member.next((m) => m.t === "bye" && m.reason === "ended");

      const repository = new LiveRepository(w.a.db);
      expect(await repository.eventCount(roomId)).toBe(0);
      const attendance = await send(w.a.app, "GET", "/api/live/attendance", { as: w.member });
      expect(attendance.json().attendance).toEqual([
        expect.objectContaining({ meetingName: "Tuesday Circle", date: "2026-03-03", minutesPresent: 40, present: false, meetingEnded: true, slipAvailable: false }),
      ]);
      expect((await send(w.a.app, "GET", "/api/live/attendance", { as: w.outsider })).json().attendance).toEqual([]);
      const later = await connect(w.member);
      const refused = await later.hello(roomId);
      expect(refused).toMatchObject({ t: "error", code: "ended" });
    });

    it("keeps the words 24 hours when the group chose so, then the sweep deletes them", async () => {
      await send(w.a.app, "PUT", `/api/groups/${w.groupId}/live-settings`, { as: w.admin, body: { observersAllowed: false, waitingRoom: false, retention: "24h" } });
      const roomId = await roomOf(w, await addMeeting(w));
      const chair = await connect(w.chair);
      await chair.hello(roomId);
      await chair.command({ type: "chat", text: "Kept for a day" });
      await chair.command({ type: "end_meeting" });
      const repository = new LiveRepository(w.a.db);
      expect(await repository.eventCount(roomId)).toBeGreaterThan(0);
      w.clock.advance(23 * 3600);
      await w.a.live.sweep();
      expect(await repository.eventCount(roomId)).toBeGreaterThan(0);
      w.clock.advance(3600 + 1);
      await w.a.live.sweep();
      expect(await repository.eventCount(roomId)).toBe(0);
    });

    it("ends a room nobody ended two hours after the meeting, and deletes its words", async () => {
      const roomId = await roomOf(w, await addMeeting(w));
      const chair = await connect(w.chair);
      await chair.hello(roomId);
      await chair.command({ type: "chat", text: "Anyone here?" });
      w.clock.set("2026-03-03T22:01:00.000Z");
      await w.a.live.sweep();
      await chair.next((m) => m.t === "bye" && m.reason === "ended");
      expect(await new LiveRepository(w.a.db).eventCount(roomId)).toBe(0);
    });

    it("gives a signed attendance slip for a proof-of-attendance meeting that verifies, and a changed one that does not", async () => {
      const meetingId = await addMeeting(w, { types: ["POA"] });
      const roomId = await roomOf(w, meetingId);
      const chair = await connect(w.chair);
      await chair.hello(roomId);
      const member = await connect(w.member);
      await member.hello(roomId);
      // The arrival is written just after the welcome goes out: wait for it before time passes.
      for (let tries = 0; !(await send(w.a.app, "GET", "/api/live/attendance", { as: w.member })).json().attendance[0]?.present; tries++) {
        if (tries > 100) throw new Error("the member's arrival was never recorded");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      w.clock.advance(65 * 60);
      await chair.command({ type: "end_meeting" });
      const [entry] = (await send(w.a.app, "GET", "/api/live/attendance", { as: w.member })).json().attendance;
      expect(entry.slipAvailable).toBe(true);

      expect((await send(w.a.app, "GET", `/api/live/attendance/${entry.id}/slip`, { as: w.outsider })).statusCode).toBe(404);
      const slip = (await send(w.a.app, "GET", `/api/live/attendance/${entry.id}/slip`, { as: w.member })).json();
      expect(slip).toMatchObject({ meetingName: "Tuesday Circle", date: "2026-03-03", durationMinutes: 65, chair: "chairperson" });
      expect(slip.verifyUrl).toBe(`http://localhost:3000/verify/${slip.code}`);

      const genuine = (await send(w.a.app, "GET", `/api/live/slips/verify/${slip.code}`)).json();
      expect(genuine).toEqual({ genuine: true, slip: { meetingName: "Tuesday Circle", date: "2026-03-03", start: "2026-03-03T19:00:00.000Z", durationMinutes: 65, chair: "chairperson" } });

      const code = slip.code as string;
      const flip = (at: number) => `${code.slice(0, at)}${code[at] === "A" ? "B" : "A"}${code.slice(at + 1)}`;
      for (const tampered of [flip(3), flip(30), flip(42)]) {
        expect((await send(w.a.app, "GET", `/api/live/slips/verify/${tampered}`)).json()).toEqual({ genuine: false });
      }
      // A record changed after the slip was given (here, by hand in the database) no longer matches it.
      await w.a.db.updateTable("live_attendance").set({ seconds_present: 600 * 60 }).where("id", "=", entry.id).execute();
      expect((await send(w.a.app, "GET", `/api/live/slips/verify/${code}`)).json()).toEqual({ genuine: false });
      expect((await send(w.a.app, "GET", "/api/live/slips/verify/nonsense")).json()).toEqual({ genuine: false });
    });
  });
});

function participantOf(socket: TestSocket): string {
  const welcome = socket.received.find((m) => m.t === "welcome");
  return welcome!.participantId as string;
}
