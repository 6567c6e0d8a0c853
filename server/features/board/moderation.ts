/**
 * Peer moderation of the board (../shared/reference/safety.md): flags that hide a post once their
 * score reaches the threshold, the moderators' queue (crisis first), their decisions on posts and
 * members, the audit log, what the author and the flaggers are told, and appeals that another
 * moderator or the organization decides.
 */
import {
  APPEALABLE_NOTICES,
  FLAG_REASONS,
  type AuditAction,
  type FlagReason,
  type MemberModerationRequest,
  type NoticeKind,
  type NoticeOutcome,
  type PostModerationRequest,
} from "../../../core/board";
import type { CrisisResources } from "../../../core/crisis";
import { newId } from "../../../core/ids";
import { AppError, fieldError } from "../../errors";
import { decodeCursor, paged } from "./cursor";
import { isAuthor, sightOf } from "./policy";
import type { AppealRecord, AuditRecord, BoardRepository, FlagRecord, NewNotice, NoticeRecord, PostRecord } from "./repository";
import { admitFlag, auditEntry, flagsHide, type BoardService, type GroupsForBoard, type PostView } from "./service";
import type { Clock, TrustService } from "./trust";

/** What moderation needs from the crisis feature (its CrisisService fits this). */
export interface CrisisHelp {
  resourcesFor(input: { memberCountry: string | null; acceptLanguage?: string }): CrisisResources;
}

export interface AppealView {
  appeal: AppealRecord;
  canDecide: boolean;
}

export interface QueueItem {
  view: PostView;
  threadTitle: string | null;
  crisis: boolean;
  scoreHundredths: number;
  firstFlaggedAt: string;
  flags: FlagRecord[];
}

export interface NoticeView {
  notice: NoticeRecord;
  resources: CrisisResources | null;
  appeal: AppealView | null;
  canAppeal: boolean;
}

const QUEUE_SIZE = 100;
const AUDIT_PAGE = 50;
const NOTICES_SHOWN = 100;

const MEMBER_ACTIONS = {
  warn: { audit: "member_warned", notice: "warned" },
  mute: { audit: "member_muted", notice: "muted" },
  remove: { audit: "member_removed", notice: "removed" },
} as const satisfies Record<MemberModerationRequest["action"], { audit: AuditAction; notice: NoticeKind }>;

/** The reason most flaggers gave; on a tie, the more urgent (crisis first). */
function mostGiven(flags: FlagRecord[]): FlagReason {
  const counts = new Map<FlagReason, number>();
  for (const flag of flags) counts.set(flag.reason, (counts.get(flag.reason) ?? 0) + 1);
  return [...FLAG_REASONS].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0))[0]!;
}

/** Whoever acted, and whoever appeals, leave the decision to someone else. */
function canDecide(appeal: AppealRecord, memberId: string): boolean {
  return appeal.status === "open" && appeal.actedBy !== memberId && appeal.memberId !== memberId;
}

function notice(at: Date, fields: Pick<NewNotice, "memberId" | "groupId" | "auditId" | "kind"> & Partial<NewNotice>): NewNotice {
  return { postId: null, reason: null, note: null, outcome: null, until: null, ...fields, id: newId(at.getTime()), createdAt: at.toISOString() };
}

interface PostDecision {
  action: AuditAction;
  actorId: string;
  note: string;
  details?: object;
  flags: "agreed" | "disagreed";
  /** What the author is told, if anything. */
  authorNotice: NoticeKind | null;
  flaggerOutcome: NoticeOutcome;
}

export class ModerationService {
  constructor(
    private readonly repo: BoardRepository,
    private readonly board: BoardService,
    private readonly groups: GroupsForBoard,
    private readonly trust: TrustService,
    private readonly crisis: CrisisHelp,
    private readonly clock: Clock,
  ) {}

