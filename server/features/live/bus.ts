/**
 * The room bus: how every server instance hears about the events any instance commits to a room.
 * Events are committed to the database first (live_events); the bus only carries them on, so a
 * lost or late message costs a read from the database, never an event (see engine.ts).
 *
 * Without REDIS_URL one process serves every room and the in-process bus below does; with it,
 * RedisRoomBus (redis-bus.ts) connects the instances.
 */
import { createHash } from "node:crypto";
import type { Config } from "../../config";
import { RedisRoomBus } from "./redis-bus";

/** Events a room committed, in seq order, as one instance publishes them. */
export interface RoomBusMessage {
  roomId: string;
  events: Array<{ seq: number; event: unknown }>;
}

export type RoomBusListener = (message: RoomBusMessage) => void;

export interface RoomBus {
  /** Hears the room's messages until the returned function is called. */
  subscribe(roomId: string, listener: RoomBusListener): Promise<() => Promise<void>>;
  publish(message: RoomBusMessage): Promise<void>;
  close(): Promise<void>;
}

/** One process: listeners are called on the next turn of the event loop, as a network bus would. */
export class InProcessRoomBus implements RoomBus {
  private readonly listeners = new Map<string, Set<RoomBusListener>>();

  async subscribe(roomId: string, listener: RoomBusListener): Promise<() => Promise<void>> {
    const set = this.listeners.get(roomId) ?? new Set<RoomBusListener>();
    set.add(listener);
    this.listeners.set(roomId, set);
    return async () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(roomId) === set) this.listeners.delete(roomId);
    };
  }

  async publish(message: RoomBusMessage): Promise<void> {
    const set = this.listeners.get(message.roomId);
    if (!set) return;
    for (const listener of [...set]) setImmediate(() => listener(message));
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}

/**
 * The bus the configuration asks for. Redis channels are prefixed by a digest of the database's
 * name, so instances of one installation (one database) share rooms and nothing else does.
 */
export function roomBusFor(config: Pick<Config, "redisUrl" | "database">): RoomBus {
  if (!config.redisUrl) return new InProcessRoomBus();
  const database = config.database.dialect === "sqlite" ? config.database.path : config.database.url;
  const digest = createHash("sha256").update(database).digest("hex").slice(0, 12);
  return new RedisRoomBus(config.redisUrl, `kindred:${digest}:live:`);
}
