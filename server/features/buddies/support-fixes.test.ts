/**
 * The review's fixes on the buddies' side: a daily limit on buddy requests for new members,
 * flags on direct messages that the organization's admins review (the messages alone), and
 * notifications of new messages that never carry their words.
 */
import { describe, expect, it } from "vitest";
import { send, type Person } from "../../testing/client";
import { dialects } from "../../testing/harness";
import { supportFixture } from "../../testing/support-fixtures";

interface Message {
  id: string;
  body: string;
  mine: boolean;
  hidden: boolean;
}

interface Flagged {
  id: string;
  body: string;
  sender: { memberId: string } | null;
  hidden: boolean;
  crisis: boolean;
  score: number;
  flags: { reason: string; note: string | null }[];
}

describe.each(dialects)("buddies' fixes on %s", (dialect) => {
  const f = supportFixture(dialect, { group: "Side by Side", handle: "friend", level: 1, mail: true });
  const { member, buddies } = f;
  const ask = (as: Person, handle: string) => send(f.t.app, "POST", "/api/buddies", { as, body: { handle } });
  const write = async (as: Person, buddyId: string, body: string): Promise<Message> => {
    f.t.clock.advance(1);
    return f.steps.ok(send(f.t.app, "POST", `/api/buddies/${buddyId}/messages`, { as, body: { body } }), 201);
  };
  const read = async (as: Person, buddyId: string): Promise<Message[]> =>
    ((await f.steps.ok(send(f.t.app, "GET", `/api/buddies/${buddyId}/messages`, { as }), 200)) as { messages: Message[] }).messages;
  const flag = (as: Person, buddyId: string, messageId: string, reason = "harassment", note: string | null = null) =>
    send(f.t.app, "POST", `/api/buddies/${buddyId}/messages/${messageId}/flags`, { as, body: { reason, note } });
  const queue = async (): Promise<Flagged[]> => ((await f.steps.ok(send(f.t.app, "GET", "/api/admin/flagged-messages", { as: f.admin }), 200)) as { items: Flagged[] }).items;
  const decide = (messageId: string, body: object, as: Person = f.admin) => send(f.t.app, "POST", `/api/admin/flagged-messages/${messageId}/decision`, { as, body });
  const auditOf = async (messageId: string) =>
    ((await f.steps.ok(send(f.t.app, "GET", "/api/admin/audit", { as: f.admin }), 200)) as { entries: { action: string; messageId: string | null; actor: { memberId: string } | null; note: string | null }[] }).entries.filter(
      (e) => e.messageId === messageId,
    );

  // ---------- the daily limit on buddy requests ----------

  it("lets a new member ask five people a day, kindly saying when they can ask again; withdrawn requests still count", async () => {
    const asker = await member(0);
    const others: Person[] = [];
    for (let i = 0; i < 7; i++) others.push(await member(0));
    for (const other of others.slice(0, 5)) expect((await ask(asker, other.handle)).statusCode).toBe(201);
    f.t.clock.advance(3600);
    const sixth = await ask(asker, others[5]!.handle);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json()).toMatchObject({ type: "urn:kindred:problem:slowDown", retryAfterSeconds: 23 * 3600 });
    expect(sixth.headers["retry-after"]).toBe(String(23 * 3600));
    expect(sixth.json().detail).toMatch(/asked 5 people to be your buddy today.*you can ask someone else in about 23 hours/);

    const mine = (await send(f.t.app, "GET", "/api/buddies", { as: asker })).json().buddies as { id: string }[];
    await f.steps.ok(send(f.t.app, "DELETE", `/api/buddies/${mine[0]!.id}`, { as: asker }), 204);
    expect((await ask(asker, others[5]!.handle)).statusCode).toBe(429);

    f.t.clock.advance(23 * 3600);
    expect((await ask(asker, others[5]!.handle)).statusCode).toBe(201);
    expect((await ask(asker, others[6]!.handle)).statusCode).toBe(201);
  });

  it("holds the limit when many requests come at once, and does not limit established members", async () => {
    const asker = await member(1);
    const others: Person[] = [];
    for (let i = 0; i < 8; i++) others.push(await member(0));
    const answers = await Promise.all(others.map((other) => ask(asker, other.handle)));
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(5);
    expect(answers.filter((r) => r.statusCode === 429)).toHaveLength(3);

    const trusted = await member(2);
    const more = await Promise.all(others.map((other) => ask(trusted, other.handle)));
    expect(more.map((r) => r.statusCode)).toEqual(others.map(() => 201));
  });

  // ---------- flags on direct messages ----------

  it("lets the recipient flag a message; three flags from an established member hide the sender's flagged messages from them", async () => {
    const [ana, ben] = [await member(2), await member(1)];
    const buddyId = await buddies(ben, ana);
    const sent: Message[] = [];
    for (const words of ["You again.", "Nobody wants you here.", "Leave the group.", "Sorry, bad day."]) sent.push(await write(ben, buddyId, words));

    expect((await flag(ben, buddyId, sent[0]!.id)).statusCode).toBe(403);
    const first = await flag(ana, buddyId, sent[1]!.id, "harassment", "This keeps happening.");
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ messageId: sent[1]!.id, reason: "harassment", status: "received" });
    expect((await flag(ana, buddyId, sent[1]!.id)).statusCode).toBe(409);
    expect((await flag(f.admin, buddyId, sent[1]!.id)).statusCode).toBe(404);
    expect((await flag(ana, buddyId, crypto.randomUUID())).statusCode).toBe(404);
    expect((await flag(ana, buddyId, sent[1]!.id, "shouting")).json().errors[0].field).toBe("reason");

    await flag(ana, buddyId, sent[2]!.id);
    expect((await read(ana, buddyId)).every((m) => !m.hidden)).toBe(true);
    await flag(ana, buddyId, sent[0]!.id);

    const anas = await read(ana, buddyId);
    const byId = new Map(anas.map((m) => [m.id, m]));
    for (const m of [sent[0]!, sent[1]!, sent[2]!]) expect(byId.get(m.id)).toMatchObject({ hidden: true, body: "" });
    expect(byId.get(sent[3]!.id)).toMatchObject({ hidden: false, body: "Sorry, bad day." });
    // The sender still sees what they wrote.
    expect((await read(ben, buddyId)).map((m) => [m.body, m.hidden])).toEqual([
      ["Sorry, bad day.", false],
      ["Leave the group.", false],
      ["Nobody wants you here.", false],
      ["You again.", false],
    ]);
    expect((await flag(ana, buddyId, sent[1]!.id)).statusCode).toBe(409);

    const items = (await queue()).filter((item) => item.sender?.memberId === ben.memberId);
    expect(items.map((i) => i.body).sort()).toEqual(["Leave the group.", "Nobody wants you here.", "You again."]);
    expect(items.find((i) => i.id === sent[1]!.id)).toMatchObject({ hidden: true, score: 3, flags: [{ reason: "harassment", note: "This keeps happening." }] });
    // Admins see the flagged messages alone: not the rest of the conversation, not who flagged.
    const raw = (await send(f.t.app, "GET", "/api/admin/flagged-messages", { as: f.admin })).body;
    expect(raw).not.toContain("Sorry, bad day.");
    expect(raw).not.toContain(ana.memberId);
    for (const entry of sent.slice(0, 3)) expect((await auditOf(entry.id)).map((e) => [e.action, e.actor])).toEqual([["message_hidden_by_flags", null]]);
  });

  it("does not let brand-new members flag messages yet", async () => {
    const [cam, dan] = [await member(0), await member(1)];
    const buddyId = await buddies(dan, cam);
    const message = await write(dan, buddyId, "Hello.");
    const res = await flag(cam, buddyId, message.id);
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toMatch(/Flagging opens up/);
  });

  it("lets the organization's admins hide or restore a flagged message, with a note, on the record; crisis comes first", async () => {
    const [eva, fin] = [await member(1), await member(1)];
    const buddyId = await buddies(fin, eva);
    const harsh = await write(fin, buddyId, "A harsh message.");
    const unsure = await write(fin, buddyId, "An unclear message.");
    const quiet = await write(fin, buddyId, "A kind message.");
    f.t.clock.advance(5);
    await flag(eva, buddyId, harsh.id, "harassment");
    f.t.clock.advance(5);
    await flag(eva, buddyId, unsure.id, "crisis", "I am worried about them.");

    const items = await queue();
    const mine = items.filter((i) => i.sender?.memberId === fin.memberId);
    expect(mine.map((i) => [i.id, i.crisis, i.hidden])).toEqual([
      [unsure.id, true, false],
      [harsh.id, false, false],
    ]);
    expect(items.findIndex((i) => i.id === unsure.id)).toBe(0);

    expect((await decide(harsh.id, { action: "hide", note: "Harassment is not allowed." }, eva)).statusCode).toBe(403);
    expect((await send(f.t.app, "GET", "/api/admin/flagged-messages", { as: eva })).statusCode).toBe(403);
    expect((await decide(quiet.id, { action: "hide", note: "Nothing flagged." })).statusCode).toBe(404);
    expect((await decide(harsh.id, { action: "delete", note: "No." })).json().errors[0].field).toBe("action");

    const hidden = await decide(harsh.id, { action: "hide", note: "Harassment is not allowed." });
    expect(hidden.statusCode).toBe(200);
    expect(hidden.json()).toEqual({ messageId: harsh.id, hidden: true });
    expect((await decide(unsure.id, { action: "restore", note: "They were asking for help; we reached out." })).json()).toEqual({ messageId: unsure.id, hidden: false });

    const evas = new Map((await read(eva, buddyId)).map((m) => [m.id, m]));
    expect(evas.get(harsh.id)).toMatchObject({ hidden: true, body: "" });
    expect(evas.get(unsure.id)).toMatchObject({ hidden: false, body: "An unclear message." });
    expect((await queue()).filter((i) => i.sender?.memberId === fin.memberId)).toEqual([]);
    expect((await decide(harsh.id, { action: "hide", note: "Again." })).statusCode).toBe(409);

    expect((await auditOf(harsh.id)).map((e) => [e.action, e.actor?.memberId, e.note])).toEqual([["message_hidden", f.admin.memberId, "Harassment is not allowed."]]);
    expect((await auditOf(unsure.id)).map((e) => [e.action, e.note])).toEqual([["message_restored", "They were asking for help; we reached out."]]);

    // Restoring later shows it to the recipient again.
    f.t.clock.advance(5);
    await f.steps.ok(decide(harsh.id, { action: "restore", note: "On reflection, it may stay." }), 200);
    expect((await read(eva, buddyId)).find((m) => m.id === harsh.id)).toMatchObject({ hidden: false, body: "A harsh message." });
  });

  // ---------- notifications of new messages ----------

  it("tells the recipient of a new message, once until they read it, never with its words", async () => {
    const [gus, hal] = [await member(1), await member(1, { email: "hal@example.org" })];
    const buddyId = await buddies(gus, hal);
    await f.steps.ok(send(f.t.app, "PUT", "/api/notifications/settings", { as: hal, body: { settings: [{ kind: "message", email: true }] } }), 200);
    const before = f.mail.mails.length;
    await write(gus, buddyId, "The secret words of a message.");
    await write(gus, buddyId, "More words.");

    const notifications = (await send(f.t.app, "GET", "/api/notifications", { as: hal })).json().notifications as { kind: string; from: { memberId: string } | null; buddyId: string | null }[];
    const messages = notifications.filter((n) => n.kind === "message");
    expect(messages).toEqual([expect.objectContaining({ kind: "message", from: { memberId: gus.memberId, displayName: gus.handle }, buddyId, read: false })]);
    expect(JSON.stringify(notifications)).not.toContain("secret words");
    expect((await send(f.t.app, "GET", "/api/notifications", { as: gus })).json().notifications.filter((n: { kind: string }) => n.kind === "message")).toEqual([]);

    const mails = await f.mail.received(before + 1);
    const sentToHal = mails.slice(before).filter((m) => m.to.includes("hal@example.org"));
    expect(sentToHal).toHaveLength(1);
    expect(sentToHal[0]!.message).toMatch(/You have a new direct message\./);
    expect(sentToHal[0]!.message).not.toContain("secret words");
    expect(sentToHal[0]!.message).not.toContain(gus.handle);

    await f.steps.ok(send(f.t.app, "POST", "/api/notifications/read-all", { as: hal }), 204);
    await write(gus, buddyId, "Are you there?");
    const after = (await send(f.t.app, "GET", "/api/notifications", { as: hal })).json().notifications.filter((n: { kind: string }) => n.kind === "message");
    expect(after.map((n: { read: boolean }) => n.read)).toEqual([false, true]);
    // Hal still asked for emails then: the second one goes out, with no words either.
    const second = (await f.mail.received(before + 2)).slice(before).filter((m) => m.to.includes("hal@example.org"));
    expect(second).toHaveLength(2);
    expect(second[1]!.message).not.toContain("Are you there");

    await f.steps.ok(send(f.t.app, "PUT", "/api/notifications/settings", { as: hal, body: { settings: [{ kind: "message", inApp: false, email: false }] } }), 200);
    await f.steps.ok(send(f.t.app, "POST", "/api/notifications/read-all", { as: hal }), 204);
    await write(gus, buddyId, "Still here.");
    expect((await send(f.t.app, "GET", "/api/notifications/unread", { as: hal })).json().unread).toBe(0);
  });
});
