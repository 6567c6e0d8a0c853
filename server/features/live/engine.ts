/**
 * The rooms this instance serves: state in memory, rebuilt from live_events, changed only by
 * events that are committed to the database first and then sent on.
 *
 * Commands wait in the room's queue on this instance; the ones waiting when the room is free go
 * together (group commit, at most MAX_BATCH, gathered after the I/O already read) into one
 * database transaction that holds the room's row locked: read the events other instances committed since this instance's seq -> decide
 * each command in order on the state the ones before it left (a refused command gets its error
 * and adds no events) -> number the events from last_seq + 1 -> insert them and move last_seq on
 * -> commit. Then publish on the bus, evolve the state, send each participant here what they may
 * see (fanOut: visibility decided once per kind of viewer, each distinct event serialized once),
 * and ack each command.
 *
 * Seq allocation across instances: the row lock on live_rooms makes commits to one room take
 * turns (PostgreSQL queues the waiting transactions; SQLite has one writer), and last_seq is read
 * under that lock, so numbers are never given twice and no decision rests on a stale room; the
 * primary key (room_id, seq) is the backstop. Instances apply events strictly in seq order: a
 * bus message that would leave a gap makes the instance read the missing events from the
 * database instead. So every participant on every instance sees one order.
 */
import { catchUpFor, decide, evolve, fanOut, initialRoomState, isChair, viewFor, type RoomActor, type RoomConfig, type RoomState } from "../../../core/live/room";
import type { RoomCommand, RoomEvent, RoomView } from "../../../core/live/room-messages";
import type { RoomBus, RoomBusMessage } from "./bus";
import type { LiveRepository, RoomEnding } from "./repository";

/** One connection in a room, as the engine talks to it (socket.ts implements it). */
export interface RoomListener {
  readonly participantId: string;
  /**
   * `frame`, when given, is `{t:"event", seq, event}` already serialized (UTF-8 JSON), shared by
   * every listener who receives the same event: send it as it is.
   */
  event(seq: number, event: RoomEvent, frame?: Buffer): void;
  welcome(seq: number, view: RoomView): void;
  bye(reason: "removed" | "denied" | "ended" | "replaced" | "shutdown"): void;
  /** Hold what is sent until uncork (a batch of events then leaves in one write); optional. */
  cork?(): void;
  uncork?(): void;
}

export type CommandResult = { ok: true; seq: number } | { ok: false; code: string; message: string };

/** How long a dropped participant keeps their place before they count as gone. */
export const LEAVE_GRACE_MS = 20_000;
/** A reconnecting client gets the events it missed when there are at most this many; else a fresh snapshot. */
const MAX_CATCH_UP = 500;
/** The most commands committed together in one transaction (group commit). */
export const MAX_BATCH = 64;

const ENDED: CommandResult = { ok: false, code: "ended", message: "This meeting has ended." };

/** A command waiting in a room's queue for the next group commit. */
interface PendingCommand {
  actor: RoomActor | "system";
  command: RoomCommand;
  resolve: (result: CommandResult) => void;
  reject: (error: unknown) => void;
  /** Runs in the room's queue once the batch is committed and applied, and gives the answer (entering: listen, get a snapshot). */
  then?: (outcome: { result: CommandResult; events: number }) => Promise<CommandResult>;
}

/** What one command of a batch came to: its answer and how many events it caused, or what it threw. */
type BatchOutcome = { result: CommandResult; events: number } | { error: unknown };

interface LoadedRoom {
  id: string;
  config: RoomConfig;
  state: RoomState;
  seq: number;
  ended: boolean;
  listeners: Set<RoomListener>;
  /** Display names by participant id, from joined events (the chair's name for slips). */
  names: Map<string, string>;
  chairName: string | null;
  /** The room's queue: one change at a time. */
  queue: Promise<unknown>;
  /** Commands waiting for the next group commit, in arrival order. */
  pending: PendingCommand[];
  /** A group commit is queued for the pending commands. */
  draining: boolean;
  /** Dropped participants still within their grace period. */
  leaving: number;
  stopListening: () => Promise<void>;
}

