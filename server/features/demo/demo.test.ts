import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FOCUS_AREAS } from "../../../core/groups";
import { createServices, type Services } from "../../services";
import { createTestDatabase, dialects, testConfig, type TestDatabase } from "../../testing/harness";
import { DEMO_PEOPLE } from "./data";
import { DemoService, type DemoSummary } from "./service";

describe.each(dialects)("demo data on %s", (dialect) => {
  let database: TestDatabase;
  let services: Services;
  let summary: DemoSummary;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    services = createServices({ db: database.db, config: testConfig(database.config) });
    summary = await new DemoService(services).seed();
  }, 120_000);
  afterAll(async () => database.destroy());

  const count = async (table: "members" | "groups" | "organizations" | "organization_admins") =>
    Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

  it("creates one organization with one admin, about twenty members and at least twelve groups", async () => {
    expect(await count("organizations")).toBe(1);
    expect(await count("organization_admins")).toBe(1);
    expect(await count("members")).toBe(DEMO_PEOPLE.length + 1);
    expect(DEMO_PEOPLE.length).toBeGreaterThanOrEqual(18);
    expect(await count("groups")).toBeGreaterThanOrEqual(12);
    expect(summary.signIns).toHaveLength(DEMO_PEOPLE.length + 1);
  });

  it("covers every focus area, with Spanish groups, both visibilities and every membership policy", async () => {
    const adminId = (await database.db.selectFrom("organization_admins").select("member_id").executeTakeFirstOrThrow()).member_id;
    const groups = (await services.groups.list(adminId)).map((v) => v.group);
    expect(new Set(groups.flatMap((g) => g.focusAreas))).toEqual(new Set(FOCUS_AREAS));
    const spanish = groups.filter((g) => g.languages.includes("es"));
    expect(spanish.map((g) => g.name)).toEqual(expect.arrayContaining(["Amanecer: Recuperación", "Duelo y Esperanza"]));
    expect(spanish.find((g) => g.name === "Duelo y Esperanza")?.guidelines).toContain("El duelo no tiene calendario");
    expect(new Set(groups.map((g) => g.visibility))).toEqual(new Set(["listed", "unlisted"]));
    expect(new Set(groups.map((g) => g.membershipPolicy))).toEqual(new Set(["open", "approval", "invitation"]));
  });

  it("signs people in with the shared demo password, holding service positions", async () => {
    const view = await services.accounts.signIn("quiet-oak", summary.password, "127.0.0.1");
    expect(view.view.member.displayName).toBe("Quiet Oak");
    const held = (await services.groups.membershipsOf([view.view.member.id])).get(view.view.member.id)!;
    expect(held).toContainEqual(expect.objectContaining({ groupName: "Morning Light Recovery", positions: ["chair"] }));

    const positions = await database.db.selectFrom("service_positions").select("position").distinct().execute();
    expect(new Set(positions.map((p) => p.position))).toEqual(new Set(["chair", "secretary", "treasurer", "moderator"]));
    const waiting = await database.db.selectFrom("memberships").select("status").where("status", "in", ["pending", "invited"]).execute();
    expect(new Set(waiting.map((w) => w.status))).toEqual(new Set(["pending", "invited"]));
  });
});
