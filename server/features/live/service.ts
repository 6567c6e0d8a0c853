/**
 * Live meeting rooms: which occurrence a meeting's room is for and when it opens, who may enter
 * and as what, attendance and its slips, a group's room settings, and the sweep that ends
 * forgotten rooms and deletes kept words. The rooms' state itself is the engine's (engine.ts).
 */
import type { Format } from "../../../core/live/formats";
import { findTemplate } from "../../../core/live/formats";
import type { RoomActor, RoomConfig, RoomState } from "../../../core/live/room";
import type { RoomCommand, RoomEvent, RoomView } from "../../../core/live/room-messages";
import type { AttendanceSlip, LiveRoomLobby, LiveSettings } from "../../../core/live-api";
import { LIVE_SOCKET_PATH } from "../../../core/live-api";
import { occurrencesBetween } from "../../../core/meetings/schedule";
import { newId } from "../../../core/ids";
import { AppError } from "../../errors";
import type { GroupsService } from "../groups/service";
import type { Meeting, MeetingsService } from "../meetings/service";
import type { RoomBus } from "./bus";
import { RoomEngine, type CommandResult, type RoomListener } from "./engine";
import { authorizeEntry, authorizeOpenEarly, authorizeOwnAttendance, entryFor, mayOpenEarly, type EntryFacts } from "./policy";
import type { AttendanceRecord, LiveRepository, LiveRoomRecord, LiveSettingsRecord } from "./repository";
import { LiveMemberData } from "./members";

const MINUTE = 60_000;
/** A room opens this long before the occurrence starts. */
export const OPENS_BEFORE_MINUTES = 15;
/** The chair may open it earlier, but not more than this long before the start. */
export const EARLY_OPEN_LIMIT_MINUTES = 120;
/** A room nobody ended ends itself this long after the scheduled end (and its words go). */
export const OVERRUN_MINUTES = 120;
/** How far ahead the lobby looks for the next occurrence. */
const LOOKAHEAD_DAYS = 60;
const POA = "POA";

export const DEFAULT_LIVE_SETTINGS: LiveSettingsRecord = { observersAllowed: false, waitingRoom: false, retention: "none" };

/** A signed-in person's way into one room, worked out at hello. */
export interface Admission {
  roomId: string;
  actor: RoomActor;
}

export type AdmissionResult = { ok: true; admission: Admission } | { ok: false; code: "room_not_found" | "not_open_yet" | "ended"; message: string };

export interface LiveServiceDeps {
  repository: LiveRepository;
  meetings: MeetingsService;
  groups: GroupsService;
  bus: RoomBus;
  sessionSecret: string;
  publicUrl: string;
  now: () => Date;
  /** The meeting's format (the formats feature); the built-in open-share template until it answers. */
  formatFor?: (meetingId: string) => Promise<Format | null>;
  leaveGraceMs?: number;
  /** Where a report of a participant goes beyond the room's chair: the group's moderators (notifications' liveReported). */
  reports?: { liveReported(report: LiveReport): Promise<unknown> };
}

/** A report as it leaves the room: who is involved (to spare them) and where, never the reason or note. */
export interface LiveReport {
  groupId: string;
  meetingId: string | null;
  roomId: string;
  participantId: string;
  reporterId: string;
  reportedId: string;
}

interface Located {
  occurrence: { date: string; start: Date; end: Date } | null;
  room: LiveRoomRecord | null;
}

