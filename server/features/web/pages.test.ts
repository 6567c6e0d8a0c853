import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../../core/ids";
import { send, setupOrganization, signUp, type Person } from "../../testing/client";
import { createTestApp, dialects, type TestApp } from "../../testing/harness";
import { ensureBuilt, stateOf } from "./testing";

const GUIDELINES = "# Confidentiality\n\n- What is said here stays here.\n- <b>Be kind</b>";

/** What the page shows, without markup: what a reader without JavaScript sees. */
const textOf = (html: string) => /<main[^>]*>([^]*)<\/main>/.exec(html)![1]!.replace(/<[^>]+>/g, " ");

describe.each(dialects)("public pages with their data, on %s", (dialect) => {
  let t: TestApp;
  let admin: Person;
  let ana: Person;
  let ben: Person;
  let listed: string;
  let unlisted: string;

  const createGroup = async (body: Record<string, unknown>) => {
    const res = await send(t.app, "POST", "/api/groups", { as: admin, body: { focusAreas: ["grief_loss"], languages: ["en"], ...body } });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };

  beforeAll(async () => {
    ensureBuilt();
    t = await createTestApp(dialect);
    admin = await setupOrganization(t.app);
    ana = await signUp(t.app, "ana_rivers");
    ben = await signUp(t.app, "ben_outside");
    listed = await createGroup({ name: "Evening Grief Circle", description: "We meet to remember.", guidelines: GUIDELINES });
    unlisted = await createGroup({ name: "Veterans' Quiet Room", visibility: "unlisted" });
    const joined = await send(t.app, "POST", `/api/groups/${listed}/join`, { as: ana, body: { acceptedGuidelinesVersion: 1 } });
    expect(joined.statusCode, joined.body).toBe(200);
  }, 120_000);
  afterAll(async () => t.close());

  describe("a group's page", () => {
    it("is complete without JavaScript: name, about, guidelines as formatted text", async () => {
      const res = await send(t.app, "GET", `/groups/${listed}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain("<title>Evening Grief Circle · ");
      expect(res.body).toContain("<h1>Evening Grief Circle</h1>");
      expect(res.body).toContain("<p>We meet to remember.</p>");
      expect(res.body).toContain("<h3>Confidentiality</h3>");
      expect(res.body).toContain("<li>What is said here stays here.</li>");
      // Members' Markdown is never HTML.
      expect(res.body).toContain("&lt;b&gt;Be kind&lt;/b&gt;");
      expect(textOf(res.body)).not.toContain("Loading…");
    });

    it("hands the browser the group it rendered, so hydrating fetches nothing", async () => {
      const res = await send(t.app, "GET", `/groups/${listed}`, { as: ana });
      expect(stateOf(res.body).pageData).toMatchObject({
        name: "group",
        data: { group: { id: listed, name: "Evening Grief Circle", myMembership: { status: "active" } }, members: [{ handle: "ana_rivers" }] },
      });
    });

    it("shows who is in the group to its members only", async () => {
      const member = await send(t.app, "GET", `/groups/${listed}`, { as: ana });
      expect(member.body).toContain('<h2 id="members-heading" tabindex="-1">Members</h2>');
      expect(textOf(member.body)).toContain("ana_rivers");

      for (const outsider of [ben, null]) {
        const res = await send(t.app, "GET", `/groups/${listed}`, { as: outsider });
        expect(res.statusCode).toBe(200);
        expect(res.body).not.toContain("members-heading");
        expect(res.body).not.toContain("ana_rivers");
      }
    });

    it("answers 404 with the kind not-found words for a group hidden from the reader, or none at all", async () => {
      for (const [url, as] of [[`/groups/${unlisted}`, null], [`/groups/${unlisted}`, ben], [`/groups/${newId()}`, ana], ["/groups/not-a-group", null]] as const) {
        const res = await send(t.app, "GET", url, { as });
        expect(res.statusCode, url).toBe(404);
        expect(res.body).toContain("<h1>Group not found</h1>");
        expect(res.body).not.toContain("Veterans");
        expect(stateOf(res.body).pageData).toMatchObject({ name: "group", problem: { status: 404, type: "urn:kindred:problem:notFound" } });
      }
    });

    it("shows an unlisted group to an organization admin", async () => {
      const res = await send(t.app, "GET", `/groups/${unlisted}`, { as: admin });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain("<h1>Veterans&#x27; Quiet Room</h1>");
    });

    it("speaks the reader's language", async () => {
      const res = await send(t.app, "GET", `/groups/${listed}`, { headers: { "accept-language": "es" } });
      expect(res.body).toContain("Sobre este grupo");
    });
  });

  describe("the list of groups", () => {
    it("lists the listed groups without JavaScript, and hands them to the browser", async () => {
      const res = await send(t.app, "GET", "/groups");
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(new RegExp(`<a href="/groups/${listed}"[^>]*>Evening Grief Circle</a>`));
      expect(res.body).not.toContain("Veterans");
      expect(textOf(res.body)).not.toContain("Loading…");
      expect(stateOf(res.body).pageData).toEqual({ name: "groups", data: [expect.objectContaining({ id: listed })] });
    });

    it("shows a member their own groups under My groups", async () => {
      const res = await send(t.app, "GET", "/groups", { as: ana });
      expect(textOf(res.body)).toMatch(/My groups\s+Evening Grief Circle/);
    });
  });

  it("sends nothing extra with pages that load their own data", async () => {
    const res = await send(t.app, "GET", "/groups/new", { as: admin });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Start a group");
    expect(stateOf(res.body).pageData).toBeUndefined();
  });
});