export interface EngineDeps {
  repository: LiveRepository;
  bus: RoomBus;
  now: () => Date;
  /** Logs without content: what went wrong and the room id, never what anyone said. */
  warn?: (message: string) => void;
  /** Tests shorten the grace period of a dropped participant. */
  leaveGraceMs?: number;
  /** After this instance committed events (once, on the committing instance only): reports go to moderators. */
  committed?: (room: { id: string; config: RoomConfig; state: RoomState }, events: RoomEvent[]) => void;
}

export class RoomEngine {
  private readonly rooms = new Map<string, Promise<LoadedRoom>>();
  private readonly graceTimers = new Set<NodeJS.Timeout>();
  private closed = false;

  private readonly graceMs: number;

  constructor(private readonly deps: EngineDeps) {
    this.graceMs = deps.leaveGraceMs ?? LEAVE_GRACE_MS;
  }

  /** The room's current state on this instance (loaded from the database when needed). */
  async stateOf(roomId: string): Promise<{ state: RoomState; seq: number; ended: boolean; chairName: string | null }> {
    const room = await this.load(roomId);
    return { state: room.state, seq: room.seq, ended: room.ended, chairName: room.chairName };
  }

  /** A snapshot as one participant sees it. */
  async viewOf(roomId: string, participantId: string): Promise<{ seq: number; view: RoomView }> {
    const room = await this.load(roomId);
    return this.exclusive(room, async () => ({ seq: room.seq, view: viewFor(room.state, participantId) }));
  }

  /**
   * Someone connects (hello): they join unless already in the room, start listening, and get either
   * the events after `lastSeq` (when they were present and few were missed) or a fresh snapshot.
   */
  async enter(roomId: string, actor: RoomActor, listener: RoomListener, lastSeq?: number): Promise<CommandResult> {
    const room = await this.load(roomId);
    // Always through a commit (with whatever else waits for the room: a crowd arriving at once is
    // one transaction): under the room's lock this instance first learns what others did
    // (someone counted as gone elsewhere joins again); joining while in changes nothing.
    return this.enqueue(room, actor, { type: "join" }, async (joined) => {
      if (!joined.result.ok) return joined.result;
      const wasIn = joined.events === 0;
      for (const other of room.listeners) {
        if (other.participantId === actor.participantId) {
          room.listeners.delete(other);
          other.bye("replaced");
        }
      }
      const status = viewFor(room.state, actor.participantId).me.status;
      // Removed or denied by a command committed in the same batch: they hear it as the others did.
      if (status === "removed" || status === "denied") {
        listener.bye(status);
        return joined.result;
      }
      room.listeners.add(listener);
      const missed = lastSeq !== undefined && wasIn && status === "present" && lastSeq <= room.seq && room.seq - lastSeq <= MAX_CATCH_UP;
      if (missed) {
        const stored = await this.deps.repository.eventsAfter(room.id, lastSeq);
        const contiguous = stored.length === room.seq - lastSeq && stored.every((e, i) => e.seq === lastSeq + 1 + i);
        // Each event as it was filtered live (with the state just after it); when that cannot be
        // told from the room as it is now (the chair changed, something happened to this person:
        // core's catchUpFor), a fresh snapshot goes instead.
        const seen = contiguous ? catchUpFor(stored.map(({ body }) => JSON.parse(body) as RoomEvent), actor.participantId, room.state) : null;
        if (seen) {
          seen.forEach((event, i) => {
            if (event) listener.event(stored[i]!.seq, event);
          });
          return { ok: true, seq: room.seq };
        }
      }
      listener.welcome(room.seq, viewFor(room.state, actor.participantId));
      return { ok: true, seq: room.seq };
    });
  }

  /** A connection closed: it stops listening; its participant leaves after the grace period unless back by then. */
  async disconnect(roomId: string, actor: RoomActor, listener: RoomListener, stillPresent: () => Promise<boolean>): Promise<void> {
    const loaded = this.rooms.get(roomId);
    if (!loaded) return;
    const room = await loaded;
    room.listeners.delete(listener);
    if (this.closed || room.ended) return this.unloadIfIdle(room);
    room.leaving++;
    const timer = setTimeout(() => {
      this.graceTimers.delete(timer);
      void (async () => {
        const back = [...room.listeners].some((l) => l.participantId === actor.participantId) || (await stillPresent());
        if (!back && !room.ended) await this.execute(roomId, actor, { type: "leave" });
      })()
        .catch(() => this.deps.warn?.(`A participant's leaving could not be recorded in room ${roomId}.`))
        .finally(() => {
          room.leaving--;
          void this.unloadIfIdle(room);
        });
    }, this.graceMs);
    timer.unref();
    this.graceTimers.add(timer);
  }

