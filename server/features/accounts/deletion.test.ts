import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db";
import { send, sessionCookieOf, setupOrganization, signIn, signUp, TEST_PASSWORD, type NewPerson, type Person } from "../../testing/client";
import { createTestApp, dialects, type DialectName, type TestApp } from "../../testing/harness";

/** Every table of the database, read from the catalog, so a table added later is scanned too. */
async function tableNames(db: Db, dialect: DialectName): Promise<string[]> {
  const { rows } =
    dialect === "sqlite"
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  return rows.map((r) => r.name);
}

/** Every text column of a table, read from the catalog. */
async function textColumns(db: Db, dialect: DialectName, table: string): Promise<string[]> {
  if (dialect === "sqlite") {
    const { rows } = await sql<{ name: string; type: string }>`select name, type from pragma_table_info(${table})`.execute(db);
    return rows.filter((c) => /char|text|clob/i.test(c.type)).map((c) => c.name);
  }
  const { rows } = await sql<{ name: string }>`select column_name as name from information_schema.columns
      where table_schema = current_schema() and table_name = ${table}
        and data_type in ('text', 'character varying', 'character', 'json', 'jsonb')`.execute(db);
  return rows.map((r) => r.name);
}

/** Where any of the needles appears (case-insensitively), as "table.column: needle". */
async function findTraces(db: Db, dialect: DialectName, needles: string[]): Promise<string[]> {
  const lowered = needles.map((n) => n.toLowerCase());
  const traces: string[] = [];
  for (const table of await tableNames(db, dialect)) {
    const columns = await textColumns(db, dialect, table);
    if (columns.length === 0) continue;
    const { rows } = await sql<Record<string, string | null>>`select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)}`.execute(db);
    for (const row of rows) {
      for (const column of columns) {
        const value = row[column]?.toLowerCase();
        const found = value && lowered.find((n) => value.includes(n));
        if (found) traces.push(`${table}.${column}: ${found}`);
      }
    }
  }
  return traces;
}

const GUIDELINES = "# Our guidelines\n\nWhat is said here stays here.";

