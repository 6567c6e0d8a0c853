/**
 * `decide`: may this actor do this now, and if so, what happens (as events). Pure: the same
 * state, actor, command and time always give the same answer. The rules, in short:
 *
 * - Entering: a closed meeting admits the group's members, and observers where the group allows
 *   them. With a waiting room, people who are not members of the group (and newcomers) wait until
 *   the chair admits or denies them. A locked room lets in only chair-holders and people who were
 *   already in. Someone removed or denied stays out. Joining again while in is a no-op.
 * - The chair: any present member who holds the chair position has chair powers; the first to
 *   arrive leads. When none is present, present members choose a temporary chair: each may
 *   support one present member (themselves by default), and the first with two supporters (or
 *   the only member present, with their own) becomes temporary chair, until they leave or a
 *   chair-holder arrives.
 * - Steps: the chair moves on and back. Each step's `speaking` says who shares: in a round
 *   everyone who may speak takes a turn in arrival order (latecomers at the end) and anyone may
 *   pass, in advance too; in a queue people raise hands and the chair calls the next hand or a
 *   named person; at a speaker step the chair calls someone; otherwise no one shares.
 * - A share: the speaker writes in a live composer; they finish or pass; the chair extends or
 *   ends it. The server's tick sends a gentle warning 30 seconds before the time limit, and a
 *   time-up notice at it; the share goes on until the speaker or the chair ends it.
 * - Chat only when the step opens it (the chair may always write). A reply to the share going on
 *   is held back as crosstalk (seen by its author and the chair) unless the step allows crosstalk.
 * - The chair mutes, unmutes and removes participants, but never someone who holds the chair
 *   position. Observers listen: no hand, turn, share or chat. Anyone may thank a speaker and
 *   report a participant (the report goes to the chair only).
 */
import type { RoomCommand, RoomErrorCode, RoomEvent } from "./room-messages";
import { ROOM_LIMITS } from "./room-messages";
import {
  currentStep,
  evolve,
  isChair,
  maySpeak,
  participant,
  presentInOrder,
  type RoomActor,
  type RoomParticipant,
  type RoomState,
} from "./room-state";

export type Decision = { ok: true; events: RoomEvent[] } | { ok: false; code: RoomErrorCode; message: string };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type EventBody = DistributiveOmit<RoomEvent, "at">;

class Refusal {
  constructor(
    readonly code: RoomErrorCode,
    readonly message: string,
  ) {}
}

function refuse(code: RoomErrorCode, message: string): never {
  throw new Refusal(code, message);
}

/** The events a command causes, each applied at once so later rules see the state it leaves. */
class Outcome {
  readonly events: RoomEvent[] = [];
  constructor(
    public state: RoomState,
    readonly at: string,
  ) {}

  emit(body: EventBody): void {
    const event = { ...body, at: this.at } as RoomEvent;
    this.events.push(event);
    this.state = evolve(this.state, event);
  }
}

type Command<T extends RoomCommand["type"]> = Extract<RoomCommand, { type: T }>;

// ---------- shared steps of several commands ----------

function endCurrentShare(out: Outcome, reason: "finished" | "passed" | "chair" | "left" | "muted" | "removed" | "step" | "ended"): void {
  const share = out.state.currentShare;
  if (share) out.emit({ type: "share_ended", shareId: share.id, participantId: share.participantId, reason });
}

function startShare(out: Outcome, participantId: string): void {
  const limit = currentStep(out.state).shareLimitSeconds;
  out.emit({ type: "share_started", shareId: `s${out.state.shareCount + 1}`, participantId, limitSeconds: limit ?? null });
}

/** In a round, when no one is sharing and someone is still to speak, their turn begins. */
function continueRound(out: Outcome): void {
  const state = out.state;
  const next = state.roundRemaining[0];
  if (state.status === "open" && currentStep(state).speaking === "round" && !state.currentShare && next !== undefined) startShare(out, next);
}

function startStep(out: Outcome, stepIndex: number): void {
  endCurrentShare(out, "step");
  out.emit({ type: "step_changed", stepIndex });
  if (currentStep(out.state).speaking === "round") {
    const order = presentInOrder(out.state)
      .filter(maySpeak)
      .map((p) => p.participantId);
    out.emit({ type: "round_started", order });
    continueRound(out);
  }
}

/** Who leads after the lead chair goes: the first present chair-holder, else no one. */
function chooseChairAfter(out: Outcome, goneId: string): void {
  if (out.state.chairId !== goneId) return;
  const holder = presentInOrder(out.state).find((p) => p.holdsChair && !p.isObserver && p.participantId !== goneId);
  out.emit({ type: "chair_changed", participantId: holder?.participantId ?? null, temporary: false });
}

