/**
 * What one participant may see of a room: `visibleTo` filters (and, where needed, trims) each
 * event for one receiver; `viewFor` is the snapshot sent on (re)joining. Nobody but the person
 * themselves sees a member id; only the chair sees the waiting room, newcomers, reports and all
 * held crosstalk; a quiet thank-you reaches only the person thanked (and its sender); someone in
 * the waiting room sees nothing of the meeting until admitted.
 */
import type { ParticipantProfile, RoomEvent, RoomView } from "./room-messages";
import { isChair, participant, presentInOrder, waitingInOrder, type RoomShare, type RoomState } from "./room-state";

/** A participant's profile as another person receives it. */
function profileFor(profile: ParticipantProfile, viewerId: string, chair: boolean): ParticipantProfile {
  if (profile.participantId === viewerId) return profile;
  return { ...profile, memberId: "", isNewcomer: chair && profile.isNewcomer };
}

/**
 * The event as `participantId` may receive it, or null when it is not for them. Pass the state
 * after the event was applied (evolve).
 */
export function visibleTo(event: RoomEvent, participantId: string, state: RoomState): RoomEvent | null {
  const viewer = participant(state, participantId);
  if (!viewer) return null;
  // The person removed or denied learns it; after that they receive nothing.
  if ((event.type === "removed" || event.type === "denied") && event.participantId === participantId) return event;
  if (viewer.status === "left" || viewer.status === "removed" || viewer.status === "denied") return null;
  if (event.type === "meeting_ended") return event;
  if (viewer.status === "waiting") {
    return event.type === "joined" && event.participant.participantId === participantId ? event : null;
  }

  const chair = isChair(state, participantId);
  switch (event.type) {
    case "joined":
      if (event.status === "waiting" && !chair && event.participant.participantId !== participantId) return null;
      return { ...event, participant: profileFor(event.participant, participantId, chair) };
    case "admitted": {
      if (chair || event.participantId === participantId) return event;
      // Everyone else never saw them wait: to them, the person simply arrives.
      const admitted = participant(state, event.participantId);
      if (!admitted) return null;
      return { type: "joined", at: event.at, status: "present", participant: profileFor(admitted, participantId, false) };
    }
    case "denied":
      return chair ? event : null;
    case "left":
    case "removed":
      // Someone who never got past the waiting room leaves unseen, except by the chair.
      return chair || participant(state, event.participantId)?.admitted ? event : null;
    case "reported":
      return chair ? event : null;
    case "crosstalk_held":
      return chair || event.message.from === participantId ? event : null;
    case "thanked":
      return event.to === participantId || event.from === participantId ? event : null;
    default:
      return event;
  }
}

/**
 * What in `visibleTo`'s answer depends on the viewer: nothing when the event is not for them
 * (null); else whether they are the person the event is about (their own key: self), and
 * otherwise only whether they hold chair powers. Viewers with the same key receive the same event.
 */
function audienceKey(event: RoomEvent, participantId: string, state: RoomState): string | null {
  const viewer = participant(state, participantId);
  if (!viewer) return null;
  const about = (event.type === "removed" || event.type === "denied") && event.participantId === participantId;
  if (about) return "self";
  const status = viewer.status;
  if (status === "left" || status === "removed" || status === "denied") return null;
  if (event.type === "meeting_ended") return "all";
  if (status === "waiting") return event.type === "joined" && event.participant.participantId === participantId ? "self" : null;
  switch (event.type) {
    case "joined":
      if (event.participant.participantId === participantId) return "self";
      break;
    case "admitted":
      if (event.participantId === participantId) return "self";
      break;
    case "crosstalk_held":
      if (event.message.from === participantId) return "self";
      break;
    case "thanked":
      if (event.to === participantId || event.from === participantId) return "self";
      break;
    default:
      break;
  }
  return isChair(state, participantId) ? "chair" : "other";
}

/**
 * `visibleTo` for every listener of one event, deciding it once per kind of viewer instead of
 * once per listener: the returned function gives each participant exactly what `visibleTo` would
 * (`state` is the state after the event), and the same object to everyone who sees the same
 * thing (so the server serializes it once). "self" keys are never shared between people.
 */
export function fanOut(event: RoomEvent, state: RoomState): (participantId: string) => RoomEvent | null {
  const shared = new Map<string, RoomEvent | null>();
  return (participantId) => {
    const key = audienceKey(event, participantId, state);
    if (key === null) return null;
    if (key === "self") return visibleTo(event, participantId, state);
    let seen = shared.get(key);
    if (seen === undefined) {
      seen = visibleTo(event, participantId, state);
      shared.set(key, seen);
    }
    return seen;
  };
}

