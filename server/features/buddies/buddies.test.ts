import { beforeAll, describe, expect, it } from "vitest";
import { send, signUp, type Person } from "../../testing/client";
import { dialects } from "../../testing/harness";
import { supportFixture } from "../../testing/support-fixtures";

describe.each(dialects)("buddies and direct messages on %s", (dialect) => {
  const f = supportFixture(dialect, { group: "Evening Circle", handle: "member", level: 1 });
  const { buddies } = f;
  let otherGroupId: string;
  let stranger: Person;

  beforeAll(async () => {
    otherGroupId = await f.steps.group("Morning Circle");
    stranger = await signUp(f.t.app, "stranger");
    await f.steps.join(otherGroupId, stranger);
  });

  /** Two members of the group, trusted enough to write messages unless told otherwise. */
  const pair = async (trusted = true): Promise<[Person, Person]> => [await f.member(trusted ? 1 : 0), await f.member(trusted ? 1 : 0)];
  const ask = (as: Person, handle: string, role = "buddy") => send(f.t.app, "POST", "/api/buddies", { as, body: { handle, role } });
  const write = (as: Person, id: string, body = "Thinking of you today.") => send(f.t.app, "POST", `/api/buddies/${id}/messages`, { as, body: { body } });
  const read = (as: Person, id: string) => send(f.t.app, "GET", `/api/buddies/${id}/messages`, { as });

  it("asks someone in a shared group, who accepts; both see the buddyship", async () => {
    const [ana, ben] = await pair();
    const asked = await ask(ana, ben.handle.toUpperCase(), "sponsor");
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({ role: "sponsor", status: "pending", direction: "asked", other: { memberId: ben.memberId, displayName: ben.handle } });
    const incoming = (await send(f.t.app, "GET", "/api/buddies", { as: ben })).json().buddies;
    expect(incoming).toEqual([expect.objectContaining({ id: asked.json().id, direction: "askedMe", status: "pending", other: { memberId: ana.memberId, displayName: ana.handle } })]);

    // Only the one asked answers; to anyone else the request does not exist.
    expect((await send(f.t.app, "POST", `/api/buddies/${asked.json().id}/accept`, { as: ana })).statusCode).toBe(403);
    expect((await send(f.t.app, "POST", `/api/buddies/${asked.json().id}/accept`, { as: stranger })).statusCode).toBe(404);
    const accepted = await send(f.t.app, "POST", `/api/buddies/${asked.json().id}/accept`, { as: ben });
    expect(accepted.json()).toMatchObject({ status: "active", acceptedAt: expect.any(String) });
    expect((await send(f.t.app, "POST", `/api/buddies/${asked.json().id}/accept`, { as: ben })).statusCode).toBe(409);
    expect((await ask(ben, ana.handle)).statusCode).toBe(409);
  });

  it("gives one answer for an unknown handle, no shared group and a block, so none shows", async () => {
    const [ana] = await pair();
    const answers = [await ask(ana, "nobody-here"), await ask(ana, stranger.handle)];
    await send(f.t.app, "PUT", `/api/blocks/${ana.memberId}`, { as: stranger });
    await f.steps.join(f.groupId, stranger);
    answers.push(await ask(ana, stranger.handle), await ask(stranger, ana.handle));
    for (const res of answers) {
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([{ field: "handle", message: "no one in your groups has this handle" }]);
    }
    expect((await ask(ana, ana.handle)).json().errors[0].message).toMatch(/your own handle/);
    await send(f.t.app, "DELETE", `/api/blocks/${ana.memberId}`, { as: stranger });
    expect((await ask(ana, stranger.handle)).statusCode).toBe(201);
  });

  it("opens messages only once both said yes, between the two of them alone", async () => {
    const [ana, ben] = await pair();
    const { id } = (await ask(ana, ben.handle)).json();
    expect((await write(ana, id)).statusCode).toBe(409);
    await send(f.t.app, "POST", `/api/buddies/${id}/accept`, { as: ben });

    const sent = await write(ana, id, "Coffee after the meeting?");
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ buddyId: id, mine: true, body: "Coffee after the meeting?" });
    f.t.clock.advance(1);
    await write(ben, id, "Yes please");
    const page = (await read(ben, id)).json();
    expect(page.messages.map((m: { body: string; mine: boolean }) => [m.body, m.mine])).toEqual([
      ["Yes please", true],
      ["Coffee after the meeting?", false],
    ]);
    for (const someone of [stranger, f.admin]) {
      expect((await read(someone, id)).statusCode).toBe(404);
      expect((await write(someone, id)).statusCode).toBe(404);
    }
    expect((await write(ana, id, "   ")).json().errors[0].field).toBe("body");
  });

  it("pages through a long conversation, newest first", async () => {
    const [ana, ben] = await pair();
    const id = await buddies(ana, ben);
    for (let i = 1; i <= 52; i++) {
      await write(i % 2 ? ana : ben, id, `message ${i}`);
      f.t.clock.advance(1);
    }
    const first = (await read(ana, id)).json();
    expect(first.messages).toHaveLength(50);
    expect(first.messages[0].body).toBe("message 52");
    const older = (await send(f.t.app, "GET", `/api/buddies/${id}/messages?before=${first.nextBefore}`, { as: ana })).json();
    expect(older.messages.map((m: { body: string }) => m.body)).toEqual(["message 2", "message 1"]);
    expect(older.nextBefore).toBeNull();
  });

  it("asks new members, kindly, to take part a little before they write messages", async () => {
    const [ana, ben] = await pair(false);
    const id = await buddies(ana, ben);
    const res = await write(ana, id);
    expect(res.statusCode).toBe(403);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ type: "urn:kindred:problem:notYetTrusted", title: "This opens up as you take part" });
    expect(res.json().detail).toMatch(/reading a few topics is enough/);
    await f.steps.trust(ana, 1);
    expect((await write(ana, id)).statusCode).toBe(201);
    // Reading needs no trust.
    expect((await read(ben, id)).json().messages).toHaveLength(1);
  });

  it("lets either end it at any time; the conversation goes with it", async () => {
    const [ana, ben] = await pair();
    const id = await buddies(ana, ben);
    await write(ana, id);
    expect((await send(f.t.app, "DELETE", `/api/buddies/${id}`, { as: ben })).statusCode).toBe(204);
    expect((await read(ana, id)).statusCode).toBe(404);
    expect((await send(f.t.app, "GET", "/api/buddies", { as: ana })).json().buddies).toEqual([]);
    expect(await f.t.db.selectFrom("direct_messages").select("id").where("buddyship_id", "=", id).execute()).toEqual([]);
  });

  it("declines quietly: the request is gone for both", async () => {
    const [ana, ben] = await pair();
    const { id } = (await ask(ana, ben.handle)).json();
    expect((await send(f.t.app, "POST", `/api/buddies/${id}/decline`, { as: ana })).statusCode).toBe(403);
    expect((await send(f.t.app, "POST", `/api/buddies/${id}/decline`, { as: ben })).statusCode).toBe(204);
    expect((await send(f.t.app, "GET", "/api/buddies", { as: ana })).json().buddies).toEqual([]);
  });

  it("ends the buddyship when either blocks the other, and keeps them apart until unblocked", async () => {
    const [ana, ben] = await pair();
    const id = await buddies(ana, ben);
    expect((await send(f.t.app, "PUT", `/api/blocks/${ben.memberId}`, { as: ana })).statusCode).toBe(204);
    expect((await write(ben, id)).statusCode).toBe(404);
    expect((await send(f.t.app, "GET", "/api/buddies", { as: ben })).json().buddies).toEqual([]);
    expect((await ask(ben, ana.handle)).statusCode).toBe(400);
    expect((await send(f.t.app, "GET", "/api/blocks", { as: ana })).json().blocked).toEqual([
      { memberId: ben.memberId, displayName: ben.handle, blockedAt: expect.any(String) },
    ]);
    expect((await send(f.t.app, "GET", "/api/blocks", { as: ben })).json().blocked).toEqual([]);
    expect((await send(f.t.app, "PUT", `/api/blocks/${ana.memberId}`, { as: ana })).statusCode).toBe(400);
    expect((await send(f.t.app, "PUT", "/api/blocks/01900000-0000-7000-8000-000000000000", { as: ana })).statusCode).toBe(404);
  });
});
