import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { send, setupOrganization, signUp, TEST_PASSWORD } from "../../testing/client";
import { createTestApp, dialects, type TestApp } from "../../testing/harness";

describe.each(dialects)("sign-in throttling on %s", (dialect) => {
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

  const wait = (seconds: number) => vi.setSystemTime(new Date(Date.now() + seconds * 1000));
  const signInAs = (handle: string, password: string, address = "203.0.113.7") =>
    t.app.inject({ method: "POST", url: "/api/session", remoteAddress: address, payload: { handle, password } });

  it("slows guessing: a few free tries, then waits that grow, and the right password refused while locked", async () => {
    await signUp(t.app, "target");
    for (let i = 0; i < 5; i++) expect((await signInAs("target", `guess number ${i}`)).statusCode).toBe(401);

    const waits: number[] = [];
    for (let round = 0; round < 4; round++) {
      // The next guess is still checked (401), but starts a wait.
      expect((await signInAs("target", `late guess ${round}`)).statusCode).toBe(401);
      const locked = await signInAs("target", TEST_PASSWORD);
      expect(locked.statusCode).toBe(429);
      expect(locked.json().type).toBe("urn:kindred:problem:throttled");
      const retryAfter = Number(locked.headers["retry-after"]);
      waits.push(retryAfter);
      wait(retryAfter);
    }
    expect(waits).toEqual([2, 4, 8, 16]);
    expect((await signInAs("target", TEST_PASSWORD)).statusCode).toBe(200);
  });

  it("never makes anyone wait more than 15 minutes", async () => {
    await signUp(t.app, "patient");
    let retryAfter = 0;
    for (let i = 0; i < 20; i++) {
      await signInAs("patient", "wrong password");
      const res = await signInAs("patient", "wrong password");
      retryAfter = Number(res.headers["retry-after"] ?? 0);
      wait(retryAfter);
    }
    expect(retryAfter).toBe(15 * 60);
  });

  it("starts the handle afresh after the right password", async () => {
    await signUp(t.app, "typo-prone");
    for (let i = 0; i < 4; i++) await signInAs("typo-prone", "wrong password");
    expect((await signInAs("typo-prone", TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await signInAs("typo-prone", "wrong password")).statusCode).toBe(401);
  });

  it("locks a handle against guesses from many addresses", async () => {
    await signUp(t.app, "spread");
    for (let i = 0; i < 6; i++) await signInAs("spread", "wrong password", `198.51.100.${i}`);
    expect((await signInAs("spread", TEST_PASSWORD, "192.0.2.200")).statusCode).toBe(429);
  });

  it("locks an address that guesses across many handles, without keeping the address", async () => {
    await signUp(t.app, "bystander");
    for (let i = 0; i < 21; i++) await signInAs(`someone-${i}`, "wrong password", "203.0.113.99");
    const res = await signInAs("bystander", TEST_PASSWORD, "203.0.113.99");
    expect(res.statusCode).toBe(429);
    expect((await signInAs("bystander", TEST_PASSWORD, "192.0.2.1")).statusCode).toBe(200);

    const keys = (await t.db.selectFrom("sign_in_throttle").select("key").execute()).map((r) => r.key).join(" ");
    expect(keys).not.toContain("203.0.113.99");
    expect(keys).not.toContain("someone-");
  });

  it("refuses concurrent guesses beyond the free ones instead of checking them all", async () => {
    await signUp(t.app, "burst");
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => signInAs("burst", `parallel guess ${i}`)));
    const checked = results.filter((r) => r.statusCode === 401).length;
    expect(checked).toBeLessThanOrEqual(6);
    expect(results.filter((r) => r.statusCode === 429).length).toBe(30 - checked);
  });

  it("throttles recovery-code guesses the same way", async () => {
    const person = await signUp(t.app, "recoverable");
    const recover = (recoveryCode: string) =>
      send(t.app, "POST", "/api/account/recover", { body: { handle: "recoverable", recoveryCode, newPassword: "a brand new passphrase" } });
    for (let i = 0; i < 6; i++) expect((await recover("aaaa-bbbb-cccc-dddd")).statusCode).toBe(401);
    const locked = await recover(person.recoveryCodes[0]!);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
  });
});
