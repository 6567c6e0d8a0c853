/**
 * The client's side of a room: `applyToView` keeps the snapshot a participant got with `welcome`
 * up to date with the events the server sends them (already filtered by visibleTo), so the web
 * app never re-implements the rules. It answers "resync" where one participant's events cannot
 * tell enough: when the viewer enters or leaves the waiting room, or gains or loses chair powers
 * (which change what they see). The client then asks for a fresh snapshot (hello without lastSeq);
 * the server may also send a fresh welcome at those moments.
 *
 * Equivalence (checked by a property test): for a present viewer, applying their filtered events
 * to their view gives viewFor of the new state, apart from the order of participants (a person
 * coming back is listed last here, in arrival order by the server).
 */
import type { RoomEvent, RoomView, ViewParticipant } from "./room-messages";

export type ViewUpdate = RoomView | "resync";

const without = (list: readonly string[], id: string) => list.filter((x) => x !== id);

function mapParticipant(view: RoomView, id: string, change: (p: ViewParticipant) => ViewParticipant): RoomView["participants"] {
  return view.participants.map((p) => (p.participantId === id ? change(p) : p));
}

/** Someone who can no longer speak: out of the queue and the round, their chair support gone. */
function stopSpeaking(view: RoomView, id: string): RoomView {
  return {
    ...view,
    queue: without(view.queue, id),
    roundRemaining: without(view.roundRemaining, id),
    participants: mapParticipant(view, id, (p) => ({ ...p, handRaised: false })),
    chairSupport: withoutSupporter(view.chairSupport, id),
    me: view.me.participantId === id ? { ...view.me, handRaised: false, supports: null } : view.me,
  };
}

function withoutSupporter(support: RoomView["chairSupport"], supporter: string): RoomView["chairSupport"] {
  return support.map((s) => ({ ...s, supporters: without(s.supporters, supporter) })).filter((s) => s.supporters.length > 0);
}

function withSupport(support: RoomView["chairSupport"], nominee: string, supporter: string): RoomView["chairSupport"] {
  const rest = withoutSupporter(support, supporter);
  const current = rest.find((s) => s.participantId === nominee);
  const next = current
    ? rest.map((s) => (s === current ? { ...s, supporters: [...s.supporters, supporter].sort() } : s))
    : [...rest, { participantId: nominee, supporters: [supporter] }];
  return next.sort((a, b) => (a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0));
}

const isRound = (view: RoomView) => view.format.steps[view.stepIndex]?.speaking === "round";

/** A person who may speak, arriving (or unmuted) during a round and not yet heard, goes to its end. */
function joinRound(view: RoomView, id: string): RoomView {
  const p = view.participants.find((x) => x.participantId === id);
  if (!p || p.isObserver || p.muted || !isRound(view)) return view;
  if (view.roundDone.includes(id) || view.roundRemaining.includes(id) || view.currentShare?.participantId === id) return view;
  return { ...view, roundRemaining: [...view.roundRemaining, id] };
}

function endShare(view: RoomView, at: string): RoomView {
  const share = view.currentShare;
  if (!share) return view;
  return { ...view, currentShare: null, pastShares: [...view.pastShares, { ...share, endedAt: at }], roundDone: [...view.roundDone, share.participantId] };
}

