/**
 * Several server instances serving one room: two apps on one PostgreSQL database, connected by
 * Redis. Runs where TEST_DATABASE_URL is set (always in CI, where Redis runs on 127.0.0.1:6379;
 * TEST_REDIS_URL names another).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send, signUp, type Person } from "../../testing/client";
import { addMeeting, chairMovesTo, chatOpen, liveWorld, roomOf, startInstance, stepWhere, TestSocket, type LiveInstance, type LiveWorld } from "./test-helpers";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe.runIf(process.env.TEST_DATABASE_URL)("a room served by two instances (PostgreSQL + Redis)", () => {
  let w: LiveWorld;
  let b: LiveInstance;
  let other: Person;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    w = await liveWorld("postgres", { redisUrl: REDIS_URL });
    b = await startInstance(w.database, w.clock, { redisUrl: REDIS_URL }, true);
    other = await signUp(w.a.app, "othermember");
    await send(w.a.app, "POST", `/api/groups/${w.groupId}/join`, { as: other, body: { acceptedGuidelinesVersion: 1 } });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close().catch(() => {})));
    await b?.close();
    await w?.close();
  });

  it("shows a participant on A exactly the events a participant on B sees, in one order", async () => {
    const roomId = await roomOf(w, await addMeeting(w));
    const open = async (url: string, as: Person) => {
      const socket = await TestSocket.open(url, as);
      sockets.push(socket);
      return socket;
    };
    const chair = await open(w.a.socketUrl, w.chair);
    const chatStep = stepWhere(await chair.hello(roomId), chatOpen).index;
    const onA = await open(w.a.socketUrl, w.member);
    await onA.hello(roomId);
    const onB = await open(b.socketUrl, other);
    const welcomeB = await onB.hello(roomId);
    await chairMovesTo(chair, chatStep);

    // Everyone writes at once, on both instances: they compete for the same seq numbers.
    const answers = await Promise.all([
      ...Array.from({ length: 8 }, (_, i) => onA.command({ type: "chat", text: `from A ${i}` }, `a${i}`)),
      ...Array.from({ length: 8 }, (_, i) => onB.command({ type: "chat", text: `from B ${i}` }, `b${i}`)),
      ...Array.from({ length: 4 }, (_, i) => chair.command({ type: "chat", text: `from the chair ${i}` }, `c${i}`)),
    ]);
    expect(answers.filter((a) => a.t !== "ack")).toEqual([]);
    const lastSeq = Math.max(...answers.map((a) => a.seq as number));
    expect(new Set(answers.map((a) => a.seq)).size).toBe(answers.length);

    const upTo = (socket: TestSocket) => socket.next(() => socket.events().some(([seq]) => seq === lastSeq), 0, `event ${lastSeq}`);
    await Promise.all([upTo(onA), upTo(onB), upTo(chair)]);
    const after = welcomeB.seq as number;
    const seen = (socket: TestSocket) =>
      socket.received
        .filter((m) => m.t === "event" && (m.seq as number) > after)
        .map((m) => [m.seq, (m.event as { type: string }).type, (m.event as { message?: { text: string } }).message?.text ?? null]);
    expect(seen(onB)).toEqual(seen(onA));
    expect(seen(onA)).toEqual(seen(chair));
    // One order, no gaps: the numbers run on one by one.
    expect(seen(onA).map(([seq]) => seq)).toEqual(Array.from({ length: lastSeq - after }, (_, i) => after + 1 + i));
    expect(seen(onA).filter(([, type]) => type === "chat_message")).toHaveLength(20);

    // What each instance holds in memory agrees too.
    const stateA = await w.a.live.engine.stateOf(roomId);
    const stateB = await b.live.engine.stateOf(roomId);
    expect(stateB.seq).toBe(stateA.seq);
    expect(stateB.state).toEqual(stateA.state);
  });

  it("ends the meeting for everyone on every instance", async () => {
    w.clock.advance(24 * 3600 * 7); // next week's occurrence, a new room
    w.clock.set("2026-03-10T18:50:00.000Z");
    const roomId = await roomOf(w, await addMeeting(w, { name: "Another Circle" }));
    const chair = await TestSocket.open(w.a.socketUrl, w.chair);
    sockets.push(chair);
    await chair.hello(roomId);
    const onB = await TestSocket.open(b.socketUrl, other);
    sockets.push(onB);
    await onB.hello(roomId);
    await chair.command({ type: "end_meeting" });
    await onB.next((m) => m.t === "event" && (m.event as { type: string }).type === "meeting_ended");
    await onB.next((m) => m.t === "bye" && m.reason === "ended");
  });
});
