/**
 * What the tests of the support features (check-ins, milestones, buddies, notifications) and the
 * board's fixes share: an app whose clock the test moves, its organization and administrator, one
 * group, and members of it made on demand. Call it inside a `describe`: it registers its own
 * beforeAll and afterAll, and its fields are ready once the tests (and later beforeAll hooks) run.
 *
 *   const f = supportFixture(dialect, { group: "Evening Circle", handle: "member", level: 2 });
 *   it("...", async () => { const ana = await f.member(); await send(f.t.app, ...); });
 */
import { afterAll, beforeAll, expect } from "vitest";
import { boardSteps, createBoardTestApp, type BoardTestApp } from "../features/board/testing";
import { captureMail, type MailCapture } from "../features/notifications/testing";
import { send, setupOrganization, signUp, type Person } from "./client";
import type { DialectName } from "./harness";

export interface SupportFixture {
  t: BoardTestApp;
  admin: Person;
  steps: ReturnType<typeof boardSteps>;
  /** The group made at the start. */
  groupId: string;
  /** The emails sent, when the fixture was asked to capture them. */
  mail: MailCapture;
  /** A new member of the group (handles `<handle>1`, `<handle>2`, ...), at a trust level (0: brand new). */
  member(level?: 0 | 1 | 2, options?: { email?: string }): Promise<Person>;
  /** `a` asks `b` to be their buddy and `b` accepts; the buddyship's id. */
  buddies(a: Person, b: Person): Promise<string>;
}

export interface SupportFixtureOptions {
  /** The group's name. */
  group: string;
  /** The start of members' handles. */
  handle: string;
  /** The trust level members get unless asked otherwise. */
  level: 0 | 1 | 2;
  /** Capture the emails the app sends (a local SMTP server). */
  mail?: boolean;
  /** Where the app's clock starts (ISO instant); now when not given. */
  clockAt?: string;
}

export function supportFixture(dialect: DialectName, options: SupportFixtureOptions): SupportFixture {
  let people = 0;
  let mail: MailCapture | null = null;
  const f = {
    get mail(): MailCapture {
      if (!mail) throw new Error("This fixture does not capture mail: pass { mail: true }.");
      return mail;
    },
    async member(level: 0 | 1 | 2 = options.level, extra: { email?: string } = {}): Promise<Person> {
      const person = await signUp(f.t.app, `${options.handle}${++people}`, extra);
      await f.steps.join(f.groupId, person);
      if (level > 0) await f.steps.trust(person, level);
      return person;
    },
    async buddies(a: Person, b: Person): Promise<string> {
      const asked = await send(f.t.app, "POST", "/api/buddies", { as: a, body: { handle: b.handle } });
      expect(asked.statusCode, asked.body).toBe(201);
      const id = asked.json().id as string;
      await f.steps.ok(send(f.t.app, "POST", `/api/buddies/${id}/accept`, { as: b }), 200);
      return id;
    },
  } as SupportFixture;

  beforeAll(async () => {
    if (options.mail) mail = await captureMail();
    f.t = await createBoardTestApp(dialect, mail ? { smtpUrl: mail.url } : {});
    if (options.clockAt) f.t.clock.now = new Date(options.clockAt);
    f.admin = await setupOrganization(f.t.app);
    f.steps = boardSteps(f.t, f.admin);
    f.groupId = await f.steps.group(options.group);
  });
  afterAll(async () => {
    await f.t?.close();
    await mail?.close();
  });
  return f;
}
