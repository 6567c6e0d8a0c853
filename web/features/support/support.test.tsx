// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { member, renderPage } from "../groups/testing";
import { localToday } from "./dates";
import type { Buddy, DirectMessage, MoodChart } from "./api";
import { chartMarks } from "./MoodChart";

let page: Awaited<ReturnType<typeof renderPage>> | undefined;
afterEach(async () => {
  await page?.unmount();
  page = undefined;
});

const me = member();
const BUDDY_ID = "0190f5c2-0000-7000-8000-0000000000b1";
const buddy: Buddy = {
  id: BUDDY_ID,
  role: "buddy",
  status: "active",
  direction: "asked",
  other: { memberId: "0190f5c2-0000-7000-8000-000000000002", displayName: "Cedar" },
  createdAt: "2026-11-01T10:00:00.000Z",
  acceptedAt: "2026-11-01T11:00:00.000Z",
};
const received: DirectMessage = {
  id: "0190f5c2-0000-7000-8000-0000000000c1",
  buddyId: BUDDY_ID,
  mine: false,
  body: "Hi River, how was your week?",
  createdAt: "2026-11-02T10:00:00.000Z",
  hidden: false,
};
const conversation = {
  "GET /api/buddies": { status: 200, body: { buddies: [buddy] } },
  [`GET /api/buddies/${BUDDY_ID}/messages`]: { status: 200, body: { messages: [received], nextBefore: null } },
  "GET /api/notifications/unread": { status: 200, body: { unread: 0 } },
};

describe("direct messages", () => {
  it("tells a new member kindly why their message cannot go yet, and keeps what they wrote", async () => {
    page = await renderPage(
      `/buddies/${BUDDY_ID}`,
      { ...conversation, [`POST /api/buddies/${BUDDY_ID}/messages`]: { status: 403, body: { type: "urn:kindred:problem:notYetTrusted", title: "This opens up as you take part", status: 403, detail: "Direct messages open once…" } } },
      { member: me },
    );
    await page.waitForText("Hi River, how was your week?");
    const box = page.field("Your message");
    await page.type(box, "Good, thank you!");
    await page.click(page.button("Send"));
    await page.waitForText("Direct messages open once you have spent a little time in your groups");
    expect(page.alert()).toContain("reading a few topics is enough");
    expect(box.value).toBe("Good, thank you!");
    expect(page.sent.find((r) => r.method === "POST")?.body).toEqual({ body: "Good, thank you!" });
  });

  it("reports a received message with a reason, to the organizers only", async () => {
    page = await renderPage(`/buddies/${BUDDY_ID}`, { ...conversation, [`POST /api/buddies/${BUDDY_ID}/messages/${received.id}/flags`]: { status: 201, body: { messageId: received.id, reason: "harassment", status: "received" } } }, { member: me });
    await page.waitForText("Report this message");
    await page.click(page.button("Send the report"));
    await page.waitForText("Choose what is wrong.");
    expect(page.sent.some((r) => r.path.endsWith("/flags"))).toBe(false);

    await page.click(page.field("Harassment") as HTMLInputElement);
    await page.click(page.button("Send the report"));
    await page.waitForText("You reported this message.");
    expect(page.status()).toContain("Thank you. The organizers will look at it.");
    expect(page.sent.find((r) => r.path.endsWith("/flags"))?.body).toEqual({ reason: "harassment", note: null });
  });

  it("shows a hidden message as hidden, without its words", async () => {
    page = await renderPage(
      `/buddies/${BUDDY_ID}`,
      { ...conversation, [`GET /api/buddies/${BUDDY_ID}/messages`]: { status: 200, body: { messages: [{ ...received, body: "", hidden: true }], nextBefore: null } } },
      { member: me },
    );
    await page.waitForText("This message is hidden");
    expect(page.text()).not.toContain("Report this message");
  });
});

describe("check-ins", () => {
  it("asks for a mood before saving, and sends nothing until there is one", async () => {
    const chart: MoodChart = { from: "2026-08-29", to: "2026-11-26", points: [] };
    page = await renderPage(
      "/check-ins",
      {
        "GET /api/groups": { status: 200, body: { groups: [] } },
        "GET /api/check-ins": { status: 200, body: { checkIns: [], nextBefore: null } },
        "GET /api/notifications/unread": { status: 200, body: { unread: 0 } },
        [`GET /api/check-ins/chart?today=${localToday()}`]: { status: 200, body: chart },
      },
      { member: me },
    );
    await page.waitForText("Save check-in");
    await page.click(page.button("Save check-in"));
    await page.waitForText("Please choose how you are today.");
    expect(page.sent.filter((r) => r.method === "PUT")).toEqual([]);
  });

  it("keeps a place for every day in the chart, a bar only where there is a check-in", () => {
    const marks = chartMarks({
      from: "2026-11-24",
      to: "2026-11-26",
      points: [
        { date: "2026-11-24", mood: 2 },
        { date: "2026-11-25", mood: null },
        { date: "2026-11-26", mood: 5 },
      ],
    });
    expect(marks.map((m) => m.height)).toEqual([56, 0, 140]);
    expect(marks.map((m) => m.x)).toEqual([1, 9, 17]);
  });
});
