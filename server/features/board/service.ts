import {
  countLinks,
  countMentions,
  FIRST_DAY_SECONDS,
  FLAG_RULES,
  flagScore,
  mayFlag,
  NEW_MEMBER_LIMITS,
  postingWait,
  type BoardVisibility,
  type EditPostRequest,
  type Flagger,
  type PostingWait,
  type Reaction,
} from "../../../core/board";
import { newId } from "../../../core/ids";
import { AppError, fieldError } from "../../errors";
import type { Authorized, GroupAccess, GroupAction } from "../groups/service";
import { decodeCursor, encodeCursor, paged } from "./cursor";
import {
  authorizeBoard,
  boardCapabilities,
  canOnBoard,
  isAuthor,
  postCapabilities,
  sightOf,
  type AuthorizedBoard,
  type BoardAccess,
  type BoardAction,
  type PostCapabilities,
  type Sight,
} from "./policy";
import type {
  BoardRepository,
  ExportedPostRecord,
  NewAuditEntry,
  PostContent,
  PostRecord,
  PostVersionRecord,
  ReactionTally,
  ThreadRecord,
  Transaction,
} from "./repository";
import type { Clock, TrustService } from "./trust";

export type { AuthorizedBoard, BoardAccess, Clock, PostRecord, ThreadRecord };

/** What the board needs from the groups feature (its GroupsService fits this). */
export interface GroupsForBoard {
  authorize<A extends GroupAction>(memberId: string | null, groupId: string, action: A): Promise<Authorized<A>>;
  allows(access: GroupAccess, action: GroupAction): boolean;
  removeForModeration(access: Authorized<"moderate">, memberId: string): Promise<void>;
}

/**
 * Who hears of what happens on the board: replies, mentions and reactions (the notifications
 * feature fits this, and keeps blocked people from reaching anyone through it).
 */
export interface BoardNotifier {
  posted(post: { groupId: string; threadId: string; postId: string; authorId: string; threadAuthorId: string | null; text: string }): Promise<void>;
  reacted(reaction: { groupId: string; threadId: string; postId: string; postAuthorId: string | null; reactorId: string }): Promise<void>;
}

/** Whom a member blocked (the buddies feature's BlocksService fits this): their posts are not shown to the member. */
export interface BlockedPeople {
  blockedBy(memberId: string): Promise<{ memberId: string }[]>;
}

/** Access that lets its viewer read the board (taking part and moderating include reading). */
export type Reading = AuthorizedBoard<"read" | "takePart" | "moderate">;

/** A post as one viewer sees it. */
export interface PostView {
  post: PostRecord;
  sight: Sight;
  mine: boolean;
  reactions: ReactionTally[];
  can: PostCapabilities;
}

export interface ThreadView {
  thread: ThreadRecord;
  sight: Sight;
  unread: boolean;
}

export interface ThreadsPage {
  access: BoardAccess;
  can: ReturnType<typeof boardCapabilities>;
  pinned: ThreadView[];
  threads: ThreadView[];
  nextCursor: string | null;
}

export interface ThreadDetail {
  thread: ThreadView;
  opening: PostView;
  lastReadCursor: string | null;
  can: { reply: boolean; pin: boolean; moderate: boolean };
}

export interface NewThread {
  title: string;
  body: string;
  contentWarning: string | null;
}

export interface NewReply {
  body: string;
  contentWarning: string | null;
}

const THREADS_PER_PAGE = 20;
const REPLIES_PER_PAGE = 50;
const PINNED_SHOWN = 20;

/** "in 25 seconds", "in about 3 minutes", "in about 5 hours", "in about 2 days": when someone may try again. */
export function inAbout(seconds: number): string {
  if (seconds < 90) return `in ${seconds} second${seconds === 1 ? "" : "s"}`;
  if (seconds < 90 * 60) return `in about ${Math.round(seconds / 60)} minutes`;
  if (seconds < 36 * 3600) return `in about ${Math.round(seconds / 3600)} hours`;
  return `in about ${Math.round(seconds / 86400)} days`;
}

