import type { Me } from "../../core/api";
import type { LoadedPageData } from "../../core/page-data";
import { UI_LANGUAGES, type UiLanguage } from "../../core/vocabulary";

export type { UiLanguage };
export const LANGUAGES: readonly UiLanguage[] = UI_LANGUAGES;

/** The signed-in member as every page knows them (the full profile is GET /api/account). */
export type CurrentMember = Pick<Me, "id" | "handle" | "displayName" | "language" | "country" | "isOrganizationAdmin">;

/**
 * What the server knows when it renders a page, handed to the browser in
 * <script type="application/json" id="kindred-state"> so both render the same thing.
 */
export interface InitialState {
  member: CurrentMember | null;
  language: UiLanguage;
  /** Country for crisis lines: the member's, else the browser's region, else null. */
  crisisCountry: string | null;
  organizationName: string | null;
  setupNeeded: boolean;
  /** What the server loaded for this page (routes.tsx `data`), so it renders complete at once. */
  pageData?: LoadedPageData | null;
}

export const STATE_ELEMENT_ID = "kindred-state";

/** The state script also carries the words of the page's language (namespace -> messages). */
export function readInitialState(): { state: InitialState; translations: Record<string, Record<string, unknown>> } {
  const text = document.getElementById(STATE_ELEMENT_ID)?.textContent;
  if (!text) throw new Error("The page has no initial state");
  const { translations, ...state } = JSON.parse(text) as InitialState & { translations: Record<string, Record<string, unknown>> };
  return { state, translations };
}
