import { describe, expect, it } from "vitest";
import { findTemplate, Format } from "./formats";
import { replay, RoomCommand, RoomEvent, viewFor, visibleTo } from "./room";
import { clientViewMismatches, person, TestRoom, testConfig } from "./testing";

const chair = person("chair", { holdsChair: true });
const ana = person("ana");
const ben = person("ben");
const cy = person("cy");
const newcomer = person("nova", { isGroupMember: false, isNewcomer: true });
const observer = person("olga", { isGroupMember: false, isObserver: true });

function meeting(...others: Parameters<TestRoom["join"]>): TestRoom {
  return new TestRoom().join(chair, ...others);
}

const types = (events: RoomEvent[]) => events.map((e) => e.type);

describe("entering the room", () => {
  it("lets members in and makes the first chair-holder to arrive the chair", () => {
    const room = new TestRoom().join(ana, chair);
    expect(room.state.participants.ana?.status).toBe("present");
    expect(room.state.chairId).toBe("chair");
    expect(room.state.chairTemporary).toBe(false);
  });

  it("treats joining again while in the room as nothing new", () => {
    const room = meeting(ana);
    expect(room.run(ana, { type: "join" })).toEqual([]);
  });

  it("keeps a closed meeting to the group's members, and observers where the group allows them", () => {
    const closed = new TestRoom(testConfig({ closed: true })).join(chair);
    expect(closed.refusal(person("stranger", { isGroupMember: false }), { type: "join" })).toBe("members_only");
    closed.join(observer);
    expect(closed.state.participants.olga?.status).toBe("present");
    const noObservers = new TestRoom(testConfig({ observersAllowed: false }));
    expect(noObservers.refusal(observer, { type: "join" })).toBe("observers_not_allowed");
  });

  it("holds newcomers in the waiting room until the chair admits them", () => {
    const room = new TestRoom(testConfig({ waitingRoom: true })).join(chair, ana, newcomer);
    expect(room.state.participants.ana?.status).toBe("present");
    expect(room.state.participants.nova?.status).toBe("waiting");
    expect(room.refusal(newcomer, { type: "raise_hand" })).toBe("waiting");
    expect(room.refusal(ana, { type: "admit", participantId: "nova" })).toBe("not_chair");
    room.run(chair, { type: "admit", participantId: "nova" });
    expect(room.state.participants.nova?.status).toBe("present");
    // once admitted, coming back after a drop needs no second admission
    room.run(newcomer, { type: "leave" }).length;
    room.join(newcomer);
    expect(room.state.participants.nova?.status).toBe("present");
  });

  it("keeps out someone the chair denied", () => {
    const room = new TestRoom(testConfig({ waitingRoom: true })).join(chair, newcomer);
    room.run(chair, { type: "deny", participantId: "nova" });
    expect(room.state.participants.nova?.status).toBe("denied");
    expect(room.refusal(newcomer, { type: "join" })).toBe("removed");
    expect(room.refusal(chair, { type: "admit", participantId: "nova" })).toBe("no_such_participant");
  });

  it("lets only chair-holders and people already in through a locked room", () => {
    const room = meeting(ana);
    room.run(chair, { type: "lock" });
    expect(room.refusal(chair, { type: "lock" })).toBe("already");
    expect(room.refusal(ben, { type: "join" })).toBe("locked");
    room.run(ana, { type: "leave" });
    room.join(ana);
    room.join(person("second-chair", { holdsChair: true }));
    expect(room.state.participants.ana?.status).toBe("present");
    room.run(chair, { type: "unlock" });
    room.join(ben);
    expect(room.state.participants.ben?.status).toBe("present");
  });

  it("asks people to join before anything else", () => {
    const room = meeting();
    expect(room.refusal(ana, { type: "raise_hand" })).toBe("not_in_room");
  });
});

describe("moving through the format", () => {
  it("lets only the chair move on and back, within the format", () => {
    const room = meeting(ana);
    expect(room.refusal(ana, { type: "next_step" })).toBe("not_chair");
    expect(room.refusal(chair, { type: "previous_step" })).toBe("not_now");
    room.run(chair, { type: "next_step" });
    expect(room.state.stepIndex).toBe(1);
    room.run(chair, { type: "previous_step" });
    expect(room.state.stepIndex).toBe(0);
    const last = room.state.config.format.steps.length - 1;
    for (let i = 0; i < last; i++) room.run(chair, { type: "next_step" });
    expect(room.refusal(chair, { type: "next_step" })).toBe("not_now");
  });
});