export class LiveService {
  readonly engine: RoomEngine;
  /** Attendance and slips (also what the accounts feature exports and deletes: services.ts). */
  readonly members: LiveMemberData;
  private readonly repository: LiveRepository;
  private warn: (message: string) => void = () => {};
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly deps: LiveServiceDeps) {
    this.repository = deps.repository;
    this.engine = new RoomEngine({
      repository: deps.repository,
      bus: deps.bus,
      now: deps.now,
      warn: (message) => this.warn(message),
      leaveGraceMs: deps.leaveGraceMs,
      committed: (room, events) => this.committed(room, events),
    });
    this.members = new LiveMemberData({ repository: deps.repository, sessionSecret: deps.sessionSecret, publicUrl: deps.publicUrl, now: deps.now });
  }

  /** Where the rooms' warnings go (the app's log); they name rooms, never what was said. */
  useLog(warn: (message: string) => void): void {
    this.warn = warn;
  }

  // ---------- the lobby ----------

  /** A meeting's room as one person sees it before entering (404 for a meeting they may not see). */
  async lobby(memberId: string | null, meetingId: string): Promise<LiveRoomLobby> {
    const { meeting, facts } = await this.meetingFacts(memberId, meetingId);
    const now = this.deps.now();
    const settings = await this.settingsFor(meeting.groupId);
    let { occurrence, room } = await this.locate(meeting, now);
    const opensAt = room ? new Date(room.opensAt) : occurrence ? new Date(occurrence.start.getTime() - OPENS_BEFORE_MINUTES * MINUTE) : null;
    const open = opensAt !== null && now >= opensAt;
    if (open && !room && occurrence) room = await this.createRoom(meeting, occurrence, opensAt, settings);
    const entry = entryFor({ ...facts, observersAllowed: settings.observersAllowed });
    return {
      meetingId: meeting.id,
      meetingName: meeting.name,
      occurrence: occurrence && { start: occurrence.start.toISOString(), end: occurrence.end.toISOString() },
      roomId: open && room ? room.id : null,
      opensAt: opensAt?.toISOString() ?? null,
      open,
      entry,
      signInNeeded: !facts.signedIn,
      canOpenEarly: !open && occurrence !== null && mayOpenEarly(facts),
      proofOfAttendance: meeting.types.includes(POA),
      retention: settings.retention,
      waitingRoom: settings.waitingRoom,
      socketPath: LIVE_SOCKET_PATH,
    };
  }

  /** The chair opens the room before its time (at most EARLY_OPEN_LIMIT_MINUTES early). */
  async openEarly(memberId: string | null, meetingId: string): Promise<LiveRoomLobby> {
    const { meeting, facts } = await this.meetingFacts(memberId, meetingId);
    authorizeOpenEarly(facts);
    const now = this.deps.now();
    const { occurrence, room } = await this.locate(meeting, now);
    if (!occurrence) throw new AppError("conflict", "This meeting has no occurrence coming up.");
    if (occurrence.start.getTime() - now.getTime() > EARLY_OPEN_LIMIT_MINUTES * MINUTE) {
      throw new AppError("conflict", `A room can be opened at most ${EARLY_OPEN_LIMIT_MINUTES} minutes before the meeting starts.`);
    }
    if (!room) await this.createRoom(meeting, occurrence, now, await this.settingsFor(meeting.groupId));
    else if (Date.parse(room.opensAt) > now.getTime()) await this.repository.setOpensAt(room.id, now.toISOString());
    return this.lobby(memberId, meetingId);
  }

  // ---------- entering and taking part (the socket) ----------

  /** Who this person is in the room, or why they may not come in (the same answer for unknown and forbidden rooms). */
  async admission(memberId: string, displayName: string, roomId: string): Promise<AdmissionResult> {
    const notFound = { ok: false, code: "room_not_found", message: "There is no such room, or it is not open to you." } as const;
    const room = await this.repository.findRoom(roomId);
    if (!room || room.meetingId === null) return notFound;
    let facts: EntryFacts;
    try {
      facts = (await this.meetingFacts(memberId, room.meetingId)).facts;
    } catch (error) {
      if (error instanceof AppError) return notFound;
      throw error;
    }
    const config = JSON.parse(room.config) as RoomConfig;
    let entry;
    try {
      entry = authorizeEntry({ ...facts, observersAllowed: config.observersAllowed }).entry;
    } catch (error) {
      if (error instanceof AppError) return notFound;
      throw error;
    }
    if (room.status === "ended") return { ok: false, code: "ended", message: "This meeting has ended." };
    if (Date.parse(room.opensAt) > this.deps.now().getTime()) return { ok: false, code: "not_open_yet", message: "The room is not open yet." };
    const participantId = await this.repository.participantIdFor(room.id, memberId, newId(), this.deps.now().toISOString());
    return {
      ok: true,
      admission: {
        roomId: room.id,
        actor: {
          participantId,
          memberId,
          displayName,
          isGroupMember: facts.isActiveMember,
          holdsChair: facts.holdsChair,
          isObserver: entry === "observer",
          isNewcomer: !facts.isActiveMember,
        },
      },
    };
  }

  /** Joins (unless already in), listens, and counts the time present. */
  async enter(admission: Admission, listener: RoomListener, lastSeq?: number): Promise<CommandResult> {
    const result = await this.engine.enter(admission.roomId, admission.actor, listener, lastSeq);
    if (result.ok) await this.repository.arrive(admission.actor.participantId, this.deps.now().toISOString());
    return result;
  }

  command(admission: Admission, command: RoomCommand): Promise<CommandResult> {
    if (command.type === "tick") return Promise.resolve({ ok: false, code: "system_only", message: "Only the server's clock ticks." });
    return this.engine.execute(admission.roomId, admission.actor, command);
  }

  /** The connection went: time present is added up now; leaving the room waits for the grace period. */
  async disconnect(admission: Admission, listener: RoomListener, entered: boolean): Promise<void> {
    const { roomId, actor } = admission;
    if (entered) await this.repository.depart(roomId, actor.memberId, this.deps.now().toISOString());
    await this.engine.disconnect(roomId, actor, listener, () => this.repository.isPresent(roomId, actor.memberId));
  }

  viewOf(roomId: string, participantId: string): Promise<{ seq: number; view: RoomView }> {
    return this.engine.viewOf(roomId, participantId);
  }

  // ---------- attendance and slips (members.ts) ----------

  attendance(memberId: string) {
    return this.members.attendance(memberId);
  }

  /** A signed slip for one of my own attendances, once a proof-of-attendance meeting has ended. */
  slip(memberId: string, attendanceId: string): Promise<AttendanceSlip> {
    return this.members.slip(memberId, attendanceId);
  }

  /** Whether a slip's code is genuine; for a genuine one, what the slip says (and nothing more). */
  verifySlip(code: string) {
    return this.members.verifySlip(code);
  }

  // ---------- a group's settings ----------

  async settings(memberId: string | null, groupId: string): Promise<LiveSettings> {
    await this.deps.groups.authorize(memberId, groupId, "see");
    return this.settingsFor(groupId);
  }

  /** The group's stewards choose; rooms already open keep what they opened with. */
  async updateSettings(memberId: string | null, groupId: string, settings: LiveSettings): Promise<LiveSettings> {
    await this.deps.groups.authorize(memberId, groupId, "edit");
    await this.repository.saveSettings(groupId, settings, this.deps.now().toISOString());
    return this.settingsFor(groupId);
  }

  // ---------- the clock ----------

  /** About once a second: share warnings and time-ups in the rooms this instance serves. */
  tick(): Promise<void> {
    return this.engine.tick();
  }

  /** Ends rooms nobody ended (OVERRUN_MINUTES after their end) and deletes words kept for 24 hours. */
  async sweep(): Promise<void> {
    const now = this.deps.now();
    for (const room of await this.repository.forgottenRooms(new Date(now.getTime() - OVERRUN_MINUTES * MINUTE).toISOString())) {
      const ended = await this.engine.execute(room.id, "system", { type: "end_meeting" }).catch(() => null);
      if (ended?.ok) continue;
      const state = await this.engine.stateOf(room.id);
      const config = JSON.parse(room.config) as RoomConfig;
      const purgeAfter = config.retention === "24h" ? new Date(now.getTime() + 24 * 60 * MINUTE).toISOString() : null;
      await this.repository.endForgotten(room.id, { at: now.toISOString(), chairName: state.chairName, purgeAfter });
      await this.engine.endedElsewhere(room.id);
    }
    for (const roomId of await this.repository.roomsToPurge(now.toISOString())) await this.repository.purge(roomId);
  }

  /** After a commit: each report also goes to the group's moderators (in the background; the room does not wait). */
  private committed(room: { id: string; config: RoomConfig; state: RoomState }, events: RoomEvent[]): void {
    const reports = this.deps.reports;
    if (!reports) return;
    for (const event of events) {
      if (event.type !== "reported") continue;
      const reporter = room.state.participants[event.by];
      const reported = room.state.participants[event.participantId];
      if (!reporter || !reported) continue;
      const report: LiveReport = {
        groupId: room.config.groupId,
        meetingId: room.config.meetingId || null,
        roomId: room.id,
        participantId: event.participantId,
        reporterId: reporter.memberId,
        reportedId: reported.memberId,
      };
      const sent = reports.liveReported(report).catch(() => this.warn(`Room ${room.id}: a report could not be passed on to the moderators.`));
      this.pending.add(sent);
      void sent.finally(() => this.pending.delete(sent));
    }
  }

  /** Reports still being passed on (tests wait for them; close lets them finish). */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  close(): Promise<void> {
    return this.engine
      .close()
      .then(() => this.settled())
      .finally(() => this.deps.bus.close());
  }

  // ---------- helpers ----------

  /** The meeting and the facts about this person that entry rests on (observersAllowed is filled in by the caller). */
  private async meetingFacts(memberId: string | null, meetingId: string): Promise<{ meeting: Meeting; facts: EntryFacts }> {
    const { access, meeting } = await this.deps.meetings.authorizeMeeting(memberId, meetingId, "see");
    const isActiveMember = access.membership?.status === "active";
    const facts = {
      signedIn: access.viewer !== null,
      isActiveMember,
      holdsChair: isActiveMember && access.membership!.positions.includes("chair"),
      isOrganizationAdmin: access.viewer?.isAdmin === true,
      closed: meeting.access === "closed",
      observersAllowed: false,
    };
    return { meeting, facts };
  }

  private async settingsFor(groupId: string): Promise<LiveSettingsRecord> {
    return (await this.repository.settingsOf(groupId)) ?? DEFAULT_LIVE_SETTINGS;
  }

  /** The room going on (not ended, not long overrun), else the next occurrence not yet held. */
  private async locate(meeting: Meeting, now: Date): Promise<Located> {
    const live = (await this.repository.openRoomsOf(meeting.id)).find((room) => Date.parse(room.occurrenceEnd) + OVERRUN_MINUTES * MINUTE > now.getTime());
    if (live) {
      return { occurrence: { date: live.occurrenceDate, start: new Date(live.occurrenceStart), end: new Date(live.occurrenceEnd) }, room: live };
    }
    const upcoming = occurrencesBetween(meeting.schedule, new Date(now.getTime() - 24 * 60 * MINUTE), new Date(now.getTime() + LOOKAHEAD_DAYS * 24 * 60 * MINUTE));
    for (const occurrence of upcoming.filter((o) => o.end > now)) {
      const room = await this.repository.findRoomFor(meeting.id, occurrence.start.toISOString());
      if (room?.status === "ended") continue;
      return { occurrence, room };
    }
    return { occurrence: null, room: null };
  }

  private async createRoom(meeting: Meeting, occurrence: { date: string; start: Date; end: Date }, opensAt: Date, settings: LiveSettingsRecord): Promise<LiveRoomRecord> {
    const roomId = newId();
    const config: RoomConfig = {
      roomId,
      meetingId: meeting.id,
      groupId: meeting.groupId,
      occurrenceStart: occurrence.start.toISOString(),
      format: await this.formatOf(meeting),
      closed: meeting.access === "closed",
      observersAllowed: settings.observersAllowed,
      waitingRoom: settings.waitingRoom,
      retention: settings.retention,
      proofOfAttendance: meeting.types.includes(POA),
    };
    return this.repository.createRoom({
      id: roomId,
      meetingId: meeting.id,
      groupId: meeting.groupId,
      meetingName: meeting.name,
      occurrenceDate: occurrence.date,
      occurrenceStart: occurrence.start.toISOString(),
      occurrenceEnd: occurrence.end.toISOString(),
      opensAt: opensAt.toISOString(),
      config: JSON.stringify(config),
      status: "open",
      lastSeq: 0,
      chairName: null,
      createdAt: this.deps.now().toISOString(),
      endedAt: null,
      purgeAfter: null,
    });
  }

  private async formatOf(meeting: Meeting): Promise<Format> {
    const chosen = this.deps.formatFor ? await this.deps.formatFor(meeting.id) : null;
    if (chosen) return chosen;
    return findTemplate("peer_support_open_share", meeting.languages[0] === "es" ? "es" : "en").format;
  }
}
