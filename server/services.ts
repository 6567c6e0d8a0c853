import type { Config } from "./config";
import type { Db } from "./db";
import { AccountsRepository } from "./features/accounts/repository";
import { AccountService } from "./features/accounts/service";
import { SessionService } from "./features/accounts/sessions";
import { SignInThrottle } from "./features/accounts/throttle";
import { AdminService } from "./features/admin/service";
import { OrganizationAuditService } from "./features/admin/audit";
import { AdminRepository } from "./features/admin/repository";
import { MessageModerationService } from "./features/buddies/moderation";
import { ModerationService } from "./features/board/moderation";
import { BoardRepository } from "./features/board/repository";
import { BoardService } from "./features/board/service";
import { BlocksService } from "./features/buddies/blocks";
import { BuddiesRepository } from "./features/buddies/repository";
import { BuddiesService } from "./features/buddies/service";
import { CheckInsRepository } from "./features/checkins/repository";
import { CheckInsService } from "./features/checkins/service";
import { TrustService, type Clock } from "./features/board/trust";
import { CrisisService } from "./features/crisis/service";
import { groupPages } from "./features/groups/pages";
import { GroupsRepository } from "./features/groups/repository";
import { GroupsService } from "./features/groups/service";
import { HealthService } from "./features/health/service";
import { meetingPages } from "./features/meetings/pages";
import { MeetingsRepository } from "./features/meetings/repository";
import { MeetingsService } from "./features/meetings/service";
import { MilestonesRepository } from "./features/milestones/repository";
import { MilestonesService } from "./features/milestones/service";
import { smtpMailer } from "./features/notifications/mailer";
import { NotificationsRepository } from "./features/notifications/repository";
import { NotificationsService } from "./features/notifications/service";
import { OrganizationRepository } from "./features/organization/repository";
import { OrganizationService } from "./features/organization/service";
import { SetupRepository } from "./features/setup/repository";
import { SetupService } from "./features/setup/service";
import { WebService } from "./features/web/service";
import { FormatsRepository } from "./features/formats/repository";
import { FormatsService } from "./features/formats/service";
import { roomBusFor } from "./features/live/bus";
import { LiveRepository } from "./features/live/repository";
import { LiveService } from "./features/live/service";
import { LiveMemberData } from "./features/live/members";
import { livePages } from "./features/live/pages";

export interface ServiceDeps {
  db: Db;
  config: Config;
  /** What time it is (tests set it, so the board's limits need no waiting). */
  clock?: Clock;
}

/** The composition of every feature's service; features reach each other only through these. */
export function createServices(deps: ServiceDeps) {
  const organization = new OrganizationService(new OrganizationRepository(deps.db));
  const groups = new GroupsService(new GroupsRepository(deps.db), organization);
  const clock = deps.clock ?? (() => new Date());
  const meetings = new MeetingsService(new MeetingsRepository(deps.db), groups, organization, clock, { exportsAtOnce: deps.config.scheduleExportsAtOnce });
  // A group listed or not, renamed or refocused changes the directory's results: its cache is emptied.
  groups.onGroupChanged((change) => meetings.groupChanged(change));
  const buddiesRepository = new BuddiesRepository(deps.db);
  const blocks = new BlocksService(buddiesRepository, clock);
  const { smtpUrl, publicUrl } = deps.config;
  const mailer = smtpUrl ? smtpMailer(smtpUrl, publicUrl) : null;
  const notifications = new NotificationsService(new NotificationsRepository(deps.db), groups, meetings, blocks, mailer, publicUrl, clock);
  const boardRepository = new BoardRepository(deps.db);
  const trust = new TrustService(boardRepository, organization, clock);
  const board = new BoardService(boardRepository, groups, trust, clock, notifications, blocks);
  const buddies = new BuddiesService(buddiesRepository, blocks, groups, trust, organization, notifications, clock);
  const checkIns = new CheckInsService(new CheckInsRepository(deps.db), groups, clock);
  const milestones = new MilestonesService(new MilestonesRepository(deps.db), groups, clock);
  const accountsRepository = new AccountsRepository(deps.db);
  const sessions = new SessionService(accountsRepository, organization);
  const throttle = new SignInThrottle(accountsRepository, deps.config.sessionSecret);
  // A member's live attendance and slips: in their export, and gone (with their traces in rooms) when they delete their account.
  const liveMembers = new LiveMemberData({ repository: new LiveRepository(deps.db), sessionSecret: deps.config.sessionSecret, publicUrl, now: clock });
  const accounts = new AccountService(accountsRepository, sessions, throttle, organization, groups, board, {
    boardPosts: (memberId) => board.exportFor(memberId),
    checkIns: (memberId) => checkIns.exportFor(memberId),
    milestones: (memberId) => milestones.exportFor(memberId),
    buddies: (memberId) => buddies.exportBuddies(memberId),
    messages: (memberId) => buddies.exportMessages(memberId),
    notificationSettings: (memberId) => notifications.exportFor(memberId),
    liveAttendance: (memberId) => liveMembers.exportFor(memberId),
  });
  accounts.forgetAlso(liveMembers);
  const crisis = new CrisisService();
  // Meeting formats (live meetings follow them: formats.formatForMeeting).
  const formats = new FormatsService(new FormatsRepository(deps.db), groups, meetings, clock);
  return {
    health: new HealthService(deps.db),
    organization,
    groups,
    meetings,
    sessions,
    accounts,
    setup: new SetupService(new SetupRepository(deps.db), accounts, sessions),
    admin: new AdminService(accounts, organization, groups),
    crisis,
    board,
    moderation: new ModerationService(boardRepository, board, groups, trust, crisis, clock),
    trust,
    checkIns,
    milestones,
    buddies,
    blocks,
    notifications,
    formats,
    messageModeration: new MessageModerationService(buddiesRepository, trust, organization, clock),
    organizationAudit: new OrganizationAuditService(new AdminRepository(deps.db), organization),
    // Live meeting rooms; the bus is Redis when REDIS_URL is set (it connects only when a room is served).
    live: new LiveService({
      repository: new LiveRepository(deps.db),
      meetings,
      groups,
      bus: roomBusFor(deps.config),
      sessionSecret: deps.config.sessionSecret,
      publicUrl,
      now: clock,
      formatFor: async (meetingId) => (await formats.formatForMeeting(meetingId))?.format ?? null,
      // A report of a participant also tells the group's moderators (never who, nor the words).
      reports: notifications,
    }),
    // Public pages' data, by name (core/page-data.ts): each feature loads its own.
    web: new WebService(organization, crisis, { ...groupPages(groups), ...meetingPages(meetings, deps.config.publicUrl), ...livePages(liveMembers) }),
  };
}

export type Services = ReturnType<typeof createServices>;
