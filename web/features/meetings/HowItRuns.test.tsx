// @vitest-environment happy-dom
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { MeetingFormat } from "../../../core/live/api";
import { createI18n } from "../../lib/i18n";
import { HowItRuns } from "./HowItRuns";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const MEETING_ID = "0190f5c2-0000-7000-8000-0000000000a1";
const GROUP_ID = "0190f5c2-0000-7000-8000-0000000000a2";
const answer: MeetingFormat = {
  meetingId: MEETING_ID,
  formatId: "0190f5c2-0000-7000-8000-0000000000a3",
  version: 2,
  chosen: true,
  templateId: null,
  format: {
    name: "Short circle",
    description: "A welcome, a reading and open sharing.",
    language: "en",
    steps: [{ id: "welcome", kind: "opening", title: "Welcome", text: "Welcome.", speaking: "chair", chatOpen: false }],
  } as MeetingFormat["format"],
  description: ["1. Welcome: the chair opens the meeting."],
};

let root: Root | undefined;
afterEach(async () => {
  await act(async () => root?.unmount());
  root = undefined;
  vi.unstubAllGlobals();
});

async function render(language: "en" | "es"): Promise<HTMLElement> {
  const asked: string[] = [];
  vi.stubGlobal("fetch", async (path: string) => {
    asked.push(path);
    return new Response(JSON.stringify(answer), { status: 200, headers: { "content-type": "application/json" } });
  });
  const container = document.createElement("div");
  document.body.replaceChildren(container);
  await act(async () => {
    root = createRoot(container);
    root.render(
      <I18nextProvider i18n={createI18n(language)}>
        <MemoryRouter>
          <HowItRuns meetingId={MEETING_ID} groupId={GROUP_ID} />
        </MemoryRouter>
      </I18nextProvider>,
    );
  });
  for (let i = 0; i < 100 && !container.querySelector("h2"); i++) await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
  expect(asked).toEqual([`/api/meetings/${MEETING_ID}/format?language=${language}`]);
  return container;
}

describe("how a meeting runs, on its page", () => {
  it("names the meeting's format, then describes it in plain words", async () => {
    const section = await render("en");
    expect(section.querySelector("h2")?.textContent).toBe("How this meeting runs");
    const text = section.textContent ?? "";
    expect(text).toContain("This meeting follows the format “Short circle”.");
    expect(text).toContain("A welcome, a reading and open sharing.");
    expect([...section.querySelectorAll("li")].map((li) => li.textContent)).toEqual(["Welcome: the chair opens the meeting."]);
  });

  it("names it in Spanish too", async () => {
    const section = await render("es");
    expect(section.textContent).toContain("Esta reunión sigue el formato «Short circle».");
  });
});
