/**
 * A live meeting room's state and `evolve`, the only thing that changes it: a pure function of
 * the previous state and one event. Replaying a room's events from `initialRoomState` rebuilds
 * exactly the same state (timers included: they are kept as event timestamps, never as clocks),
 * so a restarted server resumes a room where it was. The state is plain JSON.
 */
import type { Format, FormatStep } from "./formats";
import type { ChatMessage, ParticipantProfile, ReportReason, RoomEvent, RoomEventOf } from "./room-messages";

export interface RoomConfig {
  roomId: string;
  meetingId: string;
  groupId: string;
  /** When this occurrence starts (ISO). */
  occurrenceStart: string;
  format: Format;
  /** A closed meeting: only the group's members (and observers where allowed) may join. */
  closed: boolean;
  observersAllowed: boolean;
  /** Newcomers and people who are not members of the group wait until the chair admits them. */
  waitingRoom: boolean;
  /** What the server keeps of the words after the meeting ends. */
  retention: "none" | "24h";
  proofOfAttendance: boolean;
}

/** Who is asking, as the server knows them (from the session and the group). */
export type RoomActor = ParticipantProfile;

export type ParticipantStatus = "present" | "waiting" | "left" | "removed" | "denied";

export interface RoomParticipant extends ParticipantProfile {
  status: ParticipantStatus;
  muted: boolean;
  /** Has been in the room (not only the waiting room): comes back in directly, even when locked. */
  admitted: boolean;
  /** Arrival order (the order of rounds). */
  arrival: number;
  joinedAt: string;
  leftAt: string | null;
}

export interface RoomShare {
  id: string;
  participantId: string;
  text: string;
  startedAt: string;
  endedAt: string | null;
  limitSeconds: number | null;
  warned: boolean;
  timeUp: boolean;
}

export interface RoomReport {
  by: string;
  participantId: string;
  reason: ReportReason;
  note?: string;
  at: string;
}

export interface RoomState {
  config: RoomConfig;
  status: "open" | "ended";
  stepIndex: number;
  participants: Record<string, RoomParticipant>;
  arrivals: number;
  /** Who leads: a present chair-holder or a temporary chair; null when no one does. */
  chairId: string | null;
  chairTemporary: boolean;
  /** Support for a temporary chair: supporter -> nominee. */
  chairSupport: Record<string, string>;
  locked: boolean;
  /** Raised hands, first raised first. */
  queue: string[];
  /** In a round: who is still to speak, in order. */
  roundRemaining: string[];
  /** In a round: who has spoken or passed. */
  roundDone: string[];
  currentShare: RoomShare | null;
  pastShares: RoomShare[];
  shareCount: number;
  chat: ChatMessage[];
  heldCrosstalk: ChatMessage[];
  messageCount: number;
  reports: RoomReport[];
  /** Quiet thanks received, per participant. */
  thanks: Record<string, number>;
  endedAt: string | null;
}

export function initialRoomState(config: RoomConfig): RoomState {
  return {
    config,
    status: "open",
    stepIndex: 0,
    participants: {},
    arrivals: 0,
    chairId: null,
    chairTemporary: false,
    chairSupport: {},
    locked: false,
    queue: [],
    roundRemaining: [],
    roundDone: [],
    currentShare: null,
    pastShares: [],
    shareCount: 0,
    chat: [],
    heldCrosstalk: [],
    messageCount: 0,
    reports: [],
    thanks: {},
    endedAt: null,
  };
}

// ---------- reading the state ----------

export function currentStep(state: RoomState): FormatStep {
  const step = state.config.format.steps[state.stepIndex];
  if (!step) throw new Error("a room's step index is always within its format");
  return step;
}

export function participant(state: RoomState, participantId: string): RoomParticipant | undefined {
  return Object.hasOwn(state.participants, participantId) ? state.participants[participantId] : undefined;
}

export function isPresent(state: RoomState, participantId: string): boolean {
  return participant(state, participantId)?.status === "present";
}

