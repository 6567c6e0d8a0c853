import type { Me } from "../../../core/api";
import type { LoadedPageData, PageData, PageDataName, PageDataRequest } from "../../../core/page-data";
import { UI_LANGUAGES, type UiLanguage } from "../../../core/vocabulary";
import { AppError } from "../../errors";
import type { Actor } from "../../http/context";
import type { CrisisService } from "../crisis/service";
import type { OrganizationService } from "../organization/service";

/**
 * What a page knows when it is rendered, handed to the browser as JSON. Its shape is the web
 * app's InitialState (web/lib/state.ts); server and web share only core, so it is written twice.
 */
export interface PageState {
  member: Pick<Me, "id" | "handle" | "displayName" | "language" | "country" | "isOrganizationAdmin"> | null;
  language: UiLanguage;
  crisisCountry: string | null;
  organizationName: string | null;
  setupNeeded: boolean;
  /** What the server loaded for this page (core/page-data.ts). */
  pageData?: LoadedPageData | null;
}

/**
 * One loader per page data name, each in the feature that owns the data (server/features/groups/pages.ts),
 * answering as that feature's API would; an AppError (a group the viewer may not see: notFound)
 * becomes the page's problem.
 */
export type PageLoaders = { [N in PageDataName]?: (request: PageDataRequest) => Promise<PageData[N]> };

/** A page's data, or the expected failure that stands for it. */
export type PageDataResult = { [N in PageDataName]: { name: N; data: PageData[N] } | { name: N; error: AppError } }[PageDataName];

export interface PageRequest {
  actor: Actor | null;
  /** The visitor's choice from the language switch (the kindred_lang cookie). */
  languageCookie: string | undefined;
  acceptLanguage: string | undefined;
}

/** Pages that work before setup: setup itself, and crisis help, which must never be out of reach. */
const PAGES_BEFORE_SETUP = new Set(["/setup", "/help"]);

export class WebService {
  constructor(
    private readonly organization: OrganizationService,
    private readonly crisis: CrisisService,
    private readonly loaders: PageLoaders = {},
  ) {}

  /** Loads the data a page names (null when no loader knows the name: the browser fetches it then). */
  async pageData(name: string, request: PageDataRequest): Promise<PageDataResult | null> {
    const load = Object.hasOwn(this.loaders, name) ? this.loaders[name as PageDataName] : undefined;
    if (!load) return null;
    try {
      return { name, data: await load(request) } as PageDataResult;
    } catch (error) {
      if (error instanceof AppError) return { name, error } as PageDataResult;
      throw error;
    }
  }

  async pageState({ actor, languageCookie, acceptLanguage }: PageRequest): Promise<PageState> {
    const organization = await this.organization.getCurrent();
    return {
      member: actor
        ? {
            id: actor.memberId,
            handle: actor.handle,
            displayName: actor.displayName,
            language: actor.language,
            country: actor.country,
            isOrganizationAdmin: actor.isOrganizationAdmin,
          }
        : null,
      language: chooseLanguage(actor?.language, languageCookie, acceptLanguage),
      crisisCountry: this.crisis.countryFor(actor?.country ?? null, acceptLanguage),
      organizationName: organization?.name ?? null,
      setupNeeded: organization === null,
    };
  }

  /** Where to send a page request instead of rendering it, if anywhere. */
  redirectFor(path: string, state: PageState): string | null {
    if (state.setupNeeded && !PAGES_BEFORE_SETUP.has(path)) return "/setup";
    if (!state.setupNeeded && path === "/setup") return "/";
    return null;
  }
}

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === "string" && (UI_LANGUAGES as readonly string[]).includes(value);
}

/** The member's saved language, else the visitor's choice, else the browser's first language we speak. */
export function chooseLanguage(memberLanguage: UiLanguage | undefined, cookie: string | undefined, acceptLanguage: string | undefined): UiLanguage {
  if (memberLanguage) return memberLanguage;
  if (isUiLanguage(cookie)) return cookie;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const primary = part.split(";")[0]?.trim().split("-")[0]?.toLowerCase();
    if (isUiLanguage(primary)) return primary;
  }
  return "en";
}

/** Only our own paths: never "//elsewhere" or an absolute URL. */
export function safeLocalPath(next: unknown): string {
  return typeof next === "string" && next.startsWith("/") && !next.startsWith("//") && !next.includes("\\") ? next : "/";
}
