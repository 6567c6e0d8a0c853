import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { send, sessionCookieOf, setupOrganization, signUp, TEST_PASSWORD } from "../../testing/client";
import { createTestApp, dialects, type TestApp } from "../../testing/harness";

describe.each(dialects)("first-run setup on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => t.close());

  it("says setup is needed on an empty database, and not after", async () => {
    expect((await send(t.app, "GET", "/api/setup")).json()).toEqual({ needed: true });
    await setupOrganization(t.app);
    expect((await send(t.app, "GET", "/api/setup")).json()).toEqual({ needed: false });
  });

  it("creates the organization and its first administrator, signed in", async () => {
    const res = await send(t.app, "POST", "/api/setup", {
      body: { organizationName: "Harbor Intergroup", handle: "River", password: TEST_PASSWORD, language: "es" },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().member).toMatchObject({ handle: "River", displayName: "River", language: "es", isOrganizationAdmin: true });
    const cookie = res.cookies.find((c) => c.name === "kindred_session")!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie.secure).toBeFalsy();

    const me = await send(t.app, "GET", "/api/account", { as: sessionCookieOf(res) });
    expect(me.json()).toMatchObject({ handle: "River", isOrganizationAdmin: true });
    expect((await send(t.app, "GET", "/api/organization")).json()).toMatchObject({ name: "Harbor Intergroup" });
  });

  it("gives the first administrator ten recovery codes, one of which resets a lost password", async () => {
    const res = await send(t.app, "POST", "/api/setup", { body: { organizationName: "Harbor Intergroup", handle: "River", password: TEST_PASSWORD } });
    const codes: string[] = res.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    const recovered = await send(t.app, "POST", "/api/account/recover", {
      body: { handle: "River", recoveryCode: codes[4], newPassword: "a new and long passphrase" },
    });
    expect(recovered.statusCode).toBe(200);
    expect(recovered.json()).toMatchObject({ member: { handle: "River", isOrganizationAdmin: true }, recoveryCodesLeft: 9 });
  });

  it("refuses a second setup with 409 setupDone and changes nothing", async () => {
    await setupOrganization(t.app, { organizationName: "First" });
    const res = await send(t.app, "POST", "/api/setup", { body: { organizationName: "Second", handle: "other", password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(409);
    expect(res.json().type).toBe("urn:kindred:problem:setupDone");
    expect(sessionCookieOf(res)).toBeNull();
    expect((await send(t.app, "GET", "/api/organization")).json().name).toBe("First");
    expect((await send(t.app, "POST", "/api/session", { body: { handle: "other", password: TEST_PASSWORD } })).statusCode).toBe(401);
  });

  it("lets only one of two simultaneous setups win", async () => {
    const attempts = await Promise.all(
      ["one", "two", "three"].map((handle) =>
        send(t.app, "POST", "/api/setup", { body: { organizationName: `Org ${handle}`, handle, password: TEST_PASSWORD } }),
      ),
    );
    expect(attempts.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    const organizations = await t.db.selectFrom("organizations").select("id").execute();
    expect(organizations).toHaveLength(1);
  });

  it("names the failing fields and writes nothing when the input is not valid", async () => {
    const res = await send(t.app, "POST", "/api/setup", { body: { organizationName: "X", handle: "a", password: "short" } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(["handle", "organizationName", "password"]);
    expect((await send(t.app, "GET", "/api/setup")).json()).toEqual({ needed: true });
  });

  it("keeps sign-up closed until Kindred is set up", async () => {
    const res = await send(t.app, "POST", "/api/account", { body: { handle: "early", password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(503);
    expect(res.json().type).toBe("urn:kindred:problem:setupNeeded");
    await setupOrganization(t.app);
    expect((await signUp(t.app, "early")).recoveryCodes).toHaveLength(10);
  });
});
