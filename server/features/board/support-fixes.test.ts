/**
 * The review's fixes on the board's side: a blocked person's posts are not shown to the one who
 * blocked them and never notify them; trust set by hand is audited; removing a member and its
 * record are one write; the new-member limits hold against parallel posts.
 */
import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import type { Database } from "../../db";
import { createServices } from "../../services";
import { send, type Person } from "../../testing/client";
import { dialects } from "../../testing/harness";
import { supportFixture } from "../../testing/support-fixtures";
import { ModerationService } from "./moderation";
import { BoardRepository } from "./repository";

/** A board repository whose audit log fails to write, to show that nothing else is written without it. */
class AuditFails extends BoardRepository {
  constructor(private readonly kdb: Kysely<Database>) {
    super(kdb);
  }
  override transaction<T>(work: (repository: BoardRepository) => Promise<T>): Promise<T> {
    return this.kdb.transaction().execute((trx) => work(new AuditFails(trx)));
  }
  override async insertAudit(): Promise<void> {
    throw new Error("the audit log cannot be written");
  }
}

describe.each(dialects)("the board's fixes on %s", (dialect) => {
  const f = supportFixture(dialect, { group: "Open Hearts", handle: "person", level: 2 });
  const { member } = f;
  const later = () => f.t.clock.advance(60);
  const titles = async (as: Person) =>
    ((await f.steps.ok(send(f.t.app, "GET", `/api/groups/${f.groupId}/board/threads`, { as }), 200)) as { threads: { title: string }[] }).threads.map((th) => th.title);
  const replyBodies = async (threadId: string, as: Person) =>
    ((await f.steps.ok(send(f.t.app, "GET", `/api/board/threads/${threadId}/replies`, { as }), 200)) as { replies: { body: string }[] }).replies.map((r) => r.body);
  const block = (as: Person, who: Person) => f.steps.ok(send(f.t.app, "PUT", `/api/blocks/${who.memberId}`, { as }), 204);

  it("does not show a blocked person's topics and replies to the one who blocked them; others still see them", async () => {
    const [ana, ben, cam] = [await member(), await member(), await member()];
    const bens = await f.steps.topic(f.groupId, ben, { title: "Ben's topic" });
    const anas = await f.steps.topic(f.groupId, ana, { title: "Ana's topic" });
    later();
    await f.steps.reply(anas.thread.id, ben, { body: "Ben answers Ana." });
    f.t.clock.advance(1);
    await f.steps.reply(anas.thread.id, cam, { body: "Cam answers Ana." });
    expect(await titles(ana)).toEqual(expect.arrayContaining(["Ben's topic", "Ana's topic"]));

    await block(ana, ben);
    expect(await titles(ana)).toContain("Ana's topic");
    expect(await titles(ana)).not.toContain("Ben's topic");
    expect(await replyBodies(anas.thread.id, ana)).toEqual(["Cam answers Ana."]);
    expect((await send(f.t.app, "GET", `/api/board/threads/${bens.thread.id}`, { as: ana })).statusCode).toBe(404);
    expect((await send(f.t.app, "GET", `/api/board/threads/${bens.thread.id}/replies`, { as: ana })).statusCode).toBe(404);

    // Everyone else, the blocked person included, sees the board as before.
    expect(await titles(cam)).toEqual(expect.arrayContaining(["Ben's topic", "Ana's topic"]));
    expect(await replyBodies(anas.thread.id, cam)).toEqual(["Ben answers Ana.", "Cam answers Ana."]);
    expect(await replyBodies(anas.thread.id, ben)).toEqual(["Ben answers Ana.", "Cam answers Ana."]);

    // Those who moderate the board still see all of it.
    await block(f.admin, ben);
    expect(await titles(f.admin)).toContain("Ben's topic");
    expect((await send(f.t.app, "GET", `/api/board/threads/${bens.thread.id}`, { as: f.admin })).statusCode).toBe(200);

    await f.steps.ok(send(f.t.app, "DELETE", `/api/blocks/${ben.memberId}`, { as: ana }), 204);
    expect(await titles(ana)).toContain("Ben's topic");
    expect(await replyBodies(anas.thread.id, ana)).toEqual(["Ben answers Ana.", "Cam answers Ana."]);
  });

  it("never tells someone of a blocked person's replies, mentions or reactions", async () => {
    const [ana, ben] = [await member(), await member()];
    await block(ana, ben);
    const topic = await f.steps.topic(f.groupId, ana, { title: "Ana asks" });
    later();
    await f.steps.reply(topic.thread.id, ben, { body: `Hello @${ana.handle}` });
    later();
    await f.steps.topic(f.groupId, ben, { title: "Ben mentions", body: `Thinking of @${ana.handle} today.` });
    const react = await send(f.t.app, "PUT", `/api/board/posts/${topic.opening.id}/reactions/me_too`, { as: ben });
    expect(react.statusCode).toBe(200);
    expect((await send(f.t.app, "GET", "/api/notifications", { as: ana })).json().notifications).toEqual([]);
    expect((await send(f.t.app, "GET", "/api/notifications/unread", { as: ana })).json().unread).toBe(0);
  });

  it("writes a trust level set by hand to the organization's audit log, which its admins read", async () => {
    const dee = await member(0);
    await f.steps.trust(dee, 2);
    f.t.clock.advance(1);
    await f.steps.trust(dee, 1);
    const res = await send(f.t.app, "GET", "/api/admin/audit", { as: f.admin });
    expect(res.statusCode).toBe(200);
    const entries = (res.json() as { entries: { action: string; subject: { memberId: string } | null }[] }).entries.filter(
      (e) => e.subject?.memberId === dee.memberId,
    );
    expect(entries).toEqual([
      expect.objectContaining({ action: "trust_set", actor: { memberId: f.admin.memberId, displayName: f.admin.handle }, trust: { from: 2, to: 1 } }),
      expect.objectContaining({ action: "trust_set", actor: { memberId: f.admin.memberId, displayName: f.admin.handle }, trust: { from: 0, to: 2 } }),
    ]);
    expect((await send(f.t.app, "GET", "/api/admin/audit", { as: dee })).statusCode).toBe(403);
    expect((await send(f.t.app, "GET", "/api/admin/audit")).statusCode).toBe(401);
    expect((await send(f.t.app, "GET", "/api/admin/audit?cursor=nonsense", { as: f.admin })).json().errors[0].field).toMatch(/cursor/);
  });

  it("removes a member and writes its record in one transaction: if the record fails, they stay", async () => {
    const eve = await member();
    const services = createServices({ db: f.t.db, config: f.t.config, clock: () => f.t.clock.now });
    const failing = new ModerationService(new AuditFails(f.t.db), services.board, services.groups, services.trust, services.crisis, () => f.t.clock.now);
    await expect(failing.moderateMember(f.admin.memberId, f.groupId, eve.memberId, { action: "remove", note: "Please take a break." })).rejects.toThrow(
      /audit log cannot be written/,
    );
    const members = async () =>
      ((await send(f.t.app, "GET", `/api/groups/${f.groupId}/members`, { as: f.admin })).json() as { members: { memberId: string }[] }).members.map((m) => m.memberId);
    expect(await members()).toContain(eve.memberId);
    later();
    expect((await f.steps.startTopic(f.groupId, eve)).statusCode).toBe(201);

    const removed = await send(f.t.app, "POST", `/api/groups/${f.groupId}/board/members/${eve.memberId}/moderation`, {
      as: f.admin,
      body: { action: "remove", note: "Please take a break." },
    });
    expect(removed.statusCode).toBe(201);
    expect(removed.json()).toMatchObject({ action: "member_removed", subject: { memberId: eve.memberId } });
    expect(await members()).not.toContain(eve.memberId);
    later();
    expect((await f.steps.startTopic(f.groupId, eve)).statusCode).toBe(403);
    const again = await send(f.t.app, "POST", `/api/groups/${f.groupId}/board/members/${eve.memberId}/moderation`, {
      as: f.admin,
      body: { action: "remove", note: "Again." },
    });
    expect(again.statusCode).toBe(404);
  });

  it("holds the new-member limits when someone posts many times at once", async () => {
    const fay = await member(0);
    const topics = await Promise.all(Array.from({ length: 6 }, (_, i) => f.steps.startTopic(f.groupId, fay, { title: `At once ${i}` })));
    expect(topics.map((r) => r.statusCode).sort()).toEqual([201, 429, 429, 429, 429, 429]);
    const topicId = topics.find((r) => r.statusCode === 201)!.json().thread.id as string;

    later();
    const replies = await Promise.all(Array.from({ length: 6 }, () => f.steps.replyTo(topicId, fay)));
    expect(replies.map((r) => r.statusCode).sort()).toEqual([201, 429, 429, 429, 429, 429]);
    expect(replies.find((r) => r.statusCode === 429)!.json().detail).toMatch(/New members wait 30 seconds between posts/);

    // The first-day cap of 10 replies holds too: with one reply left, replies sent together give one.
    for (let i = 0; i < 8; i++) {
      f.t.clock.advance(30);
      expect((await f.steps.replyTo(topicId, fay)).statusCode).toBe(201);
    }
    f.t.clock.advance(30);
    const last = await Promise.all(Array.from({ length: 4 }, () => f.steps.replyTo(topicId, fay)));
    expect(last.map((r) => r.statusCode).sort()).toEqual([201, 429, 429, 429]);
    f.t.clock.advance(30);
    const capped = await f.steps.replyTo(topicId, fay);
    expect(capped.statusCode).toBe(429);
    expect(capped.json().detail).toMatch(/up to 10 replies/);
  });
});
