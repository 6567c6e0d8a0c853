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
  { path: "*", element: <NotFoundPage /> },
];