  /**
   * Flags a post. Each flag scores by its flagger's trust and record; once the open flags reach
   * the threshold the post hides itself, its author is told why, and it waits for a moderator.
   */
  async flag(memberId: string, postId: string, reason: FlagReason, note: string | null): Promise<void> {
    const { access, post } = await this.board.authorizePost(memberId, postId, "takePart");
    const sight = sightOf(access, post);
    if (sight === "deleted") throw new AppError("notFound");
    if (isAuthor(access, post)) throw new AppError("forbidden", "You cannot flag your own post; you can edit or delete it instead.");
    if (sight === "placeholder") throw new AppError("conflict", "This post is hidden already while the moderators look at it.");
    const trust = await this.trust.of(access.organizationId, memberId);
    const flagger = { trustLevel: trust.level, isStaff: access.moderates, flagsDecided: trust.flagsDecided, flagsAgreed: trust.flagsAgreed };
    const now = this.clock();
    const scoreHundredths = await admitFlag(flagger, () => this.repo.latestFlagBy(post.id, memberId), now, {
      notYet: "Flagging opens up once you have spent a little time reading here. If someone may be in danger, please use Get help now.",
      already: "You have flagged this post already. The moderators will look at it.",
      decidedEarlier: "The moderators decided on your earlier flag on this post",
    });
    const at = now.toISOString();
    await this.repo.transaction(async (repo) => {
      await repo.insertFlag({
        id: newId(now.getTime()),
        postId: post.id,
        groupId: post.groupId,
        flaggerId: memberId,
        reason,
        note,
        scoreHundredths,
        status: "open",
        createdAt: at,
        decidedAt: null,
      });
      const open = await repo.flagsOn([post.id], "open");
      if (!flagsHide(open)) return;
      const because = mostGiven(open);
      if (!(await repo.hide(post.id, { at, byFlags: true, reason: because, note: null }, true))) return;
      const audit = auditEntry(now, { groupId: post.groupId, action: "post_hidden_by_flags", actorId: null, subjectId: post.authorId, postId: post.id, note: null });
      await repo.insertAudit(audit);
      if (post.authorId) {
        await repo.insertNotices([notice(now, { memberId: post.authorId, groupId: post.groupId, auditId: audit.id, kind: "post_hidden", postId: post.id, reason: because })]);
      }
    });
  }

  /** A moderator hides, restores (dismissing the flags) or edits out harmful detail, with a note to the author. */
  async moderatePost(memberId: string, postId: string, request: PostModerationRequest): Promise<PostView> {
    const { access, post } = await this.board.authorizePost(memberId, postId, "moderate");
    if (post.deletedAt) throw new AppError("notFound", "Its author has deleted this post.");
    if (request.action !== "edit" && (request.body !== undefined || request.title !== undefined)) {
      throw fieldError(request.body !== undefined ? "body" : "title", "only an edit changes the words of a post");
    }
    const now = this.clock();
    const at = now.toISOString();
    const decide = (repo: BoardRepository, decision: Omit<PostDecision, "actorId" | "note">) =>
      this.settle(repo, now, access.organizationId, post, { ...decision, actorId: memberId, note: request.note });
    await this.repo.transaction(async (repo) => {
      switch (request.action) {
        case "hide":
          if (post.hiddenAt && !post.hiddenByFlags) throw new AppError("conflict", "A moderator has hidden this post already.");
          await repo.hide(post.id, { at, byFlags: false, reason: post.hiddenReason, note: request.note });
          return decide(repo, { action: "post_hidden", flags: "agreed", authorNotice: "post_hidden", flaggerOutcome: "hidden" });
        case "restore":
          if (!post.hiddenAt && (await repo.flagsOn([post.id], "open")).length === 0) {
            throw new AppError("conflict", "This post is not hidden, and no one has flagged it.");
          }
          await repo.unhide(post.id);
          return decide(repo, { action: "post_restored", flags: "disagreed", authorNotice: post.hiddenAt ? "post_restored" : null, flaggerOutcome: "kept" });
        case "edit": {
          if (request.body === undefined && request.title === undefined) throw fieldError("body", "write the post as it should read");
          if (request.title !== undefined && post.id !== post.threadId) throw fieldError("title", "only the post that opens a topic has a title");
          const versionId = newId(now.getTime());
          await repo.saveVersion(post, { id: versionId, replacedAt: at, replacedBy: "moderator" });
          await repo.updateContent(post.id, { title: request.title ?? post.title, body: request.body ?? post.body, contentWarning: post.contentWarning }, at);
          await repo.unhide(post.id);
          return decide(repo, { action: "post_edited", details: { versionId }, flags: "agreed", authorNotice: "post_edited", flaggerOutcome: "edited" });
        }
      }
    });
    return this.board.postView(access, post.id);
  }

