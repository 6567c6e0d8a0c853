/**
 * A tiny harness for page tests under happy-dom: renders the real app tree at a URL with a stubbed
 * server, and finds things the way a person (or a screen reader) would: by role, label and text.
 */
import { act } from "react";
import { createRoot, type Root as ReactRoot } from "react-dom/client";
import { MemoryRouter } from "react-router";
import { vi } from "vitest";
import type { LoadedPageData } from "../../../core/page-data";
import { createI18n } from "../../lib/i18n";
import { preparePage } from "../../lib/lazy-page";
import type { CurrentMember, UiLanguage } from "../../lib/state";
import { Root } from "../../Root";
import { routes } from "../../routes";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface SentRequest {
  method: string;
  path: string;
  body: unknown;
}

/** Answers for "METHOD /path": a status and a JSON body (problem+json for errors). */
export type FakeServer = Record<string, { status: number; body?: unknown } | ((request: SentRequest) => { status: number; body?: unknown })>;

export const member = (overrides: Partial<CurrentMember> = {}): CurrentMember => ({
  id: "0190f5c2-0000-7000-8000-000000000001",
  handle: "river",
  displayName: "River",
  language: "en",
  country: null,
  isOrganizationAdmin: false,
  ...overrides,
});

export function problem(code: string, status: number, errors?: { field: string; message: string }[]) {
  return { status, body: { type: `urn:kindred:problem:${code}`, title: code, status, errors } };
}

/** `pageData`: what the server sent with the page (as when the browser hydrates a server-rendered page). */
export async function renderPage(
  url: string,
  server: FakeServer,
  options: { member?: CurrentMember | null; language?: UiLanguage; pageData?: LoadedPageData } = {},
) {
  const sent: SentRequest[] = [];
  vi.stubGlobal("fetch", async (path: string, init: RequestInit = {}) => {
    const request = { method: init.method ?? "GET", path, body: init.body ? JSON.parse(String(init.body)) : undefined };
    sent.push(request);
    const answer = server[`${request.method} ${path}`];
    if (!answer) throw new Error(`unexpected request ${request.method} ${path}`);
    const { status, body } = typeof answer === "function" ? answer(request) : answer;
    const type = status >= 400 ? "application/problem+json" : "application/json";
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "content-type": type } });
  });

  const language = options.language ?? "en";
  // As the browser does before hydrating: the page's own file first, so it renders at once.
  await preparePage(routes, url);
  const container = document.createElement("div");
  document.body.replaceChildren(container);
  let root: ReactRoot;
  await act(async () => {
    root = createRoot(container);
    root.render(
      <MemoryRouter initialEntries={[url]}>
        <Root
          i18n={createI18n(language)}
          initial={{
            member: options.member ?? null,
            language,
            crisisCountry: null,
            organizationName: "Riverside Peers",
            setupNeeded: false,
            pageData: options.pageData ?? null,
          }}
        />
      </MemoryRouter>,
    );
  });

  const main = () => container.querySelector("main")!;
  const page = {
    sent,
    main,
    text: () => main().textContent ?? "",
    /** Waits (briefly) until `check` holds, as fetches and lazy modules settle. */
    async waitFor(check: () => boolean, what: string) {
      for (let i = 0; i < 100 && !check(); i++) {
        await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
      }
      if (!check()) throw new Error(`the page never showed ${what}:\n${page.text()}`);
    },
    waitForText: (text: string) => page.waitFor(() => page.text().includes(text), `"${text}"`),
    button(name: string): HTMLButtonElement {
      const found = [...main().querySelectorAll("button")].find((b) => accessibleName(b) === name);
      if (!found) throw new Error(`no button named "${name}"`);
      return found;
    },
    hasButton: (name: string) => [...main().querySelectorAll("button")].some((b) => accessibleName(b) === name),
    /** The control a <label> with this text belongs to. */
    field(label: string): HTMLInputElement | HTMLTextAreaElement {
      const found = [...main().querySelectorAll("label")].find((l) => l.textContent === label);
      const control = found ? (document.getElementById(found.htmlFor) as HTMLInputElement | null) : null;
      if (!control) throw new Error(`no field labelled "${label}"`);
      return control;
    },
    /** The text of what a control's aria-describedby points at. */
    description(control: Element) {
      const ids = control.getAttribute("aria-describedby")?.split(" ") ?? [];
      return ids.map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
    },
    status: () => main().querySelector('[role="status"]')?.textContent ?? "",
    alert: () => [...main().querySelectorAll('[role="alert"]')].map((e) => e.textContent).join(" "),
    async click(element: HTMLElement) {
      await act(async () => element.click());
    },
    async type(control: HTMLInputElement | HTMLTextAreaElement, value: string) {
      await act(async () => {
        // React tracks the value it last set; go around it so the change is seen as typing.
        const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(control), "value")!.set!;
        setter.call(control, value);
        control.dispatchEvent(new Event("input", { bubbles: true }));
      });
    },
    async unmount() {
      await act(async () => root.unmount());
      vi.unstubAllGlobals();
    },
  };
  return page;
}

function accessibleName(element: Element): string {
  return (element.getAttribute("aria-label") ?? element.textContent ?? "").trim();
}
