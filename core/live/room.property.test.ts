import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findTemplate, TEMPLATE_IDS } from "./formats";
import {
  applyToView,
  catchUpFor,
  decide,
  evolve,
  initialRoomState,
  replay,
  RoomEvent,
  RoomView,
  viewFor,
  visibleTo,
  type RoomActor,
  type RoomCommand,
  type RoomState,
} from "./room";
import { comparableView, person, testConfig, TEST_START } from "./testing";

const PEOPLE: RoomActor[] = [
  person("chair", { holdsChair: true }),
  person("ana"),
  person("ben"),
  person("nova", { isGroupMember: false, isNewcomer: true }),
  person("olga", { isGroupMember: false, isObserver: true }),
];
const IDS = [...PEOPLE.map((p) => p.participantId), "nobody"];

const target = fc.constantFrom(...IDS);
const simple = (...commands: RoomCommand[]) => fc.constantFrom<RoomCommand>(...commands);
// Weighted so that people are in the room most of the time and every rule gets exercised.
const command: fc.Arbitrary<RoomCommand> = fc.oneof(
  { weight: 18, arbitrary: simple({ type: "join" }) },
  { weight: 3, arbitrary: simple({ type: "leave" }) },
  { weight: 9, arbitrary: simple({ type: "next_step" }, { type: "next_step" }, { type: "previous_step" }) },
  { weight: 12, arbitrary: simple({ type: "raise_hand" }, { type: "lower_hand" }, { type: "call_next" }) },
  { weight: 12, arbitrary: simple({ type: "pass" }, { type: "finish_share" }, { type: "end_share" }) },
  { weight: 6, arbitrary: simple({ type: "lock" }, { type: "unlock" }, { type: "claim_chair" }) },
  { weight: 1, arbitrary: simple({ type: "end_meeting" }) },
  { weight: 9, arbitrary: simple({ type: "tick" }) },
  {
    weight: 18,
    arbitrary: fc.oneof(
      target.map((participantId) => ({ type: "admit" as const, participantId })),
      target.map((participantId) => ({ type: "deny" as const, participantId })),
      target.map((participantId) => ({ type: "call" as const, participantId })),
      target.map((participantId) => ({ type: "thank" as const, participantId })),
      target.map((participantId) => ({ type: "mute" as const, participantId })),
      target.map((participantId) => ({ type: "unmute" as const, participantId })),
      target.map((participantId) => ({ type: "remove" as const, participantId })),
      target.map((participantId) => ({ type: "claim_chair" as const, participantId })),
      target.map((participantId) => ({ type: "lower_hand" as const, participantId })),
      target.map((participantId) => ({ type: "report" as const, participantId, reason: "disruptive" as const })),
    ),
  },
  { weight: 9, arbitrary: fc.string({ maxLength: 20 }).map((text) => ({ type: "share_text" as const, text })) },
  {
    weight: 9,
    arbitrary: fc
      .constantFrom("s1", "s2", "s3", "m1", undefined)
      .map((replyTo) => ({ type: "chat" as const, text: "hello", ...(replyTo ? { replyTo } : {}) })),
  },
  { weight: 3, arbitrary: fc.integer({ min: 15, max: 900 }).map((seconds) => ({ type: "extend_share" as const, seconds })) },
);
const step = fc.record({
  actor: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PEOPLE) }, { weight: 2, arbitrary: fc.constant(PEOPLE[0]!) }, { weight: 1, arbitrary: fc.constant("system" as const) }),
  command,
  seconds: fc.integer({ min: 0, max: 90 }),
});

