import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { RecoveryCode } from "../../../core/accounts";
import { send, sessionCookieOf, setupOrganization, signIn, signUp, TEST_PASSWORD, type Person } from "../../testing/client";
import { createTestApp, dialects, type TestApp } from "../../testing/harness";

const NEW_PASSWORD = "a new and longer passphrase";

describe.each(dialects)("accounts on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await setupOrganization(t.app);
  });
  afterAll(async () => t.close());

  const status = async (as: Person | string | null) => (await send(t.app, "GET", "/api/account", { as })).statusCode;

  describe("sign up", () => {
    it("needs only a handle and a password, and gives ten recovery codes once", async () => {
      const res = await send(t.app, "POST", "/api/account", { body: { handle: "Quiet.Fern", password: TEST_PASSWORD } });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body.member).toMatchObject({
        handle: "Quiet.Fern",
        displayName: "Quiet.Fern",
        language: "en",
        country: null,
        email: null,
        isOrganizationAdmin: false,
      });
      expect(body.recoveryCodes).toHaveLength(10);
      expect(new Set(body.recoveryCodes).size).toBe(10);
      for (const code of body.recoveryCodes) {
        expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
        expect(code).not.toMatch(/[ilo01]/);
        expect(RecoveryCode.safeParse(code).success).toBe(true);
      }
      expect(await status(sessionCookieOf(res))).toBe(200);
    });

    it("keeps only hashes of the password, the recovery codes and the session token", async () => {
      const res = await send(t.app, "POST", "/api/account", { body: { handle: "hashed", password: TEST_PASSWORD } });
      const { member, recoveryCodes } = res.json();
      const token = sessionCookieOf(res)!.split("=")[1]!;
      const row = await t.db.selectFrom("members").select("password_hash").where("id", "=", member.id).executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      const codes = await t.db.selectFrom("recovery_codes").select("code_hash").where("member_id", "=", member.id).execute();
      const sessions = await t.db.selectFrom("sessions").select("token_hash").where("member_id", "=", member.id).execute();
      const stored = JSON.stringify([codes, sessions]);
      for (const secret of [...recoveryCodes, ...recoveryCodes.map((c: string) => c.replaceAll("-", "")), token]) {
        expect(stored).not.toContain(secret);
      }
    });

    it("refuses a handle already taken, whatever its case, naming the field", async () => {
      await signUp(t.app, "Harbor");
      const res = await send(t.app, "POST", "/api/account", { body: { handle: "hARBOR", password: TEST_PASSWORD } });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ type: "urn:kindred:problem:conflict", errors: [{ field: "handle" }] });
    });

    it("names each invalid field", async () => {
      const res = await send(t.app, "POST", "/api/account", {
        body: { handle: "no spaces", password: "short", country: "Mexico", email: "nope", language: "fr" },
      });
      expect(res.statusCode).toBe(400);
      const fields = res.json().errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(["country", "email", "handle", "language", "password"]);
    });
  });

  describe("signing in and out", () => {
    it("signs in with the handle in any case, and refuses a wrong password without saying which part was wrong", async () => {
      const person = await signUp(t.app, "Maple");
      expect(await status(await signIn(t.app, "mAPLE", person.password))).toBe(200);
      const wrong = await send(t.app, "POST", "/api/session", { body: { handle: "maple", password: "not the password" } });
      const unknown = await send(t.app, "POST", "/api/session", { body: { handle: "nobody-here", password: "not the password" } });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json().detail).toBe(unknown.json().detail);
      expect(sessionCookieOf(wrong)).toBeNull();
    });

    it("signs out this session only", async () => {
      const phone = await signUp(t.app, "signout-one");
      const laptop = await signIn(t.app, "signout-one");
      const res = await send(t.app, "DELETE", "/api/session", { as: phone });
      expect(res.statusCode).toBe(204);
      expect(res.cookies.find((c) => c.name === "kindred_session")?.value).toBe("");
      expect(await status(phone)).toBe(401);
      expect(await status(laptop)).toBe(200);
    });

    it("signs out everywhere", async () => {
      const phone = await signUp(t.app, "signout-all");
      const laptop = await signIn(t.app, "signout-all");
      expect((await send(t.app, "DELETE", "/api/sessions", { as: laptop })).statusCode).toBe(204);
      expect(await status(phone)).toBe(401);
      expect(await status(laptop)).toBe(401);
    });

    it("answers 401 unauthenticated to signed-in routes without a session, or with a made-up one", async () => {
      for (const as of [null, "kindred_session=made-up-token"]) {
        for (const [method, url] of [
          ["GET", "/api/account"],
          ["PATCH", "/api/account"],
          ["DELETE", "/api/account"],
          ["PUT", "/api/account/password"],
          ["POST", "/api/account/recovery-codes"],
          ["GET", "/api/account/export"],
          ["DELETE", "/api/session"],
          ["DELETE", "/api/sessions"],
        ] as const) {
          const body = method === "GET" || method === "DELETE" ? undefined : {};
          const res = await send(t.app, method, url, { as, body: url === "/api/account" && method === "DELETE" ? { password: "x", posts: "delete" } : body });
          expect([url, res.statusCode]).toEqual([url, 401]);
          expect(res.json().type).toBe("urn:kindred:problem:unauthenticated");
        }
      }
    });

    it("refuses a sign-out sent from another site", async () => {
      const person = await signUp(t.app, "csrf-target");
      const res = await send(t.app, "DELETE", "/api/sessions", { as: person, headers: { origin: "https://evil.example" } });
      expect(res.statusCode).toBe(403);
      expect(res.json().type).toBe("urn:kindred:problem:csrf");
      expect(await status(person)).toBe(200);
    });
  });

  describe("passwords", () => {
    it("changes the password with the current one, ending every other session", async () => {
      const phone = await signUp(t.app, "changer");
      const laptop = await signIn(t.app, "changer");
      const res = await send(t.app, "PUT", "/api/account/password", { as: phone, body: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD } });
      expect(res.statusCode).toBe(204);
      expect(await status(phone)).toBe(200);
      expect(await status(laptop)).toBe(401);
      expect((await send(t.app, "POST", "/api/session", { body: { handle: "changer", password: TEST_PASSWORD } })).statusCode).toBe(401);
      expect(await status(await signIn(t.app, "changer", NEW_PASSWORD))).toBe(200);
    });

    it("refuses a wrong current password, naming the field, and keeps the old password", async () => {
      const person = await signUp(t.app, "changer-wrong");
      const res = await send(t.app, "PUT", "/api/account/password", {
        as: person,
        body: { currentPassword: "not my password", newPassword: NEW_PASSWORD },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([{ field: "currentPassword", message: expect.any(String) }]);
      expect(await status(await signIn(t.app, "changer-wrong"))).toBe(200);
    });
  });

  describe("recovery codes", () => {
    it("sets a new password with a code, once; other sessions end and the person is signed in", async () => {
      const person = await signUp(t.app, "forgetful");
      const code = person.recoveryCodes[3]!;
      const res = await send(t.app, "POST", "/api/account/recover", {
        body: { handle: "Forgetful", recoveryCode: code.toUpperCase(), newPassword: NEW_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ member: { handle: "forgetful" }, recoveryCodesLeft: 9 });
      expect(await status(sessionCookieOf(res))).toBe(200);
      expect(await status(person)).toBe(401);
      expect(await status(await signIn(t.app, "forgetful", NEW_PASSWORD))).toBe(200);

      const again = await send(t.app, "POST", "/api/account/recover", {
        body: { handle: "forgetful", recoveryCode: code, newPassword: "yet another passphrase" },
      });
      expect(again.statusCode).toBe(401);
      expect(await status(await signIn(t.app, "forgetful", NEW_PASSWORD))).toBe(200);
    });

    it("accepts a code typed without dashes", async () => {
      const person = await signUp(t.app, "nodashes");
      const res = await send(t.app, "POST", "/api/account/recover", {
        body: { handle: "nodashes", recoveryCode: person.recoveryCodes[0]!.replaceAll("-", ""), newPassword: NEW_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
    });

    it("refuses another member's code", async () => {
      const owner = await signUp(t.app, "code-owner");
      await signUp(t.app, "code-thief");
      const res = await send(t.app, "POST", "/api/account/recover", {
        body: { handle: "code-thief", recoveryCode: owner.recoveryCodes[0], newPassword: NEW_PASSWORD },
      });
      expect(res.statusCode).toBe(401);
    });

    it("makes new codes with the password; the old ones stop working", async () => {
      const person = await signUp(t.app, "renewer");
      const wrong = await send(t.app, "POST", "/api/account/recovery-codes", { as: person, body: { password: "not my password" } });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().errors[0].field).toBe("password");

      const res = await send(t.app, "POST", "/api/account/recovery-codes", { as: person, body: { password: TEST_PASSWORD } });
      expect(res.statusCode).toBe(200);
      const fresh: string[] = res.json().recoveryCodes;
      expect(fresh).toHaveLength(10);
      expect(fresh).not.toContain(person.recoveryCodes[0]);

      const old = await send(t.app, "POST", "/api/account/recover", {
        body: { handle: "renewer", recoveryCode: person.recoveryCodes[0], newPassword: NEW_PASSWORD },
      });
      expect(old.statusCode).toBe(401);
      const current = await send(t.app, "POST", "/api/account/recover", {
        body: { handle: "renewer", recoveryCode: fresh[0], newPassword: NEW_PASSWORD },
      });
      expect(current.statusCode).toBe(200);
    });
  });

  describe("profile", () => {
    it("changes display name, language, country and email, and clears them", async () => {
      const person = await signUp(t.app, "profiled");
      const res = await send(t.app, "PATCH", "/api/account", {
        as: person,
        body: { displayName: "  Quiet Harbor ", language: "es", country: "mx", email: "me@example.org" },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ handle: "profiled", displayName: "Quiet Harbor", language: "es", country: "MX", email: "me@example.org" });
      const cleared = await send(t.app, "PATCH", "/api/account", { as: person, body: { country: null, email: null } });
      expect(cleared.json()).toMatchObject({ displayName: "Quiet Harbor", language: "es", country: null, email: null });
    });

    it("refuses an empty display name and an unknown language", async () => {
      const person = await signUp(t.app, "profiled-bad");
      const res = await send(t.app, "PATCH", "/api/account", { as: person, body: { displayName: "  ", language: "de" } });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(["displayName", "language"]);
    });
  });
});

describe.each(dialects)("sessions over time on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-01-01T12:00:00Z"));
    t = await createTestApp(dialect);
    await setupOrganization(t.app);
  });
  afterEach(async () => {
    vi.useRealTimers();
    await t.close();
  });

  const days = (n: number) => vi.setSystemTime(new Date(Date.now() + n * 24 * 3600 * 1000));

  it("keeps an active member signed in past 30 days by renewing at most once a day", async () => {
    const person = await signUp(t.app, "regular");
    days(0.5);
    const early = await send(t.app, "GET", "/api/account", { as: person });
    expect(early.statusCode).toBe(200);
    expect(sessionCookieOf(early)).toBeNull();

    days(1);
    const renewed = await send(t.app, "GET", "/api/account", { as: person });
    expect(renewed.statusCode).toBe(200);
    const cookie = renewed.cookies.find((c) => c.name === "kindred_session")!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/", maxAge: 30 * 24 * 3600 });

    days(29);
    expect((await send(t.app, "GET", "/api/account", { as: person })).statusCode).toBe(200);
  });

  it("ends a session unused for 30 days", async () => {
    const person = await signUp(t.app, "away");
    days(30.1);
    const res = await send(t.app, "GET", "/api/account", { as: person });
    expect(res.statusCode).toBe(401);
    expect(res.cookies.find((c) => c.name === "kindred_session")?.value).toBe("");
  });
});

describe.each(dialects)("session cookie behind https on %s", (dialect) => {
  it("is marked Secure", async () => {
    const t = await createTestApp(dialect, { publicUrl: "https://kindred.example.org", secureCookies: true });
    try {
      const res = await send(t.app, "POST", "/api/setup", {
        headers: { origin: "https://kindred.example.org" },
        body: { organizationName: "Secure Org", handle: "secure", password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(201);
      expect(res.cookies.find((c) => c.name === "kindred_session")).toMatchObject({ secure: true, httpOnly: true });
    } finally {
      await t.close();
    }
  });
});
