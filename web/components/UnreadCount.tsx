/**
 * The count inside UnreadBadge (UnreadBadge.tsx): fetched in the browser once the page has settled
 * (it is secondary: the page's own data goes first), again on each page change, and when a page
 * says the count changed (unreadChanged()). A file of its own, loaded only for signed-in members.
 */
import { useEffect, useState } from "react";
import { useLocation } from "react-router";
import { api } from "../lib/api";
import { UNREAD_CHANGED } from "./UnreadBadge";

export function UnreadCount({ label }: { label: (count: number) => string }) {
  const { pathname } = useLocation();
  const [count, setCount] = useState(0);

  useEffect(() => {
    let current = true;
    const load = () => {
      api.get<{ unread: number }>("/api/notifications/unread").then(
        (answer) => current && setCount(answer.unread),
        () => undefined,
      );
    };
    const idle = typeof window.requestIdleCallback === "function";
    const handle = idle ? window.requestIdleCallback(load, { timeout: 3000 }) : window.setTimeout(load, 1000);
    window.addEventListener(UNREAD_CHANGED, load);
    return () => {
      current = false;
      if (idle) window.cancelIdleCallback(handle);
      else window.clearTimeout(handle);
      window.removeEventListener(UNREAD_CHANGED, load);
    };
  }, [pathname]);

  if (count === 0) return null;
  return (
    <span className="unread-badge">
      <span aria-hidden="true">{count > 99 ? "99+" : count}</span>
      <span className="unread-badge-label">{label(count)}</span>
    </span>
  );
}
