/**
 * The browser's side of a live room's WebSocket (core/live/protocol.ts): hello, the snapshot and
 * the numbered events after it (kept up to date with core's applyToView, so the rules are never
 * written twice), commands answered by ack or error, and coming back by itself after a drop with
 * the last seq it saw, so only what was missed is sent. No zod here: messages come from our own
 * server, and the room page stays light on a cheap phone.
 */
import type { ByeReason, ServerMessage } from "../../../core/live/protocol";
import { applyToView } from "../../../core/live/room-client";
import type { RoomCommand, RoomView } from "../../../core/live/room-messages";

export type ConnectionState = "connecting" | "open" | "reconnecting" | "closed";

/** Why this page is no longer in the room (and will not try again by itself). */
export type RoomEnd = "ended" | "removed" | "denied" | "replaced" | "not_found" | "not_open_yet" | "left";

export interface RoomSnapshot {
  view: RoomView | null;
  connection: ConnectionState;
  /** Counts the times the connection came back after a drop (the page says so). */
  returns: number;
  end: RoomEnd | null;
  /** The server's clock minus this one's, in ms, from the times on events as they arrive. */
  clockOffset: number;
}

/** A command the room refused, with its code (core/live/room-messages.ts RoomErrorCode, or a protocol code). */
export class RoomRefusal extends Error {
  override name = "RoomRefusal";
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Waits before trying again after a drop: quickly at first, then at most every 10 s. */
const RETRY_MS = [500, 1000, 2000, 4000, 8000, 10_000];
/** After a "resync" (core's word for "your view cannot follow this event"), a welcome usually follows; if not, reconnect. */
const RESYNC_WAIT_MS = 1500;

const HELLO_ENDS: Record<string, RoomEnd> = { room_not_found: "not_found", not_open_yet: "not_open_yet", ended: "ended", removed: "removed" };
const BYE_ENDS: Partial<Record<ByeReason, RoomEnd>> = { removed: "removed", denied: "denied", ended: "ended", replaced: "replaced" };

interface Pending {
  resolve(seq: number): void;
  reject(error: RoomRefusal): void;
}

export class RoomConnection {
  private snapshot: RoomSnapshot = { view: null, connection: "connecting", returns: 0, end: null, clockOffset: 0 };
  private readonly listeners = new Set<() => void>();
  private socket: WebSocket | null = null;
  private seq = 0;
  /** Hello has been answered (a welcome, or the pong that follows it when nothing was missed). */
  private greeted = false;
  private dropped = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private resyncTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly url: string,
    private readonly roomId: string,
  ) {}

  // ---------- for React (useSyncExternalStore) ----------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): RoomSnapshot => this.snapshot;

  private update(change: Partial<RoomSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }

  // ---------- the connection ----------

  start(): void {
    this.stopped = false;
    window.addEventListener("online", this.retryNow);
    this.connect(false);
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener("online", this.retryNow);
    this.clearTimers();
    this.socket?.close(1000);
    this.socket = null;
  }

  /** Leave on purpose: the room hears it at once, and this page stops coming back. */
  async leave(): Promise<void> {
    await this.command({ type: "leave" }).catch(() => undefined);
    this.update({ end: "left" });
    this.stop();
    this.update({ connection: "closed" });
  }

  private readonly retryNow = () => {
    if (this.snapshot.connection === "reconnecting" && !this.stopped) {
      if (this.retryTimer) clearTimeout(this.retryTimer);
      this.connect(false);
    }
  };

  private connect(fresh: boolean): void {
    if (this.stopped) return;
    this.retryTimer = null;
    this.greeted = false;
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      const lastSeq = !fresh && this.snapshot.view ? { lastSeq: this.seq } : {};
      socket.send(JSON.stringify({ t: "hello", roomId: this.roomId, ...lastSeq }));
      // Answered after the hello is handled: proof that we are back in, even when nothing was missed.
      socket.send(JSON.stringify({ t: "ping" }));
    };
    socket.onmessage = (message) => {
      if (socket !== this.socket) return;
      try {
        this.receive(JSON.parse(String(message.data)) as ServerMessage);
      } catch {
        // A message we cannot read changes nothing; the next welcome puts things right.
      }
    };
    socket.onclose = () => {
      if (socket !== this.socket) return;
      this.socket = null;
      this.failPending();
      if (this.stopped || this.snapshot.end) {
        this.update({ connection: "closed" });
        return;
      }
      this.dropped = true;
      this.update({ connection: "reconnecting" });
      const delay = RETRY_MS[Math.min(this.attempt, RETRY_MS.length - 1)]!;
      this.attempt++;
      this.retryTimer = setTimeout(() => this.connect(false), delay);
    };
  }

  /** Start over with a fresh snapshot (a new connection: a connection says hello only once). */
  private reconnectFresh(): void {
    const old = this.socket;
    this.socket = null;
    this.failPending();
    old?.close(1000);
    this.connect(true);
  }

  private receive(message: ServerMessage): void {
    switch (message.t) {
      case "welcome":
        if (this.resyncTimer) clearTimeout(this.resyncTimer);
        this.resyncTimer = null;
        this.seq = message.seq;
        this.arrived({ view: message.view });
        return;
      case "pong":
        if (!this.greeted) this.arrived({});
        return;
      case "event": {
        if (message.seq <= this.seq || !this.snapshot.view) return;
        this.seq = message.seq;
        const next = applyToView(this.snapshot.view, message.event);
        const offset = this.greeted ? { clockOffset: Date.parse(message.event.at) - Date.now() } : {};
        if (next === "resync") {
          this.update(offset);
          this.resyncTimer ??= setTimeout(() => {
            this.resyncTimer = null;
            this.reconnectFresh();
          }, RESYNC_WAIT_MS);
          return;
        }
        this.update({ view: next, ...offset });
        return;
      }
      case "ack":
        this.settle(message.id, (p) => p.resolve(message.seq));
        return;
      case "error": {
        if (message.id !== undefined) {
          this.settle(message.id, (p) => p.reject(new RoomRefusal(message.code, message.message)));
          return;
        }
        const end = HELLO_ENDS[message.code];
        if (end && !this.greeted) this.finish(end);
        return;
      }
      case "bye": {
        const end = BYE_ENDS[message.reason];
        if (end) this.finish(end);
        // "rate" and "shutdown": the socket closes, and we come back after a pause.
        return;
      }
    }
  }

  private arrived(change: Partial<RoomSnapshot>): void {
    const wasDropped = this.dropped;
    this.greeted = true;
    this.dropped = false;
    this.attempt = 0;
    this.update({ ...change, connection: "open", ...(wasDropped ? { returns: this.snapshot.returns + 1 } : {}) });
  }

  private finish(end: RoomEnd): void {
    this.update({ end });
    this.stopped = true;
    this.clearTimers();
  }

  // ---------- commands ----------

  /** Sends a command; resolves when the room accepts it, rejects with a RoomRefusal when not. */
  command(cmd: RoomCommand): Promise<number> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN || !this.greeted) {
      return Promise.reject(new RoomRefusal("connection", "not connected"));
    }
    const id = `c${this.nextId++}`;
    return new Promise<number>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ t: "cmd", id, cmd }));
    });
  }

  private settle(id: string, done: (p: Pending) => void): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    done(pending);
  }

  private failPending(): void {
    for (const pending of this.pending.values()) pending.reject(new RoomRefusal("connection", "the connection was lost"));
    this.pending.clear();
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    this.retryTimer = null;
    this.resyncTimer = null;
  }
}

/** ws(s)://this-host/api/live/socket */
export function socketUrl(path: string): string {
  return `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}${path}`;
}
