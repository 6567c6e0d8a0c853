import { beforeAll, describe, expect, it } from "vitest";
import { send, signUp, type Person } from "../../testing/client";
import { dialects } from "../../testing/harness";
import { supportFixture } from "../../testing/support-fixtures";

describe.each(dialects)("milestones on %s", (dialect) => {
  const f = supportFixture(dialect, { group: "Evening Circle", handle: "member", level: 0, clockAt: "2025-03-01T12:00:00Z" });
  let otherGroupId: string;
  let ana: Person;
  let ben: Person;
  let outsider: Person;

  beforeAll(async () => {
    otherGroupId = await f.steps.group("Morning Circle");
    [ana, ben, outsider] = [await signUp(f.t.app, "ana"), await signUp(f.t.app, "ben"), await signUp(f.t.app, "outsider")];
    await f.steps.join(f.groupId, ana, ben);
    await f.steps.join(otherGroupId, ana);
  });

  const add = (as: Person, body: object, query = "") => send(f.t.app, "POST", `/api/milestones${query}`, { as, body });
  const celebrations = (as: Person, group: string, today?: string) =>
    send(f.t.app, "GET", `/api/groups/${group}/celebrations${today ? `?today=${today}` : ""}`, { as });

  it("counts a \"since\" date to today: the marks reached and the next one", async () => {
    const res = await add(ana, { label: "sober", since: "2024-08-31" });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      label: "sober",
      words: null,
      since: "2024-08-31",
      celebrateIn: [],
      days: 182,
      next: { unit: "months", count: 9, date: "2025-05-31" },
    });
    expect(res.json().reached.map((m: { count: number; unit: string }) => `${m.count} ${m.unit}`)).toEqual(["24 hours", "30 days", "60 days", "90 days", "6 months"]);
    expect(res.json().reached.at(-1).date).toBe("2025-02-28");
    const mine = (await send(f.t.app, "GET", "/api/milestones", { as: ana })).json();
    expect(mine.today).toBe("2025-03-01");
    expect(mine.milestones).toHaveLength(1);
    expect((await send(f.t.app, "GET", "/api/milestones", { as: ben })).json().milestones).toEqual([]);
  });

  it("takes the member's own words, and asks for them when missing", async () => {
    const own = await add(ben, { label: "own_words", words: "smoke-free", since: "2025-02-28" });
    expect(own.json()).toMatchObject({ label: "own_words", words: "smoke-free", days: 1 });
    const missing = await add(ben, { label: "own_words", since: "2025-02-28" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe("words");
    const future = await add(ben, { label: "clean", since: "2025-03-09" });
    expect(future.json().errors[0].field).toBe("since");
    // Words go with the own-words label only.
    const clean = await send(f.t.app, "PATCH", `/api/milestones/${own.json().id}`, { as: ben, body: { label: "clean" } });
    expect(clean.json()).toMatchObject({ label: "clean", words: null });
  });

  it("starts again quietly: the new date, and nothing of the old one anywhere", async () => {
    const { id } = (await add(ana, { label: "clean", since: "2023-01-15", celebrateIn: [f.groupId] })).json();
    const res = await send(f.t.app, "PUT", `/api/milestones/${id}/since`, { as: ana, body: { since: "2025-03-01" } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, since: "2025-03-01", days: 0, reached: [], next: { unit: "hours", count: 24 } });
    expect(JSON.stringify((await send(f.t.app, "GET", "/api/milestones", { as: ana })).json())).not.toContain("2023-01-15");
    const rows = await f.t.db.selectFrom("milestones").selectAll().where("id", "=", id).execute();
    expect(JSON.stringify(rows)).not.toContain("2023-01-15");
    // Someone else's milestone does not exist for them.
    expect((await send(f.t.app, "PUT", `/api/milestones/${id}/since`, { as: ben, body: { since: "2020-01-01" } })).statusCode).toBe(404);
    expect((await send(f.t.app, "DELETE", `/api/milestones/${id}`, { as: ben })).statusCode).toBe(404);
  });

  it("lets a group celebrate a mark only where its member chose to", async () => {
    const cam = await signUp(f.t.app, "cam");
    await send(f.t.app, "POST", `/api/groups/${f.groupId}/join`, { as: cam, body: { acceptedGuidelinesVersion: 1 } });
    await send(f.t.app, "POST", `/api/groups/${otherGroupId}/join`, { as: cam, body: { acceptedGuidelinesVersion: 1 } });
    const celebrated = (await add(cam, { label: "own_words", words: "gambling-free", since: "2025-01-30", celebrateIn: [f.groupId] })).json();
    await add(cam, { label: "sober", since: "2024-12-01" }); // 90 days today, private

    const today = (await celebrations(ben, f.groupId)).json();
    expect(today).toEqual({
      date: "2025-03-01",
      celebrations: [
        {
          milestoneId: celebrated.id,
          member: { memberId: cam.memberId, displayName: "cam" },
          label: "own_words",
          words: "gambling-free",
          mark: { unit: "days", count: 30, date: "2025-03-01" },
        },
      ],
    });
    expect((await celebrations(ana, otherGroupId)).json().celebrations).toEqual([]);
    const tomorrow = (await celebrations(ben, f.groupId, "2025-03-02")).json().celebrations;
    expect(tomorrow.filter((c: { member: { memberId: string } }) => c.member.memberId === cam.memberId)).toEqual([]);
    expect((await celebrations(outsider, f.groupId)).statusCode).toBe(403);

    await send(f.t.app, "PATCH", `/api/milestones/${celebrated.id}`, { as: cam, body: { celebrateIn: [] } });
    expect((await celebrations(ben, f.groupId)).json().celebrations).toEqual([]);
  });

  it("celebrates only in the member's own groups", async () => {
    const res = await add(ben, { label: "sober", since: "2025-01-01", celebrateIn: [otherGroupId] });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe("celebrateIn");
  });
});
