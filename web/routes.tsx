/**
 * Every page of the web app. Paths are React Router patterns; one tree renders them on the
 * server and in the browser. Add a page by adding a line here (keep the groups and admin lines
 * together; engineer C2 owns those pages in web/features/groups and web/features/admin).
 *
 * Budget (docs/PERFORMANCE.md): the home page and the list of groups ship at most 100 KiB of
 * gzipped JavaScript. Import only those pages directly; load every other page with lazyPage
 * (lib/lazy-page.tsx), so it arrives in its own file when someone goes there.
 */
import type { ReactElement } from "react";
import type { PageDataName } from "../core/page-data";
import { GroupsPage } from "./features/groups/GroupsPage";
import { lazyPage } from "./lib/lazy-page";
import { HomePage } from "./pages/HomePage";
import { NotFoundPage } from "./pages/NotFoundPage";

const HelpPage = lazyPage(() => import("./pages/HelpPage"), (m) => m.HelpPage);
const SetupPage = lazyPage(() => import("./pages/SetupPage"), (m) => m.SetupPage);
const SignUpPage = lazyPage(() => import("./pages/SignUpPage"), (m) => m.SignUpPage);
const SignInPage = lazyPage(() => import("./pages/SignInPage"), (m) => m.SignInPage);
const RecoverPage = lazyPage(() => import("./pages/RecoverPage"), (m) => m.RecoverPage);
const SettingsPage = lazyPage(() => import("./pages/SettingsPage"), (m) => m.SettingsPage);
const GroupPage = lazyPage(() => import("./features/groups/GroupPage"), (m) => m.GroupPage);
const NewGroupPage = lazyPage(() => import("./features/groups/GroupFormPages"), (m) => m.NewGroupPage);
const EditGroupPage = lazyPage(() => import("./features/groups/GroupFormPages"), (m) => m.EditGroupPage);
const AdminPage = lazyPage(() => import("./features/admin/AdminPage"), (m) => m.AdminPage);
// the meeting directory (engineer H: web/features/directory, web/features/meetings)
const DirectoryPage = lazyPage(() => import("./features/directory/DirectoryPage"), (m) => m.DirectoryPage);
const PrintPage = lazyPage(() => import("./features/directory/PrintPage"), (m) => m.PrintPage);
const MeetingPage = lazyPage(() => import("./features/meetings/MeetingPage"), (m) => m.MeetingPage);
const CorrectionPage = lazyPage(() => import("./features/meetings/MeetingPage"), (m) => m.CorrectionPage);
const GroupMeetingsPage = lazyPage(() => import("./features/meetings/GroupMeetingsPage"), (m) => m.GroupMeetingsPage);
const NewMeetingPage = lazyPage(() => import("./features/meetings/GroupMeetingsPage"), (m) => m.NewMeetingPage);
const EditMeetingPage = lazyPage(() => import("./features/meetings/GroupMeetingsPage"), (m) => m.EditMeetingPage);
// between meetings: check-ins, milestones, buddies, notifications (H4: web/features/support)
const CheckInsPage = lazyPage(() => import("./features/support/CheckInsPage"), (m) => m.CheckInsPage);
const GroupCheckInsPage = lazyPage(() => import("./features/support/GroupSupportPages"), (m) => m.GroupCheckInsPage);
const MilestonesPage = lazyPage(() => import("./features/support/MilestonesPage"), (m) => m.MilestonesPage);
const CelebrationsPage = lazyPage(() => import("./features/support/GroupSupportPages"), (m) => m.CelebrationsPage);
const BuddiesPage = lazyPage(() => import("./features/support/BuddiesPage"), (m) => m.BuddiesPage);
const ConversationPage = lazyPage(() => import("./features/support/ConversationPage"), (m) => m.ConversationPage);
const NotificationsPage = lazyPage(() => import("./features/support/NotificationsPage"), (m) => m.NotificationsPage);
const NotificationSettingsPage = lazyPage(() => import("./features/support/NotificationsPage"), (m) => m.NotificationSettingsPage);
// the group board and its moderation (H3: web/features/board)
const BoardPage = lazyPage(() => import("./features/board/BoardPage"), (m) => m.BoardPage);
const ThreadPage = lazyPage(() => import("./features/board/ThreadPage"), (m) => m.ThreadPage);
const ModerationPage = lazyPage(() => import("./features/board/ModerationPage"), (m) => m.ModerationPage);
const NoticesPage = lazyPage(() => import("./features/board/NoticesPage"), (m) => m.NoticesPage);
// meeting formats (H6: web/features/formats)
const FormatsPage = lazyPage(() => import("./features/formats/FormatsPage"), (m) => m.FormatsPage);
// live meeting rooms, attendance and slips (H8: web/features/live)
const RoomPage = lazyPage(() => import("./features/live/RoomPage"), (m) => m.RoomPage);
const AttendancePage = lazyPage(() => import("./features/live/AttendancePages"), (m) => m.AttendancePage);
const SlipPage = lazyPage(() => import("./features/live/AttendancePages"), (m) => m.SlipPage);
const VerifyPage = lazyPage(() => import("./features/live/AttendancePages"), (m) => m.VerifyPage);
// the organization admin's safety pages (H10: web/features/admin)
const FlaggedMessagesPage = lazyPage(() => import("./features/admin/AdminPage"), (m) => m.FlaggedMessagesPage);
const AdminAuditPage = lazyPage(() => import("./features/admin/AdminPage"), (m) => m.AuditPage);