function waitMessage(wait: Exclude<PostingWait, { ok: true }>, isNew: boolean): string {
  const when = inAbout(wait.waitSeconds);
  switch (wait.reason) {
    case "betweenPosts":
      return isNew
        ? `Thank you for writing. New members wait ${NEW_MEMBER_LIMITS.secondsBetweenPosts} seconds between posts, so the board stays calm. You can post again ${when}.`
        : `Please give it a moment between posts. You can post again ${when}.`;
    case "betweenTopics":
      return `New members wait ${NEW_MEMBER_LIMITS.secondsBetweenTopics / 60} minutes between new topics. You can start another ${when}; replies are open sooner.`;
    case "firstDayTopics":
      return `On your first day you can start up to ${NEW_MEMBER_LIMITS.firstDayTopics} topics, so everyone settles in gently. You can start another ${when}. Replies are still open.`;
    case "firstDayReplies":
      return `On your first day you can write up to ${NEW_MEMBER_LIMITS.firstDayReplies} replies. You can reply again ${when}. Reactions are still open.`;
  }
}

/** An audit log entry made now. */
export function auditEntry(at: Date, entry: Omit<NewAuditEntry, "id" | "createdAt" | "details"> & { details?: object }): NewAuditEntry {
  return { ...entry, id: newId(at.getTime()), details: entry.details ? JSON.stringify(entry.details) : null, createdAt: at.toISOString() };
}

/** What a flag is refused with: posts are decided by their moderators, direct messages by the organization. */
export interface FlagRefusals {
  /** The flagger is too new to flag. */
  notYet: string;
  /** Their last flag on it is still open. */
  already: string;
  /** Who decided their last flag on what, e.g. "The moderators decided on your earlier flag on this post". */
  decidedEarlier: string;
}

/**
 * The checks every flag passes, on a post or a direct message alike: brand-new members cannot
 * flag yet, nobody flags the same thing twice while their flag is open, and once it is decided
 * only after a day. `latest` loads their last flag on it. Answers the new flag's score in hundredths.
 */
export async function admitFlag(
  flagger: Flagger,
  latest: () => Promise<{ status: string; decidedAt: string | null } | null>,
  now: Date,
  refusals: FlagRefusals,
): Promise<number> {
  if (!mayFlag(flagger)) throw new AppError("forbidden", refusals.notYet);
  const last = await latest();
  if (last?.status === "open") throw new AppError("conflict", refusals.already);
  if (last?.decidedAt) {
    const wait = Math.ceil((Date.parse(last.decidedAt) + FLAG_RULES.reflagAfterSeconds * 1000 - now.getTime()) / 1000);
    if (wait > 0) throw new AppError("slowDown", `${refusals.decidedEarlier}. You can flag it again ${inAbout(wait)}.`, { retryAfterSeconds: wait });
  }
  return Math.round(flagScore(flagger) * 100);
}

/** Whether these open flags together reach the score that hides what they flag. */
export function flagsHide(open: { scoreHundredths: number }[]): boolean {
  return open.reduce((sum, flag) => sum + flag.scoreHundredths, 0) >= Math.round(FLAG_RULES.hideAtScore * 100);
}

export class BoardService {
  constructor(
    private readonly repo: BoardRepository,
    private readonly groups: GroupsForBoard,
    private readonly trust: TrustService,
    private readonly clock: Clock,
    private readonly notifier: BoardNotifier,
    private readonly blocks: BlockedPeople = { blockedBy: async () => [] },
  ) {}

  /** The viewer's standing on a group's board: 404 when they may not see the group at all. */
  async access(memberId: string | null, groupId: string): Promise<BoardAccess> {
    const group = await this.groups.authorize(memberId, groupId, "see");
    return {
      viewer: group.viewer,
      groupId: group.group.id,
      organizationId: group.group.organizationId,
      visibility: await this.repo.visibility(groupId),
      isActiveMember: group.membership?.status === "active",
      moderates: this.groups.allows(group, "moderate"),
      stewards: this.groups.allows(group, "edit"),
    };
  }

  async authorizeBoard<A extends BoardAction>(memberId: string | null, groupId: string, action: A): Promise<AuthorizedBoard<A>> {
    return authorizeBoard(await this.access(memberId, groupId), action, "board");
  }

  async authorizeThread<A extends BoardAction>(memberId: string | null, threadId: string, action: A) {
    const thread = await this.repo.findThread(threadId);
    if (!thread) throw new AppError("notFound");
    return { access: authorizeBoard(await this.access(memberId, thread.groupId), action, "post"), thread };
  }

