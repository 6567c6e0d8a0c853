/**
 * Table types for Kysely. Times are ISO-8601 UTC strings on both dialects (sortable as text);
 * booleans are 0/1 integers; small lists are JSON text. See docs/ARCHITECTURE.md.
 */
import type { Generated } from "kysely";

export interface OrganizationsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface MembersTable {
  id: string;
  handle: string;
  handle_normalized: string;
  display_name: string;
  password_hash: string;
  email: string | null;
  language: string;
  country: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrganizationAdminsTable {
  organization_id: string;
  member_id: string;
  granted_at: string;
}

export interface SessionsTable {
  id: string;
  member_id: string;
  token_hash: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface RecoveryCodesTable {
  id: string;
  member_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface SignInThrottleTable {
  /** "handle:<normalized handle>" or "address:<keyed hash of the address>": never a raw IP. */
  key: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

export interface GroupsTable {
  id: string;
  organization_id: string;
  name: string;
  description: string;
  focus_areas: string; // JSON array of FocusArea
  other_focus: string | null;
  languages: string; // JSON array of language codes
  who_for: string;
  visibility: string;
  membership_policy: string;
  guidelines: string;
  guidelines_version: number;
  created_at: string;
  updated_at: string;
  /** Who reads the group's board: "members" (the default) or "public" (added by 0003_board). */
  board_visibility: Generated<string>;
}

export interface MembershipsTable {
  group_id: string;
  member_id: string;
  status: string;
  created_at: string;
  joined_at: string | null;
}

export interface ServicePositionsTable {
  group_id: string;
  member_id: string;
  position: string;
  assigned_at: string;
}

export interface GuidelineAcceptancesTable {
  group_id: string;
  member_id: string;
  version: number;
  accepted_at: string;
}

/** A meeting's details; `attendance`, `words` and `irregular` are kept for the directory's search. */
export interface MeetingsTable {
  id: string;
  organization_id: string;
  group_id: string;
  slug: string;
  name: string;
  repeats: string; // JSON: the schedule's Repeats
  start_time: string;
  end_time: string | null;
  time_zone: string;
  starts_on: string | null;
  access: string | null;
  temporarily_closed: number;
  types: string; // JSON array of type codes
  languages: string; // JSON array of language codes
  venue_name: string | null;
  venue_address: string | null;
  latitude: number | null;
  longitude: number | null;
  approximate: number;
  venue_notes: string | null;
  online_url: string | null;
  online_url_notes: string | null;
  online_phone: string | null;
  online_phone_notes: string | null;
  regions: string; // JSON array
  notes: string | null;
  venmo: string | null;
  square: string | null;
  paypal: string | null;
  homegroup_online: string | null;
  attendance: string;
  words: string;
  /** 1 when the next start may be more than a week away: not weekly, changed occurrences, or a start date. */
  irregular: number;
  created_at: string;
  updated_at: string;
}

export interface MeetingDaysTable {
  meeting_id: string;
  time_zone: string;
  /** Local minute of the week in the meeting's zone: weekday (Sunday = 0) * 1440 + minutes since midnight. */
  week_minute: number;
  length_minutes: number;
  /** The start as a minute of a UTC week read with the zone's base offset (meeting_zones.base_offset): (week_minute - base_offset) mod 10080. */
  utc_minute: number;
  /** The meeting's attendance, group and position, copied for the search's index (meeting_days_utc). */
  attendance: string;
  group_id: string;
  latitude: number | null;
  longitude: number | null;
}

export interface MeetingExceptionsTable {
  meeting_id: string;
  date: string;
  change: string;
  moved_to_date: string | null;
  moved_to_start: string | null;
  moved_start_at: string | null;
}

export interface MeetingTypesTable {
  meeting_id: string;
  code: string;
}

export interface MeetingLanguagesTable {
  meeting_id: string;
  language: string;
}

export interface MeetingWordsTable {
  meeting_id: string;
  word: string;
}

export interface MeetingZonesTable {
  time_zone: string;
  /** A fixed offset for the zone (its standard offset when it first appeared): what meeting_days.utc_minute is read with. */
  base_offset: number;
}

export interface MeetingCorrectionsTable {
  id: string;
  meeting_id: string;
  group_id: string;
  message: string;
  created_at: string;
  handled_at: string | null;
}

export interface BoardThreadsTable {
  id: string;
  group_id: string;
  pinned: number;
  pinned_at: string | null;
  reply_count: number;
  created_at: string;
  last_activity_at: string;
}

export interface BoardPostsTable {
  id: string;
  thread_id: string;
  group_id: string;
  /** Null once the author left Kindred and kept their posts ("former member"). */
  author_id: string | null;
  /** The topic's title, on the post that opens it. */
  title: string | null;
  body: string;
  content_warning: string | null;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  hidden_at: string | null;
  hidden_by_flags: number;
  hidden_reason: string | null;
  hidden_note: string | null;
}

export interface BoardPostVersionsTable {
  id: string;
  post_id: string;
  title: string | null;
  body: string;
  content_warning: string | null;
  written_at: string;
  replaced_at: string;
  replaced_by: string;
}

export interface BoardReactionsTable {
  post_id: string;
  member_id: string;
  kind: string;
  created_at: string;
}

export interface BoardReadsTable {
  member_id: string;
  thread_id: string;
  read_to_at: string;
  read_to_id: string;
  updated_at: string;
}

export interface BoardFlagsTable {
  id: string;
  post_id: string;
  group_id: string;
  flagger_id: string | null;
  reason: string;
  note: string | null;
  score_hundredths: number;
  status: string;
  created_at: string;
  decided_at: string | null;
}

export interface BoardTrustTable {
  organization_id: string;
  member_id: string;
  level: number;
  set_by_organization: number;
  topics_entered: number;
  posts_read: number;
  reading_seconds: number;
  days_visited: number;
  last_visit_day: string | null;
  last_read_at: string | null;
  reactions_given: number;
  reactions_received: number;
  threads_replied_to: number;
  flags_decided: number;
  flags_agreed: number;
  updated_at: string;
}

export interface BoardMutesTable {
  group_id: string;
  member_id: string;
  until: string;
  created_at: string;
}

export interface BoardAuditTable {
  id: string;
  group_id: string;
  action: string;
  actor_id: string | null;
  subject_id: string | null;
  post_id: string | null;
  note: string | null;
  details: string | null;
  created_at: string;
}

export interface BoardNoticesTable {
  id: string;
  member_id: string;
  group_id: string;
  audit_id: string | null;
  kind: string;
  post_id: string | null;
  reason: string | null;
  note: string | null;
  outcome: string | null;
  until: string | null;
  created_at: string;
}

export interface BoardAppealsTable {
  id: string;
  notice_id: string;
  group_id: string;
  member_id: string;
  message: string;
  status: string;
  decided_by: string | null;
  decision_note: string | null;
  created_at: string;
  decided_at: string | null;
}

export interface CheckInsTable {
  id: string;
  member_id: string;
  /** The member's own date, YYYY-MM-DD: one check-in per day. */
  date: string;
  mood: number;
  note: string | null;
  shared_group_id: string | null;
  shared_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MilestonesTable {
  id: string;
  member_id: string;
  label: string;
  words: string | null;
  since: string;
  created_at: string;
}

export interface MilestoneCelebrationsTable {
  milestone_id: string;
  group_id: string;
}

export interface BuddyshipsTable {
  id: string;
  /** The two member ids in order, joined by ":": one buddyship per pair. */
  pair_key: string;
  requester_id: string;
  recipient_id: string;
  role: string;
  status: string;
  created_at: string;
  accepted_at: string | null;
}

export interface DirectMessagesTable {
  id: string;
  buddyship_id: string;
  sender_id: string;
  body: string;
  created_at: string;
  /** 0006: hidden from the recipient by flags or an organization admin. */
  hidden_at: string | null;
  hidden_by_flags: Generated<number>;
}

export interface BlocksTable {
  blocker_id: string;
  blocked_id: string;
  created_at: string;
}

export interface NotificationsTable {
  id: string;
  member_id: string;
  kind: string;
  group_id: string | null;
  actor_id: string | null;
  thread_id: string | null;
  post_id: string | null;
  buddyship_id: string | null;
  meeting_id: string | null;
  starts_at: string | null;
  dedupe_key: string | null;
  /** 0 when the member asked only for email: the row remembers that it was sent. */
  in_app: number;
  created_at: string;
  read_at: string | null;
}

export interface NotificationSettingsTable {
  member_id: string;
  kind: string;
  in_app: number;
  email: number;
  updated_at: string;
}

/** 0006: a recipient's flag on a direct message. */
export interface MessageFlagsTable {
  id: string;
  message_id: string;
  flagger_id: string | null;
  reason: string;
  note: string | null;
  score_hundredths: number;
  status: string;
  created_at: string;
  decided_at: string | null;
}

/** 0006: the organization's audit log (trust set by hand, decisions on flagged messages). */
export interface OrganizationAuditTable {
  id: string;
  organization_id: string;
  action: string;
  actor_id: string | null;
  subject_id: string | null;
  message_id: string | null;
  note: string | null;
  details: string | null;
  created_at: string;
}

/** 0006: when a member asked someone to be their buddy (for the daily limit). */
export interface BuddyRequestsSentTable {
  id: string;
  requester_id: string;
  created_at: string;
}

/** 0006: a row per member and limited action, locked while a limit is checked and the action written. */
export interface MemberGuardsTable {
  member_id: string;
  kind: string;
  touched_at: string;
}

/** Live meetings (0008_live_rooms): one room per meeting occurrence; see the migration. */
export interface LiveRoomsTable {
  id: string;
  meeting_id: string | null;
  group_id: string | null;
  meeting_name: string;
  occurrence_date: string;
  occurrence_start: string;
  occurrence_end: string;
  opens_at: string;
  /** JSON: the room's RoomConfig (core/live/room.ts). */
  config: string;
  status: string;
  last_seq: Generated<number>;
  chair_name: string | null;
  created_at: string;
  ended_at: string | null;
  purge_after: string | null;
}

export interface LiveEventsTable {
  room_id: string;
  seq: number;
  type: string;
  /** JSON: the RoomEvent. */
  body: string;
  at: string;
}

export interface LiveAttendanceTable {
  /** Also the person's participant id in the room. */
  id: string;
  room_id: string;
  member_id: string;
  joined_at: string;
  left_at: string | null;
  present_since: string | null;
  seconds_present: Generated<number>;
}

export interface LiveSettingsTable {
  group_id: string;
  observers_allowed: number;
  waiting_room: number;
  retention: string;
  updated_at: string;
}

/** A group's meeting format (0007_live_formats); its words are in format_versions. */
export interface FormatsTable {
  id: string;
  group_id: string;
  template_id: string | null;
  current_version: number;
  created_at: string;
  updated_at: string;
}

/** Every version of a format, kept: `body` is the Format (core/live/formats.ts) as JSON. */
export interface FormatVersionsTable {
  format_id: string;
  version: number;
  name: string;
  body: string;
  created_at: string;
}

/** The format a meeting names. */
export interface MeetingFormatsTable {
  meeting_id: string;
  format_id: string;
  assigned_at: string;
}

export interface Database {
  organizations: OrganizationsTable;
  members: MembersTable;
  organization_admins: OrganizationAdminsTable;
  sessions: SessionsTable;
  recovery_codes: RecoveryCodesTable;
  sign_in_throttle: SignInThrottleTable;
  groups: GroupsTable;
  memberships: MembershipsTable;
  service_positions: ServicePositionsTable;
  guideline_acceptances: GuidelineAcceptancesTable;
  meetings: MeetingsTable;
  meeting_days: MeetingDaysTable;
  meeting_exceptions: MeetingExceptionsTable;
  meeting_types: MeetingTypesTable;
  meeting_languages: MeetingLanguagesTable;
  meeting_words: MeetingWordsTable;
  meeting_zones: MeetingZonesTable;
  meeting_corrections: MeetingCorrectionsTable;
  board_threads: BoardThreadsTable;
  board_posts: BoardPostsTable;
  board_post_versions: BoardPostVersionsTable;
  board_reactions: BoardReactionsTable;
  board_reads: BoardReadsTable;
  board_flags: BoardFlagsTable;
  board_trust: BoardTrustTable;
  board_mutes: BoardMutesTable;
  board_audit: BoardAuditTable;
  board_notices: BoardNoticesTable;
  board_appeals: BoardAppealsTable;
  check_ins: CheckInsTable;
  milestones: MilestonesTable;
  milestone_celebrations: MilestoneCelebrationsTable;
  buddyships: BuddyshipsTable;
  direct_messages: DirectMessagesTable;
  blocks: BlocksTable;
  notifications: NotificationsTable;
  notification_settings: NotificationSettingsTable;
  live_rooms: LiveRoomsTable;
  live_events: LiveEventsTable;
  live_attendance: LiveAttendanceTable;
  live_settings: LiveSettingsTable;
  message_flags: MessageFlagsTable;
  organization_audit: OrganizationAuditTable;
  buddy_requests_sent: BuddyRequestsSentTable;
  member_guards: MemberGuardsTable;
  formats: FormatsTable;
  format_versions: FormatVersionsTable;
  meeting_formats: MeetingFormatsTable;
  kept_reports: KeptReportsTable;
}

/** 0009: an open flag and the flagged message, kept after its conversation was deleted. */
export interface KeptReportsTable {
  id: string;
  message_id: string;
  sender_id: string;
  body: string;
  sent_at: string;
  hidden_at: string | null;
  flagger_id: string | null;
  reason: string;
  note: string | null;
  score_hundredths: number;
  created_at: string;
  kept_at: string;
}

export type { Generated };
