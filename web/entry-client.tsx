import { StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { createI18nWith } from "./lib/i18n-runtime";
import { readInitialState } from "./lib/state";
import { Root } from "./Root";
import "./styles.css";

const { state, translations } = readInitialState();

hydrateRoot(
  document.getElementById("root")!,
  <StrictMode>
    <BrowserRouter>
      <Root i18n={createI18nWith(state.language, { [state.language]: translations })} initial={state} />
    </BrowserRouter>
  </StrictMode>,
);
