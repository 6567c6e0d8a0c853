/**
 * Support between meetings: private check-ins, milestones, buddies with their direct messages,
 * and notifications. The shape of every request and answer, and the milestone rules as pure
 * functions, so that server and web agree.
 */
import { z } from "zod";
import { FlagReason, TrustLevel } from "./board";
import { LocalDate } from "./meetings/schedule";

const Id = z.uuid();
/** Who someone is to another member: never more than the name they chose to show. */
const Person = z.object({ memberId: Id, displayName: z.string() });
const Group = z.object({ groupId: Id, groupName: z.string() });

// ---------- dates ----------

const DAY_MS = 24 * 60 * 60 * 1000;

function toDay(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDay(toDay(date) + days);
}

/** The same day of the month `months` later; a day the month lacks becomes its last (Jan 31 -> Feb 28 or 29). */
export function addMonths(date: string, months: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(Number(date.slice(8, 10)), lastDay))).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return toDay(to) - toDay(from);
}

/** Today's date in UTC. */
export function utcDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * The member's today: the browser sends the member's own date, so their day starts at their
 * midnight. A date that is not today anywhere on Earth now (UTC-12 to UTC+14) gives null; no
 * date gives UTC's.
 */
export function memberToday(requested: string | undefined, now: Date): string | null {
  if (requested === undefined) return utcDate(now);
  const offset = daysBetween(utcDate(now), requested);
  return offset >= -1 && offset <= 1 ? requested : null;
}

// ---------- check-ins ----------

export const MOODS = [1, 2, 3, 4, 5] as const;
export const CHART_DAYS = 90;
export const CHECK_IN_NOTE_MAX = 1_000;

const Mood = z.number().int("a whole number from 1 to 5").min(1, "from 1 to 5").max(5, "from 1 to 5");
const CheckInNote = z
  .string()
  .trim()
  .max(CHECK_IN_NOTE_MAX, `at most ${CHECK_IN_NOTE_MAX} characters`)
  .nullable()
  .transform((s) => (s ? s : null));

/** The day's check-in, written again as often as the member likes that day. */
export const CheckInRequest = z.object({ mood: Mood, note: CheckInNote.default(null) });
export const ShareCheckInRequest = z.object({ groupId: Id });
export const CheckInDateParams = z.object({ date: LocalDate });
export const CheckInsQuery = z.object({ before: LocalDate.optional() });
/** `today` is the member's own date (their browser's); it defaults to the date in UTC. */
export const TodayQuery = z.object({ today: LocalDate.optional() });