  /**
   * Decides and commits one command; the answer carries the seq of the last event it caused (it
   * comes after the commit). Commands that wait for the room meanwhile are committed together.
   */
  async execute(roomId: string, actor: RoomActor | "system", command: RoomCommand): Promise<CommandResult> {
    const room = await this.load(roomId);
    return this.enqueue(room, actor, command);
  }

  private enqueue(room: LoadedRoom, actor: RoomActor | "system", command: RoomCommand, then?: PendingCommand["then"]): Promise<CommandResult> {
    return new Promise<CommandResult>((resolve, reject) => {
      room.pending.push({ actor, command, resolve, reject, ...(then ? { then } : {}) });
      if (!room.draining) {
        room.draining = true;
        // After the I/O already read (setImmediate), so the messages that arrived together are one
        // batch even where the database answers without waiting (SQLite).
        setImmediate(() => void this.exclusive(room, () => this.drain(room)));
      }
    });
  }

  /** The server's clock for every room loaded here (shares' warnings and time-ups). */
  async tick(): Promise<void> {
    for (const loaded of [...this.rooms.values()]) {
      const room = await loaded.catch(() => null);
      if (!room || room.ended) continue;
      // Only where the clock changes something (a share reaching its warning or its time) is it committed.
      const due = decide(room.state, "system", { type: "tick" }, this.deps.now());
      if (due.ok && due.events.length > 0) await this.execute(room.id, "system", { type: "tick" });
    }
  }

