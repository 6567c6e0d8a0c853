/** The only way the board, its posts and its moderation leave the server. Text stays Markdown source: never HTML. */
import type { z } from "zod";
import {
  REACTIONS,
  type Appeal,
  type AuditAction,
  type AuditEntry,
  type BoardPost,
  type BoardThread,
  type BoardThreadDetail,
  type BoardThreadsPage,
  type ModerationQueue,
  type Notice,
  type PostState,
  type PostVersion,
  type ReactionCount,
  type TrustResponse,
} from "../../../core/board";
import type { CrisisResources } from "../../../core/crisis";
import type { AppealView, NoticeView, QueueItem } from "./moderation";
import type { AuditRecord, PostVersionRecord, ReactionTally } from "./repository";
import type { PostRecord, PostView, ThreadDetail, ThreadsPage, ThreadView } from "./service";
import type { MemberTrust } from "./trust";

const HELP_PATH = "/help";

function stateOf(post: PostRecord): PostState {
  if (post.deletedAt) return "deleted";
  return post.hiddenAt ? "hidden" : "visible";
}

function authorOf(memberId: string | null, displayName: string | null): z.infer<typeof BoardPost>["author"] {
  return memberId ? { memberId, displayName: displayName ?? "" } : null;
}

/** Every kind, in a fixed order, with its count and whether the viewer gave it. */
export function presentReactions(tallies: ReactionTally[]): z.infer<typeof ReactionCount>[] {
  return REACTIONS.map((kind) => {
    const tally = tallies.find((t) => t.kind === kind);
    return { kind, count: tally?.count ?? 0, mine: tally?.mine ?? false };
  });
}

/** A hidden post shows a neutral placeholder to all but its author and the moderators. */
export function presentPost({ post, sight, mine, reactions, can }: PostView): z.infer<typeof BoardPost> {
  const seen = sight === "all";
  return {
    id: post.id,
    threadId: post.threadId,
    groupId: post.groupId,
    title: seen ? post.title : null,
    body: seen ? post.body : null,
    contentWarning: seen ? post.contentWarning : null,
    author: seen ? authorOf(post.authorId, post.authorName) : null,
    state: stateOf(post),
    hidden:
      seen && post.hiddenAt
        ? { byFlags: post.hiddenByFlags, reason: post.hiddenReason, note: post.hiddenNote, at: post.hiddenAt }
        : null,
    createdAt: post.createdAt,
    editedAt: seen ? post.editedAt : null,
    reactions: presentReactions(seen ? reactions : []),
    mine,
    can,
  };
}

export function presentThread({ thread, sight, unread }: ThreadView): z.infer<typeof BoardThread> {
  const seen = sight === "all";
  return {
    id: thread.id,
    groupId: thread.groupId,
    title: seen ? thread.opening.title : null,
    contentWarning: seen ? thread.opening.contentWarning : null,
    author: seen ? authorOf(thread.opening.authorId, thread.opening.authorName) : null,
    state: stateOf(thread.opening),
    pinned: thread.pinned,
    replyCount: thread.replyCount,
    createdAt: thread.createdAt,
    lastActivityAt: thread.lastActivityAt,
    unread,
  };
}

export function presentThreadsPage(page: ThreadsPage): z.infer<typeof BoardThreadsPage> {
  return {
    board: { groupId: page.access.groupId, visibility: page.access.visibility, can: page.can },
    pinned: page.pinned.map(presentThread),
    threads: page.threads.map(presentThread),
    nextCursor: page.nextCursor,
  };
}

export function presentThreadDetail(detail: ThreadDetail): z.infer<typeof BoardThreadDetail> {
  return {
    thread: presentThread(detail.thread),
    opening: presentPost(detail.opening),
    lastReadCursor: detail.lastReadCursor,
    can: detail.can,
  };
}

export function presentVersion(version: PostVersionRecord): z.infer<typeof PostVersion> {
  return {
    title: version.title,
    body: version.body,
    contentWarning: version.contentWarning,
    writtenAt: version.writtenAt,
    replacedAt: version.replacedAt,
    replacedBy: version.replacedBy,
  };
}

export function presentAppeal({ appeal, canDecide }: AppealView): z.infer<typeof Appeal> {
  return {
    id: appeal.id,
    noticeId: appeal.noticeId,
    groupId: appeal.groupId,
    postId: appeal.postId,
    action: appeal.noticeKind,
    message: appeal.message,
    status: appeal.status,
    decisionNote: appeal.decisionNote,
    createdAt: appeal.createdAt,
    decidedAt: appeal.decidedAt,
    canDecide,
  };
}

function presentQueueItem(item: QueueItem): z.infer<typeof ModerationQueue>["items"][number] {
  return {
    post: presentPost(item.view),
    threadTitle: item.threadTitle,
    crisis: item.crisis,
    score: item.scoreHundredths / 100,
    firstFlaggedAt: item.firstFlaggedAt,
    // Who flagged stays with Kindred: moderators judge the post, not the flaggers.
    flags: item.flags.map((f) => ({ reason: f.reason, note: f.note, createdAt: f.createdAt })),
  };
}

export function presentQueue(queue: { items: QueueItem[]; appeals: AppealView[] }): z.infer<typeof ModerationQueue> {
  return { items: queue.items.map(presentQueueItem), appeals: queue.appeals.map(presentAppeal) };
}

export function presentAuditEntry(entry: AuditRecord): z.infer<typeof AuditEntry> {
  return {
    id: entry.id,
    action: entry.action as AuditAction,
    actor: authorOf(entry.actorId, entry.actorName),
    subject: authorOf(entry.subjectId, entry.subjectName),
    postId: entry.postId,
    note: entry.note,
    createdAt: entry.createdAt,
  };
}

function presentResources(resources: CrisisResources): NonNullable<z.infer<typeof Notice>["resources"]> {
  return {
    country: resources.country,
    emergency: resources.emergency,
    lines: (resources.entry?.lines ?? []).map((line) => ({ service: line.service, how: line.how })),
    helpPath: HELP_PATH,
  };
}

export function presentNotice({ notice, resources, appeal, canAppeal }: NoticeView): z.infer<typeof Notice> {
  return {
    id: notice.id,
    kind: notice.kind,
    groupId: notice.groupId,
    groupName: notice.groupName,
    postId: notice.postId,
    reason: notice.reason,
    note: notice.note,
    outcome: notice.outcome,
    until: notice.until,
    createdAt: notice.createdAt,
    resources: resources ? presentResources(resources) : null,
    appeal: appeal ? presentAppeal(appeal) : null,
    canAppeal,
  };
}

export function presentTrust(trust: MemberTrust): z.infer<typeof TrustResponse> {
  return {
    memberId: trust.memberId,
    level: trust.level,
    setByOrganization: trust.setByOrganization,
    participation: {
      topicsEntered: trust.topicsEntered,
      postsRead: trust.postsRead,
      readingSeconds: trust.readingSeconds,
      daysVisited: trust.daysVisited,
      reactionsGiven: trust.reactionsGiven,
      reactionsReceived: trust.reactionsReceived,
      threadsRepliedTo: trust.threadsRepliedTo,
    },
  };
}
