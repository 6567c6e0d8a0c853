import { StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { createI18nWith } from "./lib/i18n-runtime";
import { preparePage } from "./lib/lazy-page";
import { readInitialState } from "./lib/state";
import { Root } from "./Root";
import { routes } from "./routes";
import "./styles.css";

const { state, translations } = readInitialState();

function hydrate() {
  hydrateRoot(
    document.getElementById("root")!,
    <StrictMode>
      <BrowserRouter>
        <Root i18n={createI18nWith(state.language, { [state.language]: translations })} initial={state} />
      </BrowserRouter>
    </StrictMode>,
  );
}

// The page's own file first, so the first render matches the server's HTML exactly. If it cannot
// be fetched, the server's page stays as it is: it works without JavaScript.
preparePage(routes, window.location.pathname).then(hydrate, () => undefined);
