import { sql, type ExpressionBuilder, type Kysely, type Selectable } from "kysely";
import type { BoardVisibility, FlagReason, NoticeKind, NoticeOutcome, Participation, Reaction, TrustLevel } from "../../../core/board";
import type { Database } from "../../db";
import { guardMember } from "../../db/member-guards";
import { insertOrganizationAudit, type OrganizationAuditInsert } from "../../db/organization-audit";
import type { BoardAppealsTable, BoardAuditTable, BoardFlagsTable, BoardNoticesTable, BoardPostsTable, BoardPostVersionsTable } from "../../db/schema";

/** A transaction another feature runs in, handed through its service (deleting an account). */
export type Transaction = Kysely<Database>;

/** A place in a list ordered by (time, id): where a page ends or what a member has read up to. */
export interface Position {
  at: string;
  id: string;
}

export interface PostRecord {
  id: string;
  threadId: string;
  groupId: string;
  authorId: string | null;
  authorName: string | null;
  title: string | null;
  body: string;
  contentWarning: string | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  hiddenAt: string | null;
  hiddenByFlags: boolean;
  hiddenReason: FlagReason | null;
  hiddenNote: string | null;
}

export interface ThreadRecord {
  id: string;
  groupId: string;
  pinned: boolean;
  replyCount: number;
  createdAt: string;
  lastActivityAt: string;
  opening: PostRecord;
}

export interface NewPost {
  id: string;
  threadId: string;
  groupId: string;
  authorId: string;
  title: string | null;
  body: string;
  contentWarning: string | null;
  createdAt: string;
}

export interface PostContent {
  title: string | null;
  body: string;
  contentWarning: string | null;
}

export interface PostVersionRecord extends PostContent {
  id: string;
  writtenAt: string;
  replacedAt: string;
  replacedBy: "author" | "moderator";
}

export interface ReactionTally {
  kind: Reaction;
  count: number;
  mine: boolean;
}

export interface FlagRecord {
  id: string;
  postId: string;
  flaggerId: string | null;
  reason: FlagReason;
  note: string | null;
  scoreHundredths: number;
  status: "open" | "agreed" | "disagreed";
  createdAt: string;
  decidedAt: string | null;
}

export interface FlaggedPost {
  postId: string;
  scoreHundredths: number;
  crisis: boolean;
  firstFlaggedAt: string;
}

export interface TrustRecord extends Participation {
  level: TrustLevel;
  setByOrganization: boolean;
  flagsDecided: number;
  flagsAgreed: number;
  lastVisitDay: string | null;
  lastReadAt: string | null;
}

/** The counts that go up by taking part. */
export type ParticipationCounter = keyof Participation | "flagsDecided" | "flagsAgreed";

const COUNTER_COLUMNS = {
  topicsEntered: "topics_entered",
  postsRead: "posts_read",
  readingSeconds: "reading_seconds",
  daysVisited: "days_visited",
  reactionsGiven: "reactions_given",
  reactionsReceived: "reactions_received",
  threadsRepliedTo: "threads_replied_to",
  flagsDecided: "flags_decided",
  flagsAgreed: "flags_agreed",
} as const satisfies Record<ParticipationCounter, string>;

export interface PostingHistory {
  memberSince: string | null;
  lastPostAt: string | null;
  lastTopicAt: string | null;
  topicsSince: number;
  repliesSince: number;
}

export interface AuditRecord {
  id: string;
  groupId: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  subjectId: string | null;
  subjectName: string | null;
  postId: string | null;
  note: string | null;
  details: string | null;
  createdAt: string;
}

export type NewAuditEntry = Omit<AuditRecord, "actorName" | "subjectName">;

export interface NoticeRecord {
  id: string;
  memberId: string;
  groupId: string;
  groupName: string;
  auditId: string | null;
  kind: NoticeKind;
  postId: string | null;
  reason: FlagReason | null;
  note: string | null;
  outcome: NoticeOutcome | null;
  until: string | null;
  createdAt: string;
}

export type NewNotice = Omit<NoticeRecord, "groupName">;

export interface AppealRecord {
  id: string;
  noticeId: string;
  groupId: string;
  memberId: string;
  message: string;
  status: "open" | "upheld" | "overturned";
  decidedBy: string | null;
  decisionNote: string | null;
  createdAt: string;
  decidedAt: string | null;
  /** From the notice appealed: what was done, to which post, and by whom (null: the flags). */
  noticeKind: NoticeKind;
  postId: string | null;
  actedBy: string | null;
  auditDetails: string | null;
}