  /** A moderator warns, mutes for a time, or removes a member from the group, with a note to them. */
  async moderateMember(actorId: string, groupId: string, memberId: string, request: MemberModerationRequest): Promise<AuditRecord> {
    const group = await this.groups.authorize(actorId, groupId, "moderate");
    if (memberId === actorId) throw new AppError("conflict", "You cannot do this to yourself; ask another moderator.");
    if (!(await this.repo.isActiveMember(groupId, memberId))) throw new AppError("notFound", "This person is not a member of the group.");
    if (request.postId) {
      const post = await this.repo.findPost(request.postId);
      if (!post || post.groupId !== groupId) throw fieldError("postId", "is not a post of this group");
    }
    if (request.action === "mute" && request.minutes === undefined) throw fieldError("minutes", "say how long the pause lasts");
    const now = this.clock();
    const until = request.action === "mute" ? new Date(now.getTime() + request.minutes! * 60_000).toISOString() : null;
    const { audit: action, notice: kind } = MEMBER_ACTIONS[request.action];
    const entry = auditEntry(now, { groupId, action, actorId, subjectId: memberId, postId: request.postId ?? null, note: request.note, ...(until ? { details: { until } } : {}) });
    // The action, its audit entry and the member's notice land together, or not at all.
    await this.repo.transaction(async (repo) => {
      if (request.action === "remove" && !(await repo.removeMembership(group.group.id, memberId))) {
        throw new AppError("notFound", "This person is not a member of the group.");
      }
      if (until) await repo.mute(groupId, memberId, until, now.toISOString());
      await repo.insertAudit(entry);
      await repo.insertNotices([notice(now, { memberId, groupId, auditId: entry.id, kind, postId: request.postId ?? null, note: request.note, until })]);
    });
    return (await this.repo.findAudit(entry.id))!;
  }

  /** The group's queue: flagged posts (crisis first, then the longest waiting) and open appeals. */
  async queue(memberId: string, groupId: string): Promise<{ items: QueueItem[]; appeals: AppealView[] }> {
    const access = await this.board.authorizeBoard(memberId, groupId, "moderate");
    const flagged = await this.repo.flaggedPosts(groupId, QUEUE_SIZE);
    const ids = flagged.map((f) => f.postId);
    const [posts, flags, appeals] = await Promise.all([this.repo.findPosts(ids), this.repo.flagsOn(ids, "open"), this.repo.openAppeals(groupId)]);
    const views = new Map((await this.board.postViews(access, posts)).map((v) => [v.post.id, v]));
    const titles = new Map((await this.repo.findPosts([...new Set(posts.map((p) => p.threadId))])).map((p) => [p.id, p.title]));
    const items = flagged.flatMap((f) => {
      const view = views.get(f.postId);
      if (!view) return [];
      const { postId: _, ...score } = f;
      return [{ view, threadTitle: titles.get(view.post.threadId) ?? null, ...score, flags: flags.filter((flag) => flag.postId === f.postId) }];
    });
    return { items, appeals: appeals.map((appeal) => ({ appeal, canDecide: canDecide(appeal, memberId) })) };
  }

  async auditLog(memberId: string, groupId: string, cursor?: string): Promise<{ entries: AuditRecord[]; nextCursor: string | null }> {
    await this.board.authorizeBoard(memberId, groupId, "moderate");
    const rows = await this.repo.auditLog(groupId, { before: decodeCursor(cursor), limit: AUDIT_PAGE + 1 });
    const { page, nextCursor } = paged(rows, AUDIT_PAGE, (e) => ({ at: e.createdAt, id: e.id }));
    return { entries: page, nextCursor };
  }

  /** What the member has been told, latest first; notices about their own posts come with crisis lines. */
  async notices(memberId: string, place: { memberCountry: string | null; acceptLanguage?: string }): Promise<NoticeView[]> {
    const notices = await this.repo.noticesOf(memberId, NOTICES_SHOWN);
    const appeals = new Map((await this.repo.appealsFor(notices.map((n) => n.id))).map((a) => [a.noticeId, a]));
    const resources = this.crisis.resourcesFor(place);
    return notices.map((n) => {
      const appeal = appeals.get(n.id);
      const appealable = APPEALABLE_NOTICES.includes(n.kind);
      return {
        notice: n,
        resources: appealable ? resources : null,
        appeal: appeal ? { appeal, canDecide: false } : null,
        canAppeal: appealable && !appeal,
      };
    });
  }

  /** The member appeals a moderator's action on their post or on them; once per notice. */
  async appeal(memberId: string, noticeId: string, message: string): Promise<AppealView> {
    const found = await this.repo.findNotice(noticeId);
    if (!found || found.memberId !== memberId) throw new AppError("notFound");
    if (!APPEALABLE_NOTICES.includes(found.kind)) throw new AppError("conflict", "Only a moderator's action on your post or on you can be appealed.");
    const now = this.clock();
    const id = newId(now.getTime());
    const inserted = await this.repo.insertAppeal({ id, noticeId, groupId: found.groupId, memberId, message, createdAt: now.toISOString() });
    if (!inserted) throw new AppError("conflict", "You have appealed this already. Another moderator or the organization will decide.");
    return { appeal: (await this.repo.findAppeal(id))!, canDecide: false };
  }