describe("rounds", () => {
  it("go around in arrival order, each finishing in turn", () => {
    const room = meeting(ana, ben).goTo(chair, "check_in_round");
    expect(room.speaker).toBe("chair");
    expect(room.state.roundRemaining).toEqual(["ana", "ben"]);
    expect(room.refusal(ana, { type: "share_text", text: "hi" })).toBe("not_your_turn");
    room.run(chair, { type: "finish_share" });
    expect(room.speaker).toBe("ana");
    room.run(ana, { type: "share_text", text: "I'm Ana, glad to be here" });
    expect(room.state.currentShare?.text).toBe("I'm Ana, glad to be here");
    room.run(ana, { type: "finish_share" });
    expect(room.speaker).toBe("ben");
    room.run(ben, { type: "finish_share" });
    expect(room.speaker).toBeUndefined();
    expect(room.state.pastShares.map((s) => s.participantId)).toEqual(["chair", "ana", "ben"]);
  });

  it("let anyone pass, on their turn or before it comes", () => {
    const room = meeting(ana, ben, cy).goTo(chair, "check_in_round");
    room.run(ben, { type: "pass" }); // in advance
    room.run(chair, { type: "pass" }); // on their turn
    expect(room.speaker).toBe("ana");
    room.run(ana, { type: "finish_share" });
    expect(room.speaker).toBe("cy");
    expect(room.refusal(ben, { type: "pass" })).toBe("not_your_turn");
  });

  it("refuse a pass where the format does not allow one", () => {
    const format = Format.parse({
      name: "No passing",
      description: "",
      language: "en",
      steps: [{ id: "round", kind: "check_in_round", title: "Round", speaking: "round", chatOpen: false, allowPass: false }],
    });
    const room = TestRoom.withFormat(format).join(chair, ana);
    expect(room.speaker).toBe("chair");
    expect(room.refusal(chair, { type: "pass" })).toBe("pass_not_allowed");
    expect(room.refusal(ana, { type: "pass" })).toBe("pass_not_allowed");
  });

  it("give latecomers a turn at the end and skip people who leave or are muted", () => {
    const room = meeting(ana, ben).goTo(chair, "check_in_round");
    room.join(cy);
    expect(room.state.roundRemaining).toEqual(["ana", "ben", "cy"]);
    room.run(ben, { type: "leave" });
    room.run(chair, { type: "mute", participantId: "cy" });
    expect(room.state.roundRemaining).toEqual(["ana"]);
  });

  it("move on when the speaker leaves or the chair ends the share", () => {
    const room = meeting(ana, ben).goTo(chair, "check_in_round");
    room.run(chair, { type: "finish_share" });
    const leaving = room.run(ana, { type: "leave" });
    expect(types(leaving)).toEqual(["share_ended", "left", "share_started"]);
    expect(room.speaker).toBe("ben");
    expect(room.refusal(ben, { type: "end_share" })).toBe("not_chair");
    room.run(chair, { type: "end_share" });
    expect(room.speaker).toBeUndefined();
  });

  it("leave out observers", () => {
    const room = meeting(observer, ana).goTo(chair, "check_in_round");
    expect(room.state.roundRemaining).toEqual(["ana"]);
  });
});

