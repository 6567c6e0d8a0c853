/**
 * The group support board and its peer moderation: the shape of every request and answer, and the
 * rules as data (new-member limits, flag scores, trust levels) so that server and web agree.
 * Rules follow ../shared/reference/safety.md (Discourse's defaults).
 */
import { z } from "zod";

const Id = z.uuid();

// ---------- the rules, as data ----------

/** Who reads a group's board: its active members, or anyone who may see the group. */
export const BOARD_VISIBILITIES = ["members", "public"] as const;
export const BoardVisibility = z.enum(BOARD_VISIBILITIES);
export type BoardVisibility = z.infer<typeof BoardVisibility>;

export const REACTIONS = ["me_too", "thank_you", "sending_strength"] as const;
export const Reaction = z.enum(REACTIONS);
export type Reaction = z.infer<typeof Reaction>;

/** Why a post is flagged; crisis flags go to the top of the moderators' queue. */
export const FLAG_REASONS = ["crisis", "harmful", "harassment", "spam", "off_topic", "other"] as const;
export const FlagReason = z.enum(FLAG_REASONS);
export type FlagReason = z.infer<typeof FlagReason>;

/** 0 new, 1 basic, 2 member: earned by taking part, or set by the organization's admins. */
export const TRUST_LEVELS = [0, 1, 2] as const;
export const TrustLevel = z.union([z.literal(0), z.literal(1), z.literal(2)]);
export type TrustLevel = z.infer<typeof TrustLevel>;

export const POST_LIMITS = {
  titleMax: 150,
  bodyMax: 20_000,
  contentWarningMax: 150,
  noteMax: 2_000,
} as const;

/** Limits for members at trust level 0 (moderators and admins are exempt). */
export const NEW_MEMBER_LIMITS = {
  secondsBetweenPosts: 30,
  secondsBetweenTopics: 120,
  firstDayTopics: 3,
  firstDayReplies: 10,
  linksPerPost: 2,
  mentionsPerPost: 2,
} as const;

/** Everyone else, moderators and admins included, waits this long between posts. */
export const SECONDS_BETWEEN_POSTS = 5;
export const FIRST_DAY_SECONDS = 24 * 60 * 60;

export const FLAG_RULES = {
  /** A post hides itself once the scores of its open flags reach this. */
  hideAtScore: 8.3,
  /** The trust level moderators and admins flag with. */
  staffTrustLevel: 5,
  /** Past this many decided flags, a flagger's accuracy adds up to `accuracyBonusMax`. */
  accuracyAfterFlags: 5,
  accuracyBonusMax: 5,
  /** After flags hide a post, its author may edit it (and so show it again) after this long. */
  authorEditsAfterSeconds: 10 * 60,
  /** A person may flag the same post again this long after their last flag on it was decided. */
  reflagAfterSeconds: 24 * 60 * 60,
} as const;

/** The longest a moderator may mute someone: 90 days. */
export const MUTE_MAX_MINUTES = 90 * 24 * 60;

/** What taking part a member has shown, counted per organization. */
export interface Participation {
  topicsEntered: number;
  postsRead: number;
  readingSeconds: number;
  daysVisited: number;
  reactionsGiven: number;
  reactionsReceived: number;
  threadsRepliedTo: number;
}

/** Discourse's requirements for trust levels 1 and 2; level 0 needs nothing. */
export const TRUST_REQUIREMENTS: Record<1 | 2, Partial<Participation>> = {
  1: { topicsEntered: 5, postsRead: 30, readingSeconds: 10 * 60 },
  2: {
    topicsEntered: 20,
    postsRead: 100,
    readingSeconds: 60 * 60,
    daysVisited: 15,
    reactionsGiven: 1,
    reactionsReceived: 1,
    threadsRepliedTo: 3,
  },
};

function meets(participation: Participation, requirement: Partial<Participation>): boolean {
  return (Object.keys(requirement) as (keyof Participation)[]).every((key) => participation[key] >= requirement[key]!);
}

/** The highest level this participation has earned. */
export function earnedTrustLevel(participation: Participation): TrustLevel {
  if (meets(participation, TRUST_REQUIREMENTS[2])) return 2;
  if (meets(participation, TRUST_REQUIREMENTS[1])) return 1;
  return 0;
}

export interface Flagger {
  trustLevel: TrustLevel;
  isStaff: boolean;
  flagsDecided: number;
  flagsAgreed: number;
}

