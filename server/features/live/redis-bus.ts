/**
 * The room bus over Redis pub/sub, for several instances (REDIS_URL). One connection publishes,
 * one listens; each room is a channel `<prefix>room:<roomId>`, subscribed while this instance
 * has someone in the room. Messages are JSON and carry only what is already in live_events.
 */
import { Redis } from "ioredis";
import type { RoomBus, RoomBusListener, RoomBusMessage } from "./bus";

export class RedisRoomBus implements RoomBus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly listeners = new Map<string, Set<RoomBusListener>>();
  /** A channel's subscription, done once Redis confirmed it (later callers wait for it too). */
  private readonly subscribed = new Map<string, Promise<unknown>>();

  constructor(url: string, private readonly prefix: string) {
    // Lazy: a process that never serves a room (the command line) never connects.
    this.publisher = new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: true });
    this.subscriber = new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: true });
    // Connection trouble is retried by ioredis; what is missed meanwhile is read from the database.
    this.publisher.on("error", () => {});
    this.subscriber.on("error", () => {});
    this.subscriber.on("message", (channel: string, text: string) => {
      const set = this.listeners.get(channel);
      if (!set) return;
      let message: RoomBusMessage;
      try {
        message = JSON.parse(text) as RoomBusMessage;
      } catch {
        return;
      }
      for (const listener of [...set]) listener(message);
    });
  }

  private channel(roomId: string): string {
    return `${this.prefix}room:${roomId}`;
  }

  async subscribe(roomId: string, listener: RoomBusListener): Promise<() => Promise<void>> {
    const channel = this.channel(roomId);
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      this.subscribed.set(channel, this.subscriber.subscribe(channel));
    }
    set.add(listener);
    await this.subscribed.get(channel);
    return async () => {
      const current = this.listeners.get(channel);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) {
        this.listeners.delete(channel);
        this.subscribed.delete(channel);
        await this.subscriber.unsubscribe(channel).catch(() => {});
      }
    };
  }

  async publish(message: RoomBusMessage): Promise<void> {
    await this.publisher.publish(this.channel(message.roomId), JSON.stringify(message));
  }

  async close(): Promise<void> {
    this.listeners.clear();
    // quit() would connect a lazy client that never connected; disconnect() does not.
    for (const client of [this.subscriber, this.publisher]) {
      if (client.status === "ready") await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    }
  }
}
