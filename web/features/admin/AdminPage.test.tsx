// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { member, problem, renderPage } from "../groups/testing";

let page: Awaited<ReturnType<typeof renderPage>> | undefined;
afterEach(async () => {
  await page?.unmount();
  page = undefined;
});

const me = member({ isOrganizationAdmin: true });
const otherAdmin = {
  id: "0190f5c2-0000-7000-8000-000000000002",
  handle: "harbor",
  displayName: "Harbor",
  isOrganizationAdmin: true,
  createdAt: "2025-01-01T00:00:00.000Z",
  groups: [{ groupId: "0190f5c2-0000-7000-8000-0000000000aa", groupName: "Evening Grief Circle", positions: ["chair", "treasurer"] }],
};

describe("organization admin", () => {
  it("lists people with their groups and positions, and explains kindly that the last admin must stay", async () => {
    page = await renderPage(
      "/admin",
      {
        "GET /api/groups": { status: 200, body: { groups: [] } },
        "GET /api/admin/people": { status: 200, body: { people: [otherAdmin] } },
        [`PUT /api/admin/people/${otherAdmin.id}/admin`]: problem("conflict", 409),
      },
      { member: me },
    );
    await page.waitForText("Harbor");
    expect(page.text()).toContain("Evening Grief Circle (Chair and Treasurer)");

    await page.click(page.button("Remove Harbor as administrator"));
    await page.click(page.button("Yes, remove"));
    await page.waitForText("Harbor is the only administrator");
    expect(page.sent.find((r) => r.method === "PUT")?.body).toEqual({ isOrganizationAdmin: false });
    expect(page.alert()).toContain("Make someone else an administrator first.");
  });

  it("points to reported messages and the audit log, and sets someone's trust level by hand", async () => {
    const willow = { ...otherAdmin, id: "0190f5c2-0000-7000-8000-000000000003", handle: "willow", displayName: "Willow", isOrganizationAdmin: false, groups: [] };
    page = await renderPage(
      "/admin",
      {
        "GET /api/groups": { status: 200, body: { groups: [] } },
        "GET /api/admin/people": { status: 200, body: { people: [willow] } },
        "GET /api/admin/flagged-messages": { status: 200, body: { items: [{ id: "0190f5c2-0000-7000-8000-0000000000c1" }, { id: "0190f5c2-0000-7000-8000-0000000000c2" }] } },
        "GET /api/notifications/unread": { status: 200, body: { unread: 0 } },
        [`PUT /api/board/trust/${willow.id}`]: { status: 200, body: { memberId: willow.id, level: 2, setByOrganization: true, participation: {} } },
      },
      { member: me },
    );
    await page.waitForText("Willow");
    await page.waitForText("(2 waiting)");
    const links = [...page.main().querySelectorAll("a")].map((a) => [a.textContent, a.getAttribute("href")]);
    expect(links).toContainEqual(["Reported messages", "/admin/flagged-messages"]);
    expect(links).toContainEqual(["Audit log", "/admin/audit"]);

    expect(page.text()).toContain("Trust level of Willow");
    await page.click(page.button("Set the trust level"));
    await page.waitForText("Choose a trust level.");
    expect(page.sent.some((r) => r.method === "PUT")).toBe(false);

    (page.field("Trust level") as unknown as HTMLSelectElement).value = "2";
    await page.click(page.button("Set the trust level"));
    await page.waitForText("Set by hand to Member.");
    expect(page.sent.find((r) => r.method === "PUT")?.body).toEqual({ level: 2 });
    expect(page.status()).toBe("Willow's trust level is now Member.");
  });

  it("does not exist for members who are not admins", async () => {
    page = await renderPage("/admin", {}, { member: member() });
    expect(page.main().querySelector("h1")?.textContent).toBe("Page not found");
  });
});