/** Before someone stops being able to speak: their share ends and their hand comes down. */
function stopSpeaking(out: Outcome, participantId: string, reason: "left" | "muted" | "removed"): void {
  if (out.state.currentShare?.participantId === participantId) endCurrentShare(out, reason);
  if (out.state.queue.includes(participantId)) out.emit({ type: "hand_lowered", participantId });
}

function requireChair(state: RoomState, actorId: string): void {
  if (!isChair(state, actorId)) refuse("not_chair", "only the chair may do this");
}

function requireSpeaker(p: RoomParticipant): void {
  if (p.isObserver) refuse("observer", "observers listen without sharing");
  if (p.muted) refuse("muted", "the chair has muted you");
}

function target(state: RoomState, participantId: string, statuses: readonly RoomParticipant["status"][] = ["present"]): RoomParticipant {
  const p = participant(state, participantId);
  if (!p || !statuses.includes(p.status)) refuse("no_such_participant", "no such participant here");
  return p;
}

/** Members who may take part in choosing a temporary chair. */
function mayChooseChair(p: RoomParticipant): boolean {
  return p.status === "present" && p.isGroupMember && !p.isObserver && !p.muted;
}

// ---------- commands ----------

function join(out: Outcome, actor: RoomActor): void {
  const { state } = out;
  const config = state.config;
  const existing = participant(state, actor.participantId);
  if (existing?.status === "present" || existing?.status === "waiting") return;
  if (existing?.status === "removed" || existing?.status === "denied") refuse("removed", "you cannot come back into this meeting");
  if (actor.isObserver && !config.observersAllowed) refuse("observers_not_allowed", "this group does not have observers");
  if (config.closed && !actor.isGroupMember && !actor.isObserver) refuse("members_only", "this meeting is for the group's members");
  const returning = existing?.admitted === true;
  if (state.locked && !actor.holdsChair && !returning) refuse("locked", "the room is locked");
  const waits = config.waitingRoom && !actor.holdsChair && !returning && (!actor.isGroupMember || actor.isNewcomer);
  out.emit({ type: "joined", participant: { ...actor }, status: waits ? "waiting" : "present", ...(existing?.muted ? { muted: true } : {}) });
  if (waits) return;
  if (actor.holdsChair && !actor.isObserver && (out.state.chairId === null || out.state.chairTemporary)) {
    out.emit({ type: "chair_changed", participantId: actor.participantId, temporary: false });
  }
  continueRound(out);
}

function leave(out: Outcome, actorId: string): void {
  stopSpeaking(out, actorId, "left");
  out.emit({ type: "left", participantId: actorId });
  chooseChairAfter(out, actorId);
  continueRound(out);
}

function admitOrDeny(out: Outcome, actorId: string, command: Command<"admit" | "deny">): void {
  requireChair(out.state, actorId);
  target(out.state, command.participantId, ["waiting"]);
  if (command.type === "deny") {
    out.emit({ type: "denied", participantId: command.participantId });
    return;
  }
  out.emit({ type: "admitted", participantId: command.participantId });
  continueRound(out);
}

function moveStep(out: Outcome, actorId: string, by: 1 | -1): void {
  requireChair(out.state, actorId);
  const next = out.state.stepIndex + by;
  if (next < 0 || next >= out.state.config.format.steps.length) refuse("not_now", by > 0 ? "this is the last step" : "this is the first step");
  startStep(out, next);
}

function raiseHand(out: Outcome, me: RoomParticipant): void {
  requireSpeaker(me);
  if (currentStep(out.state).speaking !== "queue") refuse("not_now", "hands are raised during open sharing");
  if (out.state.queue.includes(me.participantId)) refuse("already", "your hand is already raised");
  if (out.state.currentShare?.participantId === me.participantId) refuse("already", "you are sharing");
  out.emit({ type: "hand_raised", participantId: me.participantId });
}

function lowerHand(out: Outcome, actorId: string, command: Command<"lower_hand">): void {
  const whose = command.participantId ?? actorId;
  if (whose !== actorId) requireChair(out.state, actorId);
  if (!out.state.queue.includes(whose)) refuse("already", "that hand is not raised");
  out.emit({ type: "hand_lowered", participantId: whose });
}

function callNext(out: Outcome, actorId: string): void {
  requireChair(out.state, actorId);
  if (currentStep(out.state).speaking !== "queue") refuse("not_now", "there is no queue at this step");
  const next = out.state.queue[0];
  if (next === undefined) refuse("queue_empty", "no hands are raised");
  endCurrentShare(out, "chair");
  startShare(out, next);
}

function call(out: Outcome, actorId: string, participantId: string): void {
  requireChair(out.state, actorId);
  if (!["speaker", "queue", "round"].includes(currentStep(out.state).speaking)) refuse("not_now", "no one shares at this step");
  const called = target(out.state, participantId);
  requireSpeaker(called);
  if (out.state.currentShare?.participantId === participantId) refuse("already", "they are sharing");
  endCurrentShare(out, "chair");
  startShare(out, participantId);
}

