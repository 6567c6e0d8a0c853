import type { Kysely, Selectable, Transaction } from "kysely";
import type { Database } from "../../db";
import type { LiveRoomsTable } from "../../db/schema";

export interface LiveRoomRecord {
  id: string;
  meetingId: string | null;
  groupId: string | null;
  meetingName: string;
  occurrenceDate: string;
  occurrenceStart: string;
  occurrenceEnd: string;
  opensAt: string;
  /** The RoomConfig as JSON. */
  config: string;
  status: "open" | "ended";
  lastSeq: number;
  chairName: string | null;
  createdAt: string;
  endedAt: string | null;
  purgeAfter: string | null;
}

export interface StoredEvent {
  seq: number;
  /** The event as JSON. */
  body: string;
}

/** What the commit of the event that ends a meeting also writes. */
export interface RoomEnding {
  at: string;
  chairName: string | null;
  /** Null: the words go now, with this commit; else the sweep deletes them at this time. */
  purgeAfter: string | null;
}

export interface AttendanceRecord {
  id: string;
  roomId: string;
  memberId: string;
  joinedAt: string;
  leftAt: string | null;
  presentSince: string | null;
  secondsPresent: number;
  room: LiveRoomRecord;
}

export interface LiveSettingsRecord {
  observersAllowed: boolean;
  waitingRoom: boolean;
  retention: "none" | "24h";
}

/** A live_rooms row as the room engine keeps it. */
function toRoom(row: Selectable<LiveRoomsTable>): LiveRoomRecord {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    groupId: row.group_id,
    meetingName: row.meeting_name,
    occurrenceDate: row.occurrence_date,
    occurrenceStart: row.occurrence_start,
    occurrenceEnd: row.occurrence_end,
    opensAt: row.opens_at,
    config: row.config,
    status: row.status === "ended" ? "ended" : "open",
    lastSeq: Number(row.last_seq),
    chairName: row.chair_name,
    createdAt: row.created_at,
    endedAt: row.ended_at,
    purgeAfter: row.purge_after,
  };
}

const ROOM_COLUMNS = [
  "id",
  "meeting_id",
  "group_id",
  "meeting_name",
  "occurrence_date",
  "occurrence_start",
  "occurrence_end",
  "opens_at",
  "config",
  "status",
  "last_seq",
  "chair_name",
  "created_at",
  "ended_at",
  "purge_after",
] as const;

const secondsBetween = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/** One commit to a room, inside its transaction. */
export class RoomCommit {
  constructor(
    private readonly trx: Transaction<Database>,
    private readonly roomId: string,
    private readonly repository: LiveRepository,
  ) {}

  /** Locks the room's row for the rest of the transaction; its status and the seq of its last event. */
  async lock(): Promise<{ status: "open" | "ended"; lastSeq: number } | null> {
    // One statement (one round trip): the update takes the row lock and returns what it holds.
    const row = await this.trx
      .updateTable("live_rooms")
      .set((eb) => ({ last_seq: eb.ref("last_seq") }))
      .where("id", "=", this.roomId)
      .returning(["status", "last_seq"])
      .executeTakeFirst();
    return row ? { status: row.status === "ended" ? "ended" : "open", lastSeq: Number(row.last_seq) } : null;
  }

  async eventsAfter(seq: number): Promise<StoredEvent[]> {
    const rows = await this.trx
      .selectFrom("live_events")
      .select(["seq", "body"])
      .where("room_id", "=", this.roomId)
      .where("seq", ">", seq)
      .orderBy("seq")
      .execute();
    return rows.map((r) => ({ seq: Number(r.seq), body: r.body }));
  }

