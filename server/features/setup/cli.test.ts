import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildApp, type App } from "../../app";
import { signIn, TEST_PASSWORD } from "../../testing/client";
import { createTestDatabase, dialects, testConfig, type TestDatabase } from "../../testing/harness";

const run = promisify(execFile);

/** Runs `kindred <args>` against the database, with the admin password in the environment when given. */
async function kindred(database: TestDatabase, args: string[], password?: string): Promise<{ code: number; out: string }> {
  const env = {
    PATH: process.env.PATH,
    DATABASE_URL: database.config.dialect === "sqlite" ? `sqlite:${database.config.path}` : database.config.url,
    SESSION_SECRET: "test-secret-test-secret-test-secret-0123",
    LOG_LEVEL: "silent",
    ...(password === undefined ? {} : { KINDRED_ADMIN_PASSWORD: password }),
  };
  try {
    const { stdout, stderr } = await run("node_modules/.bin/tsx", ["server/cli.ts", ...args], { env });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

describe.each(dialects)("kindred setup (command line) on %s", (dialect) => {
  let database: TestDatabase;
  let app: App | undefined;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await database.destroy();
  });

  it("creates the organization and an administrator who can then sign in", async () => {
    const result = await kindred(database, ["setup", "--organization", "Harbor Intergroup", "--admin", "Lighthouse"], TEST_PASSWORD);
    expect(result).toMatchObject({ code: 0 });
    expect(result.out).toContain("Harbor Intergroup");
    expect(result.out).not.toContain(TEST_PASSWORD);
    expect(result.out.match(/^ {2}[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/gm)).toHaveLength(10);

    app = await buildApp({ config: testConfig(database.config), db: database.db, logger: false });
    const admin = await signIn(app, "lighthouse");
    const me = await app.inject({ method: "GET", url: "/api/account", headers: { cookie: admin.cookie } });
    expect(me.json()).toMatchObject({ handle: "Lighthouse", isOrganizationAdmin: true });
    expect((await app.inject({ method: "GET", url: "/api/organization" })).json().name).toBe("Harbor Intergroup");
    expect(await database.db.selectFrom("sessions").select("id").execute()).toHaveLength(1);
  }, 60_000);

  it("refuses a second setup, changing nothing", async () => {
    expect((await kindred(database, ["setup", "--organization", "Harbor", "--admin", "first"], TEST_PASSWORD)).code).toBe(0);
    const again = await kindred(database, ["setup", "--organization", "Other", "--admin", "second"], TEST_PASSWORD);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/already set up/);
    expect(await database.db.selectFrom("organizations").select("name").execute()).toEqual([{ name: "Harbor" }]);
  }, 60_000);
});

// The input is checked before the database is touched: one dialect is enough.
describe("kindred setup input", () => {
  it("explains a missing or short password and a bad handle", async () => {
    const database = await createTestDatabase("sqlite");
    try {
      const missing = await kindred(database, ["setup", "--organization", "Harbor", "--admin", "lighthouse"]);
      expect(missing.code).toBe(1);
      expect(missing.out).toMatch(/KINDRED_ADMIN_PASSWORD is not set/);

      const short = await kindred(database, ["setup", "--organization", "Harbor", "--admin", "a b"], "short");
      expect(short.code).toBe(1);
      expect(short.out).toMatch(/KINDRED_ADMIN_PASSWORD: at least 10 characters/);
      expect(short.out).toMatch(/--admin: /);
      expect(await database.db.selectFrom("organizations").select("id").execute()).toEqual([]);
    } finally {
      await database.destroy();
    }
  }, 60_000);
});
