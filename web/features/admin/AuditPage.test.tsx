// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { member, renderPage } from "../groups/testing";
import type { AuditEntry } from "./api";

let page: Awaited<ReturnType<typeof renderPage>> | undefined;
afterEach(async () => {
  await page?.unmount();
  page = undefined;
});

const admin = member({ isOrganizationAdmin: true });
const me = { memberId: admin.id, displayName: "River" };
const willow = { memberId: "0190f5c2-0000-7000-8000-000000000002", displayName: "Willow" };
const entry = (n: number, fields: Partial<AuditEntry>): AuditEntry => ({
  id: `0190f5c2-0000-7000-8000-0000000001${String(n).padStart(2, "0")}`,
  action: "trust_set",
  actor: me,
  subject: willow,
  messageId: null,
  note: null,
  trust: null,
  createdAt: `2026-11-0${n}T10:00:00.000Z`,
  ...fields,
});
const hidden = entry(3, { action: "message_hidden", messageId: "0190f5c2-0000-7000-8000-0000000000c1", note: "Reached out with the crisis lines." });
const trusted = entry(2, { trust: { from: 0, to: 1 } });
const byFlags = entry(1, { action: "message_hidden_by_flags", actor: null, subject: null, messageId: "0190f5c2-0000-7000-8000-0000000000c2" });
const unread = { "GET /api/notifications/unread": { status: 200, body: { unread: 0 } } };

describe("the organization's audit log", () => {
  it("says what happened in plain words, with notes, and shows older entries on request", async () => {
    page = await renderPage(
      "/admin/audit",
      {
        ...unread,
        "GET /api/admin/audit": { status: 200, body: { entries: [hidden, trusted], nextCursor: "next-page" } },
        "GET /api/admin/audit?cursor=next-page": { status: 200, body: { entries: [byFlags], nextCursor: null } },
      },
      { member: admin },
    );
    await page.waitForText("River hid a reported message from Willow.");
    const items = () => [...page!.main().querySelectorAll("ol li")].map((li) => li.textContent);
    expect(items()).toHaveLength(2);
    expect(items()[0]).toContain("Reached out with the crisis lines.");
    expect(items()[1]).toContain("River set the trust level of Willow from New to Basic.");

    await page.click(page.button("Show older entries"));
    await page.waitForText("A message from someone who has left Kindred was hidden after members reported it.");
    expect(items()).toHaveLength(3);
    expect(page.status()).toBe("1 older entry shown.");
    expect(page.hasButton("Show older entries")).toBe(false);
  });

  it("speaks Spanish", async () => {
    page = await renderPage("/admin/audit", { ...unread, "GET /api/admin/audit": { status: 200, body: { entries: [trusted], nextCursor: null } } }, { member: admin, language: "es" });
    await page.waitForText("River cambió el nivel de confianza de Willow de Nuevo a Básico.");
    expect(page.main().querySelector("h1")?.textContent).toBe("Registro");
  });

  it("does not exist for members who are not admins", async () => {
    page = await renderPage("/admin/audit", unread, { member: member() });
    expect(page.main().querySelector("h1")?.textContent).toBe("Page not found");
  });
});
