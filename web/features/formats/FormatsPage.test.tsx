// @vitest-environment happy-dom
import { act } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { findTemplate, FORMAT_TEMPLATES } from "../../../core/live/format-templates";
import type { Format } from "../../../core/live/formats";
import { member, problem, renderPage, type FakeServer, type SentRequest } from "../groups/testing";
import type { GroupFormat } from "./api";

const GROUP_ID = "0190f5c2-0000-7000-8000-0000000000bb";
const FORMAT_ID = "0190f5c2-0000-7000-8000-0000000000cc";
const group = { id: GROUP_ID, name: "Harbor Home Group" };
const openShare = findTemplate("peer_support_open_share", "en").format;

const formatOf = (format: Format, canEdit: boolean, version = 1): GroupFormat => ({
  id: FORMAT_ID,
  groupId: GROUP_ID,
  version,
  templateId: "peer_support_open_share",
  format,
  createdAt: "2026-01-05T10:00:00.000Z",
  updatedAt: "2026-01-05T10:00:00.000Z",
  canEdit,
});

const server = (canEdit: boolean, answers: FakeServer = {}): FakeServer => ({
  [`GET /api/groups/${GROUP_ID}`]: { status: 200, body: group },
  [`GET /api/groups/${GROUP_ID}/formats`]: { status: 200, body: { formats: [formatOf(openShare, canEdit)], canEdit } },
  "GET /api/live/templates?language=en": { status: 200, body: { templates: FORMAT_TEMPLATES.filter((x) => x.language === "en") } },
  ...answers,
});

let page: Awaited<ReturnType<typeof renderPage>> | undefined;
afterEach(async () => {
  await page?.unmount();
  page = undefined;
});

const stepHeadings = () => [...page!.main().querySelectorAll("h4")].map((h) => h.textContent);

describe("a group's meeting formats", () => {
  it("reads each format in plain words, without editing controls for members who do not chair", async () => {
    page = await renderPage(`/groups/${GROUP_ID}/formats`, server(false), { member: member() });
    await page.waitForText("Meeting formats of Harbor Home Group");
    expect(page.text()).toContain("Open sharing: raise your hand and the chair gives you the turn; up to 5 minutes each; you may pass");
    expect(page.text()).toContain("the group's default");
    expect(page.hasButton("Edit “Peer support open share”")).toBe(false);
    expect(page.text()).not.toContain("Add a format");
  });

  it("lets the chair copy a template into the group", async () => {
    const created = formatOf(findTemplate("grief_circle", "en").format, true);
    page = await renderPage(`/groups/${GROUP_ID}/formats`, server(true, { [`POST /api/groups/${GROUP_ID}/formats`]: { status: 201, body: created } }), {
      member: member(),
    });
    await page.waitForText("Add a format");
    const select = page.field("Start from") as unknown as HTMLSelectElement;
    await act(async () => {
      select.value = "grief_circle";
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await page.click(page.button("Add this format"));
    await page.waitFor(() => page!.status().includes("is added"), "the announcement");
    expect(page.sent.find((r) => r.method === "POST")?.body).toEqual({ templateId: "grief_circle", language: "en" });
    expect(page.status()).toBe("“Grief support circle” is added to the group's formats.");
  });

  it("moves, removes and adds steps by buttons, says so, keeps focus on the step, and saves a new version", async () => {
    let saved: SentRequest | undefined;
    page = await renderPage(
      `/groups/${GROUP_ID}/formats`,
      server(true, {
        [`PUT /api/formats/${FORMAT_ID}`]: (request) => {
          saved = request;
          return { status: 200, body: formatOf((request.body as { format: Format }).format, true, 2) };
        },
      }),
      { member: member() },
    );
    await page.waitForText("Add a format");
    await page.click(page.button("Edit “Peer support open share”"));
    expect(stepHeadings()).toEqual(["Step 1: Welcome", "Step 2: Announcements", "Step 3: Open sharing", "Step 4: Contributions", "Step 5: Closing"]);

    await page.click(page.button("Move “Open sharing” up"));
    expect(stepHeadings().slice(1, 3)).toEqual(["Step 2: Open sharing", "Step 3: Announcements"]);
    expect(document.activeElement?.textContent).toBe("Step 2: Open sharing");
    expect(page.status()).toBe("“Open sharing” is now step 2 of 5.");
    expect(page.button("Move “Welcome” up").disabled).toBe(true);

    await page.click(page.button("Remove “Announcements”"));
    expect(page.status()).toBe("“Announcements” is removed.");
    expect(document.activeElement?.textContent).toBe("Step 3: Contributions");

    await page.click(page.button("Add a step"));
    expect(stepHeadings().at(-1)).toBe("Step 5: Sharing");
    await page.type(page.field("Name"), "Friday open share");

    await page.click(page.button("Save as a new version"));
    await page.waitFor(() => page!.status().includes("new version"), "the saved note");
    const body = saved!.body as { format: Format; baseVersion: number };
    expect(body.baseVersion).toBe(1);
    expect(body.format.name).toBe("Friday open share");
    expect(body.format.steps.map((s) => s.title)).toEqual(["Welcome", "Open sharing", "Contributions", "Closing", "Sharing"]);
    expect(page.status()).toBe("“Friday open share” is saved as a new version.");
  });

  it("keeps the editor open and explains when someone else saved first", async () => {
    page = await renderPage(`/groups/${GROUP_ID}/formats`, server(true, { [`PUT /api/formats/${FORMAT_ID}`]: problem("conflict", 409) }), { member: member() });
    await page.waitForText("Add a format");
    await page.click(page.button("Edit “Peer support open share”"));
    await page.click(page.button("Save as a new version"));
    await page.waitFor(() => page!.alert().includes("Someone else saved"), "the conflict");
    expect(page.hasButton("Save as a new version")).toBe(true);
  });
});
