import { normalizeHandle, type UiLanguage } from "../../../core/accounts";
import { mentionedHandles } from "../../../core/board";
import { newId } from "../../../core/ids";
import { occurrencesBetween } from "../../../core/meetings/schedule";
import { attendanceOptionOf, type Meeting } from "../../../core/meetings/types";
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  MEETING_SOON_MINUTES,
  NOTIFICATION_KINDS,
  type NotificationChannels,
  type NotificationKind,
  type UpdateNotificationSettingsRequest,
} from "../../../core/support";
import { AppError, fieldError } from "../../errors";
import type { Authorized, GroupAction } from "../groups/service";
import { notificationEmail } from "./emails";
import type { Mailer } from "./mailer";
import type { NewNotification, NotificationRecord, NotificationsRepository } from "./repository";

export type { NotificationRecord };

/** What notifications need from the groups feature (its GroupsService fits this). */
export interface GroupsForNotifications {
  authorize<A extends GroupAction>(memberId: string | null, groupId: string, action: A): Promise<Authorized<A>>;
  membershipsOf(memberIds: string[]): Promise<Map<string, { groupId: string }[]>>;
}

/** A group's meetings (the meetings feature's MeetingsService fits this). */
export interface MeetingsForReminders {
  listOfGroup(access: Authorized<"see">): Promise<Meeting[]>;
}

/** Whether two people reach each other (the buddies feature's BlocksService fits this). */
export interface Blocks {
  isBlocked(a: string, b: string): Promise<boolean>;
}

/** Something posted on a group's board: a topic (postId = threadId) or a reply. */
export interface Posted {
  groupId: string;
  threadId: string;
  postId: string;
  authorId: string;
  /** Who opened the topic (null once they left Kindred). */
  threadAuthorId: string | null;
  /** The title and body, only to find mentions in: never kept, never sent. */
  text: string;
}

export interface Reacted {
  groupId: string;
  threadId: string;
  postId: string;
  postAuthorId: string | null;
  reactorId: string;
}

/** A report of a participant in a live meeting (server/features/live), without its reason or note. */
export interface LiveReport {
  groupId: string;
  meetingId: string | null;
  roomId: string;
  /** The reported participant's id in the room (for telling each moderator once per person and room). */
  participantId: string;
  /** Members not to tell: who reported, and who was reported. */
  reporterId: string;
  reportedId: string;
}

export interface NotificationSetting extends NotificationChannels {
  kind: NotificationKind;
}

type Subject = Omit<NewNotification, "id" | "memberId" | "kind" | "inApp" | "createdAt">;

const PAGE_SIZE = 30;
const NOTHING: Subject = { groupId: null, actorId: null, threadId: null, postId: null, buddyshipId: null, meetingId: null, startsAt: null, dedupeKey: null };