  /**
   * Adds events numbered from `firstSeq` and moves last_seq on (it is always the seq of the
   * room's last event). With `ending`, also ends the room, closes everyone's attendance and
   * (without retention) deletes the room's words, all in this transaction.
   */
  async append(firstSeq: number, events: Array<{ type: string; at: string; body: string }>, ending?: RoomEnding): Promise<void> {
    const lastSeq = firstSeq + events.length - 1;
    // The primary key (room_id, seq) stays the last word should anything ever disagree.
    await this.trx
      .insertInto("live_events")
      .values(events.map((event, index) => ({ room_id: this.roomId, seq: firstSeq + index, type: event.type, body: event.body, at: event.at })))
      .execute();
    await this.trx
      .updateTable("live_rooms")
      .set(
        ending
          ? { last_seq: lastSeq, status: "ended", ended_at: ending.at, chair_name: ending.chairName, purge_after: ending.purgeAfter }
          : { last_seq: lastSeq },
      )
      .where("id", "=", this.roomId)
      .execute();
    if (ending) {
      await this.repository.closeAttendance(this.trx, this.roomId, ending.at);
      if (ending.purgeAfter === null) await this.trx.deleteFrom("live_events").where("room_id", "=", this.roomId).execute();
    }
  }
}

export class LiveRepository {
  constructor(private readonly db: Kysely<Database>) {}

  // ---------- rooms ----------

  async findRoom(id: string): Promise<LiveRoomRecord | null> {
    const row = await this.db.selectFrom("live_rooms").select(ROOM_COLUMNS).where("id", "=", id).executeTakeFirst();
    return row ? toRoom(row) : null;
  }

  async findRoomFor(meetingId: string, occurrenceStart: string): Promise<LiveRoomRecord | null> {
    const row = await this.db
      .selectFrom("live_rooms")
      .select(ROOM_COLUMNS)
      .where("meeting_id", "=", meetingId)
      .where("occurrence_start", "=", occurrenceStart)
      .executeTakeFirst();
    return row ? toRoom(row) : null;
  }

  /** The meeting's rooms that have not ended, earliest occurrence first. */
  async openRoomsOf(meetingId: string): Promise<LiveRoomRecord[]> {
    const rows = await this.db
      .selectFrom("live_rooms")
      .select(ROOM_COLUMNS)
      .where("meeting_id", "=", meetingId)
      .where("status", "=", "open")
      .orderBy("occurrence_start")
      .execute();
    return rows.map(toRoom);
  }

  /** Makes the occurrence's room unless another request (or instance) just did; the room either way. */
  async createRoom(room: LiveRoomRecord): Promise<LiveRoomRecord> {
    await this.db
      .insertInto("live_rooms")
      .values({
        id: room.id,
        meeting_id: room.meetingId,
        group_id: room.groupId,
        meeting_name: room.meetingName,
        occurrence_date: room.occurrenceDate,
        occurrence_start: room.occurrenceStart,
        occurrence_end: room.occurrenceEnd,
        opens_at: room.opensAt,
        config: room.config,
        status: room.status,
        last_seq: 0,
        chair_name: null,
        created_at: room.createdAt,
        ended_at: null,
        purge_after: null,
      })
      .onConflict((oc) => oc.columns(["meeting_id", "occurrence_start"]).doNothing())
      .execute();
    return (await this.findRoomFor(room.meetingId!, room.occurrenceStart))!;
  }

  async setOpensAt(roomId: string, opensAt: string): Promise<void> {
    await this.db.updateTable("live_rooms").set({ opens_at: opensAt }).where("id", "=", roomId).execute();
  }

  /** Rooms still open although their occurrence ended before `endedBefore` (nobody ended them). */
  async forgottenRooms(endedBefore: string): Promise<LiveRoomRecord[]> {
    const rows = await this.db
      .selectFrom("live_rooms")
      .select(ROOM_COLUMNS)
      .where("status", "=", "open")
      .where("occurrence_end", "<", endedBefore)
      .execute();
    return rows.map(toRoom);
  }

  /** Ended rooms whose 24 hours of kept words are over. */
  async roomsToPurge(now: string): Promise<string[]> {
    const rows = await this.db.selectFrom("live_rooms").select("id").where("purge_after", "<=", now).execute();
    return rows.map((r) => r.id);
  }