const POST_COLUMNS = [
  "p.id",
  "p.thread_id",
  "p.group_id",
  "p.author_id",
  "m.display_name as author_name",
  "p.title",
  "p.body",
  "p.content_warning",
  "p.created_at",
  "p.edited_at",
  "p.deleted_at",
  "p.hidden_at",
  "p.hidden_by_flags",
  "p.hidden_reason",
  "p.hidden_note",
] as const;

type PostRow = Selectable<BoardPostsTable> & { author_name: string | null };

function toPost(row: PostRow): PostRecord {
  return {
    id: row.id,
    threadId: row.thread_id,
    groupId: row.group_id,
    authorId: row.author_id,
    authorName: row.author_name,
    title: row.title,
    body: row.body,
    contentWarning: row.content_warning,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    deletedAt: row.deleted_at,
    hiddenAt: row.hidden_at,
    hiddenByFlags: Number(row.hidden_by_flags) === 1,
    hiddenReason: row.hidden_reason as FlagReason | null,
    hiddenNote: row.hidden_note,
  };
}

function toThread(row: PostRow & { pinned: number; reply_count: number; last_activity_at: string }): ThreadRecord {
  return {
    id: row.id,
    groupId: row.group_id,
    pinned: Number(row.pinned) === 1,
    replyCount: Number(row.reply_count),
    createdAt: row.created_at,
    lastActivityAt: row.last_activity_at,
    opening: toPost(row),
  };
}

function toVersion(row: Selectable<BoardPostVersionsTable>): PostVersionRecord {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    contentWarning: row.content_warning,
    writtenAt: row.written_at,
    replacedAt: row.replaced_at,
    replacedBy: row.replaced_by as PostVersionRecord["replacedBy"],
  };
}

