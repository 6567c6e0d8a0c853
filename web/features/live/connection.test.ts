// @vitest-environment happy-dom
/**
 * The room's connection in the browser, against a fake WebSocket: it says hello, keeps its view
 * with the events, comes back by itself after a drop with the last seq it saw (and says so),
 * starts over when its view cannot follow, and stops for good when removed or when the meeting ends.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { person, TestRoom } from "../../../core/live/testing";
import { viewFor } from "../../../core/live/room";
import { RoomConnection, RoomRefusal } from "./connection";

class FakeSocket {
  static readonly OPEN = 1;
  static all: FakeSocket[] = [];
  readonly OPEN = 1;
  readyState = 0;
  sent: Array<Record<string, unknown>> = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }

  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close() {
    this.drop();
  }

  // ---- what the test does as the server / the network ----
  open() {
    this.readyState = 1;
    this.onopen?.();
  }

  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  drop() {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.();
  }
}

const latest = () => FakeSocket.all[FakeSocket.all.length - 1]!;

const chair = person("chair", { holdsChair: true });
const fern = person("fern");

const roomWithTwo = () => new TestRoom().join(chair, fern);

let connection: RoomConnection;

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all = [];
  vi.stubGlobal("WebSocket", FakeSocket);
  connection = new RoomConnection("ws://kindred.test/api/live/socket", "room-1");
});

afterEach(() => {
  connection.stop();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** Opens the first socket and welcomes fern into the room as it is. */
function welcome(room: TestRoom, seq: number) {
  connection.start();
  const socket = latest();
  socket.open();
  socket.receive({ t: "welcome", participantId: "fern", seq, view: viewFor(room.state, "fern") });
  return socket;
}

describe("a room's connection", () => {
  it("says hello, then keeps the view up to date with the events", () => {
    const room = roomWithTwo();
    const socket = welcome(room, 3);
    expect(socket.sent[0]).toEqual({ t: "hello", roomId: "room-1" });
    expect(connection.getSnapshot().connection).toBe("open");

    const [changed] = room.run(chair, { type: "next_step" });
    socket.receive({ t: "event", seq: 4, event: changed });
    expect(connection.getSnapshot().view?.stepIndex).toBe(1);
    // The same event twice (after a reconnect) changes nothing.
    socket.receive({ t: "event", seq: 4, event: changed });
    expect(connection.getSnapshot().view?.stepIndex).toBe(1);
  });

  it("comes back by itself after a drop, asking for what it missed after the last seq it saw, and says it is back", () => {
    const room = roomWithTwo();
    const first = welcome(room, 3);
    first.drop();
    expect(connection.getSnapshot().connection).toBe("reconnecting");

    vi.advanceTimersByTime(500);
    const second = latest();
    expect(second).not.toBe(first);
    second.open();
    expect(second.sent[0]).toEqual({ t: "hello", roomId: "room-1", lastSeq: 3 });
    const [missed] = room.run(chair, { type: "next_step" });
    second.receive({ t: "event", seq: 4, event: missed });
    second.receive({ t: "pong" });
    const snapshot = connection.getSnapshot();
    expect(snapshot.connection).toBe("open");
    expect(snapshot.returns).toBe(1);
    expect(snapshot.view?.stepIndex).toBe(1);
  });

  it("answers commands with their ack, and a refusal with its code", async () => {
    const socket = welcome(roomWithTwo(), 3);
    socket.receive({ t: "pong" });
    const accepted = connection.command({ type: "raise_hand" });
    const id = socket.sent.at(-1)!.id as string;
    socket.receive({ t: "ack", id, seq: 5 });
    await expect(accepted).resolves.toBe(5);

    const refused = connection.command({ type: "raise_hand" });
    socket.receive({ t: "error", id: socket.sent.at(-1)!.id, code: "not_now", message: "hands are raised during open sharing" });
    await expect(refused).rejects.toEqual(new RoomRefusal("not_now", "hands are raised during open sharing"));
  });

  it("starts over with a fresh snapshot when its view cannot follow an event and no welcome comes", () => {
    const room = new TestRoom().join(fern, person("rowan"));
    const first = welcome(room, 2);
    // fern becomes temporary chair: what she may see changes.
    const events = [...room.run(fern, { type: "claim_chair" }), ...room.run(person("rowan"), { type: "claim_chair", participantId: "fern" })];
    expect(events.map((e) => e.type)).toContain("chair_changed");
    let seq = 3;
    for (const event of events) first.receive({ t: "event", seq: seq++, event });
    vi.advanceTimersByTime(1500);
    const second = latest();
    expect(second).not.toBe(first);
    second.open();
    expect(second.sent[0]).toEqual({ t: "hello", roomId: "room-1" });
  });

  it("stops for good when the chair removes this person", () => {
    const socket = welcome(roomWithTwo(), 3);
    socket.receive({ t: "event", seq: 4, event: { type: "removed", participantId: "fern", at: "2026-03-02T18:01:00.000Z" } });
    socket.receive({ t: "bye", reason: "removed" });
    socket.drop();
    vi.advanceTimersByTime(30_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(connection.getSnapshot()).toMatchObject({ end: "removed", connection: "closed" });
  });

  it("stops for good when the meeting ends, with the words gone from the view", () => {
    const room = roomWithTwo();
    const socket = welcome(room, 3);
    const [ended] = room.run(chair, { type: "end_meeting" });
    socket.receive({ t: "event", seq: 4, event: ended });
    socket.receive({ t: "bye", reason: "ended" });
    socket.drop();
    vi.advanceTimersByTime(30_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(connection.getSnapshot().end).toBe("ended");
    expect(connection.getSnapshot().view).toMatchObject({ status: "ended", chat: [], pastShares: [] });
  });
});
