// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { member, problem, renderPage } from "./testing";

let page: Awaited<ReturnType<typeof renderPage>> | undefined;
afterEach(async () => {
  await page?.unmount();
  page = undefined;
});

const admin = member({ isOrganizationAdmin: true });

describe("starting a group", () => {
  it("asks for the other focus only when Other is chosen, and shows the server's complaint beside it", async () => {
    page = await renderPage(
      "/groups/new",
      { "POST /api/groups": problem("validation", 400, [{ field: "otherFocus", message: "say what the group focuses on" }]) },
      { member: admin },
    );
    await page.waitForText("Start a group");
    expect(page.text()).not.toContain("Other focus, in a few words");

    await page.type(page.field("Name of the group"), "Tuesday Caregivers");
    await page.click(page.field("Other") as HTMLInputElement);
    await page.click(page.field("English") as HTMLInputElement);
    const otherFocus = page.field("Other focus, in a few words");
    await page.click(page.button("Start the group"));

    await page.waitForText("Say in a few words what the group focuses on.");
    expect(page.sent[0]?.body).toMatchObject({ name: "Tuesday Caregivers", focusAreas: ["other"], otherFocus: "", languages: ["en"] });
    expect(otherFocus.getAttribute("aria-invalid")).toBe("true");
    expect(page.description(otherFocus)).toContain("Say in a few words what the group focuses on.");
    expect(page.alert()).toContain("Please check the fields marked below.");
  });

  it("shows the live preview of the guidelines as they are written", async () => {
    page = await renderPage("/groups/new", {}, { member: admin });
    await page.waitForText("The guidelines will show here as you write them.");
    await page.type(page.field("Guidelines"), "## Confidentiality\n\nWhat is shared here stays here.");
    const preview = () => page!.main().querySelector(".guidelines-preview .guidelines");
    await page.waitFor(() => preview() !== null, "the preview");
    expect(preview()?.innerHTML).toBe("<h4>Confidentiality</h4>\n<p>What is shared here stays here.</p>\n");
  });

  it("does not exist for someone who is not an organization admin", async () => {
    page = await renderPage("/groups/new", {}, { member: member() });
    expect(page.main().querySelector("h1")?.textContent).toBe("Page not found");
    expect(page.sent).toEqual([]);
  });
});
