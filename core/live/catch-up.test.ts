import { describe, expect, it } from "vitest";
import { catchUpFor, viewFor, visibleTo, type RoomEvent } from "./room";
import { person, TestRoom, testConfig } from "./testing";

const chair = person("chair", { holdsChair: true });
const ana = person("ana");
const ben = person("ben");
const cy = person("cy");
const nova = person("nova", { isGroupMember: false, isNewcomer: true });

/** Runs `during` on the room and returns the events it caused (what a dropped participant missed). */
function missedWhile(room: TestRoom, during: (room: TestRoom) => void): RoomEvent[] {
  const from = room.log.length;
  during(room);
  return room.log.slice(from);
}

describe("catching a reconnecting participant up", () => {
  it("sends the missed events as they were filtered live when nothing changed what the viewer may see", () => {
    const room = new TestRoom().join(chair, ana, ben);
    const missed = missedWhile(room, (r) => {
      r.run(chair, { type: "next_step" });
      r.run(ben, { type: "report", participantId: "ana", reason: "other" });
    });
    expect(catchUpFor(missed, "ana", room.state)?.map((e) => e?.type ?? null)).toEqual(["step_changed", null]);
    // The chair-only report reaches the chair alone, as it did live.
    expect(catchUpFor(missed, "chair", room.state)?.map((e) => e?.type ?? null)).toEqual(["step_changed", "reported"]);
  });

  it("asks for a fresh snapshot for someone who became the (temporary) chair while away", () => {
    const room = new TestRoom().join(ana, ben, cy);
    const missed = missedWhile(room, (r) => {
      r.run(ben, { type: "report", participantId: "cy", reason: "disruptive" });
      r.run(ben, { type: "claim_chair", participantId: "ana" });
      r.run(cy, { type: "claim_chair", participantId: "ana" });
    });
    expect(room.state.chairId).toBe("ana");
    // Filtering with the room as it is now would show ana a report made before she chaired.
    expect(visibleTo(missed[0]!, "ana", room.state)).not.toBeNull();
    expect(catchUpFor(missed, "ana", room.state)).toBeNull();
    // The snapshot is what a chair sees: reports included.
    expect(viewFor(room.state, "ana")).toMatchObject({ me: { isChair: true }, reports: [{ participantId: "cy" }] });
  });

  it("asks for a fresh snapshot for a temporary chair who lost the chair to a chair-holder while away", () => {
    const room = new TestRoom(testConfig({ waitingRoom: true })).join(ana);
    room.run(ana, { type: "claim_chair" });
    const missed = missedWhile(room, (r) => r.join(nova, chair));
    // Live, ana (the chair then) saw nova knock; filtered as things are now, she would not.
    expect(visibleTo(missed[0]!, "ana", room.state)).toBeNull();
    expect(catchUpFor(missed, "ana", room.state)).toBeNull();
  });

  it("asks for a fresh snapshot when the viewer themself left and came back in the range", () => {
    const room = new TestRoom().join(chair, ana);
    const missed = missedWhile(room, (r) => {
      r.run(ana, { type: "leave" });
      r.join(ana);
    });
    expect(catchUpFor(missed, "ana", room.state)).toBeNull();
  });

  it("asks for a fresh snapshot when someone left unseen from the waiting room and was later let in", () => {
    const room = new TestRoom(testConfig({ waitingRoom: true })).join(chair, ana);
    const missed = missedWhile(room, (r) => {
      r.join(nova);
      r.run(nova, { type: "leave" });
      r.join(nova);
      r.run(chair, { type: "admit", participantId: "nova" });
    });
    // Live, ana never saw nova's first leaving (nova had not been let in yet).
    expect(visibleTo(missed[1]!, "ana", room.state)).not.toBeNull();
    expect(catchUpFor(missed, "ana", room.state)).toBeNull();
  });

  it("gives someone not in the room now a snapshot, never events", () => {
    const room = new TestRoom().join(chair, ana);
    const missed = missedWhile(room, (r) => r.run(chair, { type: "next_step" }));
    expect(catchUpFor(missed, "nobody", room.state)).toBeNull();
  });
});