describe("open sharing: the raised-hand queue", () => {
  it("calls raised hands in the order they went up", () => {
    const room = meeting(ana, ben, cy).goTo(chair, "open_sharing");
    expect(room.refusal(chair, { type: "call_next" })).toBe("queue_empty");
    room.run(ben, { type: "raise_hand" });
    room.run(ana, { type: "raise_hand" });
    expect(room.refusal(ana, { type: "raise_hand" })).toBe("already");
    expect(room.refusal(ben, { type: "call_next" })).toBe("not_chair");
    room.run(chair, { type: "call_next" });
    expect(room.speaker).toBe("ben");
    expect(room.state.queue).toEqual(["ana"]);
    room.run(chair, { type: "call_next" }); // ends ben's share and calls ana
    expect(room.state.pastShares.at(-1)?.participantId).toBe("ben");
    expect(room.speaker).toBe("ana");
  });

  it("lets people lower their own hand, and the chair anyone's", () => {
    const room = meeting(ana, ben).goTo(chair, "open_sharing");
    room.run(ana, { type: "raise_hand" });
    room.run(ben, { type: "raise_hand" });
    room.run(ana, { type: "lower_hand" });
    expect(room.refusal(ana, { type: "lower_hand", participantId: "ben" })).toBe("not_chair");
    room.run(chair, { type: "lower_hand", participantId: "ben" });
    expect(room.state.queue).toEqual([]);
    expect(room.refusal(ana, { type: "lower_hand" })).toBe("already");
  });

  it("allows raising a hand only in a queue step, and not to observers or the muted", () => {
    const room = meeting(ana, observer);
    expect(room.refusal(ana, { type: "raise_hand" })).toBe("not_now");
    room.goTo(chair, "open_sharing");
    expect(room.refusal(observer, { type: "raise_hand" })).toBe("observer");
    room.run(chair, { type: "mute", participantId: "ana" });
    expect(room.refusal(ana, { type: "raise_hand" })).toBe("muted");
  });

  it("lets the chair call a named person, but not an observer", () => {
    const room = meeting(ana, observer).goTo(chair, "share");
    room.run(chair, { type: "call", participantId: "ana" });
    expect(room.speaker).toBe("ana");
    expect(room.refusal(chair, { type: "call", participantId: "ana" })).toBe("already");
    expect(room.refusal(chair, { type: "call", participantId: "olga" })).toBe("observer");
    expect(room.refusal(chair, { type: "call", participantId: "nobody" })).toBe("no_such_participant");
    room.goTo(chair, "contributions");
    expect(room.refusal(chair, { type: "call", participantId: "ana" })).toBe("not_now");
  });

  it("hands the turn back when a called person passes", () => {
    const room = meeting(ana).goTo(chair, "open_sharing");
    room.run(ana, { type: "raise_hand" });
    room.run(chair, { type: "call_next" });
    const events = room.run(ana, { type: "pass" });
    expect(events).toMatchObject([{ type: "share_ended", reason: "passed" }]);
    expect(room.speaker).toBeUndefined();
  });
});

describe("the share timer", () => {
  it("warns gently 30 seconds before the limit, then says time is up, without cutting the speaker off", () => {
    const room = meeting(ana).goTo(chair, "open_sharing"); // 180-second shares
    room.run(ana, { type: "raise_hand" });
    room.run(chair, { type: "call_next" });
    expect(room.state.currentShare?.limitSeconds).toBe(180);
    expect(room.wait(149).run("system", { type: "tick" })).toEqual([]);
    const warning = room.wait(1).run("system", { type: "tick" });
    expect(warning).toMatchObject([{ type: "share_warning", participantId: "ana", secondsLeft: 30 }]);
    expect(room.wait(1).run("system", { type: "tick" })).toEqual([]);
    expect(types(room.wait(29).run("system", { type: "tick" }))).toEqual(["share_time_up"]);
    expect(room.wait(5).run("system", { type: "tick" })).toEqual([]);
    expect(room.speaker).toBe("ana");
  });

  it("lets the chair extend a share, which restarts the warning", () => {
    const room = meeting(ana).goTo(chair, "open_sharing");
    room.run(ana, { type: "raise_hand" });
    room.run(chair, { type: "call_next" });
    room.wait(160).run("system", { type: "tick" });
    expect(room.state.currentShare?.warned).toBe(true);
    expect(room.refusal(ana, { type: "extend_share", seconds: 60 })).toBe("not_chair");
    room.run(chair, { type: "extend_share", seconds: 60 });
    expect(room.state.currentShare).toMatchObject({ limitSeconds: 240, warned: false });
    expect(room.wait(40).run("system", { type: "tick" })).toEqual([]);
    expect(types(room.wait(10).run("system", { type: "tick" }))).toEqual(["share_warning"]);
  });

  it("refuses to extend when no one shares or the share has no limit", () => {
    const room = meeting(ana);
    expect(room.refusal(chair, { type: "extend_share", seconds: 60 })).toBe("no_share");
    expect(room.refusal(chair, { type: "end_share" })).toBe("no_share");
    const format = Format.parse({
      name: "Unlimited",
      description: "",
      language: "en",
      steps: [{ id: "s", kind: "share", title: "Share", speaking: "speaker", chatOpen: false }],
    });
    const open = TestRoom.withFormat(format).join(chair, ana);
    open.run(chair, { type: "call", participantId: "ana" });
    expect(open.refusal(chair, { type: "extend_share", seconds: 60 })).toBe("no_time_limit");
    expect(open.wait(10_000).run("system", { type: "tick" })).toEqual([]);
  });

  it("is the server's clock only", () => {
    const room = meeting();
    expect(room.refusal(chair, { type: "tick" })).toBe("system_only");
    expect(room.refusal("system", { type: "next_step" })).toBe("not_allowed");
  });
});

