/**
 * What the live feature holds about one member: their attendance and its slips, in their data
 * export, and what goes when they delete their account. Built on its own (no room engine), so the
 * accounts feature can be given it in server/services.ts before the rooms exist; LiveService uses
 * the same code for the attendance pages and slips.
 *
 * Deleting an account, inside the deletion's transaction:
 * - live_attendance rows go with the member (foreign key, cascade): their slips stop verifying
 *   ("not genuine": the attendance they name is unknown).
 * - In the stored events of rooms they were in (rooms still open, or ended with 24-hour retention),
 *   their profile loses its member id and name ("Former member") and what they wrote there (chat,
 *   held crosstalk, their shares' text, their reports' notes) is emptied. Events keep their seq
 *   and type, so a room replays as before, only without them. A room loaded in a running server
 *   keeps its in-memory state until it is let go (at the latest when the meeting ends).
 * - A room whose chair they were keeps, instead of their pseudonym, a keyed digest of it (see
 *   slips.ts), so the slips of everyone else at that meeting still verify; the verification then
 *   shows no chair. Which rooms they chaired is known from the name: rooms they attended whose
 *   recorded chair name is their display name now.
 */
import type { RoomConfig } from "../../../core/live/room";
import type { RoomEvent } from "../../../core/live/room-messages";
import type { AttendanceEntry, AttendanceSlip } from "../../../core/live-api";
import type { z } from "zod";
import type { Db } from "../../db";
import { AppError } from "../../errors";
import { authorizeOwnAttendance } from "./policy";
import { LiveRepository, type AttendanceRecord } from "./repository";
import { SlipSigner, slipVerifyUrl, type SlipContent } from "./slips";

/** How a member who deleted their account is named in the stored events of a room. */
export const FORMER_MEMBER = "Former member";

export interface LiveMemberDataDeps {
  repository: LiveRepository;
  sessionSecret: string;
  publicUrl: string;
  now: () => Date;
}

type Entry = z.infer<typeof AttendanceEntry>;

export class LiveMemberData {
  readonly signer: SlipSigner;

  constructor(private readonly deps: LiveMemberDataDeps) {
    this.signer = new SlipSigner(deps.sessionSecret);
  }

  /** The member's own attendance, latest first. */
  async attendance(memberId: string): Promise<Entry[]> {
    const now = this.deps.now().getTime();
    const records = await this.deps.repository.attendanceOf(memberId);
    return records.map((record) => entryOf(record, now));
  }

  /** A signed slip for one of my own attendances, once a proof-of-attendance meeting has ended. */
  async slip(memberId: string, attendanceId: string): Promise<AttendanceSlip> {
    const record = authorizeOwnAttendance(memberId, await this.deps.repository.findAttendance(attendanceId));
    if (!(JSON.parse(record.room.config) as RoomConfig).proofOfAttendance) {
      throw new AppError("conflict", "This meeting does not offer proof of attendance.");
    }
    if (record.room.status !== "ended") throw new AppError("conflict", "The slip is ready once the meeting has ended.");
    return this.slipOf(record);
  }

  /** Whether a slip's code is genuine; for a genuine one, what the slip says (and nothing more). */
  async verifySlip(code: string): Promise<{ genuine: boolean; slip?: Omit<SlipContent, "attendanceId"> }> {
    const attendanceId = this.signer.attendanceIdOf(code);
    const record = attendanceId ? await this.deps.repository.findAttendance(attendanceId) : null;
    if (!record || !slipAvailable(record)) return { genuine: false };
    const content = slipContentOf(record);
    if (!this.signer.matches(code, content)) return { genuine: false };
    const { attendanceId: _id, ...slip } = content;
    return { genuine: true, slip: { ...slip, chair: this.signer.chairShown(slip.chair) } };
  }

  /** For the member's data export: every attendance, with its slip where one can be had. */
  async exportFor(memberId: string): Promise<Array<Entry & { slip: AttendanceSlip | null }>> {
    const now = this.deps.now().getTime();
    const records = await this.deps.repository.attendanceOf(memberId);
    return records.map((record) => ({ ...entryOf(record, now), slip: slipAvailable(record) ? this.slipOf(record) : null }));
  }

