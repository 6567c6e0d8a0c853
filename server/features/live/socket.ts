/**
 * One WebSocket connection to a live room: the protocol of core/live/protocol.ts, with the
 * limits a public socket needs. Every message is checked (size, JSON, the zod schema) and a bad
 * one is answered with `{t:"error"}`, never a crash. A token bucket limits each connection (10
 * messages a second, bursts of 20); who keeps flooding is sent `bye` "rate" and dropped. A client
 * that does not read (more than MAX_BUFFERED_BYTES waiting to be sent) is dropped rather than
 * buffered without end (it is sent `bye` "slow", best effort); it reconnects with lastSeq. Protocol pings find dead connections.
 * Nothing anyone says is logged.
 */
import type { RawData, WebSocket } from "ws";
import { ClientMessage, PROTOCOL_LIMITS, type ByeReason, type ServerMessage } from "../../../core/live/protocol";
import type { RoomEvent, RoomView } from "../../../core/live/room-messages";
import type { RoomListener } from "./engine";
import type { Admission, LiveService } from "./service";

export const SOCKET_LIMITS = {
  /** Tokens added per second, and the most a connection may save up. */
  ratePerSecond: 10,
  burst: 20,
  /** Messages refused for rate within ABUSE_WINDOW_MS before the connection is dropped. */
  abuseStrikes: 40,
  abuseWindowMs: 10_000,
  /** Bytes waiting to go out to one client before it counts as too slow. */
  maxBufferedBytes: 1024 * 1024,
  pingIntervalMs: 30_000,
  /** Frames larger than this close the connection outright (ws maxPayload); up to it, larger than 8 KiB is an error message. */
  hardMaxPayloadBytes: 64 * 1024,
} as const;

/** The close code for a client dropped for being too slow to read (4000-4999 are the application's). */
const CLOSE_SLOW = 4008;

export interface SocketMember {
  memberId: string;
  displayName: string;
}

export class LiveConnection implements RoomListener {
  participantId = "";
  private admission: Admission | null = null;
  private entered = false;
  private saying = Promise.resolve();
  private tokens: number = SOCKET_LIMITS.burst;
  private refilledAt = Date.now();
  private strikes = 0;
  private strikeWindowStart = Date.now();
  private alive = true;
  private closed = false;
  private dropping = false;
  private readonly pinger: NodeJS.Timeout;

  constructor(
    private readonly socket: WebSocket,
    private readonly member: SocketMember,
    private readonly live: LiveService,
    private readonly warn: (message: string) => void,
  ) {
    socket.on("message", (data, isBinary) => this.receive(data, isBinary));
    socket.on("pong", () => {
      this.alive = true;
    });
    socket.on("close", () => this.closing());
    this.pinger = setInterval(() => {
      if (!this.alive) return this.socket.terminate();
      this.alive = false;
      this.socket.ping();
    }, SOCKET_LIMITS.pingIntervalMs);
    this.pinger.unref();
  }

  // ---------- RoomListener: what the room sends ----------

  /** `frame` is the same message already serialized by the engine, once for everyone who receives it. */
  event(seq: number, event: RoomEvent, frame?: Buffer): void {
    if (frame) this.sendFrame(frame);
    else this.send({ t: "event", seq, event });
  }

  welcome(seq: number, view: RoomView): void {
    this.send({ t: "welcome", participantId: this.participantId, seq, view });
  }

  /** The TCP socket under the WebSocket (ws keeps it as `_socket`): corked, a batch of frames goes out in one write. */
  private get stream(): { cork(): void; uncork(): void } | undefined {
    return (this.socket as unknown as { _socket?: { cork(): void; uncork(): void } | null })._socket ?? undefined;
  }

  cork(): void {
    this.stream?.cork();
  }

  uncork(): void {
    this.stream?.uncork();
  }

  /** After what this connection is doing now (the ack of the command that ended the meeting comes first). */
  bye(reason: ByeReason): void {
    this.entered = this.entered && reason !== "replaced";
    this.saying = this.saying.then(() => this.sayBye(reason));
  }

  private sayBye(reason: ByeReason): void {
    if (this.dropping) return; // already said "slow" and closing
    this.send({ t: "bye", reason });
    if (this.socket.readyState === this.socket.OPEN) this.socket.close(1000, reason);
  }

  // ---------- what the client sends ----------