describe("chat", () => {
  it("is open only when the step opens it, though the chair may always write", () => {
    const room = meeting(ana, observer); // the opening: chat closed
    expect(room.refusal(ana, { type: "chat", text: "hello" })).toBe("chat_closed");
    room.run(chair, { type: "chat", text: "Welcome, everyone" });
    room.goTo(chair, "announcements");
    room.run(ana, { type: "chat", text: "Picnic on Saturday" });
    expect(room.state.chat.map((m) => m.text)).toEqual(["Welcome, everyone", "Picnic on Saturday"]);
    expect(room.state.chat.map((m) => m.id)).toEqual(["m1", "m2"]);
    expect(room.refusal(observer, { type: "chat", text: "hi" })).toBe("observer");
  });

  it("holds replies to the share going on as crosstalk, seen by their author and the chair only", () => {
    const format = findTemplate("peer_support_open_share", "en").format;
    const chatty = Format.parse({ ...format, steps: format.steps.map((s) => (s.kind === "open_sharing" ? { ...s, chatOpen: true } : s)) });
    const room = TestRoom.withFormat(chatty).join(chair, ana, ben).goTo(chair, "open_sharing");
    room.run(ana, { type: "raise_hand" });
    room.run(chair, { type: "call_next" });
    const shareId = room.state.currentShare!.id;
    const [held] = room.run(ben, { type: "chat", text: "You should try yoga", replyTo: shareId });
    expect(held?.type).toBe("crosstalk_held");
    expect(room.state.chat).toEqual([]);
    expect(visibleTo(held!, "ben", room.state)).not.toBeNull();
    expect(visibleTo(held!, "chair", room.state)).not.toBeNull();
    expect(visibleTo(held!, "ana", room.state)).toBeNull();
    expect(viewFor(room.state, "ana").heldCrosstalk).toEqual([]);
    expect(viewFor(room.state, "chair").heldCrosstalk).toHaveLength(1);
    // a message that is not a reply to the share goes to everyone
    room.run(ben, { type: "chat", text: "The link for Saturday is on the board" });
    expect(room.state.chat).toHaveLength(1);
  });

  it("lets replies through where the step allows crosstalk", () => {
    const room = TestRoom.withFormat(findTemplate("smart_style", "en").format).join(chair, ana, ben).goTo(chair, "open_sharing");
    room.run(ana, { type: "raise_hand" });
    room.run(chair, { type: "call_next" });
    const [event] = room.run(ben, { type: "chat", text: "Have you tried a cost-benefit list?", replyTo: room.state.currentShare!.id });
    expect(event?.type).toBe("chat_message");
  });
});

