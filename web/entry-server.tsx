import { StrictMode } from "react";
import { renderToString } from "react-dom/server";
import { StaticRouter } from "react-router";
import type { PageDataName } from "../core/page-data";
import { createI18n, translationsFor } from "./lib/i18n";
import type { Translations } from "./lib/i18n-runtime";
import { matchPage, preparePage } from "./lib/lazy-page";
import { RenderResultContext, type RenderResult } from "./lib/page";
import type { InitialState } from "./lib/state";
import { Root } from "./Root";
import { routes } from "./routes";

export type { InitialState, RenderResult };

/** The data the page at `url` needs from the server (its route's `data`), and the route's parameters. */
export function pageDataFor(url: string): { name: PageDataName; params: Record<string, string | undefined> } | null {
  const match = matchPage(routes, url);
  return match?.route.data ? { name: match.route.data, params: match.params } : null;
}

/**
 * Renders one page to HTML for the server; the browser hydrates the same tree. `translations`
 * (the words of the page's language) go into the state script beside the initial state.
 */
export async function render(url: string, initialState: InitialState): Promise<RenderResult & { html: string; translations: Translations }> {
  // A lazy page's file is loaded first, so the page renders in full rather than as "Loading…".
  await preparePage(routes, url);
  const result: RenderResult = {};
  const html = renderToString(
    <StrictMode>
      <RenderResultContext.Provider value={result}>
        <StaticRouter location={url}>
          <Root i18n={createI18n(initialState.language)} initial={initialState} />
        </StaticRouter>
      </RenderResultContext.Provider>
    </StrictMode>,
  );
  return { html, translations: translationsFor(initialState.language), ...result };
}
