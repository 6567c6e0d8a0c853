/**
 * What every page may need: the signed-in member, the UI language, the crisis country and the
 * organization. Read it with useMember(), useLanguage() and useAppState().
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "../../core/api";
import { api } from "./api";
import type { CurrentMember, InitialState, UiLanguage } from "./state";

export const LANGUAGE_COOKIE = "kindred_lang";

interface AppStateValue {
  state: InitialState;
  setMember(member: CurrentMember | null): void;
  setOrganizationName(name: string): void;
  setLanguage(language: UiLanguage): Promise<void>;
}

const AppStateContext = createContext<AppStateValue | null>(null);

export function AppStateProvider({ initial, children }: { initial: InitialState; children: ReactNode }) {
  const [state, setState] = useState(initial);
  const { i18n } = useTranslation();

  const showLanguage = useCallback(
    async (language: UiLanguage) => {
      const { loadLanguage } = await import("./load-language");
      await loadLanguage(i18n, language);
      await i18n.changeLanguage(language);
      if (typeof document !== "undefined") {
        document.documentElement.lang = language;
        document.cookie = `${LANGUAGE_COOKIE}=${language}; path=/; max-age=31536000; samesite=lax`;
      }
      setState((s) => ({ ...s, language }));
    },
    [i18n],
  );

  const setMember = useCallback(
    (member: CurrentMember | null) => {
      // The member's own country, once set, chooses their crisis lines (as on the server).
      setState((s) => ({ ...s, member, setupNeeded: false, crisisCountry: member?.country ?? s.crisisCountry }));
      if (member && member.language !== i18n.language) void showLanguage(member.language).catch(() => undefined);
    },
    [i18n, showLanguage],
  );

  const setLanguage = useCallback(
    async (language: UiLanguage) => {
      await showLanguage(language);
      if (state.member) {
        const me = await api.patch<Me>("/api/account", { language });
        setState((s) => ({ ...s, member: me }));
      }
    },
    [showLanguage, state.member],
  );

  const setOrganizationName = useCallback((organizationName: string) => setState((s) => ({ ...s, organizationName })), []);

  const value = useMemo(
    () => ({ state, setMember, setOrganizationName, setLanguage }),
    [state, setMember, setOrganizationName, setLanguage],
  );
  return <AppStateContext.Provider value={value}>{children}</AppStateContext.Provider>;
}

export function useAppState(): AppStateValue {
  const value = useContext(AppStateContext);
  if (!value) throw new Error("useAppState needs <AppStateProvider>");
  return value;
}

/** The signed-in member (null when signed out) and a way to change who that is. */
export function useMember(): { member: CurrentMember | null; setMember: AppStateValue["setMember"] } {
  const { state, setMember } = useAppState();
  return { member: state.member, setMember };
}

export function useLanguage(): { language: UiLanguage; setLanguage: AppStateValue["setLanguage"] } {
  const { state, setLanguage } = useAppState();
  return { language: state.language, setLanguage };
}
