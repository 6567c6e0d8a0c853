/**
 * Public pages come with their data: the server loads what the page's route names
 * (routes.tsx `data`, core/page-data.ts) and puts it in the state script, so the HTML is complete
 * without JavaScript and the browser hydrates without fetching it again. After the first
 * navigation the data is old news, and pages fetch as usual.
 */
import { createContext, useContext, useRef, useState, type ReactNode } from "react";
import { useLocation } from "react-router";
import type { LoadedPageData, PageData, PageDataName } from "../../core/page-data";
import { useLoaded, type Loaded } from "../components/Loaded";
import { problemError } from "./api";

const PageDataContext = createContext<LoadedPageData | null>(null);

/** Holds the data the page came with, for as long as the reader stays on that first page. */
export function PageDataProvider({ loaded, children }: { loaded: LoadedPageData | null; children: ReactNode }) {
  const location = useLocation();
  const [firstLocation] = useState(location);
  const onFirstPage = useRef(true);
  if (location !== firstLocation) onFirstPage.current = false;
  return <PageDataContext.Provider value={onFirstPage.current ? loaded : null}>{children}</PageDataContext.Provider>;
}

/**
 * useLoaded (components/Loaded.tsx) for a page whose route names `name` as its data: on the page
 * the server rendered, its data is there from the first render; otherwise `load` fetches it.
 */
export function usePageData<N extends PageDataName>(name: N, key: string, load: () => Promise<PageData[N]>) {
  const loaded = useContext(PageDataContext);
  return useLoaded(key, load, loaded?.name === name ? given<PageData[N]>(loaded) : undefined);
}

function given<T>(loaded: LoadedPageData): Loaded<T> {
  if ("problem" in loaded) return { state: "failed", error: problemError(loaded.problem.status, loaded.problem) };
  return { state: "ready", data: loaded.data as T };
}