function pass(out: Outcome, me: RoomParticipant): void {
  requireSpeaker(me);
  const step = currentStep(out.state);
  const speaking = out.state.currentShare?.participantId === me.participantId;
  const inRound = step.speaking === "round" && out.state.roundRemaining.includes(me.participantId);
  if (!speaking && !inRound) refuse("not_your_turn", "there is no turn of yours to pass");
  if (step.allowPass === false) refuse("pass_not_allowed", "this step does not allow passing");
  if (speaking) endCurrentShare(out, "passed");
  else out.emit({ type: "passed", participantId: me.participantId });
  continueRound(out);
}

function shareText(out: Outcome, me: RoomParticipant, text: string): void {
  const share = out.state.currentShare;
  if (share?.participantId !== me.participantId) refuse("not_your_turn", "it is not your turn to share");
  out.emit({ type: "share_text", shareId: share.id, text });
}

function finishShare(out: Outcome, me: RoomParticipant): void {
  if (out.state.currentShare?.participantId !== me.participantId) refuse("not_your_turn", "you are not sharing");
  endCurrentShare(out, "finished");
  continueRound(out);
}

function extendShare(out: Outcome, actorId: string, seconds: number): void {
  requireChair(out.state, actorId);
  const share = out.state.currentShare;
  if (!share) refuse("no_share", "no one is sharing");
  if (share.limitSeconds === null) refuse("no_time_limit", "this share has no time limit");
  out.emit({ type: "share_extended", shareId: share.id, seconds });
}

function endShareByChair(out: Outcome, actorId: string): void {
  requireChair(out.state, actorId);
  if (!out.state.currentShare) refuse("no_share", "no one is sharing");
  endCurrentShare(out, "chair");
  continueRound(out);
}

function thank(out: Outcome, actorId: string, participantId: string): void {
  if (participantId === actorId) refuse("not_allowed", "thank someone else");
  target(out.state, participantId);
  out.emit({ type: "thanked", from: actorId, to: participantId });
}

function chat(out: Outcome, me: RoomParticipant, command: Command<"chat">): void {
  requireSpeaker(me);
  const state = out.state;
  const step = currentStep(state);
  if (!step.chatOpen && !isChair(state, me.participantId)) refuse("chat_closed", "chat is closed at this step");
  const message = {
    id: `m${state.messageCount + 1}`,
    from: me.participantId,
    text: command.text,
    ...(command.replyTo === undefined ? {} : { replyTo: command.replyTo }),
    at: out.at,
  };
  const share = state.currentShare;
  const crosstalk =
    share !== null && command.replyTo === share.id && share.participantId !== me.participantId && step.crosstalkAllowed !== true;
  out.emit(crosstalk ? { type: "crosstalk_held", message } : { type: "chat_message", message });
}

function mute(out: Outcome, actorId: string, command: Command<"mute" | "unmute">): void {
  requireChair(out.state, actorId);
  const p = target(out.state, command.participantId);
  if (command.type === "unmute") {
    if (!p.muted) refuse("already", "they are not muted");
    out.emit({ type: "unmuted", participantId: p.participantId });
    continueRound(out);
    return;
  }
  if (p.participantId === actorId || p.holdsChair || out.state.chairId === p.participantId) refuse("not_allowed", "the chair cannot be muted");
  if (p.muted) refuse("already", "they are already muted");
  stopSpeaking(out, p.participantId, "muted");
  out.emit({ type: "muted", participantId: p.participantId });
  continueRound(out);
}

function remove(out: Outcome, actorId: string, participantId: string): void {
  requireChair(out.state, actorId);
  const p = target(out.state, participantId, ["present", "waiting"]);
  if (p.participantId === actorId || p.holdsChair || out.state.chairId === p.participantId) refuse("not_allowed", "the chair cannot be removed");
  stopSpeaking(out, participantId, "removed");
  out.emit({ type: "removed", participantId });
  continueRound(out);
}

function lock(out: Outcome, actorId: string, locked: boolean): void {
  requireChair(out.state, actorId);
  if (out.state.locked === locked) refuse("already", locked ? "the room is already locked" : "the room is not locked");
  out.emit({ type: locked ? "locked" : "unlocked" });
}

