import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { newId } from "../../../core/ids";
import { person, testConfig } from "../../../core/live/testing";
import type { RoomEvent, RoomView } from "../../../core/live/room";
import { createTestDatabase, dialects, type TestDatabase } from "../../testing/harness";
import { InProcessRoomBus, type RoomBus, type RoomBusMessage } from "./bus";
import { RoomEngine, type RoomListener } from "./engine";
import { LiveRepository } from "./repository";

class Listener implements RoomListener {
  readonly events: Array<[number, RoomEvent]> = [];
  readonly welcomes: RoomView[] = [];
  readonly byes: string[] = [];
  constructor(readonly participantId: string) {}
  event(seq: number, event: RoomEvent) {
    this.events.push([seq, event]);
  }
  welcome(_seq: number, view: RoomView) {
    this.welcomes.push(view);
  }
  bye(reason: string) {
    this.byes.push(reason);
  }
  types() {
    return this.events.map(([seq, e]) => `${seq} ${e.type}`);
  }
}

/** A bus that loses the messages a test tells it to lose. */
class LossyBus implements RoomBus {
  dropNext = 0;
  constructor(private readonly inner: RoomBus) {}
  subscribe(roomId: string, listener: (m: RoomBusMessage) => void) {
    return this.inner.subscribe(roomId, listener);
  }
  async publish(message: RoomBusMessage) {
    if (this.dropNext > 0) {
      this.dropNext--;
      return;
    }
    await this.inner.publish(message);
  }
  close() {
    return this.inner.close();
  }
}

/** Counts the room's transactions, and can hold the next one open until a test lets it go. */
class CountingRepository extends LiveRepository {
  commits = 0;
  hold: Promise<void> | null = null;
  override async commitToRoom<T>(roomId: string, work: Parameters<LiveRepository["commitToRoom"]>[1] & ((commit: never) => Promise<T>)): Promise<T> {
    this.commits++;
    const hold = this.hold;
    this.hold = null;
    return super.commitToRoom(roomId, async (commit) => {
      if (hold) await hold;
      return (work as (c: typeof commit) => Promise<T>)(commit);
    });
  }
}