function shareView(share: RoomShare) {
  return { ...share };
}

/** What `participantId` sees of the room now: sent with `welcome`. */
export function viewFor(state: RoomState, participantId: string): RoomView {
  const me = participant(state, participantId);
  const status = me?.status ?? "unknown";
  const chair = isChair(state, participantId);
  const inside = status === "present";
  const base: RoomView = {
    roomId: state.config.roomId,
    meetingId: state.config.meetingId,
    status: state.status,
    format: state.config.format,
    stepIndex: state.stepIndex,
    locked: state.locked,
    me: {
      participantId,
      status,
      isChair: chair,
      isObserver: me?.isObserver ?? false,
      muted: me?.muted ?? false,
      handRaised: state.queue.includes(participantId),
      supports: state.chairSupport[participantId] ?? null,
    },
    chair: { participantId: state.chairId, temporary: state.chairTemporary },
    participants: [],
    waiting: [],
    queue: [],
    roundRemaining: [],
    roundDone: [],
    currentShare: null,
    pastShares: [],
    chat: [],
    heldCrosstalk: [],
    chairSupport: [],
    reports: [],
    thanksReceived: state.thanks[participantId] ?? 0,
  };
  if (!inside) return base;

  const support = new Map<string, string[]>();
  for (const [supporter, nominee] of Object.entries(state.chairSupport)) {
    if (participant(state, supporter)?.status === "present") support.set(nominee, [...(support.get(nominee) ?? []), supporter]);
  }
  return {
    ...base,
    participants: presentInOrder(state).map((p) => ({
      participantId: p.participantId,
      displayName: p.displayName,
      isObserver: p.isObserver,
      isChair: isChair(state, p.participantId),
      muted: p.muted,
      handRaised: state.queue.includes(p.participantId),
      isNewcomer: chair && p.isNewcomer,
    })),
    waiting: chair
      ? waitingInOrder(state).map((p) => ({
          participantId: p.participantId,
          displayName: p.displayName,
          isNewcomer: p.isNewcomer,
          isObserver: p.isObserver,
        }))
      : [],
    queue: [...state.queue],
    roundRemaining: [...state.roundRemaining],
    roundDone: [...state.roundDone],
    currentShare: state.currentShare ? shareView(state.currentShare) : null,
    pastShares: state.pastShares.map(shareView),
    chat: [...state.chat],
    heldCrosstalk: chair ? [...state.heldCrosstalk] : state.heldCrosstalk.filter((m) => m.from === participantId),
    chairSupport: [...support]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, supporters]) => ({ participantId: id, supporters: supporters.sort() })),
    reports: chair ? state.reports.map((r) => ({ ...r })) : [],
  };
}

/** The participant an event is about, where its visibility reads that person's state. */
function subjectOf(event: RoomEvent): string | null {
  switch (event.type) {
    case "joined":
      return event.participant.participantId;
    case "admitted":
    case "denied":
    case "left":
    case "removed":
      return event.participantId;
    default:
      return null;
  }
}

/**
 * What a participant who reconnects receives of the events they missed: each as `visibleTo` lets
 * it through with the state just after it (null: not for them; the array matches `missed`, so the
 * server keeps each event's seq), computed from the current state `state` (after the last
 * of `missed`), which is enough whenever nothing in the range changed what they may see. Null
 * when something might have: then send a fresh snapshot (viewFor) instead. That is when
 * - the chair changed (a `chair_changed`: they may have gained or lost chair powers), or
 * - something happened to the viewer themself (joined, admitted, denied, left, removed), or
 * - someone was admitted or left while a later event in the range let them in again (whether
 *   the viewer saw them go depends on whether they had been admitted by then).
 * A viewer who is not present now always gets a snapshot.
 */
export function catchUpFor(missed: readonly RoomEvent[], participantId: string, state: RoomState): Array<RoomEvent | null> | null {
  if (participant(state, participantId)?.status !== "present") return null;
  // Who (other than the viewer) comes back in later in the range, scanning from the end.
  const comesInLater = new Set<string>();
  const seen: Array<RoomEvent | null> = [];
  for (let i = missed.length - 1; i >= 0; i--) {
    const event = missed[i]!;
    if (event.type === "chair_changed") return null;
    const subject = subjectOf(event);
    if (subject === participantId) return null;
    if (subject !== null && (event.type === "admitted" || event.type === "left" || event.type === "removed") && comesInLater.has(subject)) return null;
    // (A later `joined` also changes the profile an earlier `admitted` would be shown with.)
    if (subject !== null && (event.type === "admitted" || event.type === "joined")) comesInLater.add(subject);
    seen.push(visibleTo(event, participantId, state));
  }
  return seen.reverse();
}