/** Chair powers: a present chair-holder, or the temporary chair. */
export function isChair(state: RoomState, participantId: string): boolean {
  const p = participant(state, participantId);
  if (!p || p.status !== "present" || p.isObserver) return false;
  return p.holdsChair || state.chairId === participantId;
}

/** May share, raise a hand and take a turn in a round. */
export function maySpeak(p: RoomParticipant): boolean {
  return p.status === "present" && !p.isObserver && !p.muted;
}

/** Present participants in arrival order. */
export function presentInOrder(state: RoomState): RoomParticipant[] {
  return Object.values(state.participants)
    .filter((p) => p.status === "present")
    .sort((a, b) => a.arrival - b.arrival);
}

export function waitingInOrder(state: RoomState): RoomParticipant[] {
  return Object.values(state.participants)
    .filter((p) => p.status === "waiting")
    .sort((a, b) => a.arrival - b.arrival);
}

// ---------- evolve ----------

function withParticipant(state: RoomState, participantId: string, change: Partial<RoomParticipant>): RoomState {
  const p = participant(state, participantId);
  if (!p) return state;
  return { ...state, participants: { ...state.participants, [participantId]: { ...p, ...change } } };
}

/** Someone who can no longer speak leaves the hand queue, the round and the support for a chair. */
function withoutSpeaker(state: RoomState, participantId: string): RoomState {
  const { [participantId]: _dropped, ...chairSupport } = state.chairSupport;
  return {
    ...state,
    queue: state.queue.filter((id) => id !== participantId),
    roundRemaining: state.roundRemaining.filter((id) => id !== participantId),
    chairSupport,
  };
}

/** A person who arrives during a round and has not yet had a turn takes one at its end. */
function joinRound(state: RoomState, participantId: string): RoomState {
  const p = participant(state, participantId);
  if (!p || !maySpeak(p) || currentStep(state).speaking !== "round") return state;
  if (state.roundDone.includes(participantId) || state.roundRemaining.includes(participantId)) return state;
  if (state.currentShare?.participantId === participantId) return state;
  return { ...state, roundRemaining: [...state.roundRemaining, participantId] };
}

function endShare(state: RoomState, at: string): RoomState {
  const share = state.currentShare;
  if (!share) return state;
  return {
    ...state,
    currentShare: null,
    pastShares: [...state.pastShares, { ...share, endedAt: at }],
    roundDone: [...state.roundDone, share.participantId],
  };
}

type Evolvers = { [T in RoomEvent["type"]]: (state: RoomState, event: RoomEventOf<T>) => RoomState };

