/**
 * Every page of the web app. Paths are React Router patterns; one tree renders them on the
 * server and in the browser. Add a page by adding a line here (keep the groups and admin lines
 * together; engineer C2 owns those pages in web/features/groups and web/features/admin).
 */
import type { ReactElement } from "react";
import { AdminPage } from "./features/admin/AdminPage";
import { EditGroupPage, NewGroupPage } from "./features/groups/GroupFormPages";
import { GroupPage } from "./features/groups/GroupPage";
import { GroupsPage } from "./features/groups/GroupsPage";
import { HelpPage } from "./pages/HelpPage";
import { HomePage } from "./pages/HomePage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { RecoverPage } from "./pages/RecoverPage";
import { SettingsPage } from "./pages/SettingsPage";
import { SetupPage } from "./pages/SetupPage";
import { SignInPage } from "./pages/SignInPage";
import { SignUpPage } from "./pages/SignUpPage";

export interface PageRoute {
  path: string;
  element: ReactElement;
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
  { path: "/groups", element: <GroupsPage /> },
  { path: "/groups/new", element: <NewGroupPage /> },
  { path: "/groups/:groupId", element: <GroupPage /> },
  { path: "/groups/:groupId/edit", element: <EditGroupPage /> },
  { path: "/admin", element: <AdminPage /> },
  { path: "*", element: <NotFoundPage /> },
];