  /**
   * Another moderator (not the one who acted) or an organization admin decides an appeal.
   * Overturning undoes what can be undone: a hidden post shows again, an edit is reverted, a mute ends.
   */
  async decideAppeal(memberId: string, appealId: string, outcome: "uphold" | "overturn", note: string): Promise<AppealView> {
    const appeal = await this.repo.findAppeal(appealId);
    if (!appeal) throw new AppError("notFound");
    const group = await this.groups.authorize(memberId, appeal.groupId, "see");
    if (!this.groups.allows(group, "moderate")) {
      if (appeal.memberId === memberId) throw new AppError("forbidden", "Another moderator or the organization decides on your appeal.");
      throw new AppError("notFound");
    }
    if (appeal.status !== "open") throw new AppError("conflict", "This appeal has been decided already.");
    if (!canDecide(appeal, memberId)) {
      throw new AppError("forbidden", "Another moderator or an organization admin decides on an appeal about your own action.");
    }
    const now = this.clock();
    const at = now.toISOString();
    await this.repo.transaction(async (repo) => {
      const status = outcome === "overturn" ? "overturned" : "upheld";
      if (!(await repo.decideAppeal(appeal.id, { status, decidedBy: memberId, note, at }))) {
        throw new AppError("conflict", "This appeal has been decided already.");
      }
      if (outcome === "overturn") await this.undo(repo, now, group.group.organizationId, appeal, memberId);
      const entry = auditEntry(now, {
        groupId: appeal.groupId,
        action: outcome === "overturn" ? "appeal_overturned" : "appeal_upheld",
        actorId: memberId,
        subjectId: appeal.memberId,
        postId: appeal.postId,
        note,
      });
      await repo.insertAudit(entry);
      await repo.insertNotices([
        notice(now, { memberId: appeal.memberId, groupId: appeal.groupId, auditId: entry.id, kind: "appeal_decided", postId: appeal.postId, note, outcome: status }),
      ]);
    });
    return { appeal: (await this.repo.findAppeal(appeal.id))!, canDecide: false };
  }

  private async undo(repo: BoardRepository, now: Date, organizationId: string, appeal: AppealRecord, actorId: string): Promise<void> {
    const post = appeal.postId ? await repo.findPost(appeal.postId) : null;
    switch (appeal.noticeKind) {
      case "post_hidden":
        if (post?.hiddenAt) {
          await repo.unhide(post.id);
          await this.decideFlags(repo, now, organizationId, post, "disagreed", actorId, null);
        }
        return;
      case "post_edited": {
        const { versionId } = JSON.parse(appeal.auditDetails ?? "{}") as { versionId?: string };
        const version = versionId ? await repo.findVersion(versionId) : null;
        if (!post || post.deletedAt || !version) return;
        await repo.saveVersion(post, { id: newId(now.getTime()), replacedAt: now.toISOString(), replacedBy: "moderator" });
        await repo.updateContent(post.id, version, now.toISOString());
        return;
      }
      case "muted":
        return repo.unmute(appeal.groupId, appeal.memberId);
      default:
        // A warning stays on record as overturned; someone removed may join the group again.
        return;
    }
  }

  /** Records a decision on a post: the audit entry, the flags decided, and who is told what. */
  private async settle(repo: BoardRepository, now: Date, organizationId: string, post: PostRecord, decision: PostDecision): Promise<void> {
    const entry = auditEntry(now, {
      groupId: post.groupId,
      action: decision.action,
      actorId: decision.actorId,
      subjectId: post.authorId,
      postId: post.id,
      note: decision.note,
      ...(decision.details ? { details: decision.details } : {}),
    });
    await repo.insertAudit(entry);
    await this.decideFlags(repo, now, organizationId, post, decision.flags, decision.actorId, entry.id, decision.flaggerOutcome);
    if (decision.authorNotice && post.authorId) {
      await repo.insertNotices([
        notice(now, { memberId: post.authorId, groupId: post.groupId, auditId: entry.id, kind: decision.authorNotice, postId: post.id, reason: post.hiddenReason, note: decision.note }),
      ]);
    }
  }

  /** Decides the open flags on a post, counts each flagger's accuracy, and tells them the outcome. */
  private async decideFlags(
    repo: BoardRepository,
    now: Date,
    organizationId: string,
    post: PostRecord,
    status: "agreed" | "disagreed",
    actorId: string,
    auditId: string | null,
    outcome: NoticeOutcome = "kept",
  ): Promise<void> {
    const decided = await repo.decideFlags(post.id, status, now.toISOString());
    const flaggers = [...new Set(decided.flatMap((f) => (f.flaggerId && f.flaggerId !== actorId ? [f.flaggerId] : [])))];
    for (const flaggerId of flaggers) {
      await this.trust.count(repo, organizationId, flaggerId, { flagsDecided: 1, flagsAgreed: status === "agreed" ? 1 : 0 }, { visit: false });
    }
    await repo.insertNotices(flaggers.map((memberId) => notice(now, { memberId, groupId: post.groupId, auditId, kind: "flag_outcome", postId: post.id, outcome })));
  }
}
