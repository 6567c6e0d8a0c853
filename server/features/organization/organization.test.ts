import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { send, setupOrganization, signUp, type Person } from "../../testing/client";
import { createTestApp, dialects, type TestApp } from "../../testing/harness";

describe.each(dialects)("organization on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => t.close());

  it("answers 503 setupNeeded before setup", async () => {
    const res = await send(t.app, "GET", "/api/organization");
    expect(res.statusCode).toBe(503);
    expect(res.json().type).toBe("urn:kindred:problem:setupNeeded");
  });

  it("shows the organization to anyone", async () => {
    await setupOrganization(t.app, { organizationName: "Harbor Intergroup" });
    const res = await send(t.app, "GET", "/api/organization");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: expect.any(String), name: "Harbor Intergroup" });
  });

  describe("renaming", () => {
    let admin: Person;
    beforeEach(async () => {
      admin = await setupOrganization(t.app, { organizationName: "Harbor Intergroup" });
    });
    const rename = (as: Person | null, name: unknown) => send(t.app, "PATCH", "/api/organization", { as, body: { name } });

    it("lets an administrator rename it", async () => {
      const res = await rename(admin, "  Harbor Area Intergroup ");
      expect(res.statusCode).toBe(200);
      expect(res.json().name).toBe("Harbor Area Intergroup");
      expect((await send(t.app, "GET", "/api/organization")).json().name).toBe("Harbor Area Intergroup");
    });

    it("refuses members (403) and the signed-out (401), even with a bad body", async () => {
      const member = await signUp(t.app, "member");
      expect((await rename(member, "Taken Over")).statusCode).toBe(403);
      expect((await rename(member, "")).statusCode).toBe(403);
      expect((await rename(null, "Taken Over")).statusCode).toBe(401);
      expect((await send(t.app, "GET", "/api/organization")).json().name).toBe("Harbor Intergroup");
    });

    it("names the field when the name is too short", async () => {
      const res = await rename(admin, "H");
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe("name");
    });
  });
});
