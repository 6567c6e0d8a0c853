import { StrictMode } from "react";
import { renderToString } from "react-dom/server";
import { StaticRouter } from "react-router";
import { createI18n, translationsFor } from "./lib/i18n";
import type { Translations } from "./lib/i18n-runtime";
import { RenderResultContext, type RenderResult } from "./lib/page";
import type { InitialState } from "./lib/state";
import { Root } from "./Root";

export type { InitialState, RenderResult };

/**
 * Renders one page to HTML for the server; the browser hydrates the same tree. `translations`
 * (the words of the page's language) go into the state script beside the initial state.
 */
export function render(url: string, initialState: InitialState): RenderResult & { html: string; translations: Translations } {
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