/** One flag's score: 1 + trust level (staff 5), plus the accuracy bonus of a flagger with a record. */
export function flagScore(flagger: Flagger): number {
  const level = flagger.isStaff ? FLAG_RULES.staffTrustLevel : flagger.trustLevel;
  const bonus =
    flagger.flagsDecided > FLAG_RULES.accuracyAfterFlags ? (flagger.flagsAgreed / flagger.flagsDecided) * FLAG_RULES.accuracyBonusMax : 0;
  return Math.round((1 + level + bonus) * 100) / 100;
}

/** Brand-new members cannot flag yet; everyone else can. */
export function mayFlag(flagger: Pick<Flagger, "trustLevel" | "isStaff">): boolean {
  return flagger.isStaff || flagger.trustLevel >= 1;
}

const LINK = /\bhttps?:\/\/|\bwww\.|\bmailto:/gi;
const MENTION = /(^|[^\w@])@[A-Za-z0-9][A-Za-z0-9._-]{2,29}/g;

export function countLinks(text: string): number {
  return text.match(LINK)?.length ?? 0;
}

export function countMentions(text: string): number {
  return text.match(MENTION)?.length ?? 0;
}

/**
 * The handles a text mentions, without "@", each once. A handle may end in a dot, dash or
 * underscore, so "@nia." also gives "nia": the end of a sentence is not part of the name.
 */
export function mentionedHandles(text: string): string[] {
  const handles = [...text.matchAll(MENTION)].map((match) => match[0].slice(match[0].indexOf("@") + 1));
  return [...new Set(handles.flatMap((handle) => [handle, handle.replace(/[._-]+$/, "")]).filter((handle) => handle.length >= 3))];
}

/** What the limits look at when someone posts. Times are epoch milliseconds. */
export interface PostingRecord {
  isNew: boolean;
  now: number;
  lastPostAt: number | null;
  lastTopicAt: number | null;
  /** When the member's first day ends; null when it has passed. */
  firstDayEndsAt: number | null;
  topicsToday: number;
  repliesToday: number;
}

export type PostingWait =
  | { ok: true }
  | { ok: false; reason: "betweenPosts" | "betweenTopics" | "firstDayTopics" | "firstDayReplies"; waitSeconds: number };

/** Whether a member may post a topic or a reply now, and if not, how long until they may. */
export function postingWait(kind: "topic" | "reply", record: PostingRecord): PostingWait {
  const waitUntil = (at: number) => Math.max(1, Math.ceil((at - record.now) / 1000));
  if (record.isNew && record.firstDayEndsAt !== null && record.firstDayEndsAt > record.now) {
    if (kind === "topic" && record.topicsToday >= NEW_MEMBER_LIMITS.firstDayTopics) {
      return { ok: false, reason: "firstDayTopics", waitSeconds: waitUntil(record.firstDayEndsAt) };
    }
    if (kind === "reply" && record.repliesToday >= NEW_MEMBER_LIMITS.firstDayReplies) {
      return { ok: false, reason: "firstDayReplies", waitSeconds: waitUntil(record.firstDayEndsAt) };
    }
  }
  if (kind === "topic" && record.isNew && record.lastTopicAt !== null) {
    const at = record.lastTopicAt + NEW_MEMBER_LIMITS.secondsBetweenTopics * 1000;
    if (at > record.now) return { ok: false, reason: "betweenTopics", waitSeconds: waitUntil(at) };
  }
  if (record.lastPostAt !== null) {
    const seconds = record.isNew ? NEW_MEMBER_LIMITS.secondsBetweenPosts : SECONDS_BETWEEN_POSTS;
    const at = record.lastPostAt + seconds * 1000;
    if (at > record.now) return { ok: false, reason: "betweenPosts", waitSeconds: waitUntil(at) };
  }
  return { ok: true };
}

// ---------- requests ----------

/** Markdown source, stored as written; only its length is checked. */
const Body = z
  .string()
  .max(POST_LIMITS.bodyMax, `at most ${POST_LIMITS.bodyMax} characters`)
  .refine((s) => s.trim().length > 0, "write something first");
const Title = z.string().trim().min(1, "give the topic a title").max(POST_LIMITS.titleMax, `at most ${POST_LIMITS.titleMax} characters`);
const ContentWarning = z
  .string()
  .trim()
  .max(POST_LIMITS.contentWarningMax, `at most ${POST_LIMITS.contentWarningMax} characters`)
  .nullable()
  .transform((s) => (s ? s : null));
const Note = z.string().trim().min(1, "say a few words").max(POST_LIMITS.noteMax, `at most ${POST_LIMITS.noteMax} characters`);