export const CheckIn = z.object({
  id: Id,
  date: LocalDate,
  mood: z.number().int(),
  note: z.string().nullable(),
  /** The one group it is shared with; null while it is private (the default). */
  sharedWith: Group.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const CheckInsPage = z.object({ checkIns: z.array(CheckIn), nextBefore: LocalDate.nullable() });
/** One point per day, oldest first; `mood` is null on days without a check-in. */
export const MoodChart = z.object({
  from: LocalDate,
  to: LocalDate,
  points: z.array(z.object({ date: LocalDate, mood: z.number().int().nullable() })),
});
/** A check-in a member shared with the group, as the group's members see it. */
export const SharedCheckIn = z.object({
  id: Id,
  date: LocalDate,
  mood: z.number().int(),
  note: z.string().nullable(),
  author: Person,
  sharedAt: z.string(),
});
export const SharedCheckInsResponse = z.object({ checkIns: z.array(SharedCheckIn) });

// ---------- milestones ----------

/** "Sober since", "clean since", or the member's own words ("smoke-free since"). */
export const MILESTONE_LABELS = ["sober", "clean", "own_words"] as const;
export const MilestoneLabel = z.enum(MILESTONE_LABELS);
export type MilestoneLabel = z.infer<typeof MilestoneLabel>;
export const MILESTONE_WORDS_MAX = 60;
/** A member shares a milestone with at most this many of their groups. */
export const CELEBRATE_IN_MAX = 20;

export const MARK_UNITS = ["hours", "days", "months", "years"] as const;
export type MarkUnit = (typeof MARK_UNITS)[number];

export interface Mark {
  unit: MarkUnit;
  count: number;
  /** The date the mark is reached. */
  date: string;
}

/** 24 hours, 30, 60 and 90 days, 6 and 9 months; then every year. */
const FIRST_MARKS: readonly Omit<Mark, "date">[] = [
  { unit: "hours", count: 24 },
  { unit: "days", count: 30 },
  { unit: "days", count: 60 },
  { unit: "days", count: 90 },
  { unit: "months", count: 6 },
  { unit: "months", count: 9 },
];

function reachedOn(since: string, mark: Omit<Mark, "date">): string {
  switch (mark.unit) {
    case "hours":
      return addDays(since, mark.count / 24);
    case "days":
      return addDays(since, mark.count);
    case "months":
      return addMonths(since, mark.count);
    case "years":
      return addMonths(since, 12 * mark.count);
  }
}

/** Every mark in order, each with the date it is reached. */
export function* marksOf(since: string): Generator<Mark> {
  for (const mark of FIRST_MARKS) yield { ...mark, date: reachedOn(since, mark) };
  for (let years = 1; ; years++) yield { unit: "years", count: years, date: reachedOn(since, { unit: "years", count: years }) };
}

/** The marks reached by `today`, in order. */
export function marksReached(since: string, today: string): Mark[] {
  const reached: Mark[] = [];
  for (const mark of marksOf(since)) {
    if (mark.date > today) break;
    reached.push(mark);
  }
  return reached;
}

/** The first mark after `today`. */
export function nextMark(since: string, today: string): Mark {
  for (const mark of marksOf(since)) if (mark.date > today) return mark;
  throw new Error("unreachable: the marks go on every year");
}

/** The mark reached on `date` exactly, if any. */
export function markOn(since: string, date: string): Mark | null {
  return marksReached(since, date).find((mark) => mark.date === date) ?? null;
}

const MilestoneWords = z.string().trim().min(1, "say it in a few words").max(MILESTONE_WORDS_MAX, `at most ${MILESTONE_WORDS_MAX} characters`);
const CelebrateIn = z
  .array(Id)
  .max(CELEBRATE_IN_MAX, `at most ${CELEBRATE_IN_MAX} groups`)
  .transform((ids) => [...new Set(ids)]);

const withWordsWhenOwn = <T extends { label?: MilestoneLabel; words?: string | null }>(milestone: T, ctx: z.RefinementCtx) => {
  if (milestone.label === "own_words" && !milestone.words) ctx.addIssue({ code: "custom", path: ["words"], message: "say it in your own words" });
};

export const NewMilestoneRequest = z
  .object({
    label: MilestoneLabel,
    /** With `own_words`: what the member counts ("smoke-free"); ignored otherwise. */
    words: MilestoneWords.nullable().default(null),
    since: LocalDate,
    /** The groups that celebrate its marks with the member; none (private) by default. */
    celebrateIn: CelebrateIn.default([]),
  })
  .superRefine(withWordsWhenOwn);
export type NewMilestoneRequest = z.infer<typeof NewMilestoneRequest>;
/** Only the fields sent change; the date changes only through the quiet reset. */
export const UpdateMilestoneRequest = z
  .object({ label: MilestoneLabel, words: MilestoneWords.nullable(), celebrateIn: CelebrateIn })
  .partial()
  .superRefine(withWordsWhenOwn)
  .refine((changes) => Object.keys(changes).length > 0, "change at least one of label, words or celebrateIn");
export type UpdateMilestoneRequest = z.infer<typeof UpdateMilestoneRequest>;
/** Starting again: the new date, nothing else; no comment and no history is kept. */
export const ResetMilestoneRequest = z.object({ since: LocalDate });

export const MilestoneMark = z.object({ unit: z.enum(MARK_UNITS), count: z.number().int(), date: LocalDate });
export const Milestone = z.object({
  id: Id,
  label: MilestoneLabel,
  words: z.string().nullable(),
  since: LocalDate,
  celebrateIn: z.array(Group),
  /** Counted to `today` (the query's, or UTC's). */
  days: z.number().int(),
  reached: z.array(MilestoneMark),
  next: MilestoneMark,
  createdAt: z.string(),
});
export const MilestonesResponse = z.object({ today: LocalDate, milestones: z.array(Milestone) });
/** Marks the group's members reach on one day, from milestones they chose to celebrate with it. */
export const Celebration = z.object({
  milestoneId: Id,
  member: Person,
  label: MilestoneLabel,
  words: z.string().nullable(),
  mark: MilestoneMark,
});
export const CelebrationsResponse = z.object({ date: LocalDate, celebrations: z.array(Celebration) });

// ---------- buddies and direct messages ----------

/** What the member asks the other to be for them. */
export const BUDDY_ROLES = ["buddy", "sponsor"] as const;
export const BuddyRole = z.enum(BUDDY_ROLES);
export type BuddyRole = z.infer<typeof BuddyRole>;
export const BUDDY_STATUSES = ["pending", "active"] as const;
export type BuddyStatus = (typeof BUDDY_STATUSES)[number];
export const MESSAGE_MAX = 5_000;

export const BuddyRequest = z.object({ handle: z.string().trim().min(1, "whose handle?").max(30), role: BuddyRole.default("buddy") });
export const Buddy = z.object({
  id: Id,
  role: BuddyRole,
  status: z.enum(BUDDY_STATUSES),
  /** "asked": the member asked the other; "askedMe": the other asked the member. */
  direction: z.enum(["asked", "askedMe"]),
  other: Person,
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
});
export const BuddiesResponse = z.object({ buddies: z.array(Buddy) });

export const NewMessageRequest = z.object({
  body: z
    .string()
    .max(MESSAGE_MAX, `at most ${MESSAGE_MAX} characters`)
    .refine((s) => s.trim().length > 0, "write something first"),
});
export const MessagesQuery = z.object({ before: Id.optional() });
export const DirectMessage = z.object({
  id: Id,
  buddyId: Id,
  mine: z.boolean(),
  /** Empty while the message is hidden for the viewer. */
  body: z.string(),
  createdAt: z.string(),
  /** Flags or an organization admin hid it from its recipient (the sender still sees it). */
  hidden: z.boolean(),
});
/** Newest first; `nextBefore` fetches older ones. */
export const MessagesPage = z.object({ messages: z.array(DirectMessage), nextBefore: Id.nullable() });

export const BlockedPerson = Person.extend({ blockedAt: z.string() });
export const BlocksResponse = z.object({ blocked: z.array(BlockedPerson) });

// ---------- notifications ----------

/** live_report: someone reported a participant in a live meeting of a group I moderate (never who, nor what was said). */
export const NOTIFICATION_KINDS = ["reply", "reaction", "mention", "buddy_request", "meeting_soon", "message", "live_report"] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

export interface NotificationChannels {
  inApp: boolean;
  email: boolean;
}

/**
 * Until the member chooses: in the app, yes; by email, no (an email may be read by others);
 * meeting reminders only for those who ask for them.
 */
export const DEFAULT_NOTIFICATION_SETTINGS: Record<NotificationKind, NotificationChannels> = {
  reply: { inApp: true, email: false },
  reaction: { inApp: true, email: false },
  mention: { inApp: true, email: false },
  buddy_request: { inApp: true, email: false },
  meeting_soon: { inApp: false, email: false },
  message: { inApp: true, email: false },
  live_report: { inApp: true, email: false },
};

/** Reminders go out for meetings starting within this many minutes. */
export const MEETING_SOON_MINUTES = 60;

export const Notification = z.object({
  id: Id,
  kind: NotificationKind,
  group: Group.nullable(),
  /** Who did it; null for reminders, and for someone who has since left Kindred. */
  from: Person.nullable(),
  threadId: Id.nullable(),
  postId: Id.nullable(),
  buddyId: Id.nullable(),
  meetingId: Id.nullable(),
  startsAt: z.string().nullable(),
  /** The meeting's name, where the notification is about a meeting (live_report). */
  meetingName: z.string().nullable().optional(),
  read: z.boolean(),
  createdAt: z.string(),
});
export const NotificationsQuery = z.object({ before: Id.optional() });
export const NotificationsPage = z.object({ notifications: z.array(Notification), nextBefore: Id.nullable() });
export const UnreadCount = z.object({ unread: z.number().int() });

export const NotificationSetting = z.object({ kind: NotificationKind, inApp: z.boolean(), email: z.boolean() });
export const NotificationSettings = z.object({
  settings: z.array(NotificationSetting),
  /** Whether email can reach the member: they gave an address and this server sends email. */
  emailAvailable: z.boolean(),
});
export const UpdateNotificationSettingsRequest = z.object({
  settings: z
    .array(z.object({ kind: NotificationKind, inApp: z.boolean().optional(), email: z.boolean().optional() }))
    .min(1, "change at least one kind")
    .max(NOTIFICATION_KINDS.length),
});
export type UpdateNotificationSettingsRequest = z.infer<typeof UpdateNotificationSettingsRequest>;

// ---------- in the member's data export ----------

export const ExportedMilestone = Milestone.pick({ id: true, label: true, words: true, since: true, celebrateIn: true, createdAt: true });
export const ExportedMessage = z.object({
  buddyId: Id,
  /** The other person in the conversation. */
  with: Person,
  sentByMe: z.boolean(),
  body: z.string(),
  createdAt: z.string(),
});

// ---------- limits on reaching out ----------

/** New and basic members (trust 0 and 1) ask at most this many people a day to be their buddy. */
export const BUDDY_REQUEST_LIMITS = { perDay: 5, exemptFromTrustLevel: 2 } as const;

// ---------- flagged direct messages (reviewed by the organization's admins) ----------

/** A recipient flags a message, for the same reasons as a post. */
export const MessageFlagRequest = z.object({
  reason: FlagReason,
  note: z.string().trim().min(1, "say a few words").max(2_000, "at most 2000 characters").nullable().default(null),
});
export const MessageFlagResponse = z.object({ messageId: Id, reason: FlagReason, status: z.literal("received") });

/**
 * A flagged message as the organization's admins see it: the message alone, never the
 * conversation around it, and not who flagged it.
 */
export const FlaggedMessage = z.object({
  id: Id,
  body: z.string(),
  /** Null once the sender has left Kindred. */
  sender: Person.nullable(),
  sentAt: z.string(),
  hidden: z.boolean(),
  crisis: z.boolean(),
  score: z.number(),
  firstFlaggedAt: z.string(),
  flags: z.array(z.object({ reason: FlagReason, note: z.string().nullable(), createdAt: z.string() })),
});
export const FlaggedMessagesResponse = z.object({ items: z.array(FlaggedMessage) });
export const MESSAGE_MODERATION_ACTIONS = ["hide", "restore"] as const;
export const MessageModerationRequest = z.object({
  action: z.enum(MESSAGE_MODERATION_ACTIONS),
  note: z.string().trim().min(1, "say a few words").max(2_000, "at most 2000 characters"),
});
export type MessageModerationRequest = z.infer<typeof MessageModerationRequest>;
export const MessageModerationResponse = z.object({ messageId: Id, hidden: z.boolean() });

// ---------- the organization's audit log ----------

export const ORGANIZATION_AUDIT_ACTIONS = ["trust_set", "message_hidden_by_flags", "message_hidden", "message_restored"] as const;
export const OrganizationAuditAction = z.enum(ORGANIZATION_AUDIT_ACTIONS);
export type OrganizationAuditAction = z.infer<typeof OrganizationAuditAction>;
export const OrganizationAuditEntry = z.object({
  id: Id,
  action: OrganizationAuditAction,
  /** Who acted; null when flags did it, or the person has since left Kindred. */
  actor: Person.nullable(),
  subject: Person.nullable(),
  messageId: Id.nullable(),
  note: z.string().nullable(),
  /** For trust_set: the level before (null: never set) and after. */
  trust: z.object({ from: TrustLevel, to: TrustLevel }).nullable(),
  createdAt: z.string(),
});
export const OrganizationAuditPage = z.object({ entries: z.array(OrganizationAuditEntry), nextCursor: z.string().nullable() });
export const OrganizationAuditQuery = z.object({ cursor: z.string().max(200).optional() });