  async authorizePost<A extends BoardAction>(memberId: string | null, postId: string, action: A) {
    const post = await this.repo.findPost(postId);
    if (!post) throw new AppError("notFound");
    return { access: authorizeBoard(await this.access(memberId, post.groupId), action, "post"), post };
  }

  /** A page of topics, latest activity first; pinned ones come with the first page. */
  async threads(access: Reading, cursor?: string, limit = THREADS_PER_PAGE): Promise<ThreadsPage> {
    const after = decodeCursor(cursor);
    const blocked = await this.blockedBy(access);
    const [pinned, rows] = await Promise.all([
      after ? Promise.resolve([]) : this.repo.listThreads(access.groupId, { pinned: true, after: null, limit: PINNED_SHOWN, blocked }),
      this.repo.listThreads(access.groupId, { pinned: false, after, limit: limit + 1, blocked }),
    ]);
    const { page, nextCursor } = paged(rows, limit, (t) => ({ at: t.lastActivityAt, id: t.id }));
    const views = await this.threadViews(access, [...pinned, ...page]);
    return { access, can: boardCapabilities(access), pinned: views.slice(0, pinned.length), threads: views.slice(pinned.length), nextCursor };
  }

  async threadDetail(access: Reading, thread: ThreadRecord): Promise<ThreadDetail> {
    await this.notFromBlocked(access, thread);
    const [[view], [opening], read] = await Promise.all([
      this.threadViews(access, [thread]),
      this.postViews(access, [thread.opening]),
      access.viewer ? this.repo.readPositions(access.viewer.memberId, [thread.id]) : Promise.resolve(new Map()),
    ]);
    const position = read.get(thread.id);
    return {
      thread: view!,
      opening: opening!,
      lastReadCursor: position ? encodeCursor(position) : null,
      can: { reply: canOnBoard(access, "takePart"), pin: access.moderates, moderate: access.moderates },
    };
  }

  /** A page of a topic's replies, oldest first, after the cursor. */
  async replies(access: Reading, thread: ThreadRecord, cursor?: string, limit = REPLIES_PER_PAGE) {
    await this.notFromBlocked(access, thread);
    const rows = await this.repo.listReplies(thread.id, { after: decodeCursor(cursor), limit: limit + 1, blocked: await this.blockedBy(access) });
    const { page, nextCursor } = paged(rows, limit, (p) => ({ at: p.createdAt, id: p.id }));
    return { replies: await this.postViews(access, page), nextCursor };
  }

  async startThread(access: AuthorizedBoard<"takePart">, input: NewThread): Promise<ThreadDetail> {
    const memberId = access.viewer!.memberId;
    const now = this.clock();
    const id = newId(now.getTime());
    const at = now.toISOString();
    // The limits are checked and the topic written in one transaction that holds the member's
    // guard row, so parallel posts of one member wait for each other and cannot pass the limits together.
    await this.repo.transaction(async (repo) => {
      await repo.guard(memberId, "post", at);
      await this.checkMayPost(repo, access, "topic", [input.title, input.body]);
      await repo.insertThread({ id, threadId: id, groupId: access.groupId, authorId: memberId, ...input, createdAt: at });
      await repo.setReadPosition(memberId, id, { at, id }, at);
      await this.trust.count(repo, access.organizationId, memberId, {});
    });
    await this.notifier.posted({ groupId: access.groupId, threadId: id, postId: id, authorId: memberId, threadAuthorId: memberId, text: `${input.title}\n${input.body}` });
    return this.threadDetail(access, (await this.repo.findThread(id))!);
  }

