import type { Kysely, Selectable } from "kysely";
import type { FlagReason } from "../../../core/board";
import type { BuddyRole, BuddyStatus } from "../../../core/support";
import type { Database } from "../../db";
import type { DirectMessagesTable, MessageFlagsTable } from "../../db/schema";
import { guardMember } from "../../db/member-guards";
import { insertOrganizationAudit, type OrganizationAuditInsert } from "../../db/organization-audit";

export interface PersonRecord {
  memberId: string;
  displayName: string;
}

export interface BuddyshipRecord {
  id: string;
  requester: PersonRecord;
  recipient: PersonRecord;
  role: BuddyRole;
  status: BuddyStatus;
  createdAt: string;
  acceptedAt: string | null;
}

export interface MessageRecord {
  id: string;
  buddyshipId: string;
  senderId: string;
  body: string;
  createdAt: string;
  /** When flags or an admin hid it from its recipient. */
  hiddenAt?: string | null;
}

export interface MessageFlagRecord {
  id: string;
  messageId: string;
  flaggerId: string | null;
  reason: FlagReason;
  note: string | null;
  scoreHundredths: number;
  status: "open" | "agreed" | "disagreed";
  createdAt: string;
  decidedAt: string | null;
}

/** A message with open flags, as the organization's admins see it: the message alone. */
export interface FlaggedMessageRecord {
  id: string;
  body: string;
  sender: PersonRecord | null;
  sentAt: string;
  hiddenAt: string | null;
  scoreHundredths: number;
  crisis: boolean;
  firstFlaggedAt: string;
}

export interface BlockRecord extends PersonRecord {
  blockedAt: string;
}

/** The two ids in order: the same key whoever asked. */
function pairKey(a: string, b: string): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

