/**
 * The HTTP side of live meetings (the WebSocket envelope is core/live/protocol.ts): a meeting's
 * room as its lobby shows it, a group's room settings, a member's own attendance and
 * proof-of-attendance slips.
 */
import { z } from "zod";

export const LIVE_SOCKET_PATH = "/api/live/socket";

export const LiveEntry = z.enum(["participant", "observer", "none"]);
export const LiveRetention = z.enum(["none", "24h"]);

export const LiveRoomLobby = z.object({
  meetingId: z.string(),
  meetingName: z.string(),
  /** The occurrence the room is for: the one going on, else the next; null when none is scheduled. */
  occurrence: z.object({ start: z.string(), end: z.string() }).nullable(),
  /** The room exists once it is open (or opened early); hello with this id. */
  roomId: z.string().nullable(),
  opensAt: z.string().nullable(),
  open: z.boolean(),
  /** How I may enter: as a participant, as an observer (listening only), or not at all. */
  entry: LiveEntry,
  /** Signed out: sign in first (a closed meeting then lets in only the group's members). */
  signInNeeded: z.boolean(),
  canOpenEarly: z.boolean(),
  proofOfAttendance: z.boolean(),
  retention: LiveRetention,
  waitingRoom: z.boolean(),
  socketPath: z.string(),
});
export type LiveRoomLobby = z.infer<typeof LiveRoomLobby>;

export const LiveSettings = z.object({
  /** Closed meetings: may people who are not members listen without sharing? */
  observersAllowed: z.boolean(),
  /** People who are not members of the group wait until the chair admits them. */
  waitingRoom: z.boolean(),
  /** "none": the words go when the meeting ends; "24h": they are kept for 24 hours, then deleted. */
  retention: LiveRetention,
});
export type LiveSettings = z.infer<typeof LiveSettings>;

export const AttendanceEntry = z.object({
  id: z.string(),
  /** The room attended (one occurrence of the meeting), as the lobby's `roomId` names it. */
  roomId: z.string(),
  /** The meeting; null once the meeting itself was deleted (the attendance stays). */
  meetingId: z.string().nullable(),
  meetingName: z.string(),
  /** The meeting's local date. */
  date: z.string(),
  occurrenceStart: z.string(),
  joinedAt: z.string(),
  leftAt: z.string().nullable(),
  minutesPresent: z.number().int(),
  /** Still in the room now. */
  present: z.boolean(),
  meetingEnded: z.boolean(),
  /** A proof-of-attendance slip can be had (POA meetings, once the meeting has ended). */
  slipAvailable: z.boolean(),
});
export const AttendanceList = z.object({ attendance: z.array(AttendanceEntry) });

export const AttendanceSlip = z.object({
  meetingName: z.string(),
  date: z.string(),
  start: z.string(),
  durationMinutes: z.number().int(),
  /** The chair's pseudonym; null when nobody chaired. */
  chair: z.string().nullable(),
  issuedAt: z.string(),
  code: z.string(),
  /** The page where anyone checks the slip (PUBLIC_URL + /verify/:code); machines ask /api/live/slips/verify/:code. */
  verifyUrl: z.string(),
});
export type AttendanceSlip = z.infer<typeof AttendanceSlip>;

export const SlipVerification = z.object({
  genuine: z.boolean(),
  /** For a genuine slip, what it says (nothing more), to compare with the paper. */
  slip: z.object({ meetingName: z.string(), date: z.string(), start: z.string(), durationMinutes: z.number().int(), chair: z.string().nullable() }).optional(),
});

/** In the member's data export: each attendance, with its slip where one can be had (POA meetings, once ended). */
export const ExportedAttendance = AttendanceEntry.extend({ slip: AttendanceSlip.nullable() });