describe("the chair keeps the space safe", () => {
  it("mutes and unmutes; a muted person cannot share or chat", () => {
    const room = meeting(ana).goTo(chair, "announcements");
    expect(room.refusal(ana, { type: "mute", participantId: "chair" })).toBe("not_chair");
    room.run(chair, { type: "mute", participantId: "ana" });
    expect(room.refusal(chair, { type: "mute", participantId: "ana" })).toBe("already");
    expect(room.refusal(ana, { type: "chat", text: "hey" })).toBe("muted");
    room.run(chair, { type: "unmute", participantId: "ana" });
    room.run(ana, { type: "chat", text: "thanks" });
    expect(room.refusal(chair, { type: "unmute", participantId: "ana" })).toBe("already");
  });

  it("ends a muted speaker's share and lowers their hand", () => {
    const room = meeting(ana, ben).goTo(chair, "open_sharing");
    room.run(ana, { type: "raise_hand" });
    room.run(ben, { type: "raise_hand" });
    room.run(chair, { type: "call_next" });
    expect(types(room.run(chair, { type: "mute", participantId: "ana" }))).toEqual(["share_ended", "muted"]);
    expect(types(room.run(chair, { type: "mute", participantId: "ben" }))).toEqual(["hand_lowered", "muted"]);
  });

  it("removes a disruptive participant, who cannot come back", () => {
    const room = meeting(ana, ben);
    const events = room.run(chair, { type: "remove", participantId: "ben" });
    expect(types(events)).toEqual(["removed"]);
    expect(visibleTo(events[0]!, "ben", room.state)).toEqual(events[0]);
    expect(room.refusal(ben, { type: "join" })).toBe("removed");
    expect(room.refusal(ben, { type: "chat", text: "let me in" })).toBe("removed");
    expect(room.refusal(chair, { type: "remove", participantId: "ben" })).toBe("no_such_participant");
  });

  it("never mutes or removes someone who holds the chair position", () => {
    const second = person("second", { holdsChair: true });
    const room = meeting(second);
    expect(room.refusal(chair, { type: "remove", participantId: "second" })).toBe("not_allowed");
    expect(room.refusal(chair, { type: "mute", participantId: "second" })).toBe("not_allowed");
    expect(room.refusal(chair, { type: "remove", participantId: "chair" })).toBe("not_allowed");
  });

  it("takes reports from anyone and shows them to the chair only", () => {
    const room = meeting(ana, ben);
    const [report] = room.run(ana, { type: "report", participantId: "ben", reason: "harassment", note: "rude messages" });
    expect(visibleTo(report!, "chair", room.state)).toEqual(report);
    expect(visibleTo(report!, "ben", room.state)).toBeNull();
    expect(visibleTo(report!, "ana", room.state)).toBeNull();
    expect(viewFor(room.state, "chair").reports).toHaveLength(1);
    expect(viewFor(room.state, "ana").reports).toEqual([]);
    expect(room.refusal(ana, { type: "report", participantId: "ana", reason: "other" })).toBe("not_allowed");
  });

  it("ends the meeting, after which the room forgets every word but keeps who came", () => {
    const room = meeting(ana).goTo(chair, "open_sharing");
    room.run(chair, { type: "chat", text: "Hello friends" });
    room.run(ana, { type: "raise_hand" });
    room.run(chair, { type: "call_next" });
    room.run(ana, { type: "share_text", text: "something private" });
    expect(room.refusal(ana, { type: "end_meeting" })).toBe("not_chair");
    expect(types(room.run(chair, { type: "end_meeting" }))).toEqual(["share_ended", "meeting_ended"]);
    expect(room.state.status).toBe("ended");
    expect(JSON.stringify(room.state)).not.toContain("something private");
    expect(JSON.stringify(room.state)).not.toContain("Hello friends");
    expect(Object.keys(room.state.participants)).toEqual(["chair", "ana"]);
    expect(room.refusal(ana, { type: "join" })).toBe("ended");
    expect(room.refusal(chair, { type: "next_step" })).toBe("ended");
  });
});

describe("a temporary chair", () => {
  it("is chosen by two members present supporting the same person", () => {
    const room = new TestRoom().join(ana, ben, cy);
    expect(room.refusal(ana, { type: "next_step" })).toBe("not_chair");
    const first = room.run(ana, { type: "claim_chair" });
    expect(types(first)).toEqual(["chair_supported"]);
    expect(room.refusal(ana, { type: "claim_chair" })).toBe("already");
    const second = room.run(ben, { type: "claim_chair", participantId: "ana" });
    expect(second).toMatchObject([{ type: "chair_supported" }, { type: "chair_changed", participantId: "ana", temporary: true }]);
    room.run(ana, { type: "next_step" });
    expect(room.refusal(cy, { type: "claim_chair" })).toBe("already");
  });

  it("is the only member present, on their own word", () => {
    const room = new TestRoom().join(ana, observer);
    expect(room.refusal(observer, { type: "claim_chair" })).toBe("not_allowed");
    expect(types(room.run(ana, { type: "claim_chair" }))).toEqual(["chair_supported", "chair_changed"]);
    expect(room.state.chairId).toBe("ana");
  });

  it("gives way when a chair-holder arrives, and is not needed while one is present", () => {
    const room = new TestRoom().join(ana);
    room.run(ana, { type: "claim_chair" });
    room.join(chair);
    expect(room.state).toMatchObject({ chairId: "chair", chairTemporary: false });
    expect(room.refusal(ana, { type: "next_step" })).toBe("not_chair");
    expect(room.refusal(ben, { type: "claim_chair" })).toBe("not_in_room");
    room.join(ben);
    expect(room.refusal(ben, { type: "claim_chair" })).toBe("chair_present");
  });

  it("is needed again when the last chair-holder leaves", () => {
    const second = person("second", { holdsChair: true });
    const room = meeting(second, ana);
    room.run(chair, { type: "leave" });
    expect(room.state.chairId).toBe("second");
    room.run(second, { type: "leave" });
    expect(room.state.chairId).toBeNull();
    expect(types(room.run(ana, { type: "claim_chair" }))).toEqual(["chair_supported", "chair_changed"]);
  });
});