function claimChair(out: Outcome, me: RoomParticipant, nomineeId: string): void {
  const state = out.state;
  if (!mayChooseChair(me)) refuse("not_allowed", "only members of the group present choose a temporary chair");
  const present = Object.values(state.participants).filter((p) => p.status === "present");
  if (present.some((p) => p.holdsChair && !p.isObserver)) refuse("chair_present", "a chair is here");
  if (state.chairId !== null) refuse("already", "there is a temporary chair");
  const nominee = target(state, nomineeId);
  if (!mayChooseChair(nominee)) refuse("not_allowed", "a temporary chair is a member of the group present");
  if (state.chairSupport[me.participantId] === nomineeId) refuse("already", "you already support them");
  out.emit({ type: "chair_supported", participantId: nomineeId, by: me.participantId });
  const choosers = present.filter(mayChooseChair);
  const supporters = choosers.filter((p) => out.state.chairSupport[p.participantId] === nomineeId).length;
  if (supporters >= Math.min(2, choosers.length)) out.emit({ type: "chair_changed", participantId: nomineeId, temporary: true });
}

function report(out: Outcome, actorId: string, command: Command<"report">): void {
  if (command.participantId === actorId) refuse("not_allowed", "report someone else");
  target(out.state, command.participantId, ["present", "waiting", "left", "removed", "denied"]);
  out.emit({
    type: "reported",
    by: actorId,
    participantId: command.participantId,
    reason: command.reason,
    ...(command.note ? { note: command.note } : {}),
  });
}

function endMeeting(out: Outcome): void {
  endCurrentShare(out, "ended");
  out.emit({ type: "meeting_ended" });
}

/** The server's clock: the 30-second warning and the time-up of the share going on. */
function tick(out: Outcome, now: Date): void {
  const share = out.state.currentShare;
  if (!share || share.limitSeconds === null || share.timeUp) return;
  const elapsed = (now.getTime() - Date.parse(share.startedAt)) / 1000;
  if (elapsed >= share.limitSeconds) {
    out.emit({ type: "share_time_up", shareId: share.id, participantId: share.participantId });
  } else if (!share.warned && elapsed >= share.limitSeconds - ROOM_LIMITS.warningSeconds) {
    out.emit({
      type: "share_warning",
      shareId: share.id,
      participantId: share.participantId,
      secondsLeft: Math.ceil(share.limitSeconds - elapsed),
    });
  }
}

function apply(out: Outcome, actor: RoomActor | "system", command: RoomCommand, now: Date): void {
  if (actor === "system") {
    if (command.type === "tick") return tick(out, now);
    if (command.type === "end_meeting") return out.state.status === "ended" ? refuse("ended", "the meeting has ended") : endMeeting(out);
    return refuse("not_allowed", "the system only ticks and ends meetings");
  }
  if (command.type === "tick") refuse("system_only", "only the server's clock ticks");
  if (out.state.status === "ended") refuse("ended", "the meeting has ended");
  if (command.type === "join") return join(out, actor);

  const me = participant(out.state, actor.participantId);
  if (!me || me.status === "left") refuse("not_in_room", "join the meeting first");
  if (me.status === "removed" || me.status === "denied") refuse("removed", "you are no longer in this meeting");
  if (command.type === "leave") return leave(out, me.participantId);
  if (me.status === "waiting") refuse("waiting", "please wait until the chair lets you in");

  const id = me.participantId;
  switch (command.type) {
    case "admit":
    case "deny":
      return admitOrDeny(out, id, command);
    case "next_step":
      return moveStep(out, id, 1);
    case "previous_step":
      return moveStep(out, id, -1);
    case "raise_hand":
      return raiseHand(out, me);
    case "lower_hand":
      return lowerHand(out, id, command);
    case "call_next":
      return callNext(out, id);
    case "call":
      return call(out, id, command.participantId);
    case "pass":
      return pass(out, me);
    case "share_text":
      return shareText(out, me, command.text);
    case "finish_share":
      return finishShare(out, me);
    case "extend_share":
      return extendShare(out, id, command.seconds);
    case "end_share":
      return endShareByChair(out, id);
    case "thank":
      return thank(out, id, command.participantId);
    case "chat":
      return chat(out, me, command);
    case "mute":
    case "unmute":
      return mute(out, id, command);
    case "remove":
      return remove(out, id, command.participantId);
    case "lock":
      return lock(out, id, true);
    case "unlock":
      return lock(out, id, false);
    case "claim_chair":
      return claimChair(out, me, command.participantId ?? id);
    case "report":
      return report(out, id, command);
    case "end_meeting":
      requireChair(out.state, id);
      return endMeeting(out);
  }
}

/**
 * Decide a command. `actor` is who the server knows is asking ("system" for its clock); the
 * command has been parsed with the RoomCommand schema. Refusals are values, never exceptions.
 */
export function decide(state: RoomState, actor: RoomActor | "system", command: RoomCommand, now: Date): Decision {
  const out = new Outcome(state, now.toISOString());
  try {
    apply(out, actor, command, now);
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
  return { ok: true, events: out.events };
}
