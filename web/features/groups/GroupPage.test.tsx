// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import type { GroupDetail } from "./api";
import { member, problem, renderPage } from "./testing";

const GROUP_ID = "0190f5c2-0000-7000-8000-0000000000aa";
const GROUP_PATH = `/api/groups/${GROUP_ID}`;

const group = (overrides: Partial<GroupDetail> = {}): GroupDetail => ({
  id: GROUP_ID,
  name: "Evening Grief Circle",
  description: "We meet to remember.",
  focusAreas: ["grief_loss"],
  otherFocus: null,
  languages: ["en", "es"],
  whoFor: "Anyone who lost someone",
  visibility: "listed",
  membershipPolicy: "open",
  memberCount: 4,
  myMembership: null,
  guidelines: "# Be kind\n\n<script>alert('x')</script>",
  guidelinesVersion: 3,
  can: { edit: false, seeMembers: false, managePositions: false, approve: false, invite: false },
  ...overrides,
});

let page: Awaited<ReturnType<typeof renderPage>> | undefined;
afterEach(async () => {
  await page?.unmount();
  page = undefined;
});

describe("a group's page", () => {
  it("keeps Join disabled until the guidelines are accepted, then joins with the version shown", async () => {
    page = await renderPage(
      `/groups/${GROUP_ID}`,
      {
        [`GET ${GROUP_PATH}`]: { status: 200, body: group() },
        [`POST ${GROUP_PATH}/join`]: { status: 200, body: group({ myMembership: { status: "active", positions: [], acceptedGuidelinesVersion: 3 } }) },
      },
      { member: member() },
    );
    await page.waitForText("Be kind");

    const join = page.button("Join this group");
    expect(join.disabled).toBe(true);
    await page.click(join);
    expect(page.sent.filter((r) => r.method === "POST")).toEqual([]);

    await page.click(page.field("I have read and accept these guidelines") as HTMLInputElement);
    expect(page.button("Join this group").disabled).toBe(false);
    await page.click(page.button("Join this group"));

    expect(page.sent.find((r) => r.method === "POST")).toEqual({ method: "POST", path: `${GROUP_PATH}/join`, body: { acceptedGuidelinesVersion: 3 } });
    await page.waitForText("Welcome! You're now a member of Evening Grief Circle.");
    expect(page.status()).toContain("Welcome!");
  });

  it("shows the guidelines' raw HTML as text, and labels in plain words", async () => {
    page = await renderPage(`/groups/${GROUP_ID}`, { [`GET ${GROUP_PATH}`]: { status: 200, body: group() } });
    await page.waitForText("Be kind");
    expect(page.main().querySelector("script")).toBeNull();
    expect(page.text()).toContain("<script>alert('x')</script>");
    expect(page.text()).toContain("Grief and loss");
    expect(page.text()).toContain("English and Spanish");
  });

  it("asks a signed-out visitor to sign in or sign up instead of offering Join", async () => {
    page = await renderPage(`/groups/${GROUP_ID}`, { [`GET ${GROUP_PATH}`]: { status: 200, body: group() } });
    await page.waitForText("Sign in to join");
    const signIn = [...page.main().querySelectorAll("a")].find((a) => a.textContent === "Sign in to join");
    expect(signIn?.getAttribute("href")).toBe(`/signin?next=${encodeURIComponent(`/groups/${GROUP_ID}`)}`);
    expect(page.hasButton("Join this group")).toBe(false);
  });

  it("asks again when the guidelines changed while the person was reading", async () => {
    let version = 3;
    page = await renderPage(
      `/groups/${GROUP_ID}`,
      {
        [`GET ${GROUP_PATH}`]: () => ({ status: 200, body: group({ guidelinesVersion: version }) }),
        [`POST ${GROUP_PATH}/join`]: () => {
          version = 4;
          return problem("guidelinesNotAccepted", 409);
        },
      },
      { member: member() },
    );
    await page.waitForText("Version 3");
    await page.click(page.field("I have read and accept these guidelines") as HTMLInputElement);
    await page.click(page.button("Join this group"));

    await page.waitForText("Version 4");
    expect(page.alert()).toContain("The guidelines changed while you were reading");
    expect((page.field("I have read and accept these guidelines") as HTMLInputElement).checked).toBe(false);
    expect(page.button("Join this group").disabled).toBe(true);
  });

  it("leaves only after the member confirms", async () => {
    page = await renderPage(
      `/groups/${GROUP_ID}`,
      {
        [`GET ${GROUP_PATH}`]: { status: 200, body: group({ myMembership: { status: "active", positions: [], acceptedGuidelinesVersion: 3 } }) },
        [`DELETE ${GROUP_PATH}/membership`]: { status: 204 },
      },
      { member: member() },
    );
    await page.waitForText("You're a member of this group.");
    await page.click(page.button("Leave this group"));
    expect(page.sent.some((r) => r.method === "DELETE")).toBe(false);
    expect(page.text()).toContain("Do you want to leave this group?");

    await page.click(page.button("Yes, leave"));
    expect(page.sent.some((r) => r.method === "DELETE" && r.path === `${GROUP_PATH}/membership`)).toBe(true);
    await page.waitForText("You've left Evening Grief Circle.");
  });

  it("answers a group it may not see with a kind not-found page", async () => {
    page = await renderPage(`/groups/${GROUP_ID}`, { [`GET ${GROUP_PATH}`]: problem("notFound", 404) }, { language: "es" });
    await page.waitForText("No encontramos el grupo");
    expect(page.main().querySelector("h1")?.textContent).toBe("No encontramos el grupo");
  });
});