describe("thanks", () => {
  it("reaches only the person thanked and its sender", () => {
    const room = meeting(ana, ben, observer);
    const [thanks] = room.run(observer, { type: "thank", participantId: "ana" });
    expect(visibleTo(thanks!, "ana", room.state)).toEqual(thanks);
    expect(visibleTo(thanks!, "olga", room.state)).toEqual(thanks);
    expect(visibleTo(thanks!, "ben", room.state)).toBeNull();
    expect(viewFor(room.state, "ana").thanksReceived).toBe(1);
    expect(room.refusal(ana, { type: "thank", participantId: "ana" })).toBe("not_allowed");
  });
});

describe("what each person sees", () => {
  it("shows the waiting room to the chair only, and the meeting not at all to those waiting", () => {
    const room = new TestRoom(testConfig({ waitingRoom: true })).join(chair, ana);
    const [arrival] = room.run(newcomer, { type: "join" });
    expect(visibleTo(arrival!, "chair", room.state)).toMatchObject({ participant: { isNewcomer: true, memberId: "" } });
    expect(visibleTo(arrival!, "ana", room.state)).toBeNull();
    expect(visibleTo(arrival!, "nova", room.state)).toEqual(arrival);
    expect(viewFor(room.state, "chair").waiting).toMatchObject([{ participantId: "nova", displayName: "Nova" }]);
    expect(viewFor(room.state, "ana").waiting).toEqual([]);

    const [chat] = room.run(chair, { type: "chat", text: "Welcome" });
    expect(visibleTo(chat!, "nova", room.state)).toBeNull();
    const waitingView = viewFor(room.state, "nova");
    expect(waitingView).toMatchObject({ me: { status: "waiting" }, participants: [], chat: [] });

    const [admitted] = room.run(chair, { type: "admit", participantId: "nova" });
    expect(visibleTo(admitted!, "nova", room.state)).toEqual(admitted);
    // everyone else sees the newcomer simply arrive, without being marked as new
    expect(visibleTo(admitted!, "ana", room.state)).toMatchObject({ type: "joined", participant: { displayName: "Nova", isNewcomer: false } });
    expect(viewFor(room.state, "nova").chat).toHaveLength(1);
  });

  it("never shows another person's member id", () => {
    const room = meeting();
    const [arrival] = room.run(ana, { type: "join" });
    expect(visibleTo(arrival!, "chair", room.state)).toMatchObject({ participant: { memberId: "" } });
    expect(visibleTo(arrival!, "ana", room.state)).toMatchObject({ participant: { memberId: "member-ana" } });
    expect(JSON.stringify(viewFor(room.state, "chair"))).not.toContain("member-ana");
  });

  it("sends nothing to people who left, and nothing to strangers", () => {
    const room = meeting(ana, ben).goTo(chair, "announcements");
    room.run(ben, { type: "leave" });
    const [chat] = room.run(ana, { type: "chat", text: "hi" });
    expect(visibleTo(chat!, "ben", room.state)).toBeNull();
    expect(visibleTo(chat!, "stranger", room.state)).toBeNull();
    expect(visibleTo(chat!, "chair", room.state)).toEqual(chat);
  });

  it("gives a snapshot with the step, the speaker's live text and the hands", () => {
    const room = meeting(ana, ben).goTo(chair, "open_sharing");
    room.run(ben, { type: "raise_hand" });
    room.run(ana, { type: "raise_hand" });
    room.run(chair, { type: "call_next" });
    room.run(ben, { type: "share_text", text: "Today was hard" });
    const view = viewFor(room.state, "ana");
    expect(view).toMatchObject({
      stepIndex: 5,
      me: { handRaised: true, isChair: false },
      queue: ["ana"],
      currentShare: { participantId: "ben", text: "Today was hard", limitSeconds: 180 },
      chair: { participantId: "chair", temporary: false },
    });
    expect(view.participants.map((p) => p.displayName)).toEqual(["Chair", "Ana", "Ben"]);
  });
});