function toFlag(row: Selectable<BoardFlagsTable>): FlagRecord {
  return {
    id: row.id,
    postId: row.post_id,
    flaggerId: row.flagger_id,
    reason: row.reason as FlagReason,
    note: row.note,
    scoreHundredths: Number(row.score_hundredths),
    status: row.status as FlagRecord["status"],
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}

function toAudit(row: Selectable<BoardAuditTable> & { actor_name: string | null; subject_name: string | null }): AuditRecord {
  return {
    id: row.id,
    groupId: row.group_id,
    action: row.action,
    actorId: row.actor_id,
    actorName: row.actor_name,
    subjectId: row.subject_id,
    subjectName: row.subject_name,
    postId: row.post_id,
    note: row.note,
    details: row.details,
    createdAt: row.created_at,
  };
}

function toNotice(row: Selectable<BoardNoticesTable> & { group_name: string }): NoticeRecord {
  return {
    id: row.id,
    memberId: row.member_id,
    groupId: row.group_id,
    groupName: row.group_name,
    auditId: row.audit_id,
    kind: row.kind as NoticeKind,
    postId: row.post_id,
    reason: row.reason as FlagReason | null,
    note: row.note,
    outcome: row.outcome as NoticeOutcome | null,
    until: row.until,
    createdAt: row.created_at,
  };
}

type AppealRow = Selectable<BoardAppealsTable> & {
  kind: string;
  post_id: string | null;
  actor_id: string | null;
  details: string | null;
};

function toAppeal(row: AppealRow): AppealRecord {
  return {
    id: row.id,
    noticeId: row.notice_id,
    groupId: row.group_id,
    memberId: row.member_id,
    message: row.message,
    status: row.status as AppealRecord["status"],
    decidedBy: row.decided_by,
    decisionNote: row.decision_note,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    noticeKind: row.kind as NoticeKind,
    postId: row.post_id,
    actedBy: row.actor_id,
    auditDetails: row.details,
  };
}

/** A member's post as their data export shows it. */
export interface ExportedPostRecord {
  id: string;
  threadId: string;
  groupId: string;
  groupName: string;
  title: string | null;
  body: string;
  contentWarning: string | null;
  createdAt: string;
  editedAt: string | null;
}

/** Which posts a deletion takes: one, or everything one member wrote. */
export type PostSelection = { postId: string } | { authorId: string };

export class BoardRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Runs `work` in one transaction: everything it writes lands together or not at all. */
  transaction<T>(work: (repository: BoardRepository) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new BoardRepository(trx)));
  }

  /** This repository inside a transaction another feature opened. */
  within(trx: Transaction): BoardRepository {
    return new BoardRepository(trx);
  }

  // ---------- the board's setting ----------

  async visibility(groupId: string): Promise<BoardVisibility> {
    const row = await this.db.selectFrom("groups").select("board_visibility").where("id", "=", groupId).executeTakeFirstOrThrow();
    return row.board_visibility as BoardVisibility;
  }

  async setVisibility(groupId: string, visibility: BoardVisibility): Promise<void> {
    await this.db.updateTable("groups").set({ board_visibility: visibility }).where("id", "=", groupId).execute();
  }

  // ---------- threads and posts ----------

  private threads() {
    return this.db
      .selectFrom("board_threads as t")
      .innerJoin("board_posts as p", "p.id", "t.id")
      .leftJoin("members as m", "m.id", "p.author_id")
      .select(POST_COLUMNS)
      .select(["t.pinned", "t.reply_count", "t.last_activity_at"]);
  }

  private posts() {
    return this.db.selectFrom("board_posts as p").leftJoin("members as m", "m.id", "p.author_id").select(POST_COLUMNS);
  }

  /** A page of a group's topics, latest activity first, after `after` (keyset). */
  async listThreads(groupId: string, page: { pinned: boolean; after: Position | null; limit: number; blocked?: string[] }): Promise<ThreadRecord[]> {
    const { after } = page;
    const blocked = page.blocked ?? [];
    const rows = await this.threads()
      .where("t.group_id", "=", groupId)
      .where("t.pinned", "=", page.pinned ? 1 : 0)
      .$if(blocked.length > 0, (q) => q.where((eb) => eb.or([eb("p.author_id", "is", null), eb("p.author_id", "not in", blocked)])))
      .$if(after !== null, (q) => q.where((eb) => eb(eb.refTuple("t.last_activity_at", "t.id"), "<", eb.tuple(after!.at, after!.id))))
      .orderBy("t.last_activity_at", "desc")
      .orderBy("t.id", "desc")
      .limit(page.limit)
      .execute();
    return rows.map(toThread);
  }

  async findThread(threadId: string): Promise<ThreadRecord | null> {
    const row = await this.threads().where("t.id", "=", threadId).executeTakeFirst();
    return row ? toThread(row) : null;
  }

  async findPost(postId: string): Promise<PostRecord | null> {
    const row = await this.posts().where("p.id", "=", postId).executeTakeFirst();
    return row ? toPost(row) : null;
  }

  async findPosts(postIds: string[]): Promise<PostRecord[]> {
    if (postIds.length === 0) return [];
    return (await this.posts().where("p.id", "in", postIds).execute()).map(toPost);
  }

  /** A page of a topic's replies, oldest first, after `after` (keyset). */
  async listReplies(threadId: string, page: { after: Position | null; limit: number; blocked?: string[] }): Promise<PostRecord[]> {
    const { after } = page;
    const blocked = page.blocked ?? [];
    const rows = await this.posts()
      .where("p.thread_id", "=", threadId)
      .$if(blocked.length > 0, (q) => q.where((eb) => eb.or([eb("p.author_id", "is", null), eb("p.author_id", "not in", blocked)])))
      .where((eb) => eb("p.id", "<>", eb.ref("p.thread_id")))
      .$if(after !== null, (q) => q.where((eb) => eb(eb.refTuple("p.created_at", "p.id"), ">", eb.tuple(after!.at, after!.id))))
      .orderBy("p.created_at")
      .orderBy("p.id")
      .limit(page.limit)
      .execute();
    return rows.map(toPost);
  }

  /** Everything a member wrote that still stands under their name, oldest first, with its group's name. */
  async postsByAuthor(memberId: string): Promise<ExportedPostRecord[]> {
    const rows = await this.db
      .selectFrom("board_posts as p")
      .innerJoin("groups as g", "g.id", "p.group_id")
      .select(["p.id", "p.thread_id", "p.group_id", "g.name", "p.title", "p.body", "p.content_warning", "p.created_at", "p.edited_at"])
      .where("p.author_id", "=", memberId)
      .where("p.deleted_at", "is", null)
      .orderBy("p.created_at")
      .orderBy("p.id")
      .execute();
    return rows.map((r) => ({
      id: r.id,
      threadId: r.thread_id,
      groupId: r.group_id,
      groupName: r.name,
      title: r.title,
      body: r.body,
      contentWarning: r.content_warning,
      createdAt: r.created_at,
      editedAt: r.edited_at,
    }));
  }

  async insertThread(post: NewPost): Promise<void> {
    await this.db
      .insertInto("board_threads")
      .values({
        id: post.id,
        group_id: post.groupId,
        pinned: 0,
        pinned_at: null,
        reply_count: 0,
        created_at: post.createdAt,
        last_activity_at: post.createdAt,
      })
      .execute();
    await this.insertPost(post);
  }

  async insertReply(post: NewPost): Promise<void> {
    await this.insertPost(post);
    await this.db
      .updateTable("board_threads")
      .set((eb) => ({ reply_count: eb("reply_count", "+", 1), last_activity_at: post.createdAt }))
      .where("id", "=", post.threadId)
      .execute();
  }

  private async insertPost(post: NewPost): Promise<void> {
    await this.db
      .insertInto("board_posts")
      .values({
        id: post.id,
        thread_id: post.threadId,
        group_id: post.groupId,
        author_id: post.authorId,
        title: post.title,
        body: post.body,
        content_warning: post.contentWarning,
        created_at: post.createdAt,
        hidden_by_flags: 0,
      })
      .execute();
  }

  async hasReplied(threadId: string, memberId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("board_posts")
      .select("id")
      .where("thread_id", "=", threadId)
      .where("author_id", "=", memberId)
      .where((eb) => eb("id", "<>", eb.ref("thread_id")))
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Keeps the content being replaced as an earlier version. */
  async saveVersion(post: PostRecord, version: { id: string; replacedAt: string; replacedBy: "author" | "moderator" }): Promise<void> {
    await this.db
      .insertInto("board_post_versions")
      .values({
        id: version.id,
        post_id: post.id,
        title: post.title,
        body: post.body,
        content_warning: post.contentWarning,
        written_at: post.editedAt ?? post.createdAt,
        replaced_at: version.replacedAt,
        replaced_by: version.replacedBy,
      })
      .execute();
  }

  async versions(postId: string): Promise<PostVersionRecord[]> {
    const rows = await this.db.selectFrom("board_post_versions").selectAll().where("post_id", "=", postId).orderBy("replaced_at", "desc").execute();
    return rows.map(toVersion);
  }

  async findVersion(versionId: string): Promise<PostVersionRecord | null> {
    const row = await this.db.selectFrom("board_post_versions").selectAll().where("id", "=", versionId).executeTakeFirst();
    return row ? toVersion(row) : null;
  }

  async updateContent(postId: string, content: PostContent, editedAt: string): Promise<void> {
    await this.db
      .updateTable("board_posts")
      .set({ title: content.title, body: content.body, content_warning: content.contentWarning, edited_at: editedAt })
      .where("id", "=", postId)
      .execute();
  }

  /** Hides a post; with `onlyIfShown`, only a post not hidden yet (false when it already was). */
  async hide(postId: string, hidden: { at: string; byFlags: boolean; reason: FlagReason | null; note: string | null }, onlyIfShown = false): Promise<boolean> {
    const result = await this.db
      .updateTable("board_posts")
      .set({ hidden_at: hidden.at, hidden_by_flags: hidden.byFlags ? 1 : 0, hidden_reason: hidden.reason, hidden_note: hidden.note })
      .where("id", "=", postId)
      .$if(onlyIfShown, (q) => q.where("hidden_at", "is", null))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async unhide(postId: string): Promise<void> {
    await this.db
      .updateTable("board_posts")
      .set({ hidden_at: null, hidden_by_flags: 0, hidden_reason: null, hidden_note: null })
      .where("id", "=", postId)
      .execute();
  }

  async setPinned(threadId: string, pinned: boolean, now: string): Promise<void> {
    await this.db
      .updateTable("board_threads")
      .set({ pinned: pinned ? 1 : 0, pinned_at: pinned ? now : null })
      .where("id", "=", threadId)
      .execute();
  }

  /**
   * Deletes posts as their authors ask: a reply goes; a topic with no replies goes; a topic others
   * replied to stays as an empty "deleted" opening so their replies keep their place, until the
   * last reply goes too.
   */
  async deletePosts(which: PostSelection, now: string): Promise<void> {
    const chosen = (eb: ExpressionBuilder<{ r: Database["board_posts"] }, "r">) =>
      "postId" in which ? eb("r.id", "=", which.postId) : eb("r.author_id", "=", which.authorId);
    const replies = this.db
      .selectFrom("board_posts as r")
      .where(chosen)
      .where((eb) => eb("r.id", "<>", eb.ref("r.thread_id")));
    const touchedThreads = await replies.select("r.thread_id").distinct().execute();
    for (const { thread_id } of touchedThreads) {
      const { n } = await replies.select((eb) => eb.fn.countAll<number>().as("n")).where("r.thread_id", "=", thread_id).executeTakeFirstOrThrow();
      await this.db
        .updateTable("board_threads")
        .set((eb) => ({ reply_count: eb("reply_count", "-", Number(n)) }))
        .where("id", "=", thread_id)
        .execute();
    }
    await this.db
      .deleteFrom("board_posts")
      .where("id", "in", replies.select("r.id"))
      .execute();

    const openings = this.db
      .selectFrom("board_posts as r")
      .where(chosen)
      .where((eb) => eb("r.id", "=", eb.ref("r.thread_id")))
      .select("r.id");
    await this.db.deleteFrom("board_threads").where("id", "in", openings).where("reply_count", "=", 0).execute();
    const kept = (await openings.execute()).map((r) => r.id);
    if (kept.length > 0) {
      await this.db.deleteFrom("board_post_versions").where("post_id", "in", kept).execute();
      await this.db.deleteFrom("board_reactions").where("post_id", "in", kept).execute();
      await this.db.deleteFrom("board_flags").where("post_id", "in", kept).execute();
      await this.db
        .updateTable("board_posts")
        .set({ author_id: null, title: null, body: "", content_warning: null, deleted_at: now, hidden_at: null, hidden_by_flags: 0, hidden_reason: null, hidden_note: null })
        .where("id", "in", kept)
        .execute();
    }
    // A deleted opening whose last reply just went leaves nothing to keep.
    const emptied = touchedThreads.map((t) => t.thread_id);
    if (emptied.length > 0) {
      await this.db
        .deleteFrom("board_threads")
        .where("id", "in", emptied)
        .where("reply_count", "=", 0)
        .where("id", "in", this.db.selectFrom("board_posts").select("id").where("deleted_at", "is not", null))
        .execute();
    }
  }

  /** The member's posts stay, by "former member": nothing links them to the member any more. */
  async detachAuthor(memberId: string): Promise<void> {
    await this.db.updateTable("board_posts").set({ author_id: null }).where("author_id", "=", memberId).execute();
  }

  /** Notes a leaving member wrote in their flags go with them. */
  async clearFlagNotes(memberId: string): Promise<void> {
    await this.db.updateTable("board_flags").set({ note: null, flagger_id: null }).where("flagger_id", "=", memberId).execute();
  }

  // ---------- reactions ----------

  async tallies(postIds: string[], viewerId: string | null): Promise<Map<string, ReactionTally[]>> {
    const result = new Map<string, ReactionTally[]>();
    if (postIds.length === 0) return result;
    const rows = await this.db
      .selectFrom("board_reactions")
      .select((eb) => [
        "post_id",
        "kind",
        eb.fn.countAll<number>().as("count"),
        eb.fn
          .max(viewerId === null ? sql<number>`0` : eb.case().when("member_id", "=", viewerId).then(1).else(0).end())
          .as("mine"),
      ])
      .where("post_id", "in", postIds)
      .groupBy(["post_id", "kind"])
      .execute();
    for (const row of rows) {
      const list = result.get(row.post_id) ?? [];
      list.push({ kind: row.kind as Reaction, count: Number(row.count), mine: Number(row.mine) === 1 });
      result.set(row.post_id, list);
    }
    return result;
  }

  /** Adds a reaction; false when it was there already. */
  async addReaction(postId: string, memberId: string, kind: Reaction, now: string): Promise<boolean> {
    const result = await this.db
      .insertInto("board_reactions")
      .values({ post_id: postId, member_id: memberId, kind, created_at: now })
      .onConflict((oc) => oc.columns(["post_id", "member_id", "kind"]).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async removeReaction(postId: string, memberId: string, kind: Reaction): Promise<void> {
    await this.db.deleteFrom("board_reactions").where("post_id", "=", postId).where("member_id", "=", memberId).where("kind", "=", kind).execute();
  }

  // ---------- unread markers ----------

  async readPositions(memberId: string, threadIds: string[]): Promise<Map<string, Position>> {
    if (threadIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom("board_reads")
      .select(["thread_id", "read_to_at", "read_to_id"])
      .where("member_id", "=", memberId)
      .where("thread_id", "in", threadIds)
      .execute();
    return new Map(rows.map((r) => [r.thread_id, { at: r.read_to_at, id: r.read_to_id }]));
  }

  async setReadPosition(memberId: string, threadId: string, position: Position, now: string): Promise<void> {
    const values = { read_to_at: position.at, read_to_id: position.id, updated_at: now };
    await this.db
      .insertInto("board_reads")
      .values({ member_id: memberId, thread_id: threadId, ...values })
      .onConflict((oc) => oc.columns(["member_id", "thread_id"]).doUpdateSet(values))
      .execute();
  }

  /** How many posts of a topic lie after `from` (exclusive; null: from the start) up to `to`. */
  async countPostsBetween(threadId: string, from: Position | null, to: Position): Promise<number> {
    const row = await this.db
      .selectFrom("board_posts as p")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("p.thread_id", "=", threadId)
      .$if(from !== null, (q) => q.where((eb) => eb(eb.refTuple("p.created_at", "p.id"), ">", eb.tuple(from!.at, from!.id))))
      .where((eb) => eb(eb.refTuple("p.created_at", "p.id"), "<=", eb.tuple(to.at, to.id)))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  // ---------- flags ----------

  async insertFlag(flag: FlagRecord & { groupId: string }): Promise<void> {
    await this.db
      .insertInto("board_flags")
      .values({
        id: flag.id,
        post_id: flag.postId,
        group_id: flag.groupId,
        flagger_id: flag.flaggerId,
        reason: flag.reason,
        note: flag.note,
        score_hundredths: flag.scoreHundredths,
        status: flag.status,
        created_at: flag.createdAt,
        decided_at: null,
      })
      .execute();
  }

  async flagsOn(postIds: string[], status?: FlagRecord["status"]): Promise<FlagRecord[]> {
    if (postIds.length === 0) return [];
    const rows = await this.db
      .selectFrom("board_flags")
      .selectAll()
      .where("post_id", "in", postIds)
      .$if(status !== undefined, (q) => q.where("status", "=", status!))
      .orderBy("created_at")
      .execute();
    return rows.map(toFlag);
  }

  /** The member's latest flag on a post, if any. */
  async latestFlagBy(postId: string, flaggerId: string): Promise<FlagRecord | null> {
    const row = await this.db
      .selectFrom("board_flags")
      .selectAll()
      .where("flagger_id", "=", flaggerId)
      .where("post_id", "=", postId)
      .orderBy("created_at", "desc")
      .limit(1)
      .executeTakeFirst();
    return row ? toFlag(row) : null;
  }

  /** Decides every open flag on a post; returns the flags decided. */
  async decideFlags(postId: string, status: "agreed" | "disagreed", now: string): Promise<FlagRecord[]> {
    const open = await this.flagsOn([postId], "open");
    if (open.length > 0) {
      await this.db.updateTable("board_flags").set({ status, decided_at: now }).where("post_id", "=", postId).where("status", "=", "open").execute();
    }
    return open;
  }

  /** Posts of a group with open flags: crisis first, then those waiting longest. */
  async flaggedPosts(groupId: string, limit: number): Promise<FlaggedPost[]> {
    const rows = await this.db
      .selectFrom("board_flags")
      .select((eb) => [
        "post_id",
        eb.fn.sum<number>("score_hundredths").as("score"),
        eb.fn.max(eb.case().when("reason", "=", "crisis").then(1).else(0).end()).as("crisis"),
        eb.fn.min("created_at").as("first_flagged_at"),
      ])
      .where("group_id", "=", groupId)
      .where("status", "=", "open")
      .groupBy("post_id")
      .orderBy("crisis", "desc")
      .orderBy("first_flagged_at")
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      postId: r.post_id,
      scoreHundredths: Number(r.score),
      crisis: Number(r.crisis) === 1,
      firstFlaggedAt: String(r.first_flagged_at),
    }));
  }

  // ---------- trust and taking part ----------

  async trust(organizationId: string, memberId: string): Promise<TrustRecord | null> {
    const row = await this.db
      .selectFrom("board_trust")
      .selectAll()
      .where("organization_id", "=", organizationId)
      .where("member_id", "=", memberId)
      .executeTakeFirst();
    if (!row) return null;
    return {
      level: Number(row.level) as TrustLevel,
      setByOrganization: Number(row.set_by_organization) === 1,
      topicsEntered: Number(row.topics_entered),
      postsRead: Number(row.posts_read),
      readingSeconds: Number(row.reading_seconds),
      daysVisited: Number(row.days_visited),
      reactionsGiven: Number(row.reactions_given),
      reactionsReceived: Number(row.reactions_received),
      threadsRepliedTo: Number(row.threads_replied_to),
      flagsDecided: Number(row.flags_decided),
      flagsAgreed: Number(row.flags_agreed),
      lastVisitDay: row.last_visit_day,
      lastReadAt: row.last_read_at,
    };
  }

  /** Makes sure the member has a trust row (level 0, nothing counted yet). */
  async ensureTrust(organizationId: string, memberId: string, now: string): Promise<void> {
    await this.db
      .insertInto("board_trust")
      .values({
        organization_id: organizationId,
        member_id: memberId,
        level: 0,
        set_by_organization: 0,
        topics_entered: 0,
        posts_read: 0,
        reading_seconds: 0,
        days_visited: 0,
        last_visit_day: null,
        last_read_at: null,
        reactions_given: 0,
        reactions_received: 0,
        threads_replied_to: 0,
        flags_decided: 0,
        flags_agreed: 0,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(["organization_id", "member_id"]).doNothing())
      .execute();
  }

  /** Adds to the counts (in SQL, so two at once both count); optionally moves the visit day and read time. */
  async count(
    organizationId: string,
    memberId: string,
    added: Partial<Record<ParticipationCounter, number>>,
    now: string,
    marks: { lastVisitDay?: string; lastReadAt?: string } = {},
  ): Promise<void> {
    await this.db
      .updateTable("board_trust")
      .set((eb) => {
        const set: Record<string, unknown> = { updated_at: now };
        for (const [counter, by] of Object.entries(added) as [ParticipationCounter, number][]) {
          if (by) set[COUNTER_COLUMNS[counter]] = eb(COUNTER_COLUMNS[counter], "+", by);
        }
        if (marks.lastVisitDay) set.last_visit_day = marks.lastVisitDay;
        if (marks.lastReadAt) set.last_read_at = marks.lastReadAt;
        return set;
      })
      .where("organization_id", "=", organizationId)
      .where("member_id", "=", memberId)
      .execute();
  }

  async setTrustLevel(organizationId: string, memberId: string, level: TrustLevel, setByOrganization: boolean, now: string): Promise<void> {
    await this.db
      .updateTable("board_trust")
      .set({ level, set_by_organization: setByOrganization ? 1 : 0, updated_at: now })
      .where("organization_id", "=", organizationId)
      .where("member_id", "=", memberId)
      .execute();
  }

  async memberExists(memberId: string): Promise<boolean> {
    return (await this.db.selectFrom("members").select("id").where("id", "=", memberId).executeTakeFirst()) !== undefined;
  }

  async isActiveMember(groupId: string, memberId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("memberships")
      .select("status")
      .where("group_id", "=", groupId)
      .where("member_id", "=", memberId)
      .executeTakeFirst();
    return row?.status === "active";
  }

  /** What the new-member limits look at; with `countSinceJoining`, the topics and replies written since the account began. */
  async postingHistory(memberId: string, countSinceJoining: boolean): Promise<PostingHistory> {
    const member = await this.db.selectFrom("members").select("created_at").where("id", "=", memberId).executeTakeFirst();
    const latest = (topicsOnly: boolean) =>
      this.db
        .selectFrom("board_posts")
        .select("created_at")
        .where("author_id", "=", memberId)
        .$if(topicsOnly, (q) => q.where((eb) => eb("id", "=", eb.ref("thread_id"))))
        .orderBy("created_at", "desc")
        .limit(1)
        .executeTakeFirst();
    const [lastPost, lastTopic] = await Promise.all([latest(false), latest(true)]);
    let topicsSince = 0;
    let repliesSince = 0;
    const since = member?.created_at;
    if (countSinceJoining && since) {
      const rows = await this.db
        .selectFrom("board_posts")
        .select((eb) => [
          eb.fn.sum<number>(eb.case().when("id", "=", eb.ref("thread_id")).then(1).else(0).end()).as("topics"),
          eb.fn.countAll<number>().as("posts"),
        ])
        .where("author_id", "=", memberId)
        .where("created_at", ">=", since)
        .executeTakeFirstOrThrow();
      topicsSince = Number(rows.topics ?? 0);
      repliesSince = Number(rows.posts) - topicsSince;
    }
    return {
      memberSince: member?.created_at ?? null,
      lastPostAt: lastPost?.created_at ?? null,
      lastTopicAt: lastTopic?.created_at ?? null,
      topicsSince,
      repliesSince,
    };
  }

  /** Writes the member's guard row for a kind of limited action: parallel transactions of one member take turns (see server/db/member-guards.ts). */
  guard(memberId: string, kind: string, now: string): Promise<void> {
    return guardMember(this.db, memberId, kind, now);
  }

  /** Takes a member out of a group (their service positions too), inside a moderator's decision; false if they were not in it. */
  async removeMembership(groupId: string, memberId: string): Promise<boolean> {
    await this.db.deleteFrom("service_positions").where("group_id", "=", groupId).where("member_id", "=", memberId).execute();
    const result = await this.db.deleteFrom("memberships").where("group_id", "=", groupId).where("member_id", "=", memberId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** An entry in the organization's audit log (read by the admin feature), in this repository's transaction. */
  insertOrganizationAudit(entry: OrganizationAuditInsert): Promise<void> {
    return insertOrganizationAudit(this.db, entry);
  }

  // ---------- mutes ----------

  async mutedUntil(groupId: string, memberId: string): Promise<string | null> {
    const row = await this.db.selectFrom("board_mutes").select("until").where("group_id", "=", groupId).where("member_id", "=", memberId).executeTakeFirst();
    return row?.until ?? null;
  }

  async mute(groupId: string, memberId: string, until: string, now: string): Promise<void> {
    await this.db
      .insertInto("board_mutes")
      .values({ group_id: groupId, member_id: memberId, until, created_at: now })
      .onConflict((oc) => oc.columns(["group_id", "member_id"]).doUpdateSet({ until, created_at: now }))
      .execute();
  }

  async unmute(groupId: string, memberId: string): Promise<void> {
    await this.db.deleteFrom("board_mutes").where("group_id", "=", groupId).where("member_id", "=", memberId).execute();
  }

  // ---------- audit log ----------

  async insertAudit(entry: NewAuditEntry): Promise<void> {
    await this.db
      .insertInto("board_audit")
      .values({
        id: entry.id,
        group_id: entry.groupId,
        action: entry.action,
        actor_id: entry.actorId,
        subject_id: entry.subjectId,
        post_id: entry.postId,
        note: entry.note,
        details: entry.details,
        created_at: entry.createdAt,
      })
      .execute();
  }

  private audits() {
    return this.db
      .selectFrom("board_audit as a")
      .leftJoin("members as actor", "actor.id", "a.actor_id")
      .leftJoin("members as subject", "subject.id", "a.subject_id")
      .selectAll("a")
      .select(["actor.display_name as actor_name", "subject.display_name as subject_name"]);
  }

  async findAudit(auditId: string): Promise<AuditRecord | null> {
    const row = await this.audits().where("a.id", "=", auditId).executeTakeFirst();
    return row ? toAudit(row) : null;
  }

  /** A page of a group's audit log, latest first, before `before` (keyset). */
  async auditLog(groupId: string, page: { before: Position | null; limit: number }): Promise<AuditRecord[]> {
    const { before } = page;
    const rows = await this.audits()
      .where("a.group_id", "=", groupId)
      .$if(before !== null, (q) => q.where((eb) => eb(eb.refTuple("a.created_at", "a.id"), "<", eb.tuple(before!.at, before!.id))))
      .orderBy("a.created_at", "desc")
      .orderBy("a.id", "desc")
      .limit(page.limit)
      .execute();
    return rows.map(toAudit);
  }

  // ---------- notices and appeals ----------

  async insertNotices(notices: NewNotice[]): Promise<void> {
    if (notices.length === 0) return;
    await this.db
      .insertInto("board_notices")
      .values(
        notices.map((n) => ({
          id: n.id,
          member_id: n.memberId,
          group_id: n.groupId,
          audit_id: n.auditId,
          kind: n.kind,
          post_id: n.postId,
          reason: n.reason,
          note: n.note,
          outcome: n.outcome,
          until: n.until,
          created_at: n.createdAt,
        })),
      )
      .execute();
  }

  private notices() {
    return this.db.selectFrom("board_notices as n").innerJoin("groups as g", "g.id", "n.group_id").selectAll("n").select("g.name as group_name");
  }

  async noticesOf(memberId: string, limit: number): Promise<NoticeRecord[]> {
    const rows = await this.notices().where("n.member_id", "=", memberId).orderBy("n.created_at", "desc").orderBy("n.id", "desc").limit(limit).execute();
    return rows.map(toNotice);
  }

  async findNotice(noticeId: string): Promise<NoticeRecord | null> {
    const row = await this.notices().where("n.id", "=", noticeId).executeTakeFirst();
    return row ? toNotice(row) : null;
  }

  async insertAppeal(appeal: { id: string; noticeId: string; groupId: string; memberId: string; message: string; createdAt: string }): Promise<boolean> {
    const result = await this.db
      .insertInto("board_appeals")
      .values({
        id: appeal.id,
        notice_id: appeal.noticeId,
        group_id: appeal.groupId,
        member_id: appeal.memberId,
        message: appeal.message,
        status: "open",
        decided_by: null,
        decision_note: null,
        created_at: appeal.createdAt,
        decided_at: null,
      })
      .onConflict((oc) => oc.column("notice_id").doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  private appeals() {
    return this.db
      .selectFrom("board_appeals as ap")
      .innerJoin("board_notices as n", "n.id", "ap.notice_id")
      .leftJoin("board_audit as a", "a.id", "n.audit_id")
      .selectAll("ap")
      .select(["n.kind", "n.post_id", "a.actor_id", "a.details"]);
  }

  async findAppeal(appealId: string): Promise<AppealRecord | null> {
    const row = await this.appeals().where("ap.id", "=", appealId).executeTakeFirst();
    return row ? toAppeal(row) : null;
  }

  async appealsFor(noticeIds: string[]): Promise<AppealRecord[]> {
    if (noticeIds.length === 0) return [];
    return (await this.appeals().where("ap.notice_id", "in", noticeIds).execute()).map(toAppeal);
  }

  async openAppeals(groupId: string): Promise<AppealRecord[]> {
    const rows = await this.appeals().where("ap.group_id", "=", groupId).where("ap.status", "=", "open").orderBy("ap.created_at").execute();
    return rows.map(toAppeal);
  }

  /** Decides an open appeal; false when someone else decided it first. */
  async decideAppeal(appealId: string, decision: { status: "upheld" | "overturned"; decidedBy: string; note: string; at: string }): Promise<boolean> {
    const result = await this.db
      .updateTable("board_appeals")
      .set({ status: decision.status, decided_by: decision.decidedBy, decision_note: decision.note, decided_at: decision.at })
      .where("id", "=", appealId)
      .where("status", "=", "open")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