  /** Inside the account deletion's transaction (see the top of this file). */
  async forgetMember(member: { id: string; displayName: string }, within: Db): Promise<void> {
    const repository = new LiveRepository(within);
    const attended = await repository.attendanceRoomsOf(member.id);
    if (attended.length === 0) return;
    const participantIds = new Set(attended.map((a) => a.participantId));
    // Their shares, as met in order (share_text events name only the share).
    const shares = new Set<string>();
    for (const { roomId, seq, body } of await repository.storedEventsOf(attended.map((a) => a.roomId))) {
      const event = JSON.parse(body) as RoomEvent;
      if (event.type === "share_started" && participantIds.has(event.participantId)) shares.add(event.shareId);
      const scrubbed = withoutMember(event, participantIds, shares);
      if (scrubbed !== event) await repository.rewriteEvent(roomId, seq, JSON.stringify(scrubbed));
    }
    const chaired = attended.filter((a) => a.chairName !== null && a.chairName === member.displayName).map((a) => a.roomId);
    for (const roomId of chaired) await repository.setChairName(roomId, this.signer.erasedChair(member.displayName));
  }

  private slipOf(record: AttendanceRecord): AttendanceSlip {
    const content = slipContentOf(record);
    const code = this.signer.code(content);
    return {
      meetingName: content.meetingName,
      date: content.date,
      start: content.start,
      durationMinutes: content.durationMinutes,
      chair: this.signer.chairShown(content.chair),
      issuedAt: this.deps.now().toISOString(),
      code,
      verifyUrl: slipVerifyUrl(this.deps.publicUrl, code),
    };
  }
}

/** The event without the member's identity and words; the same object when there was none of either. */
function withoutMember(event: RoomEvent, participantIds: Set<string>, shares: Set<string>): RoomEvent {
  switch (event.type) {
    case "joined":
      return participantIds.has(event.participant.participantId)
        ? { ...event, participant: { ...event.participant, memberId: "", displayName: FORMER_MEMBER } }
        : event;
    case "chat_message":
    case "crosstalk_held":
      return participantIds.has(event.message.from) && event.message.text !== "" ? { ...event, message: { ...event.message, text: "" } } : event;
    case "share_text":
      return shares.has(event.shareId) && event.text !== "" ? { ...event, text: "" } : event;
    case "reported":
      if (!participantIds.has(event.by) || event.note === undefined) return event;
      {
        const { note: _note, ...rest } = event;
        return rest;
      }
    default:
      return event;
  }
}

function entryOf(record: AttendanceRecord, now: number): Entry {
  return {
    id: record.id,
    roomId: record.roomId,
    meetingId: record.room.meetingId,
    meetingName: record.room.meetingName,
    date: record.room.occurrenceDate,
    occurrenceStart: record.room.occurrenceStart,
    joinedAt: record.joinedAt,
    leftAt: record.leftAt,
    minutesPresent: minutesPresent(record, now),
    present: record.presentSince !== null,
    meetingEnded: record.room.status === "ended",
    slipAvailable: slipAvailable(record),
  };
}

function minutesPresent(record: AttendanceRecord, now: number): number {
  const running = record.presentSince ? Math.max(0, now - Date.parse(record.presentSince)) / 1000 : 0;
  return Math.floor((record.secondsPresent + running) / 60);
}

/** What a slip says: fixed once the meeting has ended (no one is present any more). */
function slipContentOf(record: AttendanceRecord): SlipContent {
  return {
    attendanceId: record.id,
    meetingName: record.room.meetingName,
    date: record.room.occurrenceDate,
    start: record.room.occurrenceStart,
    durationMinutes: Math.floor(record.secondsPresent / 60),
    chair: record.room.chairName,
  };
}

function slipAvailable(record: AttendanceRecord): boolean {
  return record.room.status === "ended" && (JSON.parse(record.room.config) as RoomConfig).proofOfAttendance;
}
