/**
 * What the signed-in support pages (buddies, check-ins, milestones, notifications, a conversation)
 * share: loading the page's data with its announcements, changes that reload it (and a button for
 * one) and move focus back to the top, "show older" pages of a list, and a field's problem found
 * before sending.
 */
import { useRef, useState, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { useAct, useAnnouncer, type Act } from "../../components/announce";
import { asApiError, useLoaded } from "../../components/Loaded";
import { describeProblem } from "../../components/messages";
import { ApiError } from "../../lib/api";

/**
 * The page's data (loaded under `key`), its announcement regions, and `act` for a change: it
 * announces the result and reloads the data (then runs `afterChange`, if any). `done` announces
 * what a form already did, and reloads.
 */
export function useSupportPage<T>(key: string, load: () => Promise<T>, afterChange?: () => void) {
  const { loaded, reload } = useLoaded(key, load);
  const { announcer, regions } = useAnnouncer();
  const act = useAct(
    announcer,
    afterChange
      ? () => {
          reload();
          afterChange();
        }
      : reload,
  );
  const done = (message: string) => act(async () => message);
  return { loaded, reload, announcer, regions, act, done };
}

/**
 * `act`, then focus on `ref` (a heading or a list), whether the change worked or not: after a
 * change that takes away what had focus, reading starts again there.
 */
export function useActThenFocus<E extends HTMLElement>(act: Act): { ref: RefObject<E | null>; act: Act } {
  const ref = useRef<E>(null);
  return { ref, act: (work, words) => act(work, words).finally(() => ref.current?.focus()) };
}

export interface OlderPages<I> {
  /** What the older pages brought, after the first page. */
  older: I[];
  /** Where the next older page starts; null when there is none. */
  next: string | null;
  loadingMore: boolean;
  more(): Promise<void>;
}

/** Older pages of a list, on demand, after a first page that ended at `nextBefore`; a failure is announced by `onFail`. */
export function useOlderPages<I>(
  nextBefore: string | null,
  fetchPage: (before: string) => Promise<{ items: I[]; nextBefore: string | null }>,
  onFail: (message: string) => void,
): OlderPages<I> {
  const { t } = useTranslation();
  const [older, setOlder] = useState<I[]>([]);
  const [next, setNext] = useState(nextBefore);
  const [loadingMore, setLoadingMore] = useState(false);
  const more = async () => {
    if (!next || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await fetchPage(next);
      setOlder((o) => [...o, ...page.items]);
      setNext(page.nextBefore);
    } catch (caught) {
      onFail(describeProblem(asApiError(caught), t));
    } finally {
      setLoadingMore(false);
    }
  };
  return { older, next, loadingMore, more };
}

/** The "show older" button under a list, while there is more. */
export function OlderButton({ pages, children }: { pages: OlderPages<unknown>; children: string }) {
  if (!pages.next) return null;
  return (
    <p>
      <button type="button" className="button button-secondary" aria-disabled={pages.loadingMore || undefined} onClick={() => void pages.more()}>
        {children}
      </button>
    </p>
  );
}

/**
 * A button that makes one change through `act` (which announces `done`, or what went wrong, and
 * reloads the page's data); `label` names it for screen readers where its words alone are vague.
 */
export function ActButton({ act, work, done, label, secondary = false, children }: { act: Act; work: () => Promise<unknown>; done: string; label?: string; secondary?: boolean; children: string }) {
  return (
    <button
      type="button"
      className={secondary ? "button button-secondary" : "button"}
      aria-label={label}
      onClick={() =>
        void act(async () => {
          await work();
          return done;
        }).catch(() => undefined)
      }
    >
      {children}
    </button>
  );
}

/** A problem with one field found before sending, shown as the server's would be. */
export function fieldProblem(field: string, message: string): ApiError {
  return new ApiError(400, "validation", { type: "urn:kindred:problem:validation", title: "", status: 400, errors: [{ field, message }] });
}