  async purge(roomId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("live_events").where("room_id", "=", roomId).execute();
      await trx.updateTable("live_rooms").set({ purge_after: null }).where("id", "=", roomId).execute();
    });
  }

  // ---------- events ----------

  /**
   * Runs `work` in one transaction that holds the room's row locked from `lock()` on, so commits
   * to one room happen one at a time across every instance (PostgreSQL waits for the row lock;
   * SQLite has one writer). See engine.ts.
   */
  async commitToRoom<T>(roomId: string, work: (commit: RoomCommit) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new RoomCommit(trx, roomId, this)));
  }

  /** @internal for RoomCommit */
  closeAttendance(trx: Transaction<Database>, roomId: string, now: string): Promise<void> {
    return this.departAll(trx, roomId, now);
  }

  async eventsAfter(roomId: string, seq: number): Promise<StoredEvent[]> {
    const rows = await this.db
      .selectFrom("live_events")
      .select(["seq", "body"])
      .where("room_id", "=", roomId)
      .where("seq", ">", seq)
      .orderBy("seq")
      .execute();
    return rows.map((r) => ({ seq: Number(r.seq), body: r.body }));
  }

  /** Whether any of the room's words are still stored (tests and the purge check). */
  async eventCount(roomId: string): Promise<number> {
    const row = await this.db.selectFrom("live_events").select((eb) => eb.fn.countAll<number>().as("n")).where("room_id", "=", roomId).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  // ---------- attendance ----------

  /** The member's attendance row in the room (their participant id), made the first time they knock. */
  async participantIdFor(roomId: string, memberId: string, newId: string, now: string): Promise<string> {
    await this.db
      .insertInto("live_attendance")
      .values({ id: newId, room_id: roomId, member_id: memberId, joined_at: now, left_at: null, present_since: null, seconds_present: 0 })
      .onConflict((oc) => oc.columns(["room_id", "member_id"]).doNothing())
      .execute();
    const row = await this.db
      .selectFrom("live_attendance")
      .select("id")
      .where("room_id", "=", roomId)
      .where("member_id", "=", memberId)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** The member is in the room now (again); the first time, their arrival is when they joined. */
  async arrive(attendanceId: string, now: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom("live_attendance").select(["present_since", "seconds_present", "left_at"]).where("id", "=", attendanceId).executeTakeFirst();
      if (!row || row.present_since !== null) return;
      const firstTime = row.left_at === null && Number(row.seconds_present) === 0;
      await trx
        .updateTable("live_attendance")
        .set({ present_since: now, left_at: null, ...(firstTime ? { joined_at: now } : {}) })
        .where("id", "=", attendanceId)
        .execute();
    });
  }

  /** The member left (or dropped): the time present is added up. */
  async depart(roomId: string, memberId: string, now: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom("live_attendance")
        .select(["id", "present_since", "seconds_present"])
        .where("room_id", "=", roomId)
        .where("member_id", "=", memberId)
        .executeTakeFirst();
      if (!row || row.present_since === null) return;
      await trx
        .updateTable("live_attendance")
        .set({ present_since: null, left_at: now, seconds_present: Number(row.seconds_present) + secondsBetween(row.present_since, now) })
        .where("id", "=", row.id)
        .execute();
    });
  }

  async isPresent(roomId: string, memberId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("live_attendance")
      .select("present_since")
      .where("room_id", "=", roomId)
      .where("member_id", "=", memberId)
      .executeTakeFirst();
    return row !== undefined && row.present_since !== null;
  }

  private async departAll(trx: Transaction<Database>, roomId: string, now: string): Promise<void> {
    const rows = await trx
      .selectFrom("live_attendance")
      .select(["id", "present_since", "seconds_present"])
      .where("room_id", "=", roomId)
      .where("present_since", "is not", null)
      .execute();
    for (const row of rows) {
      await trx
        .updateTable("live_attendance")
        .set({ present_since: null, left_at: now, seconds_present: Number(row.seconds_present) + secondsBetween(row.present_since!, now) })
        .where("id", "=", row.id)
        .execute();
    }
  }

  /** Ends a room nobody ended, without an event (its last_seq stays what the commits made it). */
  async endForgotten(roomId: string, ending: RoomEnding): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable("live_rooms")
        .set({ status: "ended", ended_at: ending.at, chair_name: ending.chairName, purge_after: ending.purgeAfter })
        .where("id", "=", roomId)
        .where("status", "=", "open")
        .execute();
      await this.departAll(trx, roomId, ending.at);
      if (ending.purgeAfter === null) await trx.deleteFrom("live_events").where("room_id", "=", roomId).execute();
    });
  }

  private attendanceQuery() {
    return this.db
      .selectFrom("live_attendance as a")
      .innerJoin("live_rooms as r", "r.id", "a.room_id")
      .select([
        "a.id as a_id",
        "a.room_id as a_room_id",
        "a.member_id as a_member_id",
        "a.joined_at as a_joined_at",
        "a.left_at as a_left_at",
        "a.present_since as a_present_since",
        "a.seconds_present as a_seconds_present",
        ...ROOM_COLUMNS.map((c) => `r.${c}` as const),
      ]);
  }

  /** The member's own attendance, latest first. */
  async attendanceOf(memberId: string): Promise<AttendanceRecord[]> {
    // A knock that never got in (locked, removed) is not attendance.
    const rows = await this.attendanceQuery()
      .where("a.member_id", "=", memberId)
      .where((eb) => eb.or([eb("a.present_since", "is not", null), eb("a.left_at", "is not", null)]))
      .orderBy("a.joined_at", "desc")
      .limit(500)
      .execute();
    return rows.map(toAttendance);
  }

  async findAttendance(id: string): Promise<AttendanceRecord | null> {
    const row = await this.attendanceQuery().where("a.id", "=", id).executeTakeFirst();
    return row ? toAttendance(row) : null;
  }

  // ---------- a member deleting their account (members.ts) ----------

  /** The rooms the member knocked on or attended: their participant id there, and the room's recorded chair. */
  async attendanceRoomsOf(memberId: string): Promise<Array<{ participantId: string; roomId: string; chairName: string | null }>> {
    const rows = await this.db
      .selectFrom("live_attendance as a")
      .innerJoin("live_rooms as r", "r.id", "a.room_id")
      .select(["a.id", "a.room_id", "r.chair_name"])
      .where("a.member_id", "=", memberId)
      .execute();
    return rows.map((r) => ({ participantId: r.id, roomId: r.room_id, chairName: r.chair_name }));
  }

  /** Every stored event of these rooms, room by room in seq order. */
  async storedEventsOf(roomIds: string[]): Promise<Array<StoredEvent & { roomId: string }>> {
    if (roomIds.length === 0) return [];
    const rows = await this.db
      .selectFrom("live_events")
      .select(["room_id", "seq", "body"])
      .where("room_id", "in", roomIds)
      .orderBy("room_id")
      .orderBy("seq")
      .execute();
    return rows.map((r) => ({ roomId: r.room_id, seq: Number(r.seq), body: r.body }));
  }

  async rewriteEvent(roomId: string, seq: number, body: string): Promise<void> {
    await this.db.updateTable("live_events").set({ body }).where("room_id", "=", roomId).where("seq", "=", seq).execute();
  }

  async setChairName(roomId: string, chairName: string | null): Promise<void> {
    await this.db.updateTable("live_rooms").set({ chair_name: chairName }).where("id", "=", roomId).execute();
  }

  // ---------- a group's settings ----------

  async settingsOf(groupId: string): Promise<LiveSettingsRecord | null> {
    const row = await this.db.selectFrom("live_settings").selectAll().where("group_id", "=", groupId).executeTakeFirst();
    if (!row) return null;
    return { observersAllowed: row.observers_allowed === 1, waitingRoom: row.waiting_room === 1, retention: row.retention === "24h" ? "24h" : "none" };
  }

  async saveSettings(groupId: string, settings: LiveSettingsRecord, now: string): Promise<void> {
    const values = {
      observers_allowed: settings.observersAllowed ? 1 : 0,
      waiting_room: settings.waitingRoom ? 1 : 0,
      retention: settings.retention,
      updated_at: now,
    };
    await this.db
      .insertInto("live_settings")
      .values({ group_id: groupId, ...values })
      .onConflict((oc) => oc.column("group_id").doUpdateSet(values))
      .execute();
  }
}

function toAttendance(row: Record<string, unknown>): AttendanceRecord {
  const room = toRoom(row as Parameters<typeof toRoom>[0]);
  return {
    id: row.a_id as string,
    roomId: row.a_room_id as string,
    memberId: row.a_member_id as string,
    joinedAt: row.a_joined_at as string,
    leftAt: row.a_left_at as string | null,
    presentSince: row.a_present_since as string | null,
    secondsPresent: Number(row.a_seconds_present),
    room,
  };
}
