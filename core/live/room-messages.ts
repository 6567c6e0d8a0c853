/**
 * What goes into and comes out of a live meeting room: commands (what someone asks for), events
 * (what happened, the only thing that changes a room), the error codes of a refused command, and
 * the snapshot one participant sees. Pure data; the rules are in room-decide.ts.
 */
import { z } from "zod";
import { Format } from "./formats";
import { REPORT_REASONS, ROOM_ERROR_CODES, ROOM_LIMITS, SHARE_END_REASONS } from "./room-words";

export { REPORT_REASONS, ROOM_ERROR_CODES, ROOM_LIMITS, SHARE_END_REASONS } from "./room-words";

const ParticipantId = z.string().min(1).max(ROOM_LIMITS.idMax);
const Target = { participantId: ParticipantId };

// ---------- commands ----------

export const ReportReason = z.enum(REPORT_REASONS);
export type ReportReason = z.infer<typeof ReportReason>;

export const RoomCommand = z.discriminatedUnion("type", [
  z.object({ type: z.literal("join") }),
  z.object({ type: z.literal("leave") }),
  // the chair, for someone in the waiting room
  z.object({ type: z.literal("admit"), ...Target }),
  z.object({ type: z.literal("deny"), ...Target }),
  // the chair moves through the format
  z.object({ type: z.literal("next_step") }),
  z.object({ type: z.literal("previous_step") }),
  // open sharing: raise a hand; the chair calls the next hand or a named person
  z.object({ type: z.literal("raise_hand") }),
  /** Lower my own hand, or (the chair) someone else's. */
  z.object({ type: z.literal("lower_hand"), participantId: ParticipantId.optional() }),
  z.object({ type: z.literal("call_next") }),
  z.object({ type: z.literal("call"), ...Target }),
  /** In a round: skip my turn (now, or in advance). When called: hand the turn back. */
  z.object({ type: z.literal("pass") }),
  /** The speaker's composer: the whole current text, which everyone sees appear. */
  z.object({ type: z.literal("share_text"), text: z.string().max(ROOM_LIMITS.shareTextMax) }),
  z.object({ type: z.literal("finish_share") }),
  z.object({ type: z.literal("extend_share"), seconds: z.number().int().min(ROOM_LIMITS.extendMinSeconds).max(ROOM_LIMITS.extendMaxSeconds) }),
  z.object({ type: z.literal("end_share") }),
  /** A quiet "thank you for sharing", seen only by the person thanked. */
  z.object({ type: z.literal("thank"), ...Target }),
  /** replyTo: the id of a share ("s3") or of a chat message ("m7"). */
  z.object({
    type: z.literal("chat"),
    text: z.string().trim().min(1).max(ROOM_LIMITS.chatTextMax),
    replyTo: z.string().min(1).max(ROOM_LIMITS.idMax).optional(),
  }),
  z.object({ type: z.literal("mute"), ...Target }),
  z.object({ type: z.literal("unmute"), ...Target }),
  z.object({ type: z.literal("remove"), ...Target }),
  z.object({ type: z.literal("lock") }),
  z.object({ type: z.literal("unlock") }),
  /**
   * When no chair-holder is present: support a present member (myself when participantId is left
   * out) as temporary chair. See room-decide.ts for the rule.
   */
  z.object({ type: z.literal("claim_chair"), participantId: ParticipantId.optional() }),
  z.object({
    type: z.literal("report"),
    ...Target,
    reason: ReportReason,
    note: z.string().trim().max(ROOM_LIMITS.reportNoteMax).optional(),
  }),
  z.object({ type: z.literal("end_meeting") }),
  /** The server's clock, about once a second: share warnings and time-ups. Only "system" may send it. */
  z.object({ type: z.literal("tick") }),
]);
export type RoomCommand = z.infer<typeof RoomCommand>;
export type RoomCommandType = RoomCommand["type"];

// ---------- errors ----------

export const RoomErrorCode = z.enum(ROOM_ERROR_CODES);
export type RoomErrorCode = z.infer<typeof RoomErrorCode>;

// ---------- events ----------

/** Who someone is in the room, as they joined. memberId never leaves the server (see visibility). */
export const ParticipantProfile = z.object({
  participantId: ParticipantId,
  memberId: z.string().max(ROOM_LIMITS.idMax),
  displayName: z.string().max(ROOM_LIMITS.displayNameMax),
  isGroupMember: z.boolean(),
  holdsChair: z.boolean(),
  isObserver: z.boolean(),
  isNewcomer: z.boolean(),
});
export type ParticipantProfile = z.infer<typeof ParticipantProfile>;

