/**
 * Pages that the first screen does not need live in their own files (chunks), fetched when
 * someone goes to them, so the home page and the list of groups stay light:
 *
 *   const SettingsPage = lazyPage(() => import("./pages/SettingsPage"), (m) => m.SettingsPage);
 *   { path: "/settings", element: <SettingsPage /> }
 *
 * Where a page is rendered first (on the server, and in the browser as it hydrates), its file is
 * loaded before rendering (preparePage), so it renders at once, exactly as the server did: no
 * loading flash, no mismatch. A page module may export `prepare()` for anything else it needs
 * before its first render (the group page's Markdown renderer).
 */
import { use, type ComponentType, type ReactElement } from "react";
import { matchRoutes } from "react-router";

interface PageModule {
  prepare?: () => Promise<unknown>;
}

export type LazyPage = (() => ReactElement) & {
  /** Loads the page's file (and what it prepares); resolves once it renders without waiting. */
  preload(): Promise<void>;
};

export function lazyPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): LazyPage {
  let Loaded: ComponentType | null = null;
  let loading: Promise<void> | null = null;
  let navigating: Promise<void> | null = null;

  const preload = () =>
    (loading ??= load()
      .then(async (module) => {
        await (module as PageModule).prepare?.();
        Loaded = pick(module);
      })
      .catch((error: unknown) => {
        loading = null;
        throw error;
      }));

  function Page() {
    if (!Loaded) use((navigating ??= preload().catch(reloadFromServer)));
    const Component = Loaded!;
    return <Component />;
  }
  return Object.assign(Page, { preload });
}

/**
 * The page's file could not be fetched (a lost connection, or a new version of Kindred whose files
 * have other names): load the page from the server instead, which works even without JavaScript.
 */
function reloadFromServer(): Promise<never> {
  window.location.reload();
  return new Promise<never>(() => undefined);
}

interface Route {
  path: string;
  element: ReactElement;
}

/** The route a URL shows, and its parameters, as <Routes> would choose them. */
export function matchPage<R extends Route>(routes: R[], url: string): { route: R; params: Record<string, string | undefined> } | null {
  const matches = matchRoutes(routes, url);
  const match = matches?.[matches.length - 1];
  return match ? { route: match.route, params: match.params } : null;
}

/** Loads the file of the page at `url` if it is a lazy page. */
export async function preparePage(routes: Route[], url: string): Promise<void> {
  const page = matchPage(routes, url)?.route.element.type as Partial<LazyPage> | undefined;
  await page?.preload?.();
}