  private receive(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    if (!this.allowed()) return;
    const bytes = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
    if (isBinary) return this.error("bad_message", "Send JSON text frames.");
    if (bytes > PROTOCOL_LIMITS.maxClientFrameBytes) return this.error("too_large", `A message may be at most ${PROTOCOL_LIMITS.maxClientFrameBytes} bytes.`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(Array.isArray(data) ? Buffer.concat(data).toString("utf8") : Buffer.from(data as ArrayBuffer).toString("utf8"));
    } catch {
      return this.error("bad_message", "That was not JSON.");
    }
    const message = ClientMessage.safeParse(parsed);
    if (!message.success) {
      const id = typeof (parsed as { id?: unknown })?.id === "string" ? ((parsed as { id: string }).id.slice(0, PROTOCOL_LIMITS.clientMessageIdMax)) : undefined;
      return this.error("bad_message", "That is not a message this room understands.", id);
    }
    // One message at a time, in the order sent.
    this.saying = this.saying
      .then(() => this.handle(message.data))
      .catch(() => {
        this.warn("A live room message could not be handled.");
        this.error("internal", "Something went wrong on our side.");
      });
  }

  /** The token bucket; persistent flooding ends the connection. */
  private allowed(): boolean {
    const now = Date.now();
    this.tokens = Math.min(SOCKET_LIMITS.burst, this.tokens + ((now - this.refilledAt) / 1000) * SOCKET_LIMITS.ratePerSecond);
    this.refilledAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    if (now - this.strikeWindowStart > SOCKET_LIMITS.abuseWindowMs) {
      this.strikes = 0;
      this.strikeWindowStart = now;
    }
    if (++this.strikes > SOCKET_LIMITS.abuseStrikes) {
      this.sayBye("rate");
      return false;
    }
    this.error("rate_limited", "Too many messages: please slow down.");
    return false;
  }

  private async handle(message: ClientMessage): Promise<void> {
    if (this.closed) return;
    switch (message.t) {
      case "ping":
        return this.send({ t: "pong" });
      case "hello":
        return this.hello(message.roomId, message.lastSeq);
      case "cmd": {
        if (!this.admission || !this.entered) return this.error("no_hello", "Say hello to a room first.", message.id);
        const result = await this.live.command(this.admission, message.cmd);
        if (result.ok) return this.send({ t: "ack", id: message.id, seq: result.seq });
        return this.error(result.code, result.message, message.id);
      }
    }
  }

  private async hello(roomId: string, lastSeq: number | undefined): Promise<void> {
    if (this.admission) return this.error("bad_message", "This connection is already in a room.");
    const result = await this.live.admission(this.member.memberId, this.member.displayName, roomId);
    if (!result.ok) {
      this.error(result.code, result.message);
      if (result.code === "ended") this.bye("ended");
      return;
    }
    // The socket may have gone while we looked the room up.
    if (this.closed) return;
    this.admission = result.admission;
    this.participantId = result.admission.actor.participantId;
    const entered = await this.live.enter(result.admission, this, lastSeq);
    if (!entered.ok) {
      this.admission = null;
      this.error(entered.code, entered.message);
      if (entered.code === "removed") this.bye("removed");
      if (entered.code === "ended") this.bye("ended");
      return;
    }
    this.entered = true;
  }

  private closing(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.pinger);
    // After whatever is under way (a hello letting this connection in) has finished.
    this.saying = this.saying
      .then(() => (this.admission ? this.live.disconnect(this.admission, this, this.entered) : undefined))
      .catch(() => this.warn("A live room connection could not be closed cleanly."));
  }

  // ---------- sending ----------

  private error(code: string, message: string, id?: string): void {
    this.send({ t: "error", ...(id === undefined ? {} : { id }), code, message } as ServerMessage);
  }

  private send(message: ServerMessage): void {
    this.sendFrame(JSON.stringify(message));
  }

  /** A serialized ServerMessage, always as a text frame. */
  private sendFrame(frame: string | Buffer): void {
    if (this.socket.readyState !== this.socket.OPEN || this.dropping) return;
    this.socket.send(frame, { binary: false });
    if (this.socket.bufferedAmount > SOCKET_LIMITS.maxBufferedBytes && !this.dropping) {
      // Too slow to read: drop it rather than buffer without end; it comes back with lastSeq.
      // Best effort: the `bye` waits behind everything already queued (a client that reads it all
      // learns why); the close code says "slow" either way. Nothing more is queued after it.
      this.dropping = true;
      this.socket.send(JSON.stringify({ t: "bye", reason: "slow" } satisfies ServerMessage));
      this.socket.close(CLOSE_SLOW, "slow");
      setTimeout(() => this.socket.terminate(), 2000).unref();
    }
  }
}
