import { useCallback, useEffect, useMemo, useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import type { ProblemCode } from "../../core/problems";
import { describeProblem, FormAlert, StatusMessage } from "./messages";
import { asApiError } from "./Loaded";

/** How a page tells everyone, screen readers included, that something worked or did not. */
export interface Announcer {
  done(message: string): void;
  failed(message: string): void;
}

/** Navigate with `{ state: announceState(message) }` to have the next page announce a result. */
export const announceState = (message: string) => ({ announce: message });

/**
 * One polite region for results and one alert region for failures, both always in the page so
 * that assistive technology notices when words appear in them. A result handed over by the
 * previous page (see announceState) is announced once the regions are in place.
 */
export function useAnnouncer(): { announcer: Announcer; regions: ReactElement } {
  const [notice, setNotice] = useState<{ kind: "done" | "failed"; message: string } | null>(null);
  const done = useCallback((message: string) => setNotice({ kind: "done", message }), []);
  const failed = useCallback((message: string) => setNotice({ kind: "failed", message }), []);
  const announcer = useMemo(() => ({ done, failed }), [done, failed]);

  const handedOver = (useLocation().state as { announce?: unknown } | null)?.announce;
  useEffect(() => {
    if (typeof handedOver === "string") done(handedOver);
  }, [handedOver, done]);

  const regions = (
    <>
      <StatusMessage>{notice?.kind === "done" ? notice.message : null}</StatusMessage>
      <FormAlert form={{ alert: notice?.kind === "failed" ? notice.message : null }} />
    </>
  );
  return { announcer, regions };
}

/** A page's own words for some problems, e.g. { conflict: t("...") }. */
export type ProblemWords = Partial<Record<ProblemCode | "network", string>>;

/** A change that failed; its message is what the reader was told. */
export class AnnouncedFailure extends Error {
  override name = "AnnouncedFailure";
}

/**
 * Runs one change, announces the message it returns (or what went wrong, in the page's words
 * where it has them), then reloads what the page shows; rejects with an AnnouncedFailure.
 */
export type Act = (work: () => Promise<string>, words?: ProblemWords) => Promise<void>;

export function useAct(announcer: Announcer, reload: () => void, pageWords: ProblemWords = {}): Act {
  const { t } = useTranslation();
  return async (work, words = {}) => {
    try {
      announcer.done(await work());
      reload();
    } catch (caught) {
      const error = asApiError(caught);
      const message = words[error.code] ?? pageWords[error.code] ?? describeProblem(error, t);
      announcer.failed(message);
      reload();
      throw new AnnouncedFailure(message, { cause: error });
    }
  };
}
