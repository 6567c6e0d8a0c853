// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import type { GroupSummary } from "./api";
import { member, renderPage } from "./testing";

let page: Awaited<ReturnType<typeof renderPage>> | undefined;
afterEach(async () => {
  await page?.unmount();
  page = undefined;
});

const summary = (name: string, n: number, myMembership: GroupSummary["myMembership"]): GroupSummary => ({
  id: `0190f5c2-0000-7000-8000-0000000000${n}0`,
  name,
  description: "",
  focusAreas: ["caregivers", "other"],
  otherFocus: "Dementia",
  languages: ["es", "en"],
  whoFor: "",
  visibility: "listed",
  membershipPolicy: "approval",
  memberCount: 1,
  myMembership,
});

/** The group names under the section with this heading. */
const namesUnder = (main: HTMLElement, heading: string) => {
  const section = [...main.querySelectorAll("section")].find((s) => s.querySelector("h2")?.textContent === heading);
  return section ? [...section.querySelectorAll("h3")].map((h) => h.textContent) : null;
};

describe("the groups page", () => {
  it("sorts groups into mine, invitations, requests and groups to join, in the reader's language", async () => {
    page = await renderPage(
      "/groups",
      {
        "GET /api/groups": {
          status: 200,
          body: {
            groups: [
              summary("Cuidadores del martes", 1, { status: "active", positions: ["chair"], acceptedGuidelinesVersion: 1 }),
              summary("Duelo en la tarde", 2, { status: "invited", positions: [], acceptedGuidelinesVersion: null }),
              summary("Familias", 3, { status: "pending", positions: [], acceptedGuidelinesVersion: null }),
              summary("Salud mental", 4, null),
            ],
          },
        },
      },
      { member: member({ language: "es" }), language: "es" },
    );
    await page.waitForText("Cuidadores del martes");
    const main = page.main();
    expect(namesUnder(main, "Mis grupos")).toEqual(["Cuidadores del martes"]);
    expect(namesUnder(main, "Invitaciones para ti")).toEqual(["Duelo en la tarde"]);
    expect(namesUnder(main, "Esperando respuesta")).toEqual(["Familias"]);
    expect(namesUnder(main, "Grupos a los que puedes unirte")).toEqual(["Salud mental"]);
    expect(page.text()).toContain("Tu servicio: Coordinación.");
    expect(page.text()).toContain("Personas cuidadoras y Dementia");
    expect(page.text()).toContain("Español e inglés");
  });
});