export class BuddiesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Runs `work` in one transaction: everything it writes lands together or not at all. */
  transaction<T>(work: (repository: BuddiesRepository) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new BuddiesRepository(trx)));
  }

  async personByHandle(handleNormalized: string): Promise<PersonRecord | null> {
    const row = await this.db.selectFrom("members").select(["id", "display_name"]).where("handle_normalized", "=", handleNormalized).executeTakeFirst();
    return row ? { memberId: row.id, displayName: row.display_name } : null;
  }

  async person(memberId: string): Promise<PersonRecord | null> {
    const row = await this.db.selectFrom("members").select(["id", "display_name"]).where("id", "=", memberId).executeTakeFirst();
    return row ? { memberId: row.id, displayName: row.display_name } : null;
  }

  // ---------- buddyships ----------

  private buddyships() {
    return this.db
      .selectFrom("buddyships as b")
      .innerJoin("members as rq", "rq.id", "b.requester_id")
      .innerJoin("members as rc", "rc.id", "b.recipient_id")
      .select(["b.id", "b.role", "b.status", "b.created_at", "b.accepted_at", "rq.id as rq_id", "rq.display_name as rq_name", "rc.id as rc_id", "rc.display_name as rc_name"]);
  }

  /** A new request; false when the two already have one (either way round). */
  async insertBuddyship(request: { id: string; requesterId: string; recipientId: string; role: BuddyRole; createdAt: string }): Promise<boolean> {
    const inserted = await this.db
      .insertInto("buddyships")
      .values({
        id: request.id,
        pair_key: pairKey(request.requesterId, request.recipientId),
        requester_id: request.requesterId,
        recipient_id: request.recipientId,
        role: request.role,
        status: "pending",
        created_at: request.createdAt,
        accepted_at: null,
      })
      .onConflict((oc) => oc.column("pair_key").doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async findBuddyship(buddyshipId: string): Promise<BuddyshipRecord | null> {
    const row = await this.buddyships().where("b.id", "=", buddyshipId).executeTakeFirst();
    return row ? toBuddyship(row) : null;
  }

  async buddyshipsOf(memberId: string): Promise<BuddyshipRecord[]> {
    const rows = await this.buddyships()
      .where((eb) => eb.or([eb("b.requester_id", "=", memberId), eb("b.recipient_id", "=", memberId)]))
      .orderBy("b.created_at", "desc")
      .orderBy("b.id", "desc")
      .execute();
    return rows.map(toBuddyship);
  }

  /** Accepts a request still pending; false when it is not (any more). */
  async accept(buddyshipId: string, at: string): Promise<boolean> {
    const updated = await this.db
      .updateTable("buddyships")
      .set({ status: "active", accepted_at: at })
      .where("id", "=", buddyshipId)
      .where("status", "=", "pending")
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  /**
   * Ends a buddyship or a request; its messages go with it, but open reports on them are kept
   * (see keepOpenReports). Call it inside a transaction.
   */
  async deleteBuddyship(buddyshipId: string, at: string): Promise<void> {
    await this.keepOpenReports([buddyshipId], at);
    await this.db.deleteFrom("buddyships").where("id", "=", buddyshipId).execute();
  }

  /** As deleteBuddyship, for whatever buddyship or request the two have. */
  async deleteBuddyshipBetween(a: string, b: string, at: string): Promise<void> {
    const rows = await this.db.selectFrom("buddyships").select("id").where("pair_key", "=", pairKey(a, b)).execute();
    await this.keepOpenReports(
      rows.map((r) => r.id),
      at,
    );
    await this.db.deleteFrom("buddyships").where("pair_key", "=", pairKey(a, b)).execute();
  }

  /**
   * A report survives the conversation (issue 5, safety): every open flag on a message of these
   * buddyships is copied, with the message's body, sender and time, into kept_reports before the
   * conversation is deleted. Neither member can read a kept message; the organization's admins
   * still see it in their queue until they decide, and then it is deleted.
   */
  private async keepOpenReports(buddyshipIds: string[], at: string): Promise<void> {
    if (buddyshipIds.length === 0) return;
    const rows = await this.db
      .selectFrom("message_flags as f")
      .innerJoin("direct_messages as d", "d.id", "f.message_id")
      .select(["f.id", "f.message_id", "f.flagger_id", "f.reason", "f.note", "f.score_hundredths", "f.created_at", "d.sender_id", "d.body", "d.created_at as sent_at", "d.hidden_at"])
      .where("d.buddyship_id", "in", buddyshipIds)
      .where("f.status", "=", "open")
      .execute();
    if (rows.length === 0) return;
    await this.db
      .insertInto("kept_reports")
      .values(
        rows.map((r) => ({
          id: r.id,
          message_id: r.message_id,
          sender_id: r.sender_id,
          body: r.body,
          sent_at: r.sent_at,
          hidden_at: r.hidden_at ?? null,
          flagger_id: r.flagger_id,
          reason: r.reason,
          note: r.note,
          score_hundredths: r.score_hundredths,
          created_at: r.created_at,
          kept_at: at,
        })),
      )
      .execute();
  }

  /** The sender of a kept report's message, or null when no report on that message is kept. */
  async keptReportSender(messageId: string): Promise<string | null> {
    const row = await this.db.selectFrom("kept_reports").select("sender_id").where("message_id", "=", messageId).executeTakeFirst();
    return row ? row.sender_id : null;
  }

  /** An admin decided on a kept report: the kept message and its flags go. */
  async deleteKeptReports(messageId: string): Promise<void> {
    await this.db.deleteFrom("kept_reports").where("message_id", "=", messageId).execute();
  }

  // ---------- messages ----------

  /** Writes the message if its buddyship is still active; false when it is not. */
  async insertMessage(message: MessageRecord): Promise<boolean> {
    const inserted = await this.db
      .insertInto("direct_messages")
      .columns(["id", "buddyship_id", "sender_id", "body", "created_at"])
      .expression((eb) =>
        eb
          .selectFrom("buddyships")
          .select([
            eb.val(message.id).as("id"),
            "id as buddyship_id",
            eb.val(message.senderId).as("sender_id"),
            eb.val(message.body).as("body"),
            eb.val(message.createdAt).as("created_at"),
          ])
          .where("id", "=", message.buddyshipId)
          .where("status", "=", "active"),
      )
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** A page of a conversation, newest first, before a message of it (keyset). */
  async messages(buddyshipId: string, page: { before: string | null; limit: number }): Promise<MessageRecord[] | null> {
    let query = this.db.selectFrom("direct_messages as d").selectAll("d").where("d.buddyship_id", "=", buddyshipId);
    if (page.before !== null) {
      const before = await this.db
        .selectFrom("direct_messages")
        .select(["created_at", "id"])
        .where("id", "=", page.before)
        .where("buddyship_id", "=", buddyshipId)
        .executeTakeFirst();
      if (!before) return null;
      query = query.where((eb) => eb(eb.refTuple("d.created_at", "d.id"), "<", eb.tuple(before.created_at, before.id)));
    }
    const rows = await query.orderBy("d.created_at", "desc").orderBy("d.id", "desc").limit(page.limit).execute();
    return rows.map(toMessage);
  }

  /** Every message of every conversation the member is in, oldest first. */
  async messagesOf(memberId: string): Promise<MessageRecord[]> {
    const rows = await this.db
      .selectFrom("direct_messages as d")
      .innerJoin("buddyships as b", "b.id", "d.buddyship_id")
      .selectAll("d")
      .where((eb) => eb.or([eb("b.requester_id", "=", memberId), eb("b.recipient_id", "=", memberId)]))
      .orderBy("d.created_at")
      .orderBy("d.id")
      .execute();
    return rows.map(toMessage);
  }

  async findMessage(messageId: string): Promise<MessageRecord | null> {
    const row = await this.db.selectFrom("direct_messages").selectAll().where("id", "=", messageId).executeTakeFirst();
    return row ? toMessage(row) : null;
  }

  // ---------- limits ----------

  /** Writes the member's guard row for a kind of limited action: parallel requests of one member take turns (see server/db/member-guards.ts). */
  guard(memberId: string, kind: string, now: string): Promise<void> {
    return guardMember(this.db, memberId, kind, now);
  }

  /** When the member asked for buddies since `since`, oldest first. */
  async requestsSince(memberId: string, since: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("buddy_requests_sent")
      .select("created_at")
      .where("requester_id", "=", memberId)
      .where("created_at", ">", since)
      .orderBy("created_at")
      .execute();
    return rows.map((r) => r.created_at);
  }

  async recordRequest(id: string, memberId: string, at: string): Promise<void> {
    await this.db.insertInto("buddy_requests_sent").values({ id, requester_id: memberId, created_at: at }).execute();
  }

  // ---------- flagged messages ----------

  async insertMessageFlag(flag: MessageFlagRecord): Promise<void> {
    await this.db
      .insertInto("message_flags")
      .values({
        id: flag.id,
        message_id: flag.messageId,
        flagger_id: flag.flaggerId,
        reason: flag.reason,
        note: flag.note,
        score_hundredths: flag.scoreHundredths,
        status: flag.status,
        created_at: flag.createdAt,
        decided_at: flag.decidedAt,
      })
      .execute();
  }

  async latestMessageFlagBy(messageId: string, flaggerId: string): Promise<MessageFlagRecord | null> {
    const row = await this.db
      .selectFrom("message_flags")
      .selectAll()
      .where("message_id", "=", messageId)
      .where("flagger_id", "=", flaggerId)
      .orderBy("created_at", "desc")
      .limit(1)
      .executeTakeFirst();
    return row ? toMessageFlag(row) : null;
  }

  async messageFlagsOn(messageIds: string[], status: MessageFlagRecord["status"]): Promise<MessageFlagRecord[]> {
    if (messageIds.length === 0) return [];
    const rows = await this.db.selectFrom("message_flags").selectAll().where("message_id", "in", messageIds).where("status", "=", status).orderBy("created_at").execute();
    if (status !== "open") return rows.map(toMessageFlag);
    // Kept reports are open flags whose conversation is gone.
    const kept = await this.db.selectFrom("kept_reports").selectAll().where("message_id", "in", messageIds).orderBy("created_at").execute();
    return [
      ...rows.map(toMessageFlag),
      ...kept.map((k) => toMessageFlag({ id: k.id, message_id: k.message_id, flagger_id: k.flagger_id, reason: k.reason, note: k.note, score_hundredths: k.score_hundredths, status: "open", created_at: k.created_at, decided_at: null })),
    ];
  }

  /**
   * The open flags on what one person sent in one conversation: their score adds up, as flags on
   * a post do (only the other person can flag there).
   */
  async openFlagsOnSender(buddyshipId: string, senderId: string): Promise<MessageFlagRecord[]> {
    const rows = await this.db
      .selectFrom("message_flags as f")
      .innerJoin("direct_messages as d", "d.id", "f.message_id")
      .selectAll("f")
      .where("d.buddyship_id", "=", buddyshipId)
      .where("d.sender_id", "=", senderId)
      .where("f.status", "=", "open")
      .execute();
    return rows.map(toMessageFlag);
  }

  /** Hides messages from their recipient; only those not hidden yet (the ids hidden now). */
  async hideMessages(messageIds: string[], at: string, byFlags: boolean): Promise<string[]> {
    if (messageIds.length === 0) return [];
    const shown = await this.db.selectFrom("direct_messages").select("id").where("id", "in", messageIds).where("hidden_at", "is", null).execute();
    const ids = shown.map((r) => r.id);
    if (ids.length > 0) await this.db.updateTable("direct_messages").set({ hidden_at: at, hidden_by_flags: byFlags ? 1 : 0 }).where("id", "in", ids).execute();
    return ids;
  }

  async showMessage(messageId: string): Promise<void> {
    await this.db.updateTable("direct_messages").set({ hidden_at: null, hidden_by_flags: 0 }).where("id", "=", messageId).execute();
  }

  /** Decides the open flags on a message; the flags decided. */
  async decideMessageFlags(messageId: string, status: "agreed" | "disagreed", at: string): Promise<MessageFlagRecord[]> {
    const open = await this.messageFlagsOn([messageId], "open");
    if (open.length > 0) {
      await this.db.updateTable("message_flags").set({ status, decided_at: at }).where("message_id", "=", messageId).where("status", "=", "open").execute();
    }
    return open;
  }

  /** Messages with open flags: crisis first, then those waiting longest. */
  async flaggedMessages(limit: number): Promise<FlaggedMessageRecord[]> {
    const scores = await this.db
      .selectFrom("message_flags")
      .select((eb) => [
        "message_id",
        eb.fn.sum<number>("score_hundredths").as("score"),
        eb.fn.max(eb.case().when("reason", "=", "crisis").then(1).else(0).end()).as("crisis"),
        eb.fn.min("created_at").as("first_flagged_at"),
      ])
      .where("status", "=", "open")
      .groupBy("message_id")
      .orderBy("crisis", "desc")
      .orderBy("first_flagged_at")
      .limit(limit)
      .execute();
    const keptScores = await this.db
      .selectFrom("kept_reports")
      .select((eb) => [
        "message_id",
        eb.fn.sum<number>("score_hundredths").as("score"),
        eb.fn.max(eb.case().when("reason", "=", "crisis").then(1).else(0).end()).as("crisis"),
        eb.fn.min("created_at").as("first_flagged_at"),
      ])
      .groupBy("message_id")
      .orderBy("crisis", "desc")
      .orderBy("first_flagged_at")
      .limit(limit)
      .execute();
    const kept = await this.keptMessages(keptScores);
    if (scores.length === 0) return kept;
    const messages = await this.db
      .selectFrom("direct_messages as d")
      .leftJoin("members as m", "m.id", "d.sender_id")
      .select(["d.id", "d.body", "d.created_at", "d.hidden_at", "m.id as sender_id", "m.display_name as sender_name"])
      .where(
        "d.id",
        "in",
        scores.map((s) => s.message_id),
      )
      .execute();
    const byId = new Map(messages.map((m) => [m.id, m]));
    const live: FlaggedMessageRecord[] = scores.flatMap((s) => {
      const m = byId.get(s.message_id);
      if (!m) return [];
      return [
        {
          id: m.id,
          body: m.body,
          sender: m.sender_id && m.sender_name !== null ? { memberId: m.sender_id, displayName: m.sender_name } : null,
          sentAt: m.created_at,
          hiddenAt: m.hidden_at,
          scoreHundredths: Number(s.score),
          crisis: Number(s.crisis) === 1,
          firstFlaggedAt: String(s.first_flagged_at),
        },
      ];
    });
    return [...live, ...kept].sort((a, b) => Number(b.crisis) - Number(a.crisis) || a.firstFlaggedAt.localeCompare(b.firstFlaggedAt)).slice(0, limit);
  }

  /** Kept reports as the admins see them: the kept copy of the message alone. */
  private async keptMessages(scores: { message_id: string; score: number | string; crisis: unknown; first_flagged_at: unknown }[]): Promise<FlaggedMessageRecord[]> {
    if (scores.length === 0) return [];
    const rows = await this.db
      .selectFrom("kept_reports as k")
      .leftJoin("members as m", "m.id", "k.sender_id")
      .select(["k.message_id", "k.body", "k.sent_at", "k.hidden_at", "m.id as sender_id", "m.display_name as sender_name"])
      .where(
        "k.message_id",
        "in",
        scores.map((s) => s.message_id),
      )
      .execute();
    const byId = new Map(rows.map((r) => [r.message_id, r]));
    return scores.flatMap((s) => {
      const m = byId.get(s.message_id);
      if (!m) return [];
      return [
        {
          id: m.message_id,
          body: m.body,
          sender: m.sender_id && m.sender_name !== null ? { memberId: m.sender_id, displayName: m.sender_name } : null,
          sentAt: m.sent_at,
          hiddenAt: m.hidden_at,
          scoreHundredths: Number(s.score),
          crisis: Number(s.crisis) === 1,
          firstFlaggedAt: String(s.first_flagged_at),
        },
      ];
    });
  }

  /** An entry in the organization's audit log (read by the admin feature), in this repository's transaction. */
  insertOrganizationAudit(entry: OrganizationAuditInsert): Promise<void> {
    return insertOrganizationAudit(this.db, entry);
  }

  // ---------- blocks ----------

  async insertBlock(blockerId: string, blockedId: string, at: string): Promise<void> {
    await this.db
      .insertInto("blocks")
      .values({ blocker_id: blockerId, blocked_id: blockedId, created_at: at })
      .onConflict((oc) => oc.columns(["blocker_id", "blocked_id"]).doNothing())
      .execute();
  }

  async deleteBlock(blockerId: string, blockedId: string): Promise<void> {
    await this.db.deleteFrom("blocks").where("blocker_id", "=", blockerId).where("blocked_id", "=", blockedId).execute();
  }

  /** Whether either of the two blocked the other. */
  async blockedEitherWay(a: string, b: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("blocks")
      .select("blocker_id")
      .where((eb) =>
        eb.or([
          eb.and([eb("blocker_id", "=", a), eb("blocked_id", "=", b)]),
          eb.and([eb("blocker_id", "=", b), eb("blocked_id", "=", a)]),
        ]),
      )
      .executeTakeFirst();
    return row !== undefined;
  }

  async blockedBy(blockerId: string): Promise<BlockRecord[]> {
    const rows = await this.db
      .selectFrom("blocks as k")
      .innerJoin("members as m", "m.id", "k.blocked_id")
      .select(["m.id", "m.display_name", "k.created_at"])
      .where("k.blocker_id", "=", blockerId)
      .orderBy("k.created_at", "desc")
      .execute();
    return rows.map((r) => ({ memberId: r.id, displayName: r.display_name, blockedAt: r.created_at }));
  }
}

function toBuddyship(row: {
  id: string;
  role: string;
  status: string;
  created_at: string;
  accepted_at: string | null;
  rq_id: string;
  rq_name: string;
  rc_id: string;
  rc_name: string;
}): BuddyshipRecord {
  return {
    id: row.id,
    requester: { memberId: row.rq_id, displayName: row.rq_name },
    recipient: { memberId: row.rc_id, displayName: row.rc_name },
    role: row.role as BuddyRole,
    status: row.status as BuddyStatus,
    createdAt: row.created_at,
    acceptedAt: row.accepted_at,
  };
}

function toMessage(row: Selectable<DirectMessagesTable>): MessageRecord {
  return { id: row.id, buddyshipId: row.buddyship_id, senderId: row.sender_id, body: row.body, createdAt: row.created_at, hiddenAt: row.hidden_at ?? null };
}

function toMessageFlag(row: Selectable<MessageFlagsTable>): MessageFlagRecord {
  return {
    id: row.id,
    messageId: row.message_id,
    flaggerId: row.flagger_id,
    reason: row.reason as FlagReason,
    note: row.note,
    scoreHundredths: Number(row.score_hundredths),
    status: row.status as MessageFlagRecord["status"],
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}
