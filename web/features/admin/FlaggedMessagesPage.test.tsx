// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { member, problem, renderPage, type SentRequest } from "../groups/testing";
import type { FlaggedMessage } from "./api";

let page: Awaited<ReturnType<typeof renderPage>> | undefined;
afterEach(async () => {
  await page?.unmount();
  page = undefined;
});

const admin = member({ isOrganizationAdmin: true });
const crisis: FlaggedMessage = {
  id: "0190f5c2-0000-7000-8000-0000000000c1",
  body: "I don't see the point of anything any more.",
  sender: { memberId: "0190f5c2-0000-7000-8000-000000000002", displayName: "Willow" },
  sentAt: "2026-11-02T10:00:00.000Z",
  hidden: false,
  crisis: true,
  score: 2,
  firstFlaggedAt: "2026-11-02T11:00:00.000Z",
  flags: [{ reason: "crisis", note: "She sounded very low tonight.", createdAt: "2026-11-02T11:00:00.000Z" }],
};
const harassment: FlaggedMessage = {
  id: "0190f5c2-0000-7000-8000-0000000000c2",
  body: "You again? Nobody wants you here.",
  sender: null,
  sentAt: "2026-11-01T10:00:00.000Z",
  hidden: true,
  crisis: false,
  score: 9,
  firstFlaggedAt: "2026-11-01T12:00:00.000Z",
  flags: [
    { reason: "harassment", note: null, createdAt: "2026-11-01T12:00:00.000Z" },
    { reason: "harmful", note: null, createdAt: "2026-11-01T13:00:00.000Z" },
  ],
};
const unread = { "GET /api/notifications/unread": { status: 200, body: { unread: 0 } } };
const decisionPath = `POST /api/admin/flagged-messages/${crisis.id}/decision`;

/** The queue answers `first` until a decision is saved, then `after`. */
function queue(first: FlaggedMessage[], after: FlaggedMessage[]) {
  let decided = false;
  return {
    "GET /api/admin/flagged-messages": () => ({ status: 200, body: { items: decided ? after : first } }),
    mark: (answer: { status: number; body?: unknown }) => (_: SentRequest) => {
      if (answer.status < 300) decided = true;
      return answer;
    },
  };
}

describe("reported messages", () => {
  it("shows each reported message alone, crisis first, and hides one with a note for the audit log", async () => {
    const server = queue([crisis, harassment], [harassment]);
    page = await renderPage(
      "/admin/flagged-messages",
      {
        ...unread,
        "GET /api/admin/flagged-messages": server["GET /api/admin/flagged-messages"],
        [decisionPath]: server.mark({ status: 200, body: { messageId: crisis.id, hidden: true } }),
      },
      { member: admin },
    );
    await page.waitForText("A message from Willow");
    const cards = [...page.main().querySelectorAll("article")];
    expect(cards.map((card) => card.querySelector("h3")?.textContent)).toEqual(["May be in crisis A message from Willow", "A message from someone who has left Kindred"]);
    expect(page.text()).toContain("Waiting for a decision (2)");
    expect(cards[0]!.textContent).toContain("I don't see the point of anything any more.");
    expect(cards[0]!.textContent).toContain("Someone may be in crisis");
    expect(cards[0]!.textContent).toContain("She sounded very low tonight.");
    expect(cards[0]!.textContent).toContain("the crisis lines are under “Get help now”");
    expect(cards[0]!.textContent).toContain("The person it was sent to still sees it.");
    expect(cards[1]!.textContent).toContain("2 reports");
    expect(cards[1]!.textContent).toContain("Hidden from the person it was sent to, until you decide.");
    expect(cards[1]!.textContent).toContain("Show it again and set the reports aside");

    // Nothing chosen, no note: the form says so, and nothing is sent.
    const first = cards[0]!;
    const save = [...first.querySelectorAll("button")].find((b) => b.textContent === "Save the decision")!;
    await page.click(save);
    await page.waitForText("Choose what should happen to this message.");
    expect(first.textContent).toContain("Write a few words about your decision.");
    expect(page.sent.some((r) => r.method === "POST")).toBe(false);

    await page.click(page.field("Hide it from the person it was sent to") as HTMLInputElement);
    await page.type(page.field("A note for the audit log"), "Reached out to Willow with the crisis lines.");
    await page.click(save);
    await page.waitForText("Waiting for a decision (1)");
    expect(page.sent.find((r) => r.method === "POST")?.body).toEqual({ action: "hide", note: "Reached out to Willow with the crisis lines." });
    expect(page.status()).toBe("The message is hidden from the person it was sent to. Your decision is in the audit log.");
    expect(page.text()).not.toContain("A message from Willow");
    expect(document.activeElement?.textContent).toBe("Waiting for a decision (1)");
  });

  it("says kindly when another administrator decided first", async () => {
    page = await renderPage(
      "/admin/flagged-messages",
      { ...unread, "GET /api/admin/flagged-messages": { status: 200, body: { items: [crisis] } }, [decisionPath]: problem("conflict", 409) },
      { member: admin },
    );
    await page.waitForText("A message from Willow");
    await page.click(page.field("Leave it as it is and set the reports aside") as HTMLInputElement);
    await page.type(page.field("A note for the audit log"), "A misunderstanding between friends.");
    await page.click(page.button("Save the decision"));
    await page.waitForText("Another administrator has just decided on this message.");
    expect(page.sent.find((r) => r.method === "POST")?.body).toEqual({ action: "restore", note: "A misunderstanding between friends." });
  });

  it("thanks the admin when nothing waits, in Spanish too", async () => {
    page = await renderPage("/admin/flagged-messages", { ...unread, "GET /api/admin/flagged-messages": { status: 200, body: { items: [] } } }, { member: admin, language: "es" });
    await page.waitForText("No hay mensajes denunciados pendientes.");
    expect(page.main().querySelector("h1")?.textContent).toBe("Mensajes denunciados");
    expect(page.text()).toContain("Esperan una decisión (0)");
  });

  it("does not exist for members who are not admins", async () => {
    page = await renderPage("/admin/flagged-messages", unread, { member: member() });
    expect(page.main().querySelector("h1")?.textContent).toBe("Page not found");
    expect(page.sent.some((r) => r.path.startsWith("/api/admin"))).toBe(false);
  });
});
