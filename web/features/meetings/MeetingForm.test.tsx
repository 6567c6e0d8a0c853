// @vitest-environment happy-dom
import { act } from "react";
import { afterEach, describe, expect, it } from "vitest";
import type { GroupDetail } from "../groups/api";
import { member, problem, renderPage, type FakeServer } from "../groups/testing";

const GROUP_ID = "0190f5c2-0000-7000-8000-0000000000aa";
const group: GroupDetail = {
  id: GROUP_ID,
  name: "Harbor Home Group",
  description: "",
  focusAreas: ["alcohol"],
  otherFocus: null,
  languages: ["en"],
  whoFor: "",
  visibility: "listed",
  membershipPolicy: "open",
  memberCount: 1,
  myMembership: { status: "active", positions: ["secretary"] },
  guidelines: "",
  guidelinesVersion: 1,
  can: { edit: true, seeMembers: true, managePositions: false, approve: true, invite: true },
} as GroupDetail;

const steward = member();
const server = (answers: FakeServer): FakeServer => ({
  [`GET /api/groups/${GROUP_ID}`]: { status: 200, body: group },
  [`GET /api/groups/${GROUP_ID}/meetings`]: { status: 200, body: { meetings: [] } },
  [`GET /api/groups/${GROUP_ID}/corrections`]: { status: 200, body: { corrections: [] } },
  ...answers,
});

let page: Awaited<ReturnType<typeof renderPage>> | undefined;
afterEach(async () => {
  await page?.unmount();
  page = undefined;
});

async function choose(control: HTMLInputElement | HTMLTextAreaElement, value: string) {
  await act(async () => {
    (control as unknown as HTMLSelectElement).value = value;
    control.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

describe("adding a meeting", () => {
  it("sends a monthly, online-only schedule as the API reads it", async () => {
    page = await renderPage(`/groups/${GROUP_ID}/meetings/new`, server({ [`POST /api/groups/${GROUP_ID}/meetings`]: problem("validation", 400, [{ field: "online.url", message: "a web link (https://...)" }]) }), { member: steward });
    await page.waitForText("Add a meeting");
    await page.type(page.field("Name of the meeting"), "Last Saturday Speakers");
    await page.click(page.field("Once a month") as HTMLInputElement);
    await choose(page.field("Which week"), "last");
    await choose(page.field("Day"), "6");
    await page.type(page.field("Starts at"), "10:00");
    await choose(page.field("Time zone"), "America/Chicago");
    await page.click(page.field("Meets in person") as HTMLInputElement);
    await page.click(page.field("Meets online") as HTMLInputElement);
    const link = page.field("Link to join");
    await page.type(link, "meet.example/speakers");
    await page.click(page.button("Add the meeting"));

    await page.waitFor(() => link.getAttribute("aria-invalid") === "true", "the link marked as wrong");
    // The meeting the form posted (other requests, such as the unread count the header loads when
    // the browser is idle, may come after it).
    const posted = page.sent.filter((request) => request.method === "POST" && request.path === `/api/groups/${GROUP_ID}/meetings`);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body).toMatchObject({
      name: "Last Saturday Speakers",
      schedule: { repeats: { every: "month", week: "last", day: 6 }, start: "10:00", end: null, timeZone: "America/Chicago", startsOn: null, exceptions: [] },
      venue: null,
      online: { url: "meet.example/speakers", urlNotes: null, phone: null, phoneNotes: null },
      access: null,
      regions: [],
    });
    expect(page.description(link)).toContain("a web link");
  });

  it("is not offered to someone who cannot keep the group's meetings", async () => {
    page = await renderPage(`/groups/${GROUP_ID}/meetings/new`, server({ [`GET /api/groups/${GROUP_ID}`]: { status: 200, body: { ...group, can: { ...group.can, edit: false } } } }), {
      member: steward,
    });
    await page.waitForText("Page not found");
    expect(page.main().querySelector("form")).toBeNull();
  });
});
