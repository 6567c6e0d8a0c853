/**
 * The number of unread notifications beside "Notifications" in the header, for signed-in
 * members. It sits on top of the link's reserved corner (UnreadBadge.css, in the page's styles
 * from the start), so its arrival moves nothing. The server and the first render in the browser
 * show no count; after hydration the count's code (UnreadCount.tsx, which fetches it once the page
 * has settled) arrives in a file of its own, so people who are not signed in never load it.
 */
import { lazy, Suspense, useEffect, useState } from "react";
import "./UnreadBadge.css";

export const UNREAD_CHANGED = "kindred:unread-changed";

const UnreadCount = lazy(() => import("./UnreadCount").then((m) => ({ default: m.UnreadCount })));

/** Tells the badge to ask again (after marking notifications read). */
export function unreadChanged(): void {
  window.dispatchEvent(new Event(UNREAD_CHANGED));
}

export function UnreadBadge({ label }: { label: (count: number) => string }) {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (!hydrated) return null;
  return (
    <Suspense fallback={null}>
      <UnreadCount label={label} />
    </Suspense>
  );
}
