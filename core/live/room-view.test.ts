import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findTemplate, TEMPLATE_IDS } from "./formats";
import { decide, evolve, fanOut, initialRoomState, visibleTo, type RoomActor, type RoomCommand, type RoomEvent } from "./room";
import { person, testConfig, TEST_START } from "./testing";

const PEOPLE: RoomActor[] = [
  person("chair", { holdsChair: true }),
  person("ana"),
  person("ben"),
  person("nova", { isGroupMember: false, isNewcomer: true }),
  person("olga", { isGroupMember: false, isObserver: true }),
];
const IDS = [...PEOPLE.map((p) => p.participantId), "nobody"];
const who = fc.constantFrom(...IDS);
const command: fc.Arbitrary<RoomCommand> = fc.oneof(
  { weight: 12, arbitrary: fc.constant<RoomCommand>({ type: "join" }) },
  { weight: 2, arbitrary: fc.constant<RoomCommand>({ type: "leave" }) },
  {
    weight: 8,
    arbitrary: fc.constantFrom<RoomCommand>({ type: "next_step" }, { type: "raise_hand" }, { type: "call_next" }, { type: "pass" }, { type: "claim_chair" }, { type: "lock" }, { type: "unlock" }),
  },
  {
    weight: 10,
    arbitrary: fc.oneof(
      who.map((participantId) => ({ type: "admit" as const, participantId })),
      who.map((participantId) => ({ type: "deny" as const, participantId })),
      who.map((participantId) => ({ type: "call" as const, participantId })),
      who.map((participantId) => ({ type: "thank" as const, participantId })),
      who.map((participantId) => ({ type: "remove" as const, participantId })),
      who.map((participantId) => ({ type: "report" as const, participantId, reason: "disruptive" as const })),
    ),
  },
  { weight: 4, arbitrary: fc.constantFrom<RoomCommand>({ type: "chat", text: "hello" }, { type: "chat", text: "re", replyTo: "s1" }, { type: "share_text", text: "words" }) },
  { weight: 1, arbitrary: fc.constant<RoomCommand>({ type: "end_meeting" }) },
);
const step = fc.record({ actor: fc.constantFrom(...PEOPLE), command });

describe("fanOut: visibility decided once per kind of viewer", () => {
  it("gives every participant exactly what visibleTo gives them, and one shared object to viewers who see the same", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEMPLATE_IDS), fc.boolean(), fc.array(step, { minLength: 20, maxLength: 120 }), (templateId, waitingRoom, steps) => {
        let state = initialRoomState(testConfig({ format: findTemplate(templateId, "en").format, waitingRoom }));
        let now = TEST_START.getTime();
        for (const { actor, command } of steps) {
          now += 7000;
          const decision = decide(state, actor, command, new Date(now));
          if (!decision.ok) continue;
          for (const event of decision.events) {
            state = evolve(state, event);
            const seenBy = fanOut(event, state);
            const frames = new Map<RoomEvent, string>();
            for (const id of IDS) {
              const seen = seenBy(id);
              expect(seen).toEqual(visibleTo(event, id, state));
              if (seen) frames.set(seen, JSON.stringify(seen));
            }
            // Distinct objects only for different content (at most: everyone, the chair, one self each).
            const texts = [...frames.values()];
            if (event.type === "chat_message" || event.type === "step_changed") expect(new Set(texts).size).toBe(texts.length === 0 ? 0 : 1);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("hands a chat message to everyone present as one object, and nothing to people waiting or gone", () => {
    let state = initialRoomState(testConfig({ waitingRoom: true }));
    const at = TEST_START.toISOString();
    const join = (p: RoomActor) => {
      const d = decide(state, p, { type: "join" }, TEST_START);
      if (!d.ok) throw new Error(d.code);
      for (const e of d.events) state = evolve(state, e);
    };
    PEOPLE.forEach(join);
    const event: RoomEvent = { type: "chat_message", at, message: { id: "m1", from: "ana", text: "hi", at } };
    state = evolve(state, event);
    const seenBy = fanOut(event, state);
    expect(seenBy("ana")).toBe(seenBy("ben"));
    expect(seenBy("chair")).toEqual(event);
    expect(seenBy("nova")).toBeNull(); // waiting room
    expect(seenBy("nobody")).toBeNull();
  });
});
