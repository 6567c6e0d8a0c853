// @vitest-environment happy-dom
import { act } from "react";
import { afterEach, describe, expect, it } from "vitest";
import type { GroupDetail, GroupSummary } from "./api";
import { member, renderPage } from "./testing";

/** The server sends a public page's data with the page; the browser shows it at once and fetches nothing. */

const GROUP_ID = "0190f5c2-0000-7000-8000-0000000000aa";

const summary: GroupSummary = {
  id: GROUP_ID,
  name: "Evening Grief Circle",
  description: "We meet to remember.",
  focusAreas: ["grief_loss"],
  otherFocus: null,
  languages: ["en"],
  whoFor: "",
  visibility: "listed",
  membershipPolicy: "open",
  memberCount: 2,
  myMembership: null,
};
const detail: GroupDetail = {
  ...summary,
  guidelines: "# Be kind",
  guidelinesVersion: 1,
  can: { edit: false, seeMembers: false, managePositions: false, approve: false, invite: false },
};

let page: Awaited<ReturnType<typeof renderPage>> | undefined;
afterEach(async () => {
  await page?.unmount();
  page = undefined;
});

const clickLink = (href: string) => act(async () => document.querySelector<HTMLAnchorElement>(`a[href="${href}"]`)!.click());

describe("a public page that came with its data", () => {
  it("shows the group at once, guidelines formatted, without fetching it; after navigating, pages fetch again", async () => {
    page = await renderPage(
      `/groups/${GROUP_ID}`,
      {
        "GET /api/groups": { status: 200, body: { groups: [summary] } },
        [`GET /api/groups/${GROUP_ID}`]: { status: 200, body: { ...detail, name: "Evening Grief Circle (renamed)" } },
      },
      { pageData: { name: "group", data: { group: detail, members: [] } } },
    );
    expect(page.main().querySelector("h1")?.textContent).toBe("Evening Grief Circle");
    expect(page.main().querySelector(".guidelines")?.innerHTML).toBe("<h3>Be kind</h3>\n");
    expect(page.sent).toEqual([]);

    await clickLink("/groups");
    await page.waitForText("Groups you can join");
    await clickLink(`/groups/${GROUP_ID}`);
    await page.waitForText("Evening Grief Circle (renamed)");
    expect(page.sent.map((r) => r.path)).toEqual(["/api/groups", `/api/groups/${GROUP_ID}`]);
  });

  it("says kindly that a group is not there, without asking again", async () => {
    page = await renderPage(`/groups/${GROUP_ID}`, {}, {
      pageData: { name: "group", problem: { type: "urn:kindred:problem:notFound", title: "Not found", status: 404 } },
    });
    expect(page.main().querySelector("h1")?.textContent).toBe("Group not found");
    expect(page.sent).toEqual([]);
  });

  it("lists the groups at once", async () => {
    page = await renderPage("/groups", {}, { pageData: { name: "groups", data: [summary] }, member: member() });
    expect(page.text()).toContain("Evening Grief Circle");
    expect(page.sent).toEqual([]);
  });
});
