// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { member, renderPage } from "../groups/testing";
import type { Notification } from "./api";

let page: Awaited<ReturnType<typeof renderPage>> | undefined;
afterEach(async () => {
  await page?.unmount();
  page = undefined;
});

const moderator = member();
const MEETING_ID = "0190f5c2-0000-7000-8000-0000000000d1";
/** A report from a live room, as GET /api/notifications sends it: the meeting, never who or why. */
const liveReport = (fields: Partial<Notification> = {}): Notification => ({
  id: "0190f5c2-0000-7000-8000-0000000000e1",
  kind: "live_report",
  group: { groupId: "0190f5c2-0000-7000-8000-0000000000f1", groupName: "Steady Ground" },
  from: null,
  threadId: null,
  postId: null,
  buddyId: null,
  meetingId: MEETING_ID,
  startsAt: null,
  meetingName: "Tuesday Circle",
  read: false,
  createdAt: "2026-11-02T19:30:00.000Z",
  ...fields,
});
const server = (notifications: Notification[]) => ({
  "GET /api/notifications/unread": { status: 200, body: { unread: notifications.length } },
  "GET /api/notifications": { status: 200, body: { notifications, nextBefore: null } },
});
const links = () => [...page!.main().querySelectorAll("a")].map((a) => ({ text: a.textContent, href: a.getAttribute("href") }));

describe("a report from a live meeting room, in the notifications", () => {
  it("says someone reported a participant in the meeting, and leads to the meeting's page", async () => {
    page = await renderPage("/notifications", server([liveReport()]), { member: moderator });
    await page.waitForText("Someone reported a participant in Tuesday Circle");
    expect(page.text()).not.toContain("Something new");
    expect(links()).toContainEqual({ text: "Someone reported a participant in Tuesday Circle", href: `/meetings/${MEETING_ID}` });
  });

  it("speaks Spanish, and still reads plainly when the meeting has gone", async () => {
    page = await renderPage("/notifications", server([liveReport({ meetingName: null, meetingId: null })]), { member: { ...moderator, language: "es" }, language: "es" });
    await page.waitForText("Alguien denunció a un participante en una reunión en línea");
    expect(links().some((l) => l.text?.startsWith("Alguien denunció"))).toBe(false);
  });

  it("has its own line in the notification settings", async () => {
    const settings = [
      { kind: "reply", inApp: true, email: false },
      { kind: "live_report", inApp: true, email: false },
    ];
    page = await renderPage(
      "/settings/notifications",
      { "GET /api/notifications/unread": { status: 200, body: { unread: 0 } }, "GET /api/notifications/settings": { status: 200, body: { settings, emailAvailable: false } } },
      { member: moderator },
    );
    await page.waitForText("Reports in the meeting rooms of groups I moderate");
    expect(page.text()).not.toContain("Other");
  });
});