const EVOLVERS: Evolvers = {
  joined(state, { participant: profile, status, at }) {
    const existing = participant(state, profile.participantId);
    const next: RoomParticipant = existing
      ? { ...existing, ...profile, status, admitted: existing.admitted || status === "present", leftAt: null }
      : { ...profile, status, muted: false, admitted: status === "present", arrival: state.arrivals, joinedAt: at, leftAt: null };
    const joined = {
      ...state,
      arrivals: existing ? state.arrivals : state.arrivals + 1,
      participants: { ...state.participants, [profile.participantId]: next },
    };
    return status === "present" ? joinRound(joined, profile.participantId) : joined;
  },
  left: (state, { participantId, at }) => withoutSpeaker(withParticipant(state, participantId, { status: "left", leftAt: at }), participantId),
  admitted: (state, { participantId }) => joinRound(withParticipant(state, participantId, { status: "present", admitted: true }), participantId),
  denied: (state, { participantId, at }) => withParticipant(state, participantId, { status: "denied", leftAt: at }),
  removed: (state, { participantId, at }) =>
    withoutSpeaker(withParticipant(state, participantId, { status: "removed", leftAt: at }), participantId),
  chair_changed: (state, { participantId, temporary }) => ({ ...state, chairId: participantId, chairTemporary: temporary, chairSupport: {} }),
  chair_supported: (state, { participantId, by }) => ({ ...state, chairSupport: { ...state.chairSupport, [by]: participantId } }),
  step_changed: (state, { stepIndex, at }) => ({
    ...endShare(state, at),
    stepIndex,
    queue: [],
    roundRemaining: [],
    roundDone: [],
  }),
  round_started: (state, { order }) => ({ ...state, roundRemaining: order, roundDone: [] }),
  hand_raised: (state, { participantId }) => ({ ...state, queue: [...state.queue, participantId] }),
  hand_lowered: (state, { participantId }) => ({ ...state, queue: state.queue.filter((id) => id !== participantId) }),
  share_started: (state, { shareId, participantId, limitSeconds, at }) => ({
    ...endShare(state, at),
    currentShare: { id: shareId, participantId, text: "", startedAt: at, endedAt: null, limitSeconds, warned: false, timeUp: false },
    shareCount: state.shareCount + 1,
    queue: state.queue.filter((id) => id !== participantId),
    roundRemaining: state.roundRemaining.filter((id) => id !== participantId),
  }),
  share_text: (state, { shareId, text }) =>
    state.currentShare?.id === shareId ? { ...state, currentShare: { ...state.currentShare, text } } : state,
  share_ended: (state, { shareId, at }) => (state.currentShare?.id === shareId ? endShare(state, at) : state),
  passed: (state, { participantId }) => ({
    ...state,
    roundRemaining: state.roundRemaining.filter((id) => id !== participantId),
    roundDone: [...state.roundDone, participantId],
  }),
  share_extended: (state, { shareId, seconds }) =>
    state.currentShare?.id === shareId && state.currentShare.limitSeconds !== null
      ? { ...state, currentShare: { ...state.currentShare, limitSeconds: state.currentShare.limitSeconds + seconds, warned: false, timeUp: false } }
      : state,
  share_warning: (state, { shareId }) =>
    state.currentShare?.id === shareId ? { ...state, currentShare: { ...state.currentShare, warned: true } } : state,
  share_time_up: (state, { shareId }) =>
    state.currentShare?.id === shareId ? { ...state, currentShare: { ...state.currentShare, warned: true, timeUp: true } } : state,
  thanked: (state, { to }) => ({ ...state, thanks: { ...state.thanks, [to]: (state.thanks[to] ?? 0) + 1 } }),
  chat_message: (state, { message }) => ({ ...state, chat: [...state.chat, message], messageCount: state.messageCount + 1 }),
  crosstalk_held: (state, { message }) => ({
    ...state,
    heldCrosstalk: [...state.heldCrosstalk, message],
    messageCount: state.messageCount + 1,
  }),
  muted: (state, { participantId }) => withoutSpeaker(withParticipant(state, participantId, { muted: true }), participantId),
  unmuted: (state, { participantId }) => joinRound(withParticipant(state, participantId, { muted: false }), participantId),
  locked: (state) => ({ ...state, locked: true }),
  unlocked: (state) => ({ ...state, locked: false }),
  reported: (state, { by, participantId, reason, note, at }) => ({
    ...state,
    reports: [...state.reports, { by, participantId, reason, ...(note === undefined ? {} : { note }), at }],
  }),
  // Confidentiality: once the meeting ends, nothing said is kept in the room; attendance stays.
  meeting_ended: (state, { at }) => ({
    ...state,
    status: "ended",
    endedAt: at,
    currentShare: null,
    pastShares: [],
    chat: [],
    heldCrosstalk: [],
    reports: [],
    queue: [],
    roundRemaining: [],
    chairSupport: {},
  }),
};

export function evolve(state: RoomState, event: RoomEvent): RoomState {
  const evolver = EVOLVERS[event.type] as (state: RoomState, event: RoomEvent) => RoomState;
  return evolver(state, event);
}

/** Rebuild a room from its events. */
export function replay(config: RoomConfig, events: readonly RoomEvent[]): RoomState {
  return events.reduce(evolve, initialRoomState(config));
}