export const ChatMessage = z.object({
  /** "m1", "m2", ...: numbered by the room, so a replay gives the same ids. */
  id: z.string(),
  from: ParticipantId,
  text: z.string(),
  replyTo: z.string().optional(),
  at: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;


const At = { at: z.string() };
const Ev = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.object({ type: z.literal(type), ...At, ...shape });

export const RoomEvent = z.discriminatedUnion("type", [
  /** `muted`: someone the chair muted stays muted when they come back. */
  Ev("joined", { participant: ParticipantProfile, status: z.enum(["present", "waiting"]), muted: z.boolean().optional() }),
  Ev("left", Target),
  Ev("admitted", Target),
  Ev("denied", Target),
  Ev("removed", Target),
  /** Who leads the meeting now: a chair-holder, a temporary chair, or nobody (null). */
  Ev("chair_changed", { participantId: ParticipantId.nullable(), temporary: z.boolean() }),
  Ev("chair_supported", { participantId: ParticipantId, by: ParticipantId }),
  Ev("step_changed", { stepIndex: z.number().int().min(0) }),
  /** A round begins: everyone present who may share, in the order they arrived. */
  Ev("round_started", { order: z.array(ParticipantId) }),
  Ev("hand_raised", Target),
  Ev("hand_lowered", Target),
  Ev("share_started", { shareId: z.string(), participantId: ParticipantId, limitSeconds: z.number().int().nullable() }),
  Ev("share_text", { shareId: z.string(), text: z.string() }),
  Ev("share_ended", { shareId: z.string(), participantId: ParticipantId, reason: z.enum(SHARE_END_REASONS) }),
  /** Passing a round turn before it comes (a current speaker's pass is share_ended "passed"). */
  Ev("passed", Target),
  Ev("share_extended", { shareId: z.string(), seconds: z.number().int() }),
  Ev("share_warning", { shareId: z.string(), participantId: ParticipantId, secondsLeft: z.number().int() }),
  Ev("share_time_up", { shareId: z.string(), participantId: ParticipantId }),
  Ev("thanked", { from: ParticipantId, to: ParticipantId }),
  Ev("chat_message", { message: ChatMessage }),
  /** A reply to the current share, held back from the room as crosstalk: only its author and the chair see it. */
  Ev("crosstalk_held", { message: ChatMessage }),
  Ev("muted", Target),
  Ev("unmuted", Target),
  Ev("locked", {}),
  Ev("unlocked", {}),
  /** Seen by the chair only; the server also passes it to the group's moderators. */
  Ev("reported", { by: ParticipantId, participantId: ParticipantId, reason: ReportReason, note: z.string().optional() }),
  /** The meeting is over: the room forgets every word said (chat, shares, held crosstalk). */
  Ev("meeting_ended", {}),
]);
export type RoomEvent = z.infer<typeof RoomEvent>;
export type RoomEventType = RoomEvent["type"];
export type RoomEventOf<T extends RoomEventType> = Extract<RoomEvent, { type: T }>;

// ---------- the snapshot one participant sees ----------

export const ViewParticipant = z.object({
  participantId: ParticipantId,
  displayName: z.string(),
  isObserver: z.boolean(),
  /** Has chair powers now (holds the chair position, or is the temporary chair). */
  isChair: z.boolean(),
  muted: z.boolean(),
  handRaised: z.boolean(),
  /** Shown to the chair only (false for everyone else), so the chair can welcome them. */
  isNewcomer: z.boolean(),
});
export type ViewParticipant = z.infer<typeof ViewParticipant>;

export const ViewShare = z.object({
  id: z.string(),
  participantId: ParticipantId,
  text: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  limitSeconds: z.number().int().nullable(),
  warned: z.boolean(),
  timeUp: z.boolean(),
});
export type ViewShare = z.infer<typeof ViewShare>;

export const RoomView = z.object({
  roomId: z.string(),
  meetingId: z.string(),
  status: z.enum(["open", "ended"]),
  format: Format,
  stepIndex: z.number().int(),
  locked: z.boolean(),
  me: z.object({
    participantId: ParticipantId,
    status: z.enum(["present", "waiting", "left", "removed", "denied", "unknown"]),
    isChair: z.boolean(),
    isObserver: z.boolean(),
    muted: z.boolean(),
    handRaised: z.boolean(),
    /** Whom I support as temporary chair, if anyone. */
    supports: ParticipantId.nullable(),
  }),
  chair: z.object({ participantId: ParticipantId.nullable(), temporary: z.boolean() }),
  /** Present participants, in the order they arrived (a client adds someone coming back at the end). */
  participants: z.array(ViewParticipant),
  /** The waiting room: the chair sees it; everyone else gets an empty list. */
  waiting: z.array(z.object({ participantId: ParticipantId, displayName: z.string(), isNewcomer: z.boolean(), isObserver: z.boolean() })),
  /** Raised hands, first raised first. */
  queue: z.array(ParticipantId),
  /** In a round: who is still to speak, in order (the current speaker not included). */
  roundRemaining: z.array(ParticipantId),
  /** In a round: who has spoken or passed (a latecomer not among them gets a turn at the end). */
  roundDone: z.array(ParticipantId),
  currentShare: ViewShare.nullable(),
  /** Shares that have ended during this meeting (gone once it ends). */
  pastShares: z.array(ViewShare),
  chat: z.array(ChatMessage),
  /** Held crosstalk: the chair sees all; others see only their own. */
  heldCrosstalk: z.array(ChatMessage),
  /** Support for a temporary chair: each nominee with the present members who support them. */
  chairSupport: z.array(z.object({ participantId: ParticipantId, supporters: z.array(ParticipantId) })),
  /** Reports made in this meeting: the chair only. */
  reports: z.array(z.object({ by: ParticipantId, participantId: ParticipantId, reason: ReportReason, note: z.string().optional(), at: z.string() })),
  /** How many quiet thanks I have received. */
  thanksReceived: z.number().int(),
});
export type RoomView = z.infer<typeof RoomView>;
