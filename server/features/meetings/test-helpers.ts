/** Shared by the meetings tests: an app whose clock the test sets, and meetings to add. */
import { buildApp, type App } from "../../app";
import type { Db } from "../../db";
import { send, setupOrganization, type Person } from "../../testing/client";
import { createTestDatabase, testConfig, type DialectName } from "../../testing/harness";

export interface ClockedApp {
  app: App;
  db: Db;
  admin: Person;
  /** The database as DATABASE_URL names it, for the command line. */
  databaseUrl: string;
  /** Sets what time it is for the meetings feature. */
  setNow(instant: string): void;
  close(): Promise<void>;
}

export async function clockedApp(dialect: DialectName, now = "2025-03-05T12:00:00Z", organizationName?: string): Promise<ClockedApp> {
  const database = await createTestDatabase(dialect);
  let current = new Date(now);
  const app = await buildApp({ config: testConfig(database.config), db: database.db, logger: false, clock: () => current });
  const admin = await setupOrganization(app, organizationName ? { organizationName } : {});
  return {
    app,
    db: database.db,
    admin,
    databaseUrl: database.config.dialect === "sqlite" ? `sqlite:${database.config.path}` : database.config.url,
    setNow(instant) {
      current = new Date(instant);
    },
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}

export async function createGroup(app: App, admin: Person, body: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  const res = await send(app, "POST", "/api/groups", { as: admin, body: { name: "Steady Ground", focusAreas: ["alcohol"], languages: ["en"], ...body } });
  if (res.statusCode !== 201) throw new Error(`create group: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** A weekly meeting in New York on Tuesdays at 19:00, in person, unless told otherwise. */
export function meetingBody(overrides: Record<string, unknown> = {}, schedule: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "Tuesday Night Hope",
    schedule: { repeats: { every: "week", days: [2] }, start: "19:00", end: "20:00", timeZone: "America/New_York", ...schedule },
    access: "open",
    types: ["D"],
    languages: ["en"],
    venue: { name: "St. Mark's Hall", address: "12 Main St, Springfield", latitude: 40.7128, longitude: -74.006, approximate: false, notes: "Side door" },
    regions: ["New York", "Manhattan"],
    notes: "Newcomers welcome.",
    ...overrides,
  };
}

export async function addMeeting(app: App, as: Person, groupId: string, body: Record<string, unknown>): Promise<{ id: string; slug: string }> {
  const res = await send(app, "POST", `/api/groups/${groupId}/meetings`, { as, body });
  if (res.statusCode !== 201) throw new Error(`add meeting: ${res.statusCode} ${res.body}`);
  return res.json();
}