  /** Another instance ended the room, or the sweep did: those here are told and the room is let go. */
  async endedElsewhere(roomId: string): Promise<void> {
    const loaded = this.rooms.get(roomId);
    if (!loaded) return;
    const room = await loaded;
    await this.exclusive(room, async () => {
      await this.catchUp(room);
      if (!room.ended) this.endLocally(room);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.graceTimers) clearTimeout(timer);
    this.graceTimers.clear();
    const rooms = await Promise.allSettled([...this.rooms.values()]);
    this.rooms.clear();
    for (const result of rooms) {
      if (result.status !== "fulfilled") continue;
      for (const listener of result.value.listeners) listener.bye("shutdown");
      result.value.listeners.clear();
      await result.value.stopListening().catch(() => {});
    }
  }

  // ---------- inside a room's queue ----------

  /** One group commit: the commands waiting now (up to MAX_BATCH), each answered after the commit. */
  private async drain(room: LoadedRoom): Promise<void> {
    const batch = room.pending.splice(0, MAX_BATCH);
    if (room.pending.length > 0) void this.exclusive(room, () => this.drain(room));
    else room.draining = false;
    if (batch.length === 0) return;
    let outcomes: BatchOutcome[];
    try {
      outcomes = await this.commitBatch(room, batch);
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    for (const [i, item] of batch.entries()) {
      const outcome = outcomes[i]!;
      if ("error" in outcome) item.reject(outcome.error);
      else if (!item.then) item.resolve(outcome.result);
      else await item.then(outcome).then(item.resolve, item.reject);
    }
  }

  /**
   * Decides and commits commands under the room's row lock, in one transaction: first the events
   * other instances committed (the bus may not have brought them yet), then each command in order
   * on the state the ones before it leave, so no instance decides on a stale room and every commit
   * gets the next numbers. Nothing changes here and nobody hears of it until the commit is done.
   */
  private async commitBatch(room: LoadedRoom, commands: ReadonlyArray<{ actor: RoomActor | "system"; command: RoomCommand }>): Promise<BatchOutcome[]> {
    let committed: Array<{ seq: number; event: RoomEvent }> = [];
    const outcomes = await this.deps.repository.commitToRoom(room.id, async (commit): Promise<BatchOutcome[]> => {
      const allEnded = () => commands.map(() => ({ result: ENDED, events: 0 }));
      const locked = await commit.lock();
      if (!locked) return allEnded();
      if (locked.lastSeq > room.seq) {
        for (const { seq, body } of await commit.eventsAfter(room.seq)) if (seq === room.seq + 1) this.apply(room, seq, JSON.parse(body) as RoomEvent);
      }
      if (locked.status === "ended" && !room.ended) this.endLocally(room);
      if (room.ended) return allEnded();
      const now = this.deps.now();
      const events: RoomEvent[] = [];
      const outcomes: BatchOutcome[] = [];
      // The state the commands so far leave (evolved lazily: a batch of one never evolves twice).
      let state = room.state;
      let unevolved = 0;
      for (const { actor, command } of commands) {
        for (; unevolved < events.length; unevolved++) state = evolve(state, events[unevolved]!);
        if (state.status === "ended") {
          outcomes.push({ result: ENDED, events: 0 });
          continue;
        }
        let decision: ReturnType<typeof decide>;
        try {
          decision = decide(state, actor, command, now);
        } catch (error) {
          outcomes.push({ error });
          continue;
        }
        if (!decision.ok) {
          outcomes.push({ result: { ok: false, code: decision.code, message: decision.message }, events: 0 });
          continue;
        }
        events.push(...decision.events);
        outcomes.push({ result: { ok: true, seq: room.seq + events.length }, events: decision.events.length });
      }
      if (events.length === 0) return outcomes;
      const ending = events.some((e) => e.type === "meeting_ended") ? this.ending(room, events, now) : undefined;
      const firstSeq = room.seq + 1;
      await commit.append(
        firstSeq,
        events.map((event) => ({ type: event.type, at: event.at, body: JSON.stringify(event) })),
        ending,
      );
      committed = events.map((event, index) => ({ seq: firstSeq + index, event }));
      return outcomes;
    });
    if (committed.length === 0) return outcomes;
    // Committed: now, and only now, other instances, the room and the people in it hear of it;
    // the bus first, so other instances do not wait for this one's fan-out.
    this.deps.bus.publish({ roomId: room.id, events: committed }).catch(() => {
      this.deps.warn?.(`Room ${room.id}: publishing on the bus failed; other instances will read the database.`);
    });
    this.applyAll(room, committed);
    this.deps.committed?.(room, committed.map(({ event }) => event));
    return outcomes;
  }

  /** What the commit of the end also writes: the chair's pseudonym and how long the words are kept. */
  private ending(room: LoadedRoom, events: RoomEvent[], now: Date): RoomEnding {
    let chairName = room.chairName;
    const names = new Map(room.names);
    for (const event of events) {
      if (event.type === "joined") names.set(event.participant.participantId, event.participant.displayName);
      if (event.type === "chair_changed" && event.participantId) chairName = names.get(event.participantId) ?? chairName;
    }
    const purgeAfter = room.config.retention === "24h" ? new Date(now.getTime() + 24 * 3600_000).toISOString() : null;
    return { at: now.toISOString(), chairName, purgeAfter };
  }

  /** Applies events in order; several: each connection's frames leave together (one write each, not one per event). */
  private applyAll(room: LoadedRoom, events: ReadonlyArray<{ seq: number; event: RoomEvent }>): void {
    const corked = events.length > 1 ? [...room.listeners] : [];
    for (const listener of corked) listener.cork?.();
    try {
      for (const { seq, event } of events) this.apply(room, seq, event);
    } finally {
      for (const listener of corked) listener.uncork?.();
    }
  }

  private apply(room: LoadedRoom, seq: number, event: RoomEvent): void {
    const before = room.state;
    room.state = evolve(room.state, event);
    room.seq = seq;
    if (event.type === "joined") room.names.set(event.participant.participantId, event.participant.displayName);
    if (event.type === "chair_changed" && event.participantId) room.chairName = room.names.get(event.participantId) ?? room.chairName;
    // Visibility once per kind of viewer, and each distinct event serialized once for everyone.
    const seenBy = fanOut(event, room.state);
    const frames = new Map<RoomEvent, Buffer>();
    // Chair powers can only change with the chair or someone's standing.
    const chairMayChange = before.chairId !== room.state.chairId || before.participants !== room.state.participants;
    for (const listener of room.listeners) {
      const id = listener.participantId;
      const seen = seenBy(id);
      if (seen) {
        let frame = frames.get(seen);
        if (!frame) {
          frame = Buffer.from(JSON.stringify({ t: "event", seq, event: seen }));
          frames.set(seen, frame);
        }
        listener.event(seq, seen, frame);
      }
      const aboutThem = "participantId" in event && event.participantId === id;
      if (aboutThem && (event.type === "removed" || event.type === "denied")) {
        room.listeners.delete(listener);
        listener.bye(event.type);
        continue;
      }
      // A fresh snapshot when what they may see changed: let in from the waiting room, or chair
      // powers gained or lost (a temporary chair chosen, a chair-holder arriving, the chair leaving).
      const chairChanged = chairMayChange && isChair(before, id) !== isChair(room.state, id) && room.state.participants[id]?.status === "present";
      if ((aboutThem && event.type === "admitted") || chairChanged) listener.welcome(seq, viewFor(room.state, id));
    }
    if (event.type === "meeting_ended") this.endLocally(room);
  }

  private endLocally(room: LoadedRoom): void {
    room.ended = true;
    for (const listener of room.listeners) listener.bye("ended");
    room.listeners.clear();
    void this.unloadIfIdle(room);
  }

  /** Reads the events after the room's seq from the database and applies them in order. */
  private async catchUp(room: LoadedRoom): Promise<void> {
    const stored = await this.deps.repository.eventsAfter(room.id, room.seq);
    for (const { seq, body } of stored) {
      if (seq !== room.seq + 1) break;
      this.apply(room, seq, JSON.parse(body) as RoomEvent);
    }
    if (room.ended) return;
    // The words may be gone already (or the sweep ended the room): the room record says whether it ended.
    if (stored.length === 0) {
      const record = await this.deps.repository.findRoom(room.id);
      if (record?.status === "ended") this.endLocally(room);
    }
  }

  private async hear(room: LoadedRoom, message: RoomBusMessage): Promise<void> {
    const fresh = message.events.filter((e) => e.seq > room.seq);
    if (fresh.length === 0 || room.ended) return;
    if (fresh[0]!.seq === room.seq + 1 && fresh.every((e, i) => e.seq === fresh[0]!.seq + i)) {
      this.applyAll(room, fresh as Array<{ seq: number; event: RoomEvent }>);
    } else {
      await this.catchUp(room);
    }
  }

  // ---------- loading ----------

  private load(roomId: string): Promise<LoadedRoom> {
    let loaded = this.rooms.get(roomId);
    if (!loaded) {
      loaded = this.replay(roomId);
      this.rooms.set(roomId, loaded);
      loaded.catch(() => this.rooms.delete(roomId));
    }
    return loaded;
  }

  /** Listens on the bus first, then replays the database, so nothing falls between the two. */
  private async replay(roomId: string): Promise<LoadedRoom> {
    const record = await this.deps.repository.findRoom(roomId);
    if (!record) throw new Error("no such room");
    const config = JSON.parse(record.config) as RoomConfig;
    const room: LoadedRoom = {
      id: roomId,
      config,
      state: initialRoomState(config),
      seq: 0,
      ended: false,
      listeners: new Set(),
      names: new Map(),
      chairName: record.chairName,
      queue: Promise.resolve(),
      pending: [],
      draining: false,
      leaving: 0,
      stopListening: async () => {},
    };
    room.stopListening = await this.deps.bus.subscribe(roomId, (message) => {
      void this.exclusive(room, () => this.hear(room, message)).catch(() => {
        this.deps.warn?.(`Room ${roomId}: an event from the bus could not be applied.`);
      });
    });
    await this.exclusive(room, async () => {
      await this.catchUp(room);
      if (record.status === "ended") room.ended = true;
    });
    return room;
  }

  private async unloadIfIdle(room: LoadedRoom): Promise<void> {
    if (room.listeners.size > 0 || (!room.ended && room.leaving > 0)) return;
    if ((await this.rooms.get(room.id)?.catch(() => null)) !== room) return;
    this.rooms.delete(room.id);
    await room.stopListening().catch(() => {});
  }

  private exclusive<T>(room: LoadedRoom, work: () => Promise<T>): Promise<T> {
    const run = room.queue.then(work, work);
    room.queue = run.catch(() => {});
    return run;
  }
}
