import type { i18n } from "i18next";
import { I18nextProvider } from "react-i18next";
import { App } from "./App";
import { AppStateProvider } from "./lib/app-state";
import { PageDataProvider } from "./lib/page-data";
import type { InitialState } from "./lib/state";

/** Everything around the app that server and browser share (the router differs, so it wraps this). */
export function Root({ i18n, initial }: { i18n: i18n; initial: InitialState }) {
  return (
    <I18nextProvider i18n={i18n}>
      <AppStateProvider initial={initial}>
        <PageDataProvider loaded={initial.pageData ?? null}>
          <App />
        </PageDataProvider>
      </AppStateProvider>
    </I18nextProvider>
  );
}