export interface PageRoute {
  path: string;
  /** The page; a lazy page (lazyPage) must be the element itself, so it can be loaded before rendering. */
  element: ReactElement;
  /** The data the server loads for this page and sends with it (core/page-data.ts; read it with usePageData). */
  data?: PageDataName;
}

export const routes: PageRoute[] = [
  { path: "/", element: <HomePage /> },
  { path: "/help", element: <HelpPage /> },
  { path: "/setup", element: <SetupPage /> },
  { path: "/signup", element: <SignUpPage /> },
  { path: "/signin", element: <SignInPage /> },
  { path: "/recover", element: <RecoverPage /> },
  { path: "/settings", element: <SettingsPage /> },
  // groups and admin (C2)
  { path: "/groups", element: <GroupsPage />, data: "groups" },
  { path: "/groups/new", element: <NewGroupPage /> },
  { path: "/groups/:groupId", element: <GroupPage />, data: "group" },
  { path: "/groups/:groupId/edit", element: <EditGroupPage /> },
  { path: "/admin", element: <AdminPage /> },
  // the meeting directory (H)
  { path: "/meetings", element: <DirectoryPage />, data: "directory" },
  { path: "/meetings/print", element: <PrintPage />, data: "printSchedule" },
  { path: "/meetings/:slug", element: <MeetingPage />, data: "meeting" },
  { path: "/meetings/:slug/correction", element: <CorrectionPage />, data: "meeting" },
  { path: "/groups/:groupId/meetings", element: <GroupMeetingsPage /> },
  { path: "/groups/:groupId/meetings/new", element: <NewMeetingPage /> },
  { path: "/groups/:groupId/meetings/:meetingId/edit", element: <EditMeetingPage /> },
  // between meetings (H4)
  { path: "/check-ins", element: <CheckInsPage /> },
  { path: "/groups/:groupId/check-ins", element: <GroupCheckInsPage /> },
  { path: "/milestones", element: <MilestonesPage /> },
  { path: "/groups/:groupId/celebrations", element: <CelebrationsPage /> },
  { path: "/buddies", element: <BuddiesPage /> },
  { path: "/buddies/:buddyId", element: <ConversationPage /> },
  { path: "/notifications", element: <NotificationsPage /> },
  { path: "/settings/notifications", element: <NotificationSettingsPage /> },
  // the group board (H3)
  { path: "/groups/:groupId/board", element: <BoardPage /> },
  { path: "/groups/:groupId/board/:threadId", element: <ThreadPage /> },
  { path: "/groups/:groupId/moderation", element: <ModerationPage /> },
  { path: "/notices", element: <NoticesPage /> },
  // meeting formats (H6)
  { path: "/groups/:groupId/formats", element: <FormatsPage /> },
  // live meeting rooms (H8)
  { path: "/meetings/:slug/room", element: <RoomPage /> },
  { path: "/attendance", element: <AttendancePage /> },
  { path: "/attendance/:attendanceId/slip", element: <SlipPage /> },
  { path: "/verify/:code", element: <VerifyPage />, data: "slipVerification" },
  // the organization admin's safety pages (H10)
  { path: "/admin/flagged-messages", element: <FlaggedMessagesPage /> },
  { path: "/admin/audit", element: <AdminAuditPage /> },
  { path: "*", element: <NotFoundPage /> },
];
