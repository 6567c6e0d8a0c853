/**
 * A small driver for room tests (core's and the server's): a room with a clock, people who join
 * and act, and the full event log for replay checks.
 */
import { findTemplate, type Format } from "./formats";
import {
  applyToView,
  decide,
  evolve,
  initialRoomState,
  viewFor,
  visibleTo,
  type RoomActor,
  type RoomCommand,
  type RoomConfig,
  type RoomEvent,
  type RoomState,
  type RoomView,
} from "./room";

export const TEST_START = new Date("2026-03-02T18:00:00.000Z");

export function testConfig(overrides: Partial<RoomConfig> = {}): RoomConfig {
  return {
    roomId: "room-1",
    meetingId: "meeting-1",
    groupId: "group-1",
    occurrenceStart: TEST_START.toISOString(),
    format: findTemplate("twelve_step_discussion", "en").format,
    closed: false,
    observersAllowed: true,
    waitingRoom: false,
    retention: "none",
    proofOfAttendance: false,
    ...overrides,
  };
}

export function person(participantId: string, overrides: Partial<RoomActor> = {}): RoomActor {
  return {
    participantId,
    memberId: `member-${participantId}`,
    displayName: participantId[0]?.toUpperCase() + participantId.slice(1),
    isGroupMember: true,
    holdsChair: false,
    isObserver: false,
    isNewcomer: false,
    ...overrides,
  };
}

export class TestRoom {
  state: RoomState;
  readonly log: RoomEvent[] = [];
  now = new Date(TEST_START);

  constructor(readonly config: RoomConfig = testConfig()) {
    this.state = initialRoomState(config);
  }

  static withFormat(format: Format, overrides: Partial<RoomConfig> = {}): TestRoom {
    return new TestRoom(testConfig({ ...overrides, format }));
  }

  /** Let time pass. */
  wait(seconds: number): this {
    this.now = new Date(this.now.getTime() + seconds * 1000);
    return this;
  }

  /** Run a command that must be accepted; returns its events. */
  run(actor: RoomActor | "system", command: RoomCommand): RoomEvent[] {
    const decision = decide(this.state, actor, command, this.now);
    if (!decision.ok) throw new Error(`${command.type} refused: ${decision.code} (${decision.message})`);
    for (const event of decision.events) {
      this.state = evolve(this.state, event);
      this.log.push(event);
    }
    return decision.events;
  }

  /** The refusal code of a command that must be refused (the state does not change). */
  refusal(actor: RoomActor | "system", command: RoomCommand): string {
    const decision = decide(this.state, actor, command, this.now);
    if (decision.ok) throw new Error(`${command.type} was accepted: ${decision.events.map((e) => e.type).join(", ")}`);
    return decision.code;
  }

  join(...actors: RoomActor[]): this {
    for (const actor of actors) this.run(actor, { type: "join" });
    return this;
  }

  /** Move to the first step of a kind, as the chair. */
  goTo(chair: RoomActor, kind: string): this {
    while (this.state.config.format.steps[this.state.stepIndex]?.kind !== kind) this.run(chair, { type: "next_step" });
    return this;
  }

  get speaker(): string | undefined {
    return this.state.currentShare?.participantId;
  }
}

const byParticipant = (a: { participantId: string }, b: { participantId: string }) => (a.participantId < b.participantId ? -1 : 1);
/** People in a fixed order: a client lists someone who came back last, the server by first arrival. */
export const comparableView = (view: RoomView): RoomView => ({
  ...view,
  participants: [...view.participants].sort(byParticipant),
  waiting: [...view.waiting].sort(byParticipant),
});

/**
 * Replays a room's events as each client receives them (visibleTo, then applyToView, with a fresh
 * snapshot on "resync") and returns, per participant present after each event, where their view
 * differs from the server's: empty when every client keeps up.
 */
export function clientViewMismatches(config: RoomConfig, log: readonly RoomEvent[], viewers: readonly string[]): string[] {
  let state = initialRoomState(config);
  const views = new Map(viewers.map((id) => [id, viewFor(state, id)]));
  const mismatches: string[] = [];
  log.forEach((event, index) => {
    state = evolve(state, event);
    for (const id of viewers) {
      const seen = visibleTo(event, id, state);
      if (seen) {
        const next = applyToView(views.get(id)!, seen);
        views.set(id, next === "resync" ? viewFor(state, id) : next);
      }
      if (state.participants[id]?.status !== "present") continue;
      const mine = canonical(comparableView(views.get(id)!));
      if (mine !== canonical(comparableView(viewFor(state, id)))) mismatches.push(`${id} after event ${index} (${event.type})`);
    }
  });
  return mismatches;
}

/** JSON with keys in order, so two equal values print the same whichever way they were built. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : inner,
  );
}
