import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, dialects, type TestApp } from "../testing/harness";

const OWN_ORIGIN = "http://localhost:3000";
const signIn = { handle: "someone", password: "not-the-password" };

/** The CSP as a map of directive -> sources. */
function csp(header: string | string[] | number | undefined): Map<string, string[]> {
  return new Map(
    String(header)
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe.each(dialects)("HTTP security on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  const post = (url: string, headers: Record<string, string>, payload: string | object = signIn) =>
    t.app.inject({ method: "POST", url, headers: { "content-type": "application/json", ...headers }, payload });

  it("sends security headers with a CSP that allows no inline script", async () => {
    const res = await t.app.inject({ method: "GET", url: "/healthz" });
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    expect(res.headers["cross-origin-opener-policy"]).toBe("same-origin");
    const policy = csp(res.headers["content-security-policy"]);
    expect(policy.get("script-src")).toEqual(["'self'"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(String(res.headers["content-security-policy"])).not.toContain("unsafe-inline");
    expect(String(res.headers["content-security-policy"])).not.toContain("unsafe-eval");
    // Plain http (local use) must not pin browsers to https.
    expect(res.headers["strict-transport-security"]).toBeUndefined();
  });

  it("sends the same CSP with pages", async () => {
    const res = await t.app.inject({ method: "GET", url: "/help" });
    expect(csp(res.headers["content-security-policy"]).get("script-src")).toEqual(["'self'"]);
  });

  it.each([
    ["another site's Origin", { origin: "https://evil.example" }],
    ["an opaque Origin", { origin: "null" }],
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
  ])("refuses a state-changing request with %s (403 csrf)", async (_name, headers) => {
    for (const [method, url] of [
      ["POST", "/api/session"],
      ["DELETE", "/api/session"],
      ["PATCH", "/api/account"],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: { "content-type": "application/json", ...headers }, payload: signIn });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json()).toMatchObject({ type: "urn:kindred:problem:csrf", status: 403 });
    }
  });

  it("accepts a state-changing request from its own origin, or from a client that sends no Origin", async () => {
    const asSent: Record<string, string>[] = [{ origin: OWN_ORIGIN, "sec-fetch-site": "same-origin" }, {}];
    for (const headers of asSent) {
      const res = await post("/api/session", headers);
      expect(res.statusCode).toBe(401);
      expect(res.json().type).not.toBe("urn:kindred:problem:csrf");
    }
  });

  it("refuses a body that is not JSON with 415", async () => {
    const res = await post("/api/session", { origin: OWN_ORIGIN, "content-type": "text/plain" }, JSON.stringify(signIn));
    expect(res.statusCode).toBe(415);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ type: "urn:kindred:problem:unsupportedMediaType", status: 415 });
  });

  it("refuses a body over the limit with 413", async () => {
    const res = await post("/api/session", { origin: OWN_ORIGIN }, JSON.stringify({ ...signIn, password: "x".repeat(300 * 1024) }));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ type: "urn:kindred:problem:payloadTooLarge", status: 413 });
  });

  it("answers invalid JSON with 400, not 500", async () => {
    const res = await post("/api/session", { origin: OWN_ORIGIN }, '{"handle": "someone", ');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ type: "urn:kindred:problem:badRequest", status: 400 });
  });

  it("names the failing field when a body does not match its schema", async () => {
    const res = await post("/api/session", { origin: OWN_ORIGIN }, { handle: "someone" });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ type: "urn:kindred:problem:validation", errors: [expect.objectContaining({ field: "password" })] });
  });
});

describe.each(dialects)("unexpected failures on %s", (dialect) => {
  it("answer 500 problem+json with no stack trace or SQL", async () => {
    const t = await createTestApp(dialect);
    await t.db.destroy();
    const res = await t.app.inject({ method: "GET", url: "/api/organization" });
    await t.close();
    expect(res.statusCode).toBe(500);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toEqual({ type: "urn:kindred:problem:internal", title: expect.any(String), status: 500 });
    expect(res.body).not.toMatch(/\bat .+:\d+:\d+|select |from "|sqlite|postgres|kysely|Error:/i);
  });

  it("pins browsers to https when the public URL is https", async () => {
    const t = await createTestApp(dialect, { publicUrl: "https://kindred.example.org", secureCookies: true });
    const res = await t.app.inject({ method: "GET", url: "/healthz" });
    await t.close();
    expect(res.headers["strict-transport-security"]).toContain("max-age=31536000");
  });
});