describe("a room under any sequence of commands", () => {
  it("never throws, keeps its invariants, and replays to the same state", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TEMPLATE_IDS),
        fc.boolean(),
        fc.boolean(),
        fc.array(step, { minLength: 20, maxLength: 150 }),
        (templateId, waitingRoom, closed, steps) => {
          const config = testConfig({ format: findTemplate(templateId, "en").format, waitingRoom, closed });
          let state = initialRoomState(config);
          const log: RoomEvent[] = [];
          let now = TEST_START.getTime();
          for (const { actor, command, seconds } of steps) {
            now += seconds * 1000;
            const decision = decide(state, actor, command, new Date(now));
            if (!decision.ok) continue;
            for (const event of decision.events) {
              expect(RoomEvent.safeParse(event).success).toBe(true);
              state = evolve(state, event);
              log.push(event);
              for (const id of IDS) visibleTo(event, id, state);
            }
            // invariants a person would notice if broken
            expect(state.stepIndex).toBeGreaterThanOrEqual(0);
            expect(state.stepIndex).toBeLessThan(config.format.steps.length);
            if (state.currentShare) expect(state.participants[state.currentShare.participantId]?.status).toBe("present");
            if (state.chairId) expect(state.participants[state.chairId]?.status).toBe("present");
            for (const id of state.queue) expect(state.participants[id]?.status).toBe("present");
            expect(new Set(state.queue).size).toBe(state.queue.length);
          }
          expect(replay(config, log)).toEqual(state);
          for (const id of IDS) expect(RoomView.safeParse(viewFor(state, id)).success).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keeps every present client's view, updated from its own events, equal to the server's view of it", () => {
    const viewers = PEOPLE.map((p) => p.participantId);
    fc.assert(
      fc.property(fc.constantFrom(...TEMPLATE_IDS), fc.boolean(), fc.array(step, { minLength: 20, maxLength: 150 }), (templateId, waitingRoom, steps) => {
        const config = testConfig({ format: findTemplate(templateId, "en").format, waitingRoom });
        let state: RoomState = initialRoomState(config);
        const views = new Map(viewers.map((id) => [id, viewFor(state, id)]));
        let now = TEST_START.getTime();
        for (const { actor, command, seconds } of steps) {
          now += seconds * 1000;
          const decision = decide(state, actor, command, new Date(now));
          if (!decision.ok) continue;
          for (const event of decision.events) {
            state = evolve(state, event);
            for (const id of viewers) {
              const seen = visibleTo(event, id, state);
              if (!seen) continue;
              const next = applyToView(views.get(id)!, seen);
              views.set(id, next === "resync" ? viewFor(state, id) : next);
            }
          }
          for (const id of viewers) {
            if (state.participants[id]?.status !== "present") continue;
            expect(comparableView(views.get(id)!), `${id}'s view after ${command.type}`).toEqual(comparableView(viewFor(state, id)));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("catches a reconnecting participant up with exactly what they would have seen live, or says a snapshot is needed", () => {
    const viewers = PEOPLE.map((p) => p.participantId);
    let caughtUp = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...TEMPLATE_IDS),
        fc.boolean(),
        fc.array(step, { minLength: 20, maxLength: 120 }),
        fc.integer({ min: 0, max: 200 }),
        (templateId, waitingRoom, steps, cut) => {
          const config = testConfig({ format: findTemplate(templateId, "en").format, waitingRoom });
          let state: RoomState = initialRoomState(config);
          // Per event: the state just after it, to filter it as it was sent live.
          const log: Array<{ event: RoomEvent; after: RoomState }> = [];
          let now = TEST_START.getTime();
          for (const { actor, command, seconds } of steps) {
            now += seconds * 1000;
            const decision = decide(state, actor, command, new Date(now));
            if (!decision.ok) continue;
            for (const event of decision.events) {
              state = evolve(state, event);
              log.push({ event, after: state });
            }
          }
          const missed = log.slice(Math.min(cut, log.length));
          for (const id of viewers) {
            const sent = catchUpFor(
              missed.map((m) => m.event),
              id,
              state,
            );
            if (sent === null) continue;
            caughtUp++;
            const live = missed.map((m) => visibleTo(m.event, id, m.after));
            expect(sent, `${id} catching up`).toEqual(live);
          }
        },
      ),
      { numRuns: 300 },
    );
    // The rule is not "always a snapshot": most reconnections are caught up with events.
    expect(caughtUp).toBeGreaterThan(100);
  });
});
