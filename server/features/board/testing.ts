/**
 * What the board's tests share: an app whose clock the test moves (so limits need no waiting), and
 * small steps in the words of the board (a group, a topic, a reply, a trust level).
 */
import { expect } from "vitest";
import { buildApp } from "../../app";
import type { Config } from "../../config";
import { send, type Person } from "../../testing/client";
import { createTestDatabase, testConfig, type DialectName, type TestApp } from "../../testing/harness";

export interface TestClock {
  now: Date;
  advance(seconds: number): void;
}

export interface BoardTestApp extends TestApp {
  clock: TestClock;
}

/** A fresh app and database whose clock starts now and moves only when the test moves it. */
export async function createBoardTestApp(dialect: DialectName, overrides: Partial<Config> = {}): Promise<BoardTestApp> {
  const database = await createTestDatabase(dialect);
  const config = testConfig(database.config, overrides);
  const clock: TestClock = {
    now: new Date(),
    advance(seconds) {
      this.now = new Date(this.now.getTime() + seconds * 1000);
    },
  };
  const app = await buildApp({ config, db: database.db, logger: false, clock: () => clock.now });
  return {
    app,
    db: database.db,
    config,
    clock,
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}

export interface Topic {
  thread: { id: string; title: string | null; replyCount: number; unread: boolean; pinned: boolean; state: string };
  opening: { id: string; body: string | null };
}

export function boardSteps(t: TestApp, admin: Person) {
  async function ok(res: Promise<{ statusCode: number; body: string; json(): unknown }>, status: number) {
    const done = await res;
    expect(done.statusCode, done.body).toBe(status);
    return (done.body ? done.json() : null) as never;
  }
  return {
    ok,
    async group(name = "Evening Circle", extra: object = {}): Promise<string> {
      const body = { name, focusAreas: ["mental_health"], languages: ["en"], guidelines: "Be kind.", ...extra };
      return ((await ok(send(t.app, "POST", "/api/groups", { as: admin, body }), 201)) as { id: string }).id;
    },
    async join(groupId: string, ...people: Person[]) {
      for (const person of people) await ok(send(t.app, "POST", `/api/groups/${groupId}/join`, { as: person, body: { acceptedGuidelinesVersion: 1 } }), 200);
    },
    async moderator(groupId: string, person: Person) {
      await ok(send(t.app, "PUT", `/api/groups/${groupId}/members/${person.memberId}/positions`, { as: admin, body: { positions: ["moderator"] } }), 200);
    },
    async trust(person: Person, level: 0 | 1 | 2) {
      await ok(send(t.app, "PUT", `/api/board/trust/${person.memberId}`, { as: admin, body: { level } }), 200);
    },
    startTopic(groupId: string, as: Person, body: object = {}) {
      return send(t.app, "POST", `/api/groups/${groupId}/board/threads`, { as, body: { title: "Hard week", body: "Some words.", ...body } });
    },
    async topic(groupId: string, as: Person, body: object = {}): Promise<Topic> {
      return ok(this.startTopic(groupId, as, body), 201);
    },
    replyTo(threadId: string, as: Person, body: object = {}) {
      return send(t.app, "POST", `/api/board/threads/${threadId}/replies`, { as, body: { body: "Thinking of you.", ...body } });
    },
    async reply(threadId: string, as: Person, body: object = {}): Promise<{ id: string; body: string | null }> {
      return ok(this.replyTo(threadId, as, body), 201);
    },
  };
}
