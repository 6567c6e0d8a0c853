import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import { ServerMessage } from "../../../core/live/protocol";
import type { LiveService } from "./service";
import { LiveConnection, SOCKET_LIMITS } from "./socket";

/** Just enough of a ws socket to watch what a connection sends and when it lets go. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sent: string[] = [];
  closedWith: [number, string] | null = null;
  send(text: string) {
    this.sent.push(text);
  }
  close(code: number, reason: string) {
    this.closedWith = [code, reason];
    this.readyState = 2;
  }
  terminate() {
    this.readyState = 3;
  }
  ping() {}
}

const noService = {} as LiveService;
const connection = (socket: FakeSocket) => new LiveConnection(socket as unknown as WebSocket, { memberId: "m", displayName: "Ana" }, noService, () => {});
const chat = { type: "chat_message", at: "2026-03-03T19:00:00.000Z", message: { id: "m1", from: "p", text: "hi", at: "2026-03-03T19:00:00.000Z" } } as const;

describe("a live room connection", () => {
  it("drops a client too slow to read instead of buffering for it without end, saying bye \"slow\"", async () => {
    const socket = new FakeSocket();
    const live = connection(socket);
    live.event(1, chat);
    expect(socket.sent).toHaveLength(1);
    expect(socket.closedWith).toBeNull();
    socket.bufferedAmount = SOCKET_LIMITS.maxBufferedBytes + 1;
    live.event(2, chat);
    expect(socket.closedWith).toEqual([4008, "slow"]);
    // Told why (best effort: after what was already queued), then nothing more.
    expect(socket.sent.map((m) => JSON.parse(m).t)).toEqual(["event", "event", "bye"]);
    expect(ServerMessage.parse(JSON.parse(socket.sent[2]!))).toEqual({ t: "bye", reason: "slow" });
    socket.readyState = 1; // even were the close not through yet, nothing more is queued for it
    live.event(3, chat);
    live.bye("ended");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(socket.sent).toHaveLength(3);
    socket.emit("close");
  });
});
