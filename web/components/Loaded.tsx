/**
 * Loading what a page shows from the API, and saying kindly when that fails. Pages render a
 * loading note on the server and fetch in the browser, so a page never shows stale data as fresh;
 * public pages get their data with the page instead (usePageData in lib/page-data.tsx).
 */
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { describeProblem } from "./messages";
import { ApiError } from "../lib/api";
import { useHttpStatus } from "../lib/page";

export type Loaded<T> = { state: "loading" } | { state: "ready"; data: T } | { state: "failed"; error: ApiError };

interface Tracked<T> {
  key: string;
  result: Loaded<T>;
  /** The result came with the page: nothing to fetch until the key changes or reload(). */
  given: boolean;
}

/**
 * Runs `load` whenever `key` changes (or on reload()); while reloading, the last data stays on
 * screen so controls do not jump under the reader's finger. `given` is what `key` loads when the
 * page already has it (the server loaded it): shown at once, and not fetched again.
 */
export function useLoaded<T>(key: string, load: () => Promise<T>, given?: Loaded<T>): { loaded: Loaded<T>; reload: () => void } {
  const [tracked, setTracked] = useState<Tracked<T>>(() => ({ key, result: given ?? { state: "loading" }, given: given !== undefined }));
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (generation === 0 && tracked.given && tracked.key === key) return;
    let current = true;
    load().then(
      (data) => current && setTracked({ key, result: { state: "ready", data }, given: false }),
      (error: unknown) => current && setTracked({ key, result: { state: "failed", error: asApiError(error) }, given: false }),
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render; `key` says what it loads.
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { loaded: tracked.key === key ? tracked.result : { state: "loading" }, reload };
}

export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, "internal", null);
}

/** Shows the loading note, the failure, or the page: `notFound` is what a 404 shows. */
export function LoadedView<T>({
  loaded,
  notFound,
  retry,
  children,
}: {
  loaded: Loaded<T>;
  notFound: ReactNode;
  retry: () => void;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (loaded.state === "ready") return <>{children(loaded.data)}</>;
  if (loaded.state === "loading") {
    return (
      <p role="status" className="loading">
        {t("loading.text")}
      </p>
    );
  }
  if (loaded.error.status === 404) return <HttpStatus status={404}>{notFound}</HttpStatus>;
  return (
    <HttpStatus status={loaded.error.status}>
      <div role="alert" className="form-alert">
        <p>{describeProblem(loaded.error, t)}</p>
        <button type="button" className="button" onClick={retry}>
          {t("loading.tryAgain")}
        </button>
      </div>
    </HttpStatus>
  );
}

/** A page rendered on the server with data that failed to load answers with the failure's status. */
function HttpStatus({ status, children }: { status: number; children: ReactNode }) {
  useHttpStatus(status >= 400 ? status : 500);
  return <>{children}</>;
}
