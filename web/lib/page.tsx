/**
 * Page-level effects that differ between server and browser: the document title, the HTTP
 * status, redirects. On the server they are collected in a RenderResult; in the browser they act.
 */
import { createContext, useContext, useEffect, type ReactNode } from "react";
import { useLocation, useNavigate } from "react-router";
import { useAppState, useMember } from "./app-state";

export interface RenderResult {
  title?: string;
  status?: number;
  redirect?: string;
}

/** Present only while rendering on the server. */
export const RenderResultContext = createContext<RenderResult | null>(null);

/** Sets the page's title ("<title> · <organization>"); call once per page. */
export function usePageTitle(title: string): void {
  const result = useContext(RenderResultContext);
  const { state } = useAppState();
  const full = `${title} · ${state.organizationName ?? "Kindred"}`;
  if (result) result.title = full;
  useEffect(() => {
    document.title = full;
  }, [full]);
}

/** The HTTP status the server answers with for this page (e.g. 404). */
export function useHttpStatus(status: number): void {
  const result = useContext(RenderResultContext);
  if (result) result.status = status;
}

export function Redirect({ to }: { to: string }) {
  const result = useContext(RenderResultContext);
  const navigate = useNavigate();
  if (result) result.redirect = to;
  useEffect(() => {
    void navigate(to, { replace: true });
  }, [navigate, to]);
  return null;
}

/** Where to come back to after signing in: only our own paths. */
export function safeNext(next: string | null, fallback = "/groups"): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : fallback;
}

/** Shows children to a signed-in member; sends anyone else to sign in, then back here. */
export function RequireMember({ children }: { children: ReactNode }) {
  const { member } = useMember();
  const location = useLocation();
  if (!member) return <Redirect to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} />;
  return <>{children}</>;
}