  async reply(access: AuthorizedBoard<"takePart">, thread: ThreadRecord, input: NewReply): Promise<PostView> {
    const memberId = access.viewer!.memberId;
    if (sightOf(access, thread.opening) === "placeholder") {
      throw new AppError("conflict", "This topic is hidden while the moderators look at it, so it takes no replies for now.");
    }
    const now = this.clock();
    const id = newId(now.getTime());
    const at = now.toISOString();
    await this.repo.transaction(async (repo) => {
      await repo.guard(memberId, "post", at);
      await this.checkMayPost(repo, access, "reply", [input.body]);
      const firstHere = !(await repo.hasReplied(thread.id, memberId));
      const readTo = (await repo.readPositions(memberId, [thread.id])).get(thread.id);
      await repo.insertReply({ id, threadId: thread.id, groupId: thread.groupId, authorId: memberId, title: null, ...input, createdAt: at });
      // Someone who had read everything has read their own reply too; otherwise what they missed stays unread.
      if (readTo && readTo.at >= thread.lastActivityAt) await repo.setReadPosition(memberId, thread.id, { at, id }, at);
      await this.trust.count(repo, access.organizationId, memberId, { threadsRepliedTo: firstHere ? 1 : 0 });
    });
    await this.notifier.posted({ groupId: thread.groupId, threadId: thread.id, postId: id, authorId: memberId, threadAuthorId: thread.opening.authorId, text: input.body });
    return this.postView(access, id);
  }

  /** The author edits their post; what it said before is kept for the moderators. */
  async edit(access: AuthorizedBoard<"takePart">, post: PostRecord, edit: EditPostRequest): Promise<PostView> {
    if (post.deletedAt) throw new AppError("notFound");
    if (!isAuthor(access, post)) throw new AppError("forbidden", "You can edit only your own posts.");
    if (edit.title !== undefined && post.id !== post.threadId) throw fieldError("title", "only the post that opens a topic has a title");
    const next: PostContent = {
      title: edit.title ?? post.title,
      body: edit.body ?? post.body,
      contentWarning: edit.contentWarning === undefined ? post.contentWarning : edit.contentWarning,
    };
    const now = this.clock();
    // Flags hid it: after a pause, the author's edit shows it again (moderators still review the flags).
    const showsAgain = post.hiddenAt !== null && post.hiddenByFlags;
    if (showsAgain) {
      const wait = Math.ceil((Date.parse(post.hiddenAt!) + FLAG_RULES.authorEditsAfterSeconds * 1000 - now.getTime()) / 1000);
      if (wait > 0) {
        throw new AppError(
          "slowDown",
          `Members flagged this post, so it is hidden for now. You can edit it ${inAbout(wait)}; your edit will show it again, and the moderators will still look at it.`,
          { retryAfterSeconds: wait },
        );
      }
    }
    await this.checkMayPost(this.repo, access, "edit", [next.title ?? "", next.body]);
    const at = now.toISOString();
    await this.repo.transaction(async (repo) => {
      await repo.saveVersion(post, { id: newId(now.getTime()), replacedAt: at, replacedBy: "author" });
      await repo.updateContent(post.id, next, at);
      if (showsAgain) {
        await repo.unhide(post.id);
        const memberId = access.viewer!.memberId;
        await repo.insertAudit(auditEntry(now, { groupId: post.groupId, action: "post_shown_after_edit", actorId: memberId, subjectId: memberId, postId: post.id, note: null }));
      }
    });
    return this.postView(access, post.id);
  }

  /** The author deletes their post, even after leaving the group; others hear 403, or 404 if they may not read the board. */
  async deletePost(memberId: string, postId: string): Promise<void> {
    const post = await this.repo.findPost(postId);
    if (!post || post.deletedAt) throw new AppError("notFound");
    if (post.authorId !== memberId) {
      authorizeBoard(await this.access(memberId, post.groupId), "read", "post");
      throw new AppError("forbidden", "You can delete only your own posts.");
    }
    await this.repo.transaction((repo) => repo.deletePosts({ postId }, this.clock().toISOString()));
  }

  /** Adds (`on`) or takes back one of the member's reactions: one of each kind per member and post. */
  async react(access: AuthorizedBoard<"takePart">, post: PostRecord, kind: Reaction, on: boolean): Promise<ReactionTally[]> {
    const memberId = access.viewer!.memberId;
    const sight = sightOf(access, post);
    if (sight === "deleted") throw new AppError("notFound");
    if (isAuthor(access, post)) throw new AppError("forbidden", "Reactions are for other people's posts.");
    if (sight === "placeholder") throw new AppError("conflict", "This post is hidden for now.");
    const added = await this.repo.transaction(async (repo) => {
      if (!on) {
        await repo.removeReaction(post.id, memberId, kind);
        return false;
      }
      if (!(await repo.addReaction(post.id, memberId, kind, this.clock().toISOString()))) return false;
      await this.trust.count(repo, access.organizationId, memberId, { reactionsGiven: 1 });
      if (post.authorId) await this.trust.count(repo, access.organizationId, post.authorId, { reactionsReceived: 1 }, { visit: false });
      return true;
    });
    if (added) await this.notifier.reacted({ groupId: post.groupId, threadId: post.threadId, postId: post.id, postAuthorId: post.authorId, reactorId: memberId });
    return (await this.repo.tallies([post.id], memberId)).get(post.id) ?? [];
  }