describe("replay", () => {
  it("rebuilds the same state from the events, timers included", () => {
    const room = new TestRoom(testConfig({ waitingRoom: true })).join(chair, ana, ben, newcomer);
    room.run(chair, { type: "admit", participantId: "nova" });
    room.goTo(chair, "check_in_round");
    room.run(chair, { type: "finish_share" });
    room.run(ana, { type: "share_text", text: "hello" });
    room.wait(35).run("system", { type: "tick" });
    room.run(ben, { type: "pass" });
    room.goTo(chair, "open_sharing");
    room.run(ben, { type: "raise_hand" });
    room.run(chair, { type: "call_next" });
    room.run(chair, { type: "extend_share", seconds: 60 });
    room.run(ana, { type: "report", participantId: "nova", reason: "disruptive" });
    room.run(chair, { type: "remove", participantId: "nova" });
    const rebuilt = replay(room.config, room.log);
    expect(rebuilt).toEqual(room.state);
    // and the rebuilt room's clock carries on from the share's start
    room.wait(215); // the share's limit is now 240 seconds: 25 left
    const next = new TestRoom(room.config);
    next.state = rebuilt;
    next.now = room.now;
    expect(types(next.run("system", { type: "tick" }))).toEqual(["share_warning"]);
  });

  it("every event and command fits its schema", () => {
    const room = meeting(ana).goTo(chair, "open_sharing");
    room.run(ana, { type: "raise_hand" });
    room.run(chair, { type: "call_next" });
    for (const event of room.log) expect(RoomEvent.parse(event)).toEqual(event);
    expect(RoomCommand.safeParse({ type: "share_text", text: "x".repeat(4001) }).success).toBe(false);
    expect(RoomCommand.safeParse({ type: "fly" }).success).toBe(false);
  });
});

describe("a client's own view", () => {
  const everyone = ["chair", "ana", "ben", "cy", "nova", "olga", "temp"];

  it("keeps up with a whole meeting from the events it receives", () => {
    const room = new TestRoom(testConfig({ waitingRoom: true })).join(chair, ana, ben, observer, newcomer);
    room.run(chair, { type: "admit", participantId: "nova" });
    room.run(chair, { type: "admit", participantId: "olga" });
    room.goTo(chair, "announcements");
    room.run(ana, { type: "chat", text: "Coffee after?" });
    room.goTo(chair, "check_in_round");
    room.run(chair, { type: "finish_share" });
    room.run(ana, { type: "share_text", text: "Hi, I'm Ana" });
    room.run(ben, { type: "pass" });
    room.run(chair, { type: "mute", participantId: "nova" });
    room.run(ana, { type: "leave" });
    room.join(ana);
    room.run(chair, { type: "unmute", participantId: "nova" });
    room.goTo(chair, "open_sharing");
    room.run(ben, { type: "raise_hand" });
    room.run(ana, { type: "raise_hand" });
    room.run(chair, { type: "call_next" });
    room.wait(160).run("system", { type: "tick" });
    room.run(chair, { type: "extend_share", seconds: 60 });
    room.run(observer, { type: "thank", participantId: "ben" });
    room.run(ana, { type: "report", participantId: "nova", reason: "disruptive" });
    room.run(chair, { type: "mute", participantId: "ana" });
    room.run(ana, { type: "leave" });
    room.join(ana); // still muted when back
    expect(room.state.participants.ana?.muted).toBe(true);
    room.run(chair, { type: "remove", participantId: "nova" });
    room.run(chair, { type: "end_meeting" });
    expect(clientViewMismatches(room.config, room.log, everyone)).toEqual([]);
  });

  it("keeps up while members choose a temporary chair and a chair-holder takes over", () => {
    const temp = person("temp");
    const room = new TestRoom().join(ana, temp, ben);
    room.run(ana, { type: "claim_chair", participantId: "temp" });
    room.run(ben, { type: "claim_chair", participantId: "ana" });
    room.run(ben, { type: "claim_chair", participantId: "temp" });
    expect(room.state.chairId).toBe("temp");
    room.run(temp, { type: "next_step" });
    room.join(chair);
    room.run(chair, { type: "leave" });
    room.run(ana, { type: "claim_chair" });
    expect(clientViewMismatches(room.config, room.log, everyone)).toEqual([]);
  });
});
