import type { Kysely } from "kysely";
import type { UiLanguage } from "../../../core/accounts";
import type { NotificationChannels, NotificationKind } from "../../../core/support";
import type { Database } from "../../db";

export interface NewNotification {
  id: string;
  memberId: string;
  kind: NotificationKind;
  groupId: string | null;
  actorId: string | null;
  threadId: string | null;
  postId: string | null;
  buddyshipId: string | null;
  meetingId: string | null;
  startsAt: string | null;
  /** The same key for the same member is kept once: a reminder or a reaction is told once. */
  dedupeKey: string | null;
  inApp: boolean;
  createdAt: string;
}

export interface NotificationRecord {
  id: string;
  kind: NotificationKind;
  group: { groupId: string; groupName: string } | null;
  from: { memberId: string; displayName: string } | null;
  threadId: string | null;
  postId: string | null;
  buddyshipId: string | null;
  meetingId: string | null;
  startsAt: string | null;
  /** The meeting's name, when the notification is about a meeting. */
  meetingName?: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface Contact {
  email: string | null;
  language: UiLanguage;
}

export class NotificationsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Runs `work` in one transaction: everything it writes lands together or not at all. */
  transaction<T>(work: (repository: NotificationsRepository) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new NotificationsRepository(trx)));
  }

  /** Keeps the notification unless one with its dedupe key is already kept; whether it was. */
  async insert(n: NewNotification): Promise<boolean> {
    const inserted = await this.db
      .insertInto("notifications")
      .values({
        id: n.id,
        member_id: n.memberId,
        kind: n.kind,
        group_id: n.groupId,
        actor_id: n.actorId,
        thread_id: n.threadId,
        post_id: n.postId,
        buddyship_id: n.buddyshipId,
        meeting_id: n.meetingId,
        starts_at: n.startsAt,
        dedupe_key: n.dedupeKey,
        in_app: n.inApp ? 1 : 0,
        created_at: n.createdAt,
        read_at: null,
      })
      .onConflict((oc) => oc.columns(["member_id", "dedupe_key"]).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** A page of the member's in-app notifications, newest first, before one of them (keyset); null for a foreign `before`. */
  async list(memberId: string, page: { before: string | null; limit: number }): Promise<NotificationRecord[] | null> {
    let query = this.db
      .selectFrom("notifications as n")
      .leftJoin("groups as g", "g.id", "n.group_id")
      .leftJoin("members as a", "a.id", "n.actor_id")
      .leftJoin("meetings as m", "m.id", "n.meeting_id")
      .selectAll("n")
      .select(["g.name as group_name", "a.display_name as actor_name", "m.name as meeting_name"])
      .where("n.member_id", "=", memberId)
      .where("n.in_app", "=", 1);
    if (page.before !== null) {
      const before = await this.db
        .selectFrom("notifications")
        .select(["created_at", "id"])
        .where("id", "=", page.before)
        .where("member_id", "=", memberId)
        .executeTakeFirst();
      if (!before) return null;
      query = query.where((eb) => eb(eb.refTuple("n.created_at", "n.id"), "<", eb.tuple(before.created_at, before.id)));
    }
    const rows = await query.orderBy("n.created_at", "desc").orderBy("n.id", "desc").limit(page.limit).execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as NotificationKind,
      group: r.group_id && r.group_name !== null ? { groupId: r.group_id, groupName: r.group_name } : null,
      from: r.actor_id && r.actor_name !== null ? { memberId: r.actor_id, displayName: r.actor_name } : null,
      threadId: r.thread_id,
      postId: r.post_id,
      buddyshipId: r.buddyship_id,
      meetingId: r.meeting_id,
      startsAt: r.starts_at,
      meetingName: r.meeting_name,
      readAt: r.read_at,
      createdAt: r.created_at,
    }));
  }

  /**
   * Whether the member has an unread notification of this kind about this buddyship: in the app,
   * or (when they get only emails) one emailed since `emailedSince`.
   */
  async hasUnread(memberId: string, kind: NotificationKind, about: { buddyshipId: string }, emailedSince: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("notifications")
      .select("id")
      .where("member_id", "=", memberId)
      .where("kind", "=", kind)
      .where("buddyship_id", "=", about.buddyshipId)
      .where("read_at", "is", null)
      .where((eb) => eb.or([eb("in_app", "=", 1), eb("created_at", ">=", emailedSince)]))
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Who moderates the group: its active members holding the moderator position, or, when it has
   * none, the organization's administrators (who may moderate every group).
   */
  async moderatorsOf(groupId: string): Promise<string[]> {
    const moderators = await this.db
      .selectFrom("service_positions as p")
      .innerJoin("memberships as m", (join) => join.onRef("m.group_id", "=", "p.group_id").onRef("m.member_id", "=", "p.member_id"))
      .select("p.member_id")
      .where("p.group_id", "=", groupId)
      .where("p.position", "=", "moderator")
      .where("m.status", "=", "active")
      .execute();
    if (moderators.length > 0) return moderators.map((r) => r.member_id);
    const admins = await this.db.selectFrom("organization_admins").select("member_id").execute();
    return admins.map((r) => r.member_id);
  }

  async unreadCount(memberId: string): Promise<number> {
    const row = await this.db
      .selectFrom("notifications")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("member_id", "=", memberId)
      .where("in_app", "=", 1)
      .where("read_at", "is", null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Marks one of the member's notifications read (all of them without an id); false when it is not theirs. */
  async markRead(memberId: string, at: string, notificationId?: string): Promise<boolean> {
    const updated = await this.db
      .updateTable("notifications")
      .set({ read_at: at })
      .where("member_id", "=", memberId)
      .where("read_at", "is", null)
      .$if(notificationId !== undefined, (q) => q.where("id", "=", notificationId!))
      .executeTakeFirst();
    if (notificationId === undefined || Number(updated.numUpdatedRows) === 1) return true;
    const found = await this.db.selectFrom("notifications").select("id").where("id", "=", notificationId).where("member_id", "=", memberId).executeTakeFirst();
    return found !== undefined;
  }

  // ---------- settings ----------

  /** The kinds the member changed, with their channels; the rest keep the defaults. */
  async settings(memberId: string): Promise<Map<NotificationKind, NotificationChannels>> {
    const rows = await this.db.selectFrom("notification_settings").selectAll().where("member_id", "=", memberId).execute();
    return new Map(rows.map((r) => [r.kind as NotificationKind, { inApp: r.in_app === 1, email: r.email === 1 }]));
  }

  async saveSetting(memberId: string, kind: NotificationKind, channels: NotificationChannels, at: string): Promise<void> {
    const values = { in_app: channels.inApp ? 1 : 0, email: channels.email ? 1 : 0, updated_at: at };
    await this.db
      .insertInto("notification_settings")
      .values({ member_id: memberId, kind, ...values })
      .onConflict((oc) => oc.columns(["member_id", "kind"]).doUpdateSet(values))
      .execute();
  }

  /** Members who turned a kind on in the app or by email (for kinds that are off until asked for). */
  async membersWanting(kind: NotificationKind): Promise<string[]> {
    const rows = await this.db
      .selectFrom("notification_settings")
      .select("member_id")
      .where("kind", "=", kind)
      .where((eb) => eb.or([eb("in_app", "=", 1), eb("email", "=", 1)]))
      .execute();
    return rows.map((r) => r.member_id);
  }

  // ---------- who and where ----------

  async contact(memberId: string): Promise<Contact | null> {
    const row = await this.db.selectFrom("members").select(["email", "language"]).where("id", "=", memberId).executeTakeFirst();
    return row ? { email: row.email, language: row.language as UiLanguage } : null;
  }

  async memberIdsByHandles(handlesNormalized: string[]): Promise<string[]> {
    if (handlesNormalized.length === 0) return [];
    const rows = await this.db.selectFrom("members").select("id").where("handle_normalized", "in", handlesNormalized).execute();
    return rows.map((r) => r.id);
  }

  async groupName(groupId: string): Promise<string | null> {
    const row = await this.db.selectFrom("groups").select("name").where("id", "=", groupId).executeTakeFirst();
    return row?.name ?? null;
  }
}