  /** Moves the member's unread marker forward to a post of the topic (never back). */
  async markRead(access: AuthorizedBoard<"takePart">, thread: ThreadRecord, postId: string): Promise<void> {
    const memberId = access.viewer!.memberId;
    const post = await this.repo.findPost(postId);
    if (!post || post.threadId !== thread.id) throw fieldError("postId", "is not a post of this topic");
    const to = { at: post.createdAt, id: post.id };
    const at = this.clock().toISOString();
    await this.repo.transaction(async (repo) => {
      const from = (await repo.readPositions(memberId, [thread.id])).get(thread.id) ?? null;
      if (from && (from.at > to.at || (from.at === to.at && from.id >= to.id))) return;
      const read = await repo.countPostsBetween(thread.id, from, to);
      await repo.setReadPosition(memberId, thread.id, to, at);
      await this.trust.count(repo, access.organizationId, memberId, { topicsEntered: from ? 0 : 1, postsRead: read }, { reading: true });
    });
  }

  async pin(access: AuthorizedBoard<"moderate">, thread: ThreadRecord, pinned: boolean): Promise<ThreadView> {
    const now = this.clock();
    await this.repo.transaction(async (repo) => {
      await repo.setPinned(thread.id, pinned, now.toISOString());
      await repo.insertAudit(
        auditEntry(now, {
          groupId: thread.groupId,
          action: pinned ? "thread_pinned" : "thread_unpinned",
          actorId: access.viewer!.memberId,
          subjectId: thread.opening.authorId,
          postId: thread.id,
          note: null,
        }),
      );
    });
    const [view] = await this.threadViews(access, [(await this.repo.findThread(thread.id))!]);
    return view!;
  }

  async setVisibility(access: AuthorizedBoard<"changeVisibility">, visibility: BoardVisibility): Promise<BoardVisibility> {
    const now = this.clock();
    await this.repo.transaction(async (repo) => {
      await repo.setVisibility(access.groupId, visibility);
      await repo.insertAudit(
        auditEntry(now, { groupId: access.groupId, action: "board_visibility_changed", actorId: access.viewer!.memberId, subjectId: null, postId: null, note: visibility }),
      );
    });
    return visibility;
  }

  /** Earlier versions of a post, latest first (moderators). */
  versions(_access: AuthorizedBoard<"moderate">, post: PostRecord): Promise<PostVersionRecord[]> {
    return this.repo.versions(post.id);
  }

  /**
   * What happens to a leaving member's posts, inside the account deletion's transaction: deleted
   * (with the notes of their flags), or kept by "former member" with nothing linking them to the
   * member. Their reactions, read markers, trust, notices and appeals go with the account.
   */
  async forgetAuthor(memberId: string, posts: "delete" | "keep_as_former_member", trx: Transaction): Promise<void> {
    const repo = this.repo.within(trx);
    if (posts === "keep_as_former_member") return repo.detachAuthor(memberId);
    await repo.deletePosts({ authorId: memberId }, this.clock().toISOString());
    await repo.clearFlagNotes(memberId);
  }

  /** What the member wrote that still stands under their name, for their data export. */
  exportFor(memberId: string): Promise<ExportedPostRecord[]> {
    return this.repo.postsByAuthor(memberId);
  }

  async postViews(access: BoardAccess, posts: PostRecord[]): Promise<PostView[]> {
    const viewerId = access.viewer?.memberId ?? null;
    const [tallies, trust] = await Promise.all([
      this.repo.tallies(
        posts.map((p) => p.id),
        viewerId,
      ),
      viewerId ? this.trust.of(access.organizationId, viewerId) : null,
    ]);
    return posts.map((post) => ({
      post,
      sight: sightOf(access, post),
      mine: isAuthor(access, post),
      reactions: tallies.get(post.id) ?? [],
      can: postCapabilities(access, post, trust?.level ?? 0),
    }));
  }

