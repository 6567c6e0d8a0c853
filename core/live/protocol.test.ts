import { describe, expect, it } from "vitest";
import { ClientMessage, ServerMessage } from "./protocol";
import { viewFor } from "./room";
import { person, TestRoom } from "./testing";

describe("the WebSocket envelope", () => {
  it("accepts the client's hello, commands and ping", () => {
    expect(ClientMessage.parse({ t: "hello", roomId: "r1", lastSeq: 12 })).toEqual({ t: "hello", roomId: "r1", lastSeq: 12 });
    expect(ClientMessage.parse({ t: "cmd", id: "c1", cmd: { type: "raise_hand" } }).t).toBe("cmd");
    expect(ClientMessage.parse({ t: "ping" })).toEqual({ t: "ping" });
  });

  it("refuses unknown messages, bad commands and long client ids", () => {
    expect(ClientMessage.safeParse({ t: "shout" }).success).toBe(false);
    expect(ClientMessage.safeParse({ t: "cmd", id: "c1", cmd: { type: "chat", text: "" } }).success).toBe(false);
    expect(ClientMessage.safeParse({ t: "cmd", id: "x".repeat(41), cmd: { type: "pass" } }).success).toBe(false);
    expect(ClientMessage.safeParse({ t: "hello", roomId: "r1", lastSeq: -1 }).success).toBe(false);
  });

  it("describes everything the server sends, the welcome's view included", () => {
    const room = new TestRoom().join(person("chair", { holdsChair: true }));
    const messages = [
      { t: "welcome", participantId: "chair", seq: 3, view: viewFor(room.state, "chair") },
      { t: "event", seq: 4, event: room.log[0] },
      { t: "ack", id: "c1", seq: 4 },
      { t: "error", id: "c2", code: "not_chair", message: "only the chair may do this" },
      { t: "error", code: "bad_message", message: "not JSON" },
      { t: "pong" },
      { t: "bye", reason: "removed" },
      { t: "bye", reason: "slow" },
    ];
    for (const message of messages) expect(ServerMessage.safeParse(message).success).toBe(true);
  });
});