const until = async (check: () => boolean, what: string) => {
  const deadline = Date.now() + 3000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe.each(dialects)("the room engine on %s", (dialect) => {
  let database: TestDatabase;
  let repository: LiveRepository;
  let roomId: string;
  const now = () => new Date("2026-03-02T18:00:00.000Z");
  const engines: RoomEngine[] = [];
  const engine = (bus: RoomBus, leaveGraceMs = 50) => {
    const made = new RoomEngine({ repository, bus, now, leaveGraceMs });
    engines.push(made);
    return made;
  };

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    repository = new LiveRepository(database.db);
    roomId = newId();
    const config = testConfig({ roomId, observersAllowed: false });
    await database.db
      .insertInto("live_rooms")
      .values({
        id: roomId,
        meeting_id: null,
        group_id: null,
        meeting_name: "Test",
        occurrence_date: "2026-03-02",
        occurrence_start: config.occurrenceStart,
        occurrence_end: "2026-03-02T19:00:00.000Z",
        opens_at: "2026-03-02T17:45:00.000Z",
        config: JSON.stringify(config),
        status: "open",
        last_seq: 0,
        chair_name: null,
        created_at: config.occurrenceStart,
        ended_at: null,
        purge_after: null,
      })
      .execute();
  });
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((e) => e.close()));
    await database.destroy();
  });

  it("lets a dropped participant keep their place for the grace period, then counts them gone", async () => {
    const rooms = engine(new InProcessRoomBus());
    const ana = person("ana");
    const ben = person("ben");
    const anaHears = new Listener("ana");
    const benHears = new Listener("ben");
    await rooms.enter(roomId, ana, anaHears);
    await rooms.enter(roomId, ben, benHears);
    await rooms.disconnect(roomId, ben, benHears, async () => false);
    expect(anaHears.types().some((t) => t.endsWith(" left"))).toBe(false);
    await until(() => anaHears.types().some((t) => t.endsWith(" left")), "ben leaving");
  });

  it("keeps the place of someone who is back within the grace period", async () => {
    const rooms = engine(new InProcessRoomBus(), 200);
    const ana = person("ana");
    const ben = person("ben");
    const anaHears = new Listener("ana");
    await rooms.enter(roomId, ana, anaHears);
    const first = new Listener("ben");
    await rooms.enter(roomId, ben, first);
    await rooms.disconnect(roomId, ben, first, async () => false);
    await rooms.enter(roomId, ben, new Listener("ben"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(anaHears.types().some((t) => t.endsWith(" left"))).toBe(false);
  });

  it("sends a fresh snapshot to whoever gains or loses chair powers, so their view shows what a chair sees", async () => {
    const rooms = engine(new InProcessRoomBus());
    const [ana, ben, cy] = [person("ana"), person("ben"), person("cy")];
    const anaHears = new Listener("ana");
    await rooms.enter(roomId, ana, anaHears);
    await rooms.enter(roomId, ben, new Listener("ben"));
    await rooms.enter(roomId, cy, new Listener("cy"));
    await rooms.execute(roomId, ben, { type: "report", participantId: "cy", reason: "disruptive" });
    expect(anaHears.welcomes).toHaveLength(1);

    // Ben and Cy choose Ana as the temporary chair: she learns it, and sees the report made before.
    await rooms.execute(roomId, ben, { type: "claim_chair", participantId: "ana" });
    await rooms.execute(roomId, cy, { type: "claim_chair", participantId: "ana" });
    expect(anaHears.welcomes).toHaveLength(2);
    expect(anaHears.welcomes[1]).toMatchObject({ me: { isChair: true }, chair: { participantId: "ana", temporary: true }, reports: [{ participantId: "cy" }] });

    // The group's chair arrives and takes over: Ana's view loses what only the chair sees.
    const chairHears = new Listener("chair");
    await rooms.enter(roomId, person("chair", { holdsChair: true }), chairHears);
    expect(anaHears.welcomes).toHaveLength(3);
    expect(anaHears.welcomes[2]).toMatchObject({ me: { isChair: false }, chair: { participantId: "chair" }, reports: [] });
    expect(chairHears.welcomes).toEqual([expect.objectContaining({ me: expect.objectContaining({ isChair: true }) })]);
  });

  it("catches a reconnecting participant up with events, unless they became chair while away: then a fresh snapshot", async () => {
    const rooms = engine(new InProcessRoomBus(), 5000);
    const [ana, ben, cy] = [person("ana"), person("ben"), person("cy")];
    const first = new Listener("ana");
    await rooms.enter(roomId, ana, first);
    await rooms.enter(roomId, ben, new Listener("ben"));
    await rooms.enter(roomId, cy, new Listener("cy"));

    // Away briefly, nothing about her changes: she gets what she missed, as it was sent live.
    await rooms.disconnect(roomId, ana, first, async () => false);
    let lastSeq = (await rooms.stateOf(roomId)).seq;
    expect((await rooms.execute(roomId, ben, { type: "report", participantId: "cy", reason: "disruptive" })).ok).toBe(true);
    expect((await rooms.execute(roomId, ben, { type: "thank", participantId: "ana" })).ok).toBe(true);
    const back = new Listener("ana");
    await rooms.enter(roomId, ana, back, lastSeq);
    expect(back.welcomes).toEqual([]);
    expect(back.types()).toEqual([`${lastSeq + 2} thanked`]);

    // Away again, and chosen as temporary chair meanwhile: the report made before she chaired is not
    // sent as an event (filtered by the room as it is now it would be); a chair's snapshot comes instead.
    await rooms.disconnect(roomId, ana, back, async () => false);
    lastSeq = (await rooms.stateOf(roomId)).seq;
    await rooms.execute(roomId, ben, { type: "report", participantId: "cy", reason: "harassment" });
    await rooms.execute(roomId, ben, { type: "claim_chair", participantId: "ana" });
    await rooms.execute(roomId, cy, { type: "claim_chair", participantId: "ana" });
    const again = new Listener("ana");
    await rooms.enter(roomId, ana, again, lastSeq);
    expect(again.events).toEqual([]);
    expect(again.welcomes).toEqual([expect.objectContaining({ me: expect.objectContaining({ isChair: true }), reports: [expect.anything(), expect.anything()] })]);
  });

  describe("group commit", () => {
    /** A room with the chair, Ana, Ben and Cy, and a repository that holds one transaction open on request. */
    const setUp = async () => {
      const counting = new CountingRepository(database.db);
      const made = new RoomEngine({ repository: counting, bus: new InProcessRoomBus(), now, leaveGraceMs: 50 });
      engines.push(made);
      const chair = person("chair", { holdsChair: true });
      const [ana, ben, cy] = [person("ana"), person("ben"), person("cy")];
      const chairHears = new Listener("chair");
      const anaHears = new Listener("ana");
      await made.enter(roomId, chair, chairHears);
      await made.enter(roomId, ana, anaHears);
      await made.enter(roomId, ben, new Listener("ben"));
      await made.enter(roomId, cy, new Listener("cy"));
      /** Runs `first` while its transaction is held open, queues `then` behind it, and lets it all go. */
      const queued = async (first: () => Promise<unknown>, then: Array<() => Promise<Awaited<ReturnType<RoomEngine["execute"]>>>>) => {
        let release!: () => void;
        counting.hold = new Promise<void>((resolve) => (release = resolve));
        const running = first();
        await until(() => counting.commits > 0 && counting.hold === null, "the first commit to start");
        const before = counting.commits;
        const answers = then.map((run) => run());
        await new Promise((resolve) => setTimeout(resolve, 20));
        release();
        await running;
        const results = await Promise.all(answers);
        return { results, transactions: counting.commits - before };
      };
      return { rooms: made, counting, chair, ana, ben, cy, chairHears, anaHears, queued };
    };

    it("commits the commands waiting for a room in one transaction, answering each in order with its own seq or error", async () => {
      const { rooms, chair, ana, ben, chairHears, anaHears, queued } = await setUp();
      const start = (await rooms.stateOf(roomId)).seq;
      const { results, transactions } = await queued(
        () => rooms.execute(roomId, chair, { type: "next_step" }),
        [
          () => rooms.execute(roomId, ben, { type: "report", participantId: "cy", reason: "disruptive" }),
          () => rooms.execute(roomId, ana, { type: "lock" }), // not the chair
          () => rooms.execute(roomId, chair, { type: "lock" }),
          () => rooms.execute(roomId, chair, { type: "lock" }), // decided on the state the one before left
          () => rooms.execute(roomId, chair, { type: "unlock" }),
        ],
      );
      expect(transactions).toBe(1);
      expect(results).toEqual([
        { ok: true, seq: start + 2 },
        { ok: false, code: "not_chair", message: expect.any(String) },
        { ok: true, seq: start + 3 },
        { ok: false, code: "already", message: expect.any(String) },
        { ok: true, seq: start + 4 },
      ]);
      // Everyone hears the batch in seq order, each what they may see (the report only the chair).
      expect(chairHears.types().slice(-4)).toEqual([`${start + 1} step_changed`, `${start + 2} reported`, `${start + 3} locked`, `${start + 4} unlocked`]);
      expect(anaHears.types().slice(-3)).toEqual([`${start + 1} step_changed`, `${start + 3} locked`, `${start + 4} unlocked`]);
      const stored = await repository.eventsAfter(roomId, start);
      expect(stored.map((e) => e.seq)).toEqual([start + 1, start + 2, start + 3, start + 4]);
      expect((await rooms.stateOf(roomId)).state.locked).toBe(false);
    });

    it("answers a command only once its batch is committed, and refuses what comes after the end of the meeting", async () => {
      const { rooms, chair, ana, ben, anaHears, queued } = await setUp();
      const start = (await rooms.stateOf(roomId)).seq;
      const { results, transactions } = await queued(
        () => rooms.execute(roomId, ana, { type: "thank", participantId: "chair" }),
        [
          () =>
            rooms.execute(roomId, chair, { type: "end_meeting" }).then(async (result) => {
              // By the time the ack could go out, the end is stored and its words are gone.
              expect(await repository.eventCount(roomId)).toBe(0);
              expect((await repository.findRoom(roomId))?.status).toBe("ended");
              return result;
            }),
          () => rooms.execute(roomId, ben, { type: "raise_hand" }),
        ],
      );
      expect(transactions).toBe(1);
      expect(results[0]).toMatchObject({ ok: true });
      expect(results[1]).toMatchObject({ ok: false, code: "ended" });
      expect(anaHears.types().some((t) => t.endsWith("meeting_ended"))).toBe(true);
      expect(anaHears.byes).toEqual(["ended"]);
      expect(anaHears.events.every(([seq], i, all) => i === 0 || seq > all[i - 1]![0])).toBe(true);
      expect(start).toBeGreaterThan(0);
    });

    it("lets a crowd arriving at once in with one transaction: each gets a snapshot with everyone, the others hear each arrival once", async () => {
      const { rooms, anaHears, queued } = await setUp();
      const start = (await rooms.stateOf(roomId)).seq;
      const crowd = ["dee", "eve", "fay", "gus"].map((id) => ({ id, actor: person(id), hears: new Listener(id) }));
      const { results, transactions } = await queued(
        () => rooms.execute(roomId, person("ana"), { type: "thank", participantId: "ben" }),
        crowd.map(({ actor, hears }) => () => rooms.enter(roomId, actor, hears)),
      );
      expect(transactions).toBe(1);
      expect(results.every((r) => r.ok)).toBe(true);
      const last = (await rooms.stateOf(roomId)).seq;
      expect(last).toBe(start + 5);
      for (const { hears } of crowd) {
        expect(hears.welcomes).toHaveLength(1);
        expect(hears.welcomes[0]!.participants.map((p) => p.participantId)).toEqual(expect.arrayContaining(["ana", "dee", "eve", "fay", "gus"]));
      }
      expect(anaHears.types().slice(-4)).toEqual([2, 3, 4, 5].map((n) => `${start + n} joined`));
    });

    it("tells someone removed in the very batch that let them in, and does not keep them listening", async () => {
      const { rooms, chair, chairHears, queued } = await setUp();
      const dee = new Listener("dee");
      const { results, transactions } = await queued(
        () => rooms.execute(roomId, person("ana"), { type: "thank", participantId: "ben" }),
        [() => rooms.enter(roomId, person("dee"), dee), () => rooms.execute(roomId, chair, { type: "remove", participantId: "dee" })],
      );
      expect(transactions).toBe(1);
      expect(results.map((r) => r.ok)).toEqual([true, true]);
      expect(dee.byes).toEqual(["removed"]);
      expect(dee.welcomes).toEqual([]);
      expect(chairHears.types().slice(-2).map((t) => t.split(" ")[1])).toEqual(["joined", "removed"]);
      await rooms.execute(roomId, chair, { type: "next_step" });
      expect(dee.events).toEqual([]);
    });

    it("commits a single command on its own, and a burst in at most a few transactions", async () => {
      const { rooms, counting, ana, ben, cy } = await setUp();
      const before = counting.commits;
      expect((await rooms.execute(roomId, ana, { type: "thank", participantId: "ben" })).ok).toBe(true);
      expect(counting.commits - before).toBe(1);
      const burst = await Promise.all(
        Array.from({ length: 30 }, (_, i) => rooms.execute(roomId, [ana, ben, cy][i % 3]!, { type: "thank", participantId: i % 3 === 0 ? "ben" : "ana" })),
      );
      expect(burst.every((r) => r.ok)).toBe(true);
      const seqs = burst.map((r) => (r.ok ? r.seq : 0));
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(30);
      expect(counting.commits - before - 1).toBeLessThanOrEqual(2);
    });
  });

  it("has two instances on one database and bus agree on one order, filling a lost message from the database", async () => {
    const shared = new InProcessRoomBus();
    const lossy = new LossyBus(shared);
    const a = engine(lossy);
    const b = engine(shared);
    const chair = person("chair", { holdsChair: true });
    const ana = person("ana");
    const ben = person("ben");
    const onA = new Listener("ana");
    const onB = new Listener("ben");
    await a.enter(roomId, chair, new Listener("chair"));
    await a.enter(roomId, ana, onA);
    await b.enter(roomId, ben, onB);
    const from = (await b.stateOf(roomId)).seq;

    lossy.dropNext = 1; // B never hears of the next commit on A...
    await a.execute(roomId, ana, { type: "thank", participantId: "chair" });
    await a.execute(roomId, chair, { type: "next_step" }); // ...until this one leaves a gap, which B reads from the database.
    await Promise.all([
      a.execute(roomId, ana, { type: "raise_hand" }),
      b.execute(roomId, ben, { type: "raise_hand" }),
      a.execute(roomId, chair, { type: "lock" }),
      b.execute(roomId, ben, { type: "lower_hand" }),
    ]);
    const last = (await a.stateOf(roomId)).seq;
    await until(() => onB.events.some(([seq]) => seq === last), "B to catch up");
    const seen = (l: Listener) => l.types().filter((t) => Number(t.split(" ")[0]) > from && !t.endsWith("thanked"));
    expect(seen(onB)).toEqual(seen(onA));
    expect((await b.stateOf(roomId)).state).toEqual((await a.stateOf(roomId)).state);
    const room = await database.db.selectFrom("live_rooms").select("last_seq").where("id", "=", roomId).executeTakeFirstOrThrow();
    expect(Number(room.last_seq)).toBe(last);
  });
});