  async postView(access: BoardAccess, postId: string): Promise<PostView> {
    const post = await this.repo.findPost(postId);
    if (!post) throw new AppError("notFound");
    const [view] = await this.postViews(access, [post]);
    return view!;
  }

  /**
   * Whom the viewer blocked: their topics and replies are left out of what the viewer is shown.
   * The group's moderators see everything on the board they look after, blocks or not.
   */
  private async blockedBy(access: BoardAccess): Promise<string[]> {
    if (!access.viewer || access.moderates) return [];
    return (await this.blocks.blockedBy(access.viewer.memberId)).map((b) => b.memberId);
  }

  /** A topic opened by someone the viewer blocked is not shown to them: as if it were not there. */
  private async notFromBlocked(access: BoardAccess, thread: ThreadRecord): Promise<void> {
    const author = thread.opening.authorId;
    if (author && (await this.blockedBy(access)).includes(author)) throw new AppError("notFound");
  }

  private async threadViews(access: BoardAccess, threads: ThreadRecord[]): Promise<ThreadView[]> {
    const reads = access.viewer
      ? await this.repo.readPositions(
          access.viewer.memberId,
          threads.map((t) => t.id),
        )
      : new Map();
    return threads.map((thread) => {
      const readTo = reads.get(thread.id);
      return { thread, sight: sightOf(access, thread.opening), unread: access.viewer !== null && (!readTo || thread.lastActivityAt > readTo.at) };
    });
  }

  /**
   * Mutes, then (for new members) links and mentions, the pause between posts and the first-day
   * caps. Moderators and admins are exempt from the limits. Each refusal says, kindly, when the
   * member can post again.
   */
  private async checkMayPost(repo: BoardRepository, access: AuthorizedBoard<"takePart">, kind: "topic" | "reply" | "edit", texts: string[]): Promise<void> {
    const memberId = access.viewer!.memberId;
    const now = this.clock().getTime();
    const mutedUntil = await repo.mutedUntil(access.groupId, memberId);
    if (mutedUntil && Date.parse(mutedUntil) > now) {
      const wait = Math.ceil((Date.parse(mutedUntil) - now) / 1000);
      throw new AppError(
        "muted",
        `A moderator paused your posting in this group until ${mutedUntil}. You can still read, and you can appeal from your notices. You can post again ${inAbout(wait)}.`,
        { retryAfterSeconds: wait },
      );
    }
    if (access.moderates) return;
    const isNew = (await this.trust.of(access.organizationId, memberId, repo)).level === 0;
    if (isNew) {
      const text = texts.join("\n");
      const links = countLinks(text);
      if (links > NEW_MEMBER_LIMITS.linksPerPost) {
        throw fieldError("body", `new members can include up to ${NEW_MEMBER_LIMITS.linksPerPost} links in a post; this one has ${links}. The limit lifts as you take part.`);
      }
      const mentions = countMentions(text);
      if (mentions > NEW_MEMBER_LIMITS.mentionsPerPost) {
        throw fieldError("body", `new members can mention up to ${NEW_MEMBER_LIMITS.mentionsPerPost} people in a post; this one mentions ${mentions}. The limit lifts as you take part.`);
      }
    }
    if (kind === "edit") return;
    const history = await repo.postingHistory(memberId, isNew);
    const firstDayEndsAt = history.memberSince ? Date.parse(history.memberSince) + FIRST_DAY_SECONDS * 1000 : null;
    const wait = postingWait(kind, {
      isNew,
      now,
      lastPostAt: history.lastPostAt ? Date.parse(history.lastPostAt) : null,
      lastTopicAt: history.lastTopicAt ? Date.parse(history.lastTopicAt) : null,
      firstDayEndsAt: firstDayEndsAt !== null && firstDayEndsAt > now ? firstDayEndsAt : null,
      topicsToday: history.topicsSince,
      repliesToday: history.repliesSince,
    });
    if (!wait.ok) throw new AppError("slowDown", waitMessage(wait, isNew), { retryAfterSeconds: wait.waitSeconds });
  }
}