export const NewThreadRequest = z.object({ title: Title, body: Body, contentWarning: ContentWarning.default(null) });
export const NewReplyRequest = z.object({ body: Body, contentWarning: ContentWarning.default(null) });
/** Only the fields sent change; a title only on the post that opens a topic. */
export const EditPostRequest = z
  .object({ title: Title, body: Body, contentWarning: ContentWarning })
  .partial()
  .refine((edit) => Object.keys(edit).length > 0, "change at least one of title, body or contentWarning");
export type EditPostRequest = z.infer<typeof EditPostRequest>;

export const FlagRequest = z.object({ reason: FlagReason, note: Note.nullable().default(null) });
export const MarkReadRequest = z.object({ postId: Id });
export const PinRequest = z.object({ pinned: z.boolean() });
export const BoardSettingsRequest = z.object({ visibility: BoardVisibility });

export const POST_MODERATION_ACTIONS = ["hide", "restore", "edit"] as const;
/** A moderator's decision on a post: the note goes to its author; `edit` rewrites the post. */
export const PostModerationRequest = z.object({
  action: z.enum(POST_MODERATION_ACTIONS),
  note: Note,
  title: Title.optional(),
  body: Body.optional(),
});
export type PostModerationRequest = z.infer<typeof PostModerationRequest>;

export const MEMBER_MODERATION_ACTIONS = ["warn", "mute", "remove"] as const;
export const MemberModerationRequest = z.object({
  action: z.enum(MEMBER_MODERATION_ACTIONS),
  note: Note,
  /** How long a mute lasts. */
  minutes: z.number().int().min(5, "at least 5 minutes").max(MUTE_MAX_MINUTES, "at most 90 days").optional(),
  /** The post this is about, if any. */
  postId: Id.optional(),
});
export type MemberModerationRequest = z.infer<typeof MemberModerationRequest>;

export const AppealRequest = z.object({ message: Note });
export const APPEAL_OUTCOMES = ["uphold", "overturn"] as const;
export const AppealDecisionRequest = z.object({ outcome: z.enum(APPEAL_OUTCOMES), note: Note });
export const SetTrustRequest = z.object({ level: TrustLevel });

export const PageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

// ---------- answers ----------

/** Who wrote something; null for a former member (or where the viewer may not see who). */
export const BoardAuthor = z.object({ memberId: Id, displayName: z.string() }).nullable();

export const POST_STATES = ["visible", "hidden", "deleted"] as const;
export const PostState = z.enum(POST_STATES);
export type PostState = z.infer<typeof PostState>;

export const ReactionCount = z.object({ kind: Reaction, count: z.number().int(), mine: z.boolean() });

/** Why a post is hidden: shown only to its author and to moderators. */
export const HiddenBecause = z.object({
  byFlags: z.boolean(),
  reason: FlagReason.nullable(),
  note: z.string().nullable(),
  at: z.string(),
});

/**
 * A post as one viewer sees it. Hidden posts are a neutral placeholder (no title, body, author
 * or reactions) to everyone but their author and the moderators; deleted ones are empty.
 * Title and body are Markdown source: clients render them, the API never sends HTML.
 */
