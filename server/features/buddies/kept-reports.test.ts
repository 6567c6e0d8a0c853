/**
 * A report survives a block (issue 5, safety): a member who flags a harassing message and then
 * blocks the sender (or ends the buddyship) leaves the report in the admins' queue, with the
 * message; neither of the two can read the conversation any more; an admin's decision deletes the
 * kept copy; deleting either account removes their part.
 */
import { describe, expect, it } from "vitest";
import { send, type Person } from "../../testing/client";
import { dialects } from "../../testing/harness";
import { supportFixture } from "../../testing/support-fixtures";

interface Flagged {
  id: string;
  body: string;
  sender: { memberId: string } | null;
  hidden: boolean;
  crisis: boolean;
  score: number;
  flags: { reason: string; note: string | null }[];
}

describe.each(dialects)("reports kept after a block on %s", (dialect) => {
  const f = supportFixture(dialect, { group: "Kept Reports", handle: "kept", level: 2 });
  const { member, buddies } = f;
  const write = async (as: Person, buddyId: string, body: string): Promise<{ id: string }> => {
    f.t.clock.advance(1);
    return f.steps.ok(send(f.t.app, "POST", `/api/buddies/${buddyId}/messages`, { as, body: { body } }), 201);
  };
  const flag = (as: Person, buddyId: string, messageId: string, reason = "harassment", note: string | null = null) =>
    send(f.t.app, "POST", `/api/buddies/${buddyId}/messages/${messageId}/flags`, { as, body: { reason, note } });
  const queue = async (): Promise<Flagged[]> => ((await f.steps.ok(send(f.t.app, "GET", "/api/admin/flagged-messages", { as: f.admin }), 200)) as { items: Flagged[] }).items;
  const decide = (messageId: string, body: object) => send(f.t.app, "POST", `/api/admin/flagged-messages/${messageId}/decision`, { as: f.admin, body });
  const block = (as: Person, other: Person) => send(f.t.app, "PUT", `/api/blocks/${other.memberId}`, { as });
  const keptRows = async (messageId: string) => f.t.db.selectFrom("kept_reports").selectAll().where("message_id", "=", messageId).execute();

  it("keeps the report in the admins' queue after the reporter blocks the sender, until an admin decides", async () => {
    const [ana, ben] = [await member(2), await member(1)];
    const buddyId = await buddies(ben, ana);
    const bad = await write(ben, buddyId, "Nobody wants you here, kept1.");
    const fine = await write(ben, buddyId, "Sorry, bad day, kept1.");
    expect((await flag(ana, buddyId, bad.id, "harassment", "He keeps at it.")).statusCode).toBe(201);

    expect((await block(ana, ben)).statusCode).toBe(204);

    // The conversation is gone for both.
    for (const who of [ana, ben]) {
      expect((await send(f.t.app, "GET", `/api/buddies/${buddyId}/messages`, { as: who })).statusCode).toBe(404);
      expect((await flag(who, buddyId, bad.id)).statusCode).toBe(404);
    }
    expect(await f.t.db.selectFrom("direct_messages").select("id").where("buddyship_id", "=", buddyId).execute()).toEqual([]);

    // The admin still sees the report, with the message alone.
    const items = (await queue()).filter((i) => i.sender?.memberId === ben.memberId);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: bad.id, body: "Nobody wants you here, kept1.", score: 3, flags: [{ reason: "harassment", note: "He keeps at it." }] });
    expect(items.some((i) => i.id === fine.id)).toBe(false);

    const decided = await decide(bad.id, { action: "hide", note: "Harassment; the member blocked him." });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ messageId: bad.id, hidden: true });
    expect((await queue()).some((i) => i.id === bad.id)).toBe(false);
    expect(await keptRows(bad.id)).toEqual([]);
    expect((await decide(bad.id, { action: "hide", note: "again" })).statusCode).toBe(404);
    const audit = (await f.steps.ok(send(f.t.app, "GET", "/api/admin/audit", { as: f.admin }), 200)) as { entries: { action: string; messageId: string | null; note: string | null }[] };
    expect(audit.entries.filter((e) => e.messageId === bad.id)).toContainEqual(expect.objectContaining({ action: "message_hidden", note: "Harassment; the member blocked him." }));
  });

  it("keeps the report when the buddyship is ended too, and the sender's account deletion removes it", async () => {
    const [ana, ben] = [await member(2), await member(1)];
    const buddyId = await buddies(ben, ana);
    const bad = await write(ben, buddyId, "You are worthless, kept2.");
    expect((await flag(ana, buddyId, bad.id, "crisis")).statusCode).toBe(201);
    await f.steps.ok(send(f.t.app, "DELETE", `/api/buddies/${buddyId}`, { as: ben }), 204);

    expect((await queue()).find((i) => i.id === bad.id)).toMatchObject({ body: "You are worthless, kept2.", crisis: true });
    expect((await send(f.t.app, "GET", `/api/buddies/${buddyId}/messages`, { as: ana })).statusCode).toBe(404);

    // The sender deletes their account: their words go, and with them the kept report.
    await f.steps.ok(send(f.t.app, "DELETE", "/api/account", { as: ben, body: { password: ben.password, posts: "keep_as_former_member" } }), 204);
    expect(await keptRows(bad.id)).toEqual([]);
    expect((await queue()).some((i) => i.id === bad.id)).toBe(false);
    expect((await decide(bad.id, { action: "hide", note: "late" })).statusCode).toBe(404);
  });

  it("removes the reporter's kept report when the reporter deletes their account", async () => {
    const [ana, ben] = [await member(2), await member(1)];
    const buddyId = await buddies(ben, ana);
    const bad = await write(ben, buddyId, "Go away, kept3.");
    expect((await flag(ana, buddyId, bad.id, "harassment", "Reporter's own words kept3")).statusCode).toBe(201);
    expect((await block(ana, ben)).statusCode).toBe(204);
    expect(await keptRows(bad.id)).toHaveLength(1);

    await f.steps.ok(send(f.t.app, "DELETE", "/api/account", { as: ana, body: { password: ana.password, posts: "keep_as_former_member" } }), 204);
    expect(await keptRows(bad.id)).toEqual([]);
    expect((await queue()).some((i) => i.id === bad.id)).toBe(false);
  });
});
