/**
 * Small helpers for integration tests that need people: set Kindred up, sign up, sign in, and
 * send requests as a browser on our own site would (with our Origin, so the CSRF check passes).
 *
 *   const admin = await setupOrganization(t.app);
 *   const ana = await signUp(t.app, "ana");
 *   const res = await send(t.app, "POST", "/api/groups", { as: admin, body: {...} });
 */
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import type { App } from "../app";
import { SESSION_COOKIE } from "../http/context";

/** The public URL the test harness configures (testConfig): a same-site request carries it. */
export const TEST_ORIGIN = "http://localhost:3000";
export const TEST_PASSWORD = "correct horse battery staple";

export interface Person {
  /** The Cookie header value: `kindred_session=<token>`. */
  cookie: string;
  memberId: string;
  handle: string;
  password: string;
}

export interface NewPerson extends Person {
  recoveryCodes: string[];
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Headers for a same-site request, signed in as `as` (a Person or a Cookie header value) when given. */
export function headersFor(as?: Person | string | null): Record<string, string> {
  const cookie = typeof as === "string" ? as : as?.cookie;
  return { origin: TEST_ORIGIN, ...(cookie ? { cookie } : {}) };
}

/** `{ cookie }` for app.inject's headers; with no session, an empty object. */
export function asCookie(as?: Person | string | null): Record<string, string> {
  const cookie = typeof as === "string" ? as : as?.cookie;
  return cookie ? { cookie } : {};
}

/** Sends a request as a browser on our site would; `as` signs it in. */
export function send(
  app: App,
  method: Method,
  url: string,
  options: { as?: Person | string | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> {
  const request: InjectOptions = { method, url, headers: { ...headersFor(options.as), ...options.headers } };
  if (options.body !== undefined) request.payload = options.body as InjectOptions["payload"];
  return app.inject(request);
}

/** The `kindred_session=<token>` pair a response set, or null when it set none (or cleared it). */
export function sessionCookieOf(res: LightMyRequestResponse): string | null {
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  return cookie && cookie.value ? `${SESSION_COOKIE}=${cookie.value}` : null;
}

function expectStatus(res: LightMyRequestResponse, status: number, what: string): void {
  if (res.statusCode !== status) throw new Error(`${what}: expected ${status}, got ${res.statusCode}: ${res.body}`);
}

function signedIn(res: LightMyRequestResponse, handle: string, password: string): Person {
  const cookie = sessionCookieOf(res);
  if (!cookie) throw new Error(`no session cookie for ${handle}`);
  return { cookie, memberId: (res.json() as { member: { id: string } }).member.id, handle, password };
}

/** Runs first-run setup; the returned person is the organization's first administrator, signed in. */
export async function setupOrganization(
  app: App,
  options: { organizationName?: string; handle?: string; password?: string } = {},
): Promise<Person> {
  const handle = options.handle ?? "admin";
  const password = options.password ?? TEST_PASSWORD;
  const res = await send(app, "POST", "/api/setup", {
    body: { organizationName: options.organizationName ?? "Test Intergroup", handle, password },
  });
  expectStatus(res, 201, "setup");
  return signedIn(res, handle, password);
}

/** Signs a new member up (Kindred must be set up first); they come back signed in, with their recovery codes. */
export async function signUp(
  app: App,
  handle: string,
  options: { password?: string; language?: "en" | "es"; country?: string; email?: string } = {},
): Promise<NewPerson> {
  const password = options.password ?? TEST_PASSWORD;
  const { password: _, ...rest } = options;
  const res = await send(app, "POST", "/api/account", { body: { handle, password, ...rest } });
  expectStatus(res, 201, `sign up ${handle}`);
  return { ...signedIn(res, handle, password), recoveryCodes: (res.json() as { recoveryCodes: string[] }).recoveryCodes };
}

/** Signs in again (a new session); throws unless it succeeds. */
export async function signIn(app: App, handle: string, password: string = TEST_PASSWORD): Promise<Person> {
  const res = await send(app, "POST", "/api/session", { body: { handle, password } });
  expectStatus(res, 200, `sign in ${handle}`);
  return signedIn(res, handle, password);
}
