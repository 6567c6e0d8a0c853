import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { newId } from "../../../core/ids";
import type { Db } from "../../db";
import { endedAttendanceOf, meetingStartingSoon } from "../live/test-helpers";
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

  const deleteAccount = (as: Person, password: string, posts = "keep_as_former_member") =>
    send(t.app, "DELETE", "/api/account", { as, body: { password, posts } });

  /** Words only the member wrote, to look for after they leave. */
  const MEMBER_WORDS = "willow-wrote-this";

  /**
   * The member takes part on the group's board: a topic (edited once, so a version is kept) that
   * someone else answers, a reply in the admin's topic, a reaction, a read marker, a flag with
   * a note, and a warning from a moderator that they appeal.
   */
  async function takePartOnTheBoard() {
    const ok = async (res: Promise<{ statusCode: number; body: string; json(): unknown }>) => {
      const done = await res;
      expect(done.statusCode, done.body).toBeLessThan(300);
      return (done.body ? done.json() : null) as { thread: { id: string }; opening: { id: string }; id: string; notices: { id: string }[] };
    };
    const other = await signUp(t.app, "other-member");
    await ok(send(t.app, "POST", `/api/groups/${groupId}/join`, { as: other, body: { acceptedGuidelinesVersion: 1 } }));
    // As a moderator too, the member is free of the pause between posts.
    await ok(send(t.app, "PUT", `/api/groups/${groupId}/members/${member.memberId}/positions`, { as: admin, body: { positions: ["secretary", "moderator"] } }));
    await ok(send(t.app, "PUT", `/api/board/trust/${member.memberId}`, { as: admin, body: { level: 2 } }));
    await ok(send(t.app, "PUT", `/api/board/trust/${other.memberId}`, { as: admin, body: { level: 2 } }));
    const board = `/api/groups/${groupId}/board/threads`;
    const theirs = await ok(send(t.app, "POST", board, { as: admin, body: { title: "Welcome", body: "Say hello" } }));
    const mine = await ok(send(t.app, "POST", board, { as: member, body: { title: `A topic: ${MEMBER_WORDS}`, body: `first ${MEMBER_WORDS}` } }));
    await ok(send(t.app, "PATCH", `/api/board/posts/${mine.opening.id}`, { as: member, body: { body: `second ${MEMBER_WORDS}` } }));
    const answer = await ok(send(t.app, "POST", `/api/board/threads/${mine.thread.id}/replies`, { as: other, body: { body: "An answer" } }));
    const reply = await ok(send(t.app, "POST", `/api/board/threads/${theirs.thread.id}/replies`, { as: member, body: { body: `a reply ${MEMBER_WORDS}` } }));
    await ok(send(t.app, "PUT", `/api/board/posts/${theirs.opening.id}/reactions/me_too`, { as: member }));
    await ok(send(t.app, "PUT", `/api/board/posts/${mine.opening.id}/reactions/thank_you`, { as: other }));
    await ok(send(t.app, "PUT", `/api/board/threads/${theirs.thread.id}/read`, { as: member, body: { postId: theirs.opening.id } }));
    await ok(send(t.app, "POST", `/api/board/posts/${theirs.opening.id}/flags`, { as: member, body: { reason: "other", note: `flag note ${MEMBER_WORDS}` } }));
    await ok(send(t.app, "POST", `/api/groups/${groupId}/board/members/${member.memberId}/moderation`, { as: admin, body: { action: "warn", note: "A gentle reminder" } }));
    const [warning] = (await ok(send(t.app, "GET", "/api/board/notices", { as: member }))).notices;
    await ok(send(t.app, "POST", `/api/board/notices/${warning!.id}/appeal`, { as: member, body: { message: `appeal ${MEMBER_WORDS}` } }));
    return { other, theirs, mine, answer, reply };
  }

  /** Words only the member and their buddy wrote in private: none may remain, whatever happens to the posts. */
  const PRIVATE_WORDS = "willow-private-words";

  /**
   * The member's support between meetings, after taking part on the board (trust to write
   * messages): a shared check-in, a milestone celebrated with the group, a buddy who asked them
   * and with whom they exchange messages, a block, and their notification settings.
   */
  async function takePartInSupport(other: Person) {
    const ok = async (res: Promise<{ statusCode: number; body: string; json(): unknown }>) => {
      const done = await res;
      expect(done.statusCode, done.body).toBeLessThan(300);
      return (done.body ? done.json() : null) as { id: string };
    };
    const today = new Date().toISOString().slice(0, 10);
    const checkIn = await ok(send(t.app, "PUT", `/api/check-ins/days/${today}`, { as: member, body: { mood: 2, note: `check-in ${PRIVATE_WORDS}` } }));
    await ok(send(t.app, "PUT", `/api/check-ins/${checkIn.id}/share`, { as: member, body: { groupId } }));
    await ok(send(t.app, "POST", "/api/milestones", { as: member, body: { label: "own_words", words: PRIVATE_WORDS, since: "2024-02-29", celebrateIn: [groupId] } }));
    const buddy = await ok(send(t.app, "POST", "/api/buddies", { as: other, body: { handle: member.handle, role: "sponsor" } }));
    await ok(send(t.app, "POST", `/api/buddies/${buddy.id}/accept`, { as: member }));
    await ok(send(t.app, "POST", `/api/buddies/${buddy.id}/messages`, { as: member, body: { body: `from willow ${PRIVATE_WORDS}` } }));
    await ok(send(t.app, "POST", `/api/buddies/${buddy.id}/messages`, { as: other, body: { body: `to willow ${PRIVATE_WORDS}` } }));
    const pest = await signUp(t.app, "pest-member");
    await ok(send(t.app, "PUT", `/api/blocks/${pest.memberId}`, { as: member }));
    await ok(send(t.app, "PUT", "/api/notifications/settings", { as: member, body: { settings: [{ kind: "meeting_soon", inApp: true }] } }));
    return { checkIn, buddy };
  }

  /** Words the member said in a live meeting still going on (its events are stored until it ends). */
  const LIVE_WORDS = "willow-said-this-live";

  /**
   * The member in live meetings: an ended proof-of-attendance meeting they chaired, with the other
   * member there too (each has a slip), and a meeting going on now in a group that keeps the words
   * 24 hours, where they report the other member with a note.
   */
  async function takePartInLiveMeetings(other: Person) {
    const ok = async (res: Promise<{ statusCode: number; body: string; json(): unknown }>) => {
      const done = await res;
      expect(done.statusCode, done.body).toBeLessThan(300);
      return done.json() as Record<string, string>;
    };
    const chaired = newId();
    const mine = await endedAttendanceOf(t.db, member.memberId, { id: chaired, chairName: "Quiet Willow" });
    const theirs = await endedAttendanceOf(t.db, other.memberId, { id: chaired, chairName: "Quiet Willow" });
    const slips = {
      mine: (await ok(send(t.app, "GET", `/api/live/attendance/${mine}/slip`, { as: member }))).code!,
      theirs: (await ok(send(t.app, "GET", `/api/live/attendance/${theirs}/slip`, { as: other }))).code!,
    };

    await ok(send(t.app, "PUT", `/api/groups/${groupId}/live-settings`, { as: admin, body: { observersAllowed: false, waitingRoom: false, retention: "24h" } }));
    const meeting = await ok(send(t.app, "POST", `/api/groups/${groupId}/meetings`, { as: admin, body: { access: "open", languages: ["es"], ...meetingStartingSoon() } }));
    const { roomId } = await ok(send(t.app, "POST", `/api/meetings/${meeting.id}/room/open`, { as: admin }));
    const live = t.app.services.live;
    const enter = async (memberId: string, displayName: string) => {
      const admission = await live.admission(memberId, displayName, roomId!);
      if (!admission.ok) throw new Error(admission.message);
      const listener = { participantId: admission.admission.actor.participantId, event() {}, welcome() {}, bye() {} };
      expect((await live.enter(admission.admission, listener)).ok).toBe(true);
      return admission.admission;
    };
    const willow = await enter(member.memberId, "Quiet Willow");
    const them = await enter(other.memberId, "other-member");
    const reported = await live.command(willow, { type: "report", participantId: them.actor.participantId, reason: "other", note: `note ${LIVE_WORDS}` });
    expect(reported.ok).toBe(true);
    return { slips, roomId: roomId! };
  }

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
    expect(data).toMatchObject({ boardPosts: [], checkIns: [], milestones: [], buddies: [], messages: [], liveAttendance: [] });
    expect(data.notificationSettings).toContainEqual({ kind: "reply", inApp: true, email: false });
    expect(JSON.stringify(data)).not.toMatch(/argon2|token|hash/i);
  });

  it("exports what the member wrote and keeps between meetings: posts, check-ins, milestones, buddies, messages", async () => {
    const { other, mine, reply } = await takePartOnTheBoard();
    const { checkIn, buddy } = await takePartInSupport(other);
    const data = (await send(t.app, "GET", "/api/account/export", { as: member })).json();
    expect(data.boardPosts).toEqual([
      expect.objectContaining({ id: mine.opening.id, groupName: "Thursday Grief Circle", title: `A topic: ${MEMBER_WORDS}`, body: `second ${MEMBER_WORDS}` }),
      expect.objectContaining({ id: reply.id, title: null, body: `a reply ${MEMBER_WORDS}` }),
    ]);
    expect(data.checkIns).toEqual([expect.objectContaining({ id: checkIn.id, mood: 2, note: `check-in ${PRIVATE_WORDS}`, sharedWith: { groupId, groupName: "Thursday Grief Circle" } })]);
    expect(data.milestones).toEqual([expect.objectContaining({ label: "own_words", words: PRIVATE_WORDS, since: "2024-02-29", celebrateIn: [{ groupId, groupName: "Thursday Grief Circle" }] })]);
    expect(data.buddies).toEqual([expect.objectContaining({ id: buddy.id, role: "sponsor", status: "active", direction: "askedMe", other: { memberId: other.memberId, displayName: "other-member" } })]);
    expect(data.messages.map((m: { sentByMe: boolean; body: string }) => [m.sentByMe, m.body])).toEqual([
      [true, `from willow ${PRIVATE_WORDS}`],
      [false, `to willow ${PRIVATE_WORDS}`],
    ]);
    expect(data.notificationSettings).toContainEqual({ kind: "meeting_soon", inApp: true, email: false });
    // Live meetings attended, each with its slip where the meeting gives one.
    const attended = await endedAttendanceOf(t.db, member.memberId);
    const live = (await send(t.app, "GET", "/api/account/export", { as: member })).json().liveAttendance;
    expect(live).toEqual([
      expect.objectContaining({ id: attended, meetingName: "Tuesday Circle", minutesPresent: 60, meetingEnded: true, slipAvailable: true, slip: expect.objectContaining({ durationMinutes: 60, chair: "chairperson" }) }),
    ]);
    const verified = (await send(t.app, "GET", `/api/live/slips/verify/${live[0].slip.code}`)).json();
    expect(verified).toMatchObject({ genuine: true, slip: { meetingName: "Tuesday Circle", durationMinutes: 60 } });
    // Someone else's export holds their side only.
    const theirs = (await send(t.app, "GET", "/api/account/export", { as: other })).json();
    expect(theirs.checkIns).toEqual([]);
    expect(theirs.messages.map((m: { sentByMe: boolean }) => m.sentByMe)).toEqual([false, true]);
  });

  it("leaves nothing personal of the member in any table", async () => {
    await signIn(t.app, member.handle);
    const { other, theirs, mine, reply } = await takePartOnTheBoard();
    await takePartInSupport(other);
    const { slips } = await takePartInLiveMeetings(other);
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
    for (const table of [
      "members",
      "sessions",
      "recovery_codes",
      "sign_in_throttle",
      "memberships",
      "service_positions",
      "guideline_acceptances",
      "board_posts",
      "board_reactions",
      "board_reads",
      "board_flags",
      "board_trust",
      "board_audit",
      "board_notices",
      "board_appeals",
      "check_ins",
      "milestones",
      "buddyships",
      "direct_messages",
      "blocks",
      "notifications",
      "notification_settings",
      "live_attendance",
      "live_events",
      "live_rooms",
    ]) {
      expect(before.some((trace) => trace.startsWith(`${table}.`)), table).toBe(true);
    }
    expect(await findTraces(t.db, dialect, [LIVE_WORDS])).toEqual(["live_events.body: " + LIVE_WORDS]);

    const res = await deleteAccount(member, member.password);
    expect(res.statusCode).toBe(204);
    expect(res.cookies.find((c) => c.name === "kindred_session")?.value).toBe("");

    expect(await findTraces(t.db, dialect, [...needles, PRIVATE_WORDS, LIVE_WORDS])).toEqual([]);
    // Their own attendance slip no longer verifies; the slips of others at the meeting they chaired still do, naming no chair.
    expect((await send(t.app, "GET", `/api/live/slips/verify/${slips.mine}`)).json()).toEqual({ genuine: false });
    expect((await send(t.app, "GET", `/api/live/slips/verify/${slips.theirs}`)).json()).toMatchObject({ genuine: true, slip: { chair: null, durationMinutes: 60 } });
    // What they wrote stays, by "former member", as they chose.
    const topic = (await send(t.app, "GET", `/api/board/threads/${mine.thread.id}`, { as: other })).json();
    expect(topic.opening).toMatchObject({ state: "visible", body: `second ${MEMBER_WORDS}`, author: null });
    const replies = (await send(t.app, "GET", `/api/board/threads/${theirs.thread.id}/replies`, { as: other })).json().replies;
    expect(replies).toEqual([expect.objectContaining({ id: reply.id, body: `a reply ${MEMBER_WORDS}`, author: null })]);
    // The rest of the organization is untouched.
    expect((await send(t.app, "GET", `/api/groups/${groupId}`, { as: admin })).statusCode).toBe(200);
    expect((await send(t.app, "GET", "/api/account", { as: admin })).statusCode).toBe(200);
  });

  it("deletes what the member wrote when they choose so, keeping others' replies in place", async () => {
    const { other, mine, answer, reply } = await takePartOnTheBoard();
    await takePartInSupport(other);
    expect((await deleteAccount(member, member.password, "delete")).statusCode).toBe(204);

    expect(await findTraces(t.db, dialect, [member.memberId, MEMBER_WORDS, PRIVATE_WORDS])).toEqual([]);
    expect((await send(t.app, "GET", "/api/buddies", { as: other })).json().buddies).toEqual([]);
    const topic = (await send(t.app, "GET", `/api/board/threads/${mine.thread.id}`, { as: other })).json();
    expect(topic.opening).toMatchObject({ state: "deleted", body: null, author: null });
    const answers = (await send(t.app, "GET", `/api/board/threads/${mine.thread.id}/replies`, { as: other })).json().replies;
    expect(answers.map((r: { id: string }) => r.id)).toEqual([answer.id]);
    expect(await t.db.selectFrom("board_posts").select("id").where("id", "=", reply.id).execute()).toEqual([]);
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