export const BoardPost = z.object({
  id: Id,
  threadId: Id,
  groupId: Id,
  title: z.string().nullable(),
  body: z.string().nullable(),
  contentWarning: z.string().nullable(),
  author: BoardAuthor,
  state: PostState,
  hidden: HiddenBecause.nullable(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  reactions: z.array(ReactionCount),
  mine: z.boolean(),
  can: z.object({ edit: z.boolean(), delete: z.boolean(), react: z.boolean(), flag: z.boolean() }),
});

export const BoardThread = z.object({
  id: Id,
  groupId: Id,
  title: z.string().nullable(),
  contentWarning: z.string().nullable(),
  author: BoardAuthor,
  state: PostState,
  pinned: z.boolean(),
  replyCount: z.number().int(),
  createdAt: z.string(),
  lastActivityAt: z.string(),
  /** Replies (or the topic itself) the viewer has not read yet; false for the signed-out. */
  unread: z.boolean(),
});

export const BoardThreadsPage = z.object({
  board: z.object({
    groupId: Id,
    visibility: BoardVisibility,
    can: z.object({ post: z.boolean(), moderate: z.boolean(), changeVisibility: z.boolean() }),
  }),
  /** Pinned topics, on the first page only. */
  pinned: z.array(BoardThread),
  threads: z.array(BoardThread),
  nextCursor: z.string().nullable(),
});

export const BoardThreadDetail = z.object({
  thread: BoardThread,
  opening: BoardPost,
  /** Pass as `cursor` to the replies to start after the last one the viewer read. */
  lastReadCursor: z.string().nullable(),
  can: z.object({ reply: z.boolean(), pin: z.boolean(), moderate: z.boolean() }),
});

export const BoardRepliesPage = z.object({ replies: z.array(BoardPost), nextCursor: z.string().nullable() });
export const ReactionsResponse = z.object({ postId: Id, reactions: z.array(ReactionCount) });
export const FlagResponse = z.object({ postId: Id, reason: FlagReason, status: z.literal("received") });
export const BoardSettings = z.object({ groupId: Id, visibility: BoardVisibility });

export const PostVersion = z.object({
  title: z.string().nullable(),
  body: z.string(),
  contentWarning: z.string().nullable(),
  writtenAt: z.string(),
  replacedAt: z.string(),
  replacedBy: z.enum(["author", "moderator"]),
});
export const PostVersionsResponse = z.object({ versions: z.array(PostVersion) });

export const APPEAL_STATUSES = ["open", "upheld", "overturned"] as const;
export const Appeal = z.object({
  id: Id,
  noticeId: Id,
  groupId: Id,
  postId: Id.nullable(),
  action: z.string(),
  message: z.string(),
  status: z.enum(APPEAL_STATUSES),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  /** False for the moderator whose action is appealed: another moderator or an admin decides. */
  canDecide: z.boolean(),
});
export const AppealDecisionResponse = Appeal;

export const QueueItem = z.object({
  post: BoardPost,
  threadTitle: z.string().nullable(),
  crisis: z.boolean(),
  score: z.number(),
  firstFlaggedAt: z.string(),
  flags: z.array(z.object({ reason: FlagReason, note: z.string().nullable(), createdAt: z.string() })),
});
export const ModerationQueue = z.object({ items: z.array(QueueItem), appeals: z.array(Appeal) });

export const AUDIT_ACTIONS = [
  "post_hidden_by_flags",
  "post_shown_after_edit",
  "post_hidden",
  "post_restored",
  "post_edited",
  "thread_pinned",
  "thread_unpinned",
  "member_warned",
  "member_muted",
  "member_removed",
  "appeal_upheld",
  "appeal_overturned",
  "board_visibility_changed",
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditEntry = z.object({
  id: Id,
  action: AuditAction,
  /** Who acted; null when the flags did it, or the person has since left Kindred. */
  actor: BoardAuthor,
  subject: BoardAuthor,
  postId: Id.nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export const AuditLogPage = z.object({ entries: z.array(AuditEntry), nextCursor: z.string().nullable() });

/** What a notice tells: to an author, what was done and why; to a flagger, what came of the flag. */
export const NOTICE_KINDS = [
  "post_hidden",
  "post_restored",
  "post_edited",
  "warned",
  "muted",
  "removed",
  "flag_outcome",
  "appeal_decided",
] as const;
export const NoticeKind = z.enum(NOTICE_KINDS);
export type NoticeKind = z.infer<typeof NoticeKind>;
/** Notices about a moderator's action on the member's own post or person: these may be appealed. */
export const APPEALABLE_NOTICES: readonly NoticeKind[] = ["post_hidden", "post_edited", "warned", "muted", "removed"];

export const NOTICE_OUTCOMES = ["hidden", "edited", "kept", "upheld", "overturned"] as const;
export const NoticeOutcome = z.enum(NOTICE_OUTCOMES);
export type NoticeOutcome = z.infer<typeof NoticeOutcome>;

export const Notice = z.object({
  id: Id,
  kind: NoticeKind,
  groupId: Id,
  groupName: z.string(),
  postId: Id.nullable(),
  /** For a post hidden by flags, the reason most flaggers gave. */
  reason: FlagReason.nullable(),
  /** The moderator's words. */
  note: z.string().nullable(),
  outcome: NoticeOutcome.nullable(),
  /** When a mute ends. */
  until: z.string().nullable(),
  createdAt: z.string(),
  /** Help for the author: their country's crisis lines and the help page. */
  resources: z
    .object({
      country: z.string().nullable(),
      emergency: z.string().nullable(),
      lines: z.array(z.object({ service: z.string(), how: z.object({ en: z.string(), es: z.string() }) })),
      helpPath: z.string(),
    })
    .nullable(),
  appeal: Appeal.nullable(),
  canAppeal: z.boolean(),
});
export const NoticesResponse = z.object({ notices: z.array(Notice) });

export const TrustResponse = z.object({
  memberId: Id,
  level: TrustLevel,
  setByOrganization: z.boolean(),
  participation: z.object({
    topicsEntered: z.number().int(),
    postsRead: z.number().int(),
    readingSeconds: z.number().int(),
    daysVisited: z.number().int(),
    reactionsGiven: z.number().int(),
    reactionsReceived: z.number().int(),
    threadsRepliedTo: z.number().int(),
  }),
});