export class NotificationsService {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly groups: GroupsForNotifications,
    private readonly meetings: MeetingsForReminders,
    private readonly blocks: Blocks,
    /** Null when the server has no SMTP_URL: then nothing goes by email. */
    private readonly mailer: Mailer | null,
    private readonly publicUrl: string,
    private readonly clock: () => Date,
  ) {}

  // ---------- what other features tell ----------

  /** A reply tells the topic's author; a mention tells the group's members it names. */
  async posted(post: Posted): Promise<void> {
    const common = { ...NOTHING, groupId: post.groupId, actorId: post.authorId, threadId: post.threadId, postId: post.postId };
    const told = new Set<string>();
    if (post.postId !== post.threadId && post.threadAuthorId && (await this.inGroup(post.groupId, [post.threadAuthorId])).length > 0) {
      await this.notify(post.threadAuthorId, "reply", common);
      told.add(post.threadAuthorId);
    }
    const handles = mentionedHandles(post.text).map(normalizeHandle);
    const mentioned = (await this.inGroup(post.groupId, await this.repo.memberIdsByHandles(handles))).filter((id) => !told.has(id));
    for (const memberId of mentioned) await this.notify(memberId, "mention", { ...common, dedupeKey: `mention:${post.postId}` });
  }

  /** A reaction tells the post's author, once per post and person, however many kinds they give. */
  async reacted(reaction: Reacted): Promise<void> {
    if (!reaction.postAuthorId || (await this.inGroup(reaction.groupId, [reaction.postAuthorId])).length === 0) return;
    await this.notify(reaction.postAuthorId, "reaction", {
      ...NOTHING,
      groupId: reaction.groupId,
      actorId: reaction.reactorId,
      threadId: reaction.threadId,
      postId: reaction.postId,
      dedupeKey: `reaction:${reaction.postId}:${reaction.reactorId}`,
    });
  }

  async buddyRequested(request: { recipientId: string; requesterId: string; buddyId: string }): Promise<void> {
    await this.notify(request.recipientId, "buddy_request", { ...NOTHING, actorId: request.requesterId, buddyshipId: request.buddyId });
  }

  /**
   * A direct message tells its recipient; while they have an unread notification of this
   * conversation, further messages add none (one nudge, not one per message). The words are
   * never kept or sent: the notification only points to the conversation.
   */
  async messaged(message: { recipientId: string; senderId: string; buddyId: string }): Promise<void> {
    const anHourAgo = new Date(this.clock().getTime() - 60 * 60_000).toISOString();
    if (await this.repo.hasUnread(message.recipientId, "message", { buddyshipId: message.buddyId }, anHourAgo)) return;
    await this.notify(message.recipientId, "message", { ...NOTHING, actorId: message.senderId, buddyshipId: message.buddyId });
  }

  /**
   * Someone reported a participant in a live meeting (the chair sees the report in the room): the
   * group's moderators (else the organization's admins) are told "someone reported a participant
   * in <meeting>", once per reported participant and room. Never who reported or who was reported,
   * nor any words; neither of the two is told. Returns how many were told.
   */
  async liveReported(report: LiveReport): Promise<number> {
    const exclude = new Set([report.reporterId, report.reportedId]);
    const subject = { ...NOTHING, groupId: report.groupId, meetingId: report.meetingId, dedupeKey: `live_report:${report.roomId}:${report.participantId}` };
    let told = 0;
    for (const memberId of await this.repo.moderatorsOf(report.groupId)) {
      if (!exclude.has(memberId) && (await this.notify(memberId, "live_report", subject))) told++;
    }
    return told;
  }

  /**
   * Tells the members who asked for reminders of each meeting of their groups that starts within
   * the next hour, once per meeting and time (a timer in the running server calls this every few
   * minutes). Returns how many reminders went out.
   */
  async remindOfMeetings(now: Date = this.clock()): Promise<number> {
    const members = await this.repo.membersWanting("meeting_soon");
    const groupsOf = await this.groups.membershipsOf(members);
    const soonIn = new Map<string, { meetingId: string; startsAt: string }[]>();
    let sent = 0;
    for (const memberId of members) {
      for (const { groupId } of groupsOf.get(memberId) ?? []) {
        if (!soonIn.has(groupId)) soonIn.set(groupId, await this.startingSoon(memberId, groupId, now));
        for (const { meetingId, startsAt } of soonIn.get(groupId)!) {
          const subject = { ...NOTHING, groupId, meetingId, startsAt, dedupeKey: `meeting_soon:${meetingId}:${startsAt}` };
          if (await this.notify(memberId, "meeting_soon", subject)) sent++;
        }
      }
    }
    return sent;
  }

  /** The group's meetings that start within the hour after `now` (seen as one of its members sees them). */
  private async startingSoon(memberId: string, groupId: string, now: Date): Promise<{ meetingId: string; startsAt: string }[]> {
    const until = new Date(now.getTime() + MEETING_SOON_MINUTES * 60_000);
    const meetings = await this.meetings.listOfGroup(await this.groups.authorize(memberId, groupId, "see"));
    return meetings
      .filter((meeting) => attendanceOptionOf(meeting) !== "inactive")
      .flatMap((meeting) => occurrencesBetween(meeting.schedule, now, until).map(({ start }) => ({ meetingId: meeting.id, startsAt: start.toISOString() })));
  }

  // ---------- the notification centre ----------

  async list(memberId: string, before?: string): Promise<{ notifications: NotificationRecord[]; nextBefore: string | null }> {
    const rows = await this.repo.list(memberId, { before: before ?? null, limit: PAGE_SIZE + 1 });
    if (rows === null) throw fieldError("before", "is not one of your notifications");
    const notifications = rows.slice(0, PAGE_SIZE);
    return { notifications, nextBefore: rows.length > PAGE_SIZE ? notifications[notifications.length - 1]!.id : null };
  }

  unreadCount(memberId: string): Promise<number> {
    return this.repo.unreadCount(memberId);
  }

  /** Marks one of the member's notifications read (404 for anyone else's), or all without an id. */
  async markRead(memberId: string, notificationId?: string): Promise<void> {
    if (!(await this.repo.markRead(memberId, this.clock().toISOString(), notificationId))) throw new AppError("notFound");
  }

  // ---------- settings ----------

  async settings(memberId: string): Promise<{ settings: NotificationSetting[]; emailAvailable: boolean }> {
    const [chosen, contact] = await Promise.all([this.repo.settings(memberId), this.repo.contact(memberId)]);
    return {
      settings: NOTIFICATION_KINDS.map((kind) => ({ kind, ...(chosen.get(kind) ?? DEFAULT_NOTIFICATION_SETTINGS[kind]) })),
      emailAvailable: this.mailer !== null && Boolean(contact?.email),
    };
  }

  /** Changes the channels sent for each kind sent; the rest stay as they were. */
  async updateSettings(memberId: string, changes: UpdateNotificationSettingsRequest["settings"]): Promise<{ settings: NotificationSetting[]; emailAvailable: boolean }> {
    const at = this.clock().toISOString();
    await this.repo.transaction(async (repo) => {
      const chosen = await repo.settings(memberId);
      for (const { kind, ...change } of changes) {
        const current = chosen.get(kind) ?? DEFAULT_NOTIFICATION_SETTINGS[kind];
        await repo.saveSetting(memberId, kind, { inApp: change.inApp ?? current.inApp, email: change.email ?? current.email }, at);
      }
    });
    return this.settings(memberId);
  }

  /** The member's notification settings, for their data export. */
  async exportFor(memberId: string): Promise<NotificationSetting[]> {
    return (await this.settings(memberId)).settings;
  }

  // ---------- telling someone ----------

  /**
   * Tells a member of something, in the app and by email as they chose. Nobody hears of what
   * they did themselves, nor of anything from someone either of the two blocked. Returns whether
   * they were told (false also when the dedupe key was told before).
   */
  private async notify(memberId: string, kind: NotificationKind, subject: Subject): Promise<boolean> {
    if (subject.actorId === memberId) return false;
    if (subject.actorId && (await this.blocks.isBlocked(memberId, subject.actorId))) return false;
    const channels = (await this.repo.settings(memberId)).get(kind) ?? DEFAULT_NOTIFICATION_SETTINGS[kind];
    const contact = channels.email && this.mailer ? await this.repo.contact(memberId) : null;
    const email = contact?.email ? contact : null;
    if (!channels.inApp && !email) return false;
    const now = this.clock();
    const kept = await this.repo.insert({ ...subject, id: newId(now.getTime()), memberId, kind, inApp: channels.inApp, createdAt: now.toISOString() });
    if (kept && email) this.sendEmail(email.email!, kind, subject.groupId, email.language);
    return kept;
  }

  /** Sent in the background: the person who posted does not wait for someone else's mail server. */
  private sendEmail(to: string, kind: NotificationKind, groupId: string | null, language: UiLanguage): void {
    const send = async () => {
      const groupName = groupId ? await this.repo.groupName(groupId) : null;
      await this.mailer!.send(to, notificationEmail(kind, groupName, language, `${this.publicUrl}/notifications`));
    };
    send().catch((error: { code?: string }) => {
      // The address and the words stay out of the log: only that it failed, and how.
      console.error(`Kindred could not send a notification email (${error.code ?? "error"}).`);
    });
  }

  /** Which of these people are active members of the group. */
  private async inGroup(groupId: string, memberIds: string[]): Promise<string[]> {
    if (memberIds.length === 0) return [];
    const groups = await this.groups.membershipsOf(memberIds);
    return memberIds.filter((id) => groups.get(id)?.some((g) => g.groupId === groupId));
  }
}