describe.each(dialects)("deleting an account on %s", (dialect) => {
  let t: TestApp;
  let admin: Person;
  let member: NewPerson;
  let groupId: string;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await setupOrganization(t.app);
    member = await signUp(t.app, "Willow-7731", { country: "MX", email: "willow7731@example.org", language: "es" });
    await send(t.app, "PATCH", "/api/account", { as: member, body: { displayName: "Quiet Willow" } });

    const group = await send(t.app, "POST", "/api/groups", {
      as: admin,
      body: { name: "Thursday Grief Circle", focusAreas: ["grief_loss"], languages: ["es"], guidelines: GUIDELINES },
    });
    expect(group.statusCode).toBe(201);
    groupId = group.json().id;
    const joined = await send(t.app, "POST", `/api/groups/${groupId}/join`, { as: member, body: { acceptedGuidelinesVersion: 1 } });
    expect(joined.statusCode).toBe(200);
    const positions = await send(t.app, "PUT", `/api/groups/${groupId}/members/${member.memberId}/positions`, {
      as: admin,
      body: { positions: ["secretary"] },
    });
    expect(positions.statusCode).toBe(200);
  });
  afterEach(async () => t.close());

  const deleteAccount = (as: Person, password: string) =>
    send(t.app, "DELETE", "/api/account", { as, body: { password, posts: "keep_as_former_member" } });

  it("exports everything Kindred holds about the member, as a file", async () => {
    await signIn(t.app, member.handle);
    const res = await send(t.app, "GET", "/api/account/export", { as: member });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename=".+\.json"$/);
    const data = res.json();
    expect(data.account).toMatchObject({
      id: member.memberId,
      handle: "Willow-7731",
      displayName: "Quiet Willow",
      language: "es",
      country: "MX",
      email: "willow7731@example.org",
      isOrganizationAdmin: false,
    });
    expect(data.memberships).toEqual([
      { groupId, groupName: "Thursday Grief Circle", status: "active", positions: ["secretary"], joinedAt: expect.any(String) },
    ]);
    expect(data.guidelineAcceptances).toEqual([{ groupId, groupName: "Thursday Grief Circle", version: 1, acceptedAt: expect.any(String) }]);
    expect(data.sessions).toHaveLength(2);
    expect(data.recoveryCodes).toEqual({ total: 10, unused: 10 });
    expect(JSON.stringify(data)).not.toMatch(/argon2|token|hash/i);
  });

  it("leaves nothing personal of the member in any table", async () => {
    await signIn(t.app, member.handle);
    // A mistyped password leaves a throttle entry keyed by the handle.
    await send(t.app, "POST", "/api/session", { body: { handle: member.handle, password: "mistyped password" } });

    const row = await t.db.selectFrom("members").selectAll().where("id", "=", member.memberId).executeTakeFirstOrThrow();
    const sessions = await t.db.selectFrom("sessions").select("token_hash").where("member_id", "=", member.memberId).execute();
    const codes = await t.db.selectFrom("recovery_codes").select("code_hash").where("member_id", "=", member.memberId).execute();
    const throttle = await t.db.selectFrom("sign_in_throttle").select("key").where("key", "like", "handle:%").execute();
    const needles = [
      member.memberId,
      row.handle,
      row.display_name,
      row.email!,
      row.password_hash,
      ...sessions.map((s) => s.token_hash),
      ...codes.map((c) => c.code_hash),
      ...throttle.map((r) => r.key),
    ];
    expect(sessions.length).toBe(2);
    expect(throttle.length).toBe(1);
    // The scan finds the member while they are here: it is able to see what it looks for.
    const before = await findTraces(t.db, dialect, needles);
    for (const table of ["members", "sessions", "recovery_codes", "sign_in_throttle", "memberships", "service_positions", "guideline_acceptances"]) {
      expect(before.some((trace) => trace.startsWith(`${table}.`))).toBe(true);
    }

    const res = await deleteAccount(member, member.password);
    expect(res.statusCode).toBe(204);
    expect(res.cookies.find((c) => c.name === "kindred_session")?.value).toBe("");

    expect(await findTraces(t.db, dialect, needles)).toEqual([]);
    // The rest of the organization is untouched.
    expect((await send(t.app, "GET", `/api/groups/${groupId}`, { as: admin })).statusCode).toBe(200);
    expect((await send(t.app, "GET", "/api/account", { as: admin })).statusCode).toBe(200);
  });

  it("signs the member out everywhere and frees the handle", async () => {
    const laptop = await signIn(t.app, member.handle);
    expect((await deleteAccount(member, member.password)).statusCode).toBe(204);
    expect((await send(t.app, "GET", "/api/account", { as: laptop })).statusCode).toBe(401);
    expect((await send(t.app, "POST", "/api/session", { body: { handle: member.handle, password: member.password } })).statusCode).toBe(401);
    const again = await signUp(t.app, "willow-7731");
    expect(again.memberId).not.toBe(member.memberId);
  });

  it("asks for the password and deletes nothing when it is wrong", async () => {
    const res = await deleteAccount(member, "not my password");
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe("password");
    expect((await send(t.app, "GET", "/api/account", { as: member })).statusCode).toBe(200);
  });

  it("asks what happens to the member's posts", async () => {
    const res = await send(t.app, "DELETE", "/api/account", { as: member, body: { password: member.password, posts: "archive" } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe("posts");
  });

  it("refuses the last administrator, kindly, until someone else administers", async () => {
    const refused = await deleteAccount(admin, TEST_PASSWORD);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/make someone else an administrator first/i);
    expect((await send(t.app, "GET", "/api/account", { as: admin })).statusCode).toBe(200);

    const granted = await send(t.app, "PUT", `/api/admin/people/${member.memberId}/admin`, { as: admin, body: { isOrganizationAdmin: true } });
    expect(granted.statusCode).toBe(200);
    expect((await deleteAccount(admin, TEST_PASSWORD)).statusCode).toBe(204);
    expect((await send(t.app, "GET", "/api/account", { as: member })).json().isOrganizationAdmin).toBe(true);
  });

  it("keeps one administrator when two delete themselves at once", async () => {
    await send(t.app, "PUT", `/api/admin/people/${member.memberId}/admin`, { as: admin, body: { isOrganizationAdmin: true } });
    const results = await Promise.all([deleteAccount(admin, TEST_PASSWORD), deleteAccount(member, member.password)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([204, 409]);
    expect(await t.db.selectFrom("organization_admins").select("member_id").execute()).toHaveLength(1);
  });

  it("is not reachable from another site", async () => {
    const res = await send(t.app, "DELETE", "/api/account", {
      as: member,
      headers: { origin: "https://evil.example" },
      body: { password: member.password, posts: "delete" },
    });
    expect(res.statusCode).toBe(403);
    expect(sessionCookieOf(res)).toBeNull();
    expect((await send(t.app, "GET", "/api/account", { as: member })).statusCode).toBe(200);
  });
});