export function applyToView(view: RoomView, event: RoomEvent): ViewUpdate {
  const me = view.me.participantId;
  switch (event.type) {
    case "joined": {
      const p = event.participant;
      if (p.participantId === me) return "resync";
      if (event.status === "waiting") {
        const waiting = view.waiting.filter((w) => w.participantId !== p.participantId);
        return { ...view, waiting: [...waiting, { participantId: p.participantId, displayName: p.displayName, isNewcomer: p.isNewcomer, isObserver: p.isObserver }] };
      }
      const arrived: ViewParticipant = {
        participantId: p.participantId,
        displayName: p.displayName,
        isObserver: p.isObserver,
        isChair: !p.isObserver && (p.holdsChair || view.chair.participantId === p.participantId),
        muted: event.muted === true,
        handRaised: false,
        isNewcomer: p.isNewcomer,
      };
      const participants = [...view.participants.filter((x) => x.participantId !== p.participantId), arrived];
      return joinRound({ ...view, participants }, p.participantId);
    }
    case "admitted": {
      if (event.participantId === me) return "resync";
      const waiting = view.waiting.find((w) => w.participantId === event.participantId);
      if (!waiting) return view;
      const arrived: ViewParticipant = { ...waiting, isChair: false, muted: false, handRaised: false };
      const next = { ...view, waiting: view.waiting.filter((w) => w !== waiting), participants: [...view.participants, arrived] };
      return joinRound(next, event.participantId);
    }
    case "left":
    case "removed":
    case "denied": {
      const id = event.participantId;
      const status = event.type === "left" ? "left" : event.type === "removed" ? "removed" : "denied";
      const gone = stopSpeaking(view, id);
      return {
        ...gone,
        participants: gone.participants.filter((p) => p.participantId !== id),
        waiting: gone.waiting.filter((w) => w.participantId !== id),
        me: id === me ? { ...gone.me, status } : gone.me,
      };
    }
    case "chair_changed": {
      if (event.participantId === me || view.chair.participantId === me) return "resync";
      const previous = view.chair;
      const participants = view.participants.map((p) => {
        if (p.participantId === event.participantId) return { ...p, isChair: true };
        if (previous.temporary && p.participantId === previous.participantId) return { ...p, isChair: false };
        return p;
      });
      return {
        ...view,
        participants,
        chair: { participantId: event.participantId, temporary: event.temporary },
        chairSupport: [],
        me: { ...view.me, supports: null },
      };
    }
    case "chair_supported":
      return {
        ...view,
        chairSupport: withSupport(view.chairSupport, event.participantId, event.by),
        me: event.by === me ? { ...view.me, supports: event.participantId } : view.me,
      };
    case "step_changed": {
      const ended = endShare(view, event.at);
      return {
        ...ended,
        stepIndex: event.stepIndex,
        queue: [],
        roundRemaining: [],
        roundDone: [],
        participants: ended.participants.map((p) => (p.handRaised ? { ...p, handRaised: false } : p)),
        me: { ...ended.me, handRaised: false },
      };
    }
    case "round_started":
      return { ...view, roundRemaining: event.order, roundDone: [] };
    case "hand_raised":
    case "hand_lowered": {
      const raised = event.type === "hand_raised";
      const id = event.participantId;
      return {
        ...view,
        queue: raised ? [...view.queue, id] : without(view.queue, id),
        participants: mapParticipant(view, id, (p) => ({ ...p, handRaised: raised })),
        me: id === me ? { ...view.me, handRaised: raised } : view.me,
      };
    }
    case "share_started": {
      const ended = endShare(view, event.at);
      const id = event.participantId;
      return {
        ...ended,
        currentShare: { id: event.shareId, participantId: id, text: "", startedAt: event.at, endedAt: null, limitSeconds: event.limitSeconds, warned: false, timeUp: false },
        queue: without(ended.queue, id),
        roundRemaining: without(ended.roundRemaining, id),
        participants: mapParticipant(ended, id, (p) => ({ ...p, handRaised: false })),
        me: id === me ? { ...ended.me, handRaised: false } : ended.me,
      };
    }
    case "share_text":
      return view.currentShare?.id === event.shareId ? { ...view, currentShare: { ...view.currentShare, text: event.text } } : view;
    case "share_ended":
      return view.currentShare?.id === event.shareId ? endShare(view, event.at) : view;
    case "passed":
      return { ...view, roundRemaining: without(view.roundRemaining, event.participantId), roundDone: [...view.roundDone, event.participantId] };
    case "share_extended": {
      const share = view.currentShare;
      if (share?.id !== event.shareId || share.limitSeconds === null) return view;
      return { ...view, currentShare: { ...share, limitSeconds: share.limitSeconds + event.seconds, warned: false, timeUp: false } };
    }
    case "share_warning":
    case "share_time_up": {
      const share = view.currentShare;
      if (share?.id !== event.shareId) return view;
      return { ...view, currentShare: { ...share, warned: true, timeUp: share.timeUp || event.type === "share_time_up" } };
    }
    case "thanked":
      return event.to === me ? { ...view, thanksReceived: view.thanksReceived + 1 } : view;
    case "chat_message":
      return { ...view, chat: [...view.chat, event.message] };
    case "crosstalk_held":
      return { ...view, heldCrosstalk: [...view.heldCrosstalk, event.message] };
    case "muted": {
      const id = event.participantId;
      const stopped = stopSpeaking(view, id);
      return {
        ...stopped,
        participants: mapParticipant(stopped, id, (p) => ({ ...p, muted: true })),
        me: id === me ? { ...stopped.me, muted: true } : stopped.me,
      };
    }
    case "unmuted": {
      const id = event.participantId;
      const next = { ...view, participants: mapParticipant(view, id, (p) => ({ ...p, muted: false })), me: id === me ? { ...view.me, muted: false } : view.me };
      return joinRound(next, id);
    }
    case "locked":
    case "unlocked":
      return { ...view, locked: event.type === "locked" };
    case "reported": {
      const { type: _type, ...report } = event;
      return { ...view, reports: [...view.reports, report] };
    }
    case "meeting_ended":
      return {
        ...view,
        status: "ended",
        currentShare: null,
        pastShares: [],
        chat: [],
        heldCrosstalk: [],
        reports: [],
        queue: [],
        roundRemaining: [],
        chairSupport: [],
        participants: view.participants.map((p) => (p.handRaised ? { ...p, handRaised: false } : p)),
        me: { ...view.me, handRaised: false, supports: null },
      };
  }
}
