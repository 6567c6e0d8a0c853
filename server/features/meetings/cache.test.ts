/**
 * The directory's result cache: a cached search answers exactly what a search run afresh answers,
 * every write a result may show reaches the next search at once, the minute and the ttl end
 * entries, and the cache stays within its bounds.
 */
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MeetingSearchQuery } from "../../../core/meetings/api";
import { send } from "../../testing/client";
import { dialects } from "../../testing/harness";
import { ENTRY_OVERHEAD_BYTES, SEARCH_CACHE_DEFAULTS, SearchResultCache, searchKey } from "./cache";
import { indexOf } from "./indexing";
import { MeetingsRepository, type Meeting } from "./repository";
import { addMeeting, clockedApp, createGroup, meetingBody, type ClockedApp } from "./test-helpers";

const AT = new Date("2025-03-05T12:00:00Z");
const key = (query: Record<string, unknown>, at = AT) => searchKey(MeetingSearchQuery.parse(query), at);

describe("the search's cache key", () => {
  it("is the same for the same search written differently", () => {
    expect(key({ types: "W,D,W", attendance: ["online", "hybrid"] })).toBe(key({ types: ["D", "W"], attendance: "hybrid,online" }));
    expect(key({ q: 'Hope  "new beginnings"' })).toBe(key({ q: '"New Beginnings" hope' }));
    expect(key({ q: "hop hope" })).toBe(key({ q: "hope" }));
    expect(key({ radius: "5", unit: "mi" })).toBe(key({}));
    expect(key({ day: "today,3" })).toBe(key({ day: ["3", "today", "3"] }));
  });

  it("differs for anything that changes the results or how they are shown", () => {
    const base = { tz: "America/New_York" };
    const variants = [
      { ...base, tz: "America/Chicago" },
      { ...base, cursor: "abc" },
      { ...base, q: "hope" },
      { ...base, focus: "alcohol" },
      { ...base, types: "W" },
      { ...base, language: "es" },
      { ...base, attendance: "online" },
      { ...base, day: "today" },
      { ...base, day: "3" },
      { ...base, timeOfDay: "evening" },
      { ...base, inProgress: "true" },
      { ...base, startingWithinHours: "2" },
      { ...base, near: "40.7,-74" },
      { ...base, near: "40.7,-74", radius: "5" },
      { ...base, near: "40.7,-74", unit: "mi" },
    ];
    const keys = [key(base), key(base, new Date(AT.getTime() + 60_000)), ...variants.map((variant) => key(variant))];
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("the result cache", () => {
  const body = (text: string) => Buffer.from(text);

  it("keeps at most maxEntries, the least recently used leaving first", async () => {
    const cache = new SearchResultCache(() => 0, { maxEntries: 3, maxBytes: 1e9, ttlMs: 10_000 });
    for (const name of ["a", "b", "c"]) await cache.get(name, async () => body(name));
    await cache.get("a", async () => body("never"));
    await cache.get("d", async () => body("d"));
    expect(cache.stats().entries).toBe(3);
    expect((await cache.get("a", async () => body("again"))).toString()).toBe("a");
    expect((await cache.get("b", async () => body("b, again"))).toString()).toBe("b, again");
  });

  it("counts bytes and keeps within maxBytes, and does not keep a body over an eighth of it", async () => {
    const maxBytes = 8 * (1000 + ENTRY_OVERHEAD_BYTES + 20);
    const cache = new SearchResultCache(() => 0, { maxEntries: 100, maxBytes, ttlMs: 10_000 });
    for (let i = 0; i < 20; i++) await cache.get(`key ${i}`, async () => Buffer.alloc(1000));
    expect(cache.stats().bytes).toBeLessThanOrEqual(maxBytes);
    expect(cache.stats().entries).toBe(8);
    await cache.get("big", async () => Buffer.alloc(maxBytes / 4));
    expect(cache.stats().entries).toBe(8);
    await cache.get("big", async () => Buffer.alloc(maxBytes / 4));
    expect(cache.stats().misses).toBe(22);
  });

  it("serves an entry for ttlMs only", async () => {
    let now = 1_000;
    const cache = new SearchResultCache(() => now, { ...SEARCH_CACHE_DEFAULTS, ttlMs: 10_000 });
    await cache.get("k", async () => body("first"));
    now += 9_999;
    expect((await cache.get("k", async () => body("second"))).toString()).toBe("first");
    now += 1;
    expect((await cache.get("k", async () => body("third"))).toString()).toBe("third");
  });

  it("keeps nothing a search read before a write made after it began", async () => {
    const cache = new SearchResultCache(() => 0);
    let finish: (value: Buffer) => void = () => {};
    const running = cache.get("k", () => new Promise<Buffer>((resolve) => (finish = resolve)));
    cache.invalidate();
    finish(body("read before the write"));
    expect((await running).toString()).toBe("read before the write");
    expect((await cache.get("k", async () => body("after the write"))).toString()).toBe("after the write");
  });

  it("runs identical searches that miss together once, and never keeps a failure", async () => {
    const cache = new SearchResultCache(() => 0);
    let runs = 0;
    const slow = async () => {
      runs++;
      await new Promise((resolve) => setImmediate(resolve));
      return body("page");
    };
    const pages = await Promise.all([cache.get("k", slow), cache.get("k", slow), cache.get("k", slow)]);
    expect(pages.map(String)).toEqual(["page", "page", "page"]);
    expect(runs).toBe(1);
    await expect(cache.get("bad", async () => Promise.reject(new Error("no")))).rejects.toThrow("no");
    expect((await cache.get("bad", async () => body("fine"))).toString()).toBe("fine");
  });
});

describe.each(dialects)("the directory's cached search on %s", (dialect) => {
  let t: ClockedApp;
  let groupId: string;
  const cache = () => t.app.services.meetings.searchCache;

  beforeAll(async () => {
    t = await clockedApp(dialect, AT.toISOString());
    groupId = (await createGroup(t.app, t.admin, { name: "Riverside Fellowship" })).id;
    const days = [[1], [3], [3, 5], [0, 6]];
    for (let i = 0; i < 12; i++) {
      const start = `${String(6 + i).padStart(2, "0")}:${i % 2 ? "30" : "00"}`;
      await addMeeting(t.app, t.admin, groupId, meetingBody({ name: `Daily Hope ${i}`, types: i % 3 ? ["D"] : ["W", "D"] }, { repeats: { every: "week", days: days[i % 4] }, start, end: null }));
    }
  }, 60_000);
  afterAll(async () => t.close());

  const search = (query: string, as?: Parameters<typeof send>[3]) => send(t.app, "GET", `/api/meetings?${query}`, as);
  const names = async (query: string) => (await search(query)).json().meetings.map((m: { name: string }) => m.name) as string[];
  async function uncached(query: string) {
    cache().enabled = false;
    try {
      return await search(query);
    } finally {
      cache().enabled = true;
    }
  }

  const QUERIES = [
    "tz=America/New_York",
    "tz=Europe/London&types=W",
    "q=hope&tz=America/Chicago",
    "inProgress=true&tz=America/New_York",
    "day=today&timeOfDay=evening,midday&tz=America/New_York",
    "near=40.71,-74.0&radius=3&unit=mi&tz=America/New_York",
    "startingWithinHours=24&attendance=in_person&tz=Asia/Tokyo",
  ];

  it("answers a repeated search from the cache with exactly the body and headers of a fresh search", async () => {
    t.setNow(AT.toISOString());
    for (const query of QUERIES) {
      const first = await search(query);
      expect(first.statusCode, first.body).toBe(200);
      const hitsBefore = cache().stats().hits;
      const again = await search(query);
      expect(cache().stats().hits, query).toBe(hitsBefore + 1);
      const fresh = await uncached(query);
      for (const res of [again, fresh]) {
        expect(res.statusCode).toBe(200);
        expect(res.body, query).toBe(first.body);
        expect(res.headers["content-type"]).toBe(first.headers["content-type"]);
        expect(res.headers["content-length"]).toBe(first.headers["content-length"]);
      }
      expect(first.headers["content-type"]).toBe("application/json; charset=utf-8");
    }
  });

  it("sends the page gzipped to a client that accepts it (as every browser does), the same page, from the cache too", async () => {
    t.setNow(AT.toISOString());
    const query = "tz=America/New_York";
    const asked = (acceptEncoding: string) => t.app.inject({ method: "GET", url: `/api/meetings?${query}`, headers: { "accept-encoding": acceptEncoding } });
    const plain = await search(query);
    for (const acceptEncoding of ["gzip, deflate, br, zstd", "br;q=1.0, gzip;q=0.8, *;q=0.1", "*"]) {
      for (const res of [await asked(acceptEncoding), await asked(acceptEncoding)]) {
        expect(res.statusCode).toBe(200);
        expect(res.headers["content-encoding"], acceptEncoding).toBe("gzip");
        expect(res.headers.vary).toMatch(/accept-encoding/i);
        expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length);
        expect(gunzipSync(res.rawPayload).toString("utf8")).toBe(plain.body);
      }
    }
    for (const acceptEncoding of ["identity", "gzip;q=0, identity", "br", ""]) {
      const res = await asked(acceptEncoding);
      expect(res.headers["content-encoding"], acceptEncoding).toBeUndefined();
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.body).toBe(plain.body);
    }
    const fresh = await (async () => {
      cache().enabled = false;
      try {
        return await asked("gzip");
      } finally {
        cache().enabled = true;
      }
    })();
    expect(gunzipSync(fresh.rawPayload).toString("utf8")).toBe(plain.body);
  });

  it("follows a cursor the same way", async () => {
    const first = (await search("tz=America/New_York")).json();
    const next = `tz=America/New_York&cursor=${first.nextCursor ?? ""}`;
    if (first.nextCursor) {
      expect((await search(next)).body).toBe((await uncached(next)).body);
      expect((await search(next)).body).toBe((await uncached(next)).body);
    }
  });

  it("gives a signed-in member the same results as anyone (listed meetings only)", async () => {
    const hidden = await createGroup(t.app, t.admin, { name: "Quiet Room", visibility: "unlisted" });
    await addMeeting(t.app, t.admin, hidden.id, meetingBody({ name: "Hidden Hope" }));
    const anyone = await search("q=hope&tz=America/New_York");
    const admin = await search("q=hope&tz=America/New_York", { as: t.admin });
    expect(admin.body).toBe(anyone.body);
    expect(anyone.json().meetings.map((m: { name: string }) => m.name)).not.toContain("Hidden Hope");
  });

  it("shows a new meeting, an edit and a deletion in the very next search", async () => {
    const query = "q=evening%20star&tz=America/New_York";
    expect(await names(query)).toEqual([]);
    const { id } = await addMeeting(t.app, t.admin, groupId, meetingBody({ name: "Evening Star" }));
    expect(await names(query)).toEqual(["Evening Star"]);
    await send(t.app, "PATCH", `/api/meetings/${id}`, { as: t.admin, body: { name: "Evening Star Step Study" } });
    expect(await names(query)).toEqual(["Evening Star Step Study"]);
    expect((await search(query)).body).toBe((await uncached(query)).body);
    await send(t.app, "DELETE", `/api/meetings/${id}`, { as: t.admin });
    expect(await names(query)).toEqual([]);
  });

  it("shows a cancelled occurrence at once: the next start moves a week on", async () => {
    const schedule = { repeats: { every: "week", days: [3] }, start: "09:00", end: "10:00", timeZone: "America/New_York" };
    const { id } = await addMeeting(t.app, t.admin, groupId, meetingBody({ name: "Wednesday Anchor" }, schedule));
    const query = "q=anchor&tz=America/New_York";
    const startOf = async () => (await search(query)).json().meetings[0].start.date as string;
    expect(await startOf()).toBe("2025-03-05");
    const res = await send(t.app, "PATCH", `/api/meetings/${id}`, { as: t.admin, body: { schedule: { ...schedule, exceptions: [{ date: "2025-03-05", change: "cancelled" }] } } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await startOf()).toBe("2025-03-12");
  });

  it("shows a group renamed, refocused or no longer listed at once", async () => {
    const group = await createGroup(t.app, t.admin, { name: "Harbor Light", focusAreas: ["alcohol"] });
    await addMeeting(t.app, t.admin, group.id, meetingBody({ name: "Harbor Meeting" }));
    const query = "q=harbor&tz=America/New_York";
    const groupNames = async (q = query) => (await search(q)).json().meetings.map((m: { groupName: string }) => m.groupName) as string[];
    expect(await groupNames()).toEqual(["Harbor Light"]);
    await send(t.app, "PATCH", `/api/groups/${group.id}`, { as: t.admin, body: { name: "Harbour Light" } });
    expect(await groupNames()).toEqual(["Harbour Light"]);
    expect(await groupNames(`${query}&focus=alcohol`)).toEqual(["Harbour Light"]);
    await send(t.app, "PATCH", `/api/groups/${group.id}`, { as: t.admin, body: { focusAreas: ["drugs"] } });
    expect(await groupNames(`${query}&focus=alcohol`)).toEqual([]);
    await send(t.app, "PATCH", `/api/groups/${group.id}`, { as: t.admin, body: { visibility: "unlisted" } });
    expect(await groupNames()).toEqual([]);
    await send(t.app, "PATCH", `/api/groups/${group.id}`, { as: t.admin, body: { visibility: "listed" } });
    expect(await groupNames()).toEqual(["Harbour Light"]);
  });

  it("keeps the cache when a group changes in a way no result shows", async () => {
    const query = "tz=America/New_York";
    await search(query);
    const before = cache().stats();
    await send(t.app, "PATCH", `/api/groups/${groupId}`, { as: t.admin, body: { description: "We read and share." } });
    await search(query);
    expect(cache().stats().hits).toBe(before.hits + 1);
  });

  it("shows an import at once", async () => {
    const query = "q=lighthouse&tz=America/Chicago";
    expect(await names(query)).toEqual([]);
    const feed = [{ slug: "lighthouse", name: "Lighthouse", day: 3, time: "19:00", timezone: "America/Chicago", location: "Harbor Hall", group: "Lighthouse" }];
    const res = await send(t.app, "POST", "/api/admin/imports/meeting-guide", { as: t.admin, body: feed });
    expect(res.statusCode, res.body).toBe(200);
    expect(await names(query)).toEqual(["Lighthouse"]);
  });

  it("changes what is in progress when the minute rolls over", async () => {
    // Wednesday 06:00 to 07:00 in New York: 11:00 to 12:00 UTC.
    const schedule = { repeats: { every: "week", days: [3] }, start: "06:00", end: "07:00", timeZone: "America/New_York" };
    await addMeeting(t.app, t.admin, groupId, meetingBody({ name: "Early Bird" }, schedule));
    const query = "inProgress=true&q=early&tz=America/New_York";
    t.setNow("2025-03-05T11:59:10Z");
    expect(await names(query)).toEqual(["Early Bird"]);
    t.setNow("2025-03-05T11:59:15Z");
    const hits = cache().stats().hits;
    expect(await names(query)).toEqual(["Early Bird"]);
    expect(cache().stats().hits).toBe(hits + 1);
    t.setNow("2025-03-05T12:00:05Z");
    expect(await names(query)).toEqual([]);
    t.setNow(AT.toISOString());
  });

  it("shows a write made behind its back (another instance, the command line) within the ttl", async () => {
    const query = "q=daily&tz=America/New_York";
    t.setNow("2025-03-05T12:10:00Z");
    const before = await names(query);
    expect(before.length).toBeGreaterThan(0);
    await t.db.updateTable("groups").set({ visibility: "unlisted" }).where("id", "=", groupId).execute();
    t.setNow("2025-03-05T12:10:05Z");
    expect(await names(query)).toEqual(before);
    t.setNow(`2025-03-05T12:10:${String(SEARCH_CACHE_DEFAULTS.ttlMs / 1000 + 1).padStart(2, "0")}Z`);
    expect(await names(query)).toEqual([]);
    await t.db.updateTable("groups").set({ visibility: "listed" }).where("id", "=", groupId).execute();
    cache().invalidate();
    t.setNow(AT.toISOString());
  });

  it("finds a meeting in a zone new to the directory, and a meeting longer than any before, in the very next search", async () => {
    // The search keeps the directory's zones and its longest meeting between searches; a write forgets them.
    t.setNow(AT.toISOString());
    // Not a selective search (words, types...): the search walks through time, zone by zone.
    const query = "attendance=hybrid&tz=Pacific/Auckland";
    expect(await names(query)).toEqual([]);
    expect(await names("inProgress=true&q=marathon&tz=America/New_York")).toEqual([]);
    await addMeeting(t.app, t.admin, groupId, meetingBody({ name: "Kiwi Morning", online: { url: "https://meet.example.org/kiwi", urlNotes: null, phone: null, phoneNotes: null } }, { repeats: { every: "week", days: [4] }, start: "07:00", end: "08:00", timeZone: "Pacific/Auckland" }));
    expect(await names(query)).toEqual(["Kiwi Morning"]);
    // Wednesday 03:00 to 11:00 in New York: in progress at 12:00 UTC (07:00 there), for longer than any meeting so far.
    await addMeeting(t.app, t.admin, groupId, meetingBody({ name: "Marathon Share" }, { repeats: { every: "week", days: [3] }, start: "03:00", end: "11:00" }));
    expect(await names("inProgress=true&q=marathon&tz=America/New_York")).toEqual(["Marathon Share"]);
  });

  it("finds a meeting in a new zone written behind its back within the ttl", async () => {
    t.setNow("2025-03-05T12:20:00Z");
    const query = "attendance=online&tz=Europe/Oslo";
    expect(await names(query)).toEqual([]);
    // Another instance (or the command line) adds a meeting in a zone this process has not seen.
    const organization = await t.db.selectFrom("organizations").select("id").executeTakeFirstOrThrow();
    const meeting: Meeting = {
      id: "0195a3b0-0000-7000-8000-00000000f10d",
      groupId,
      slug: "fjord-evening",
      name: "Fjord Evening",
      schedule: { repeats: { every: "week", days: [3] }, start: "19:00", end: "20:00", timeZone: "Europe/Oslo", startsOn: null, exceptions: [] },
      access: "open",
      temporarilyClosed: false,
      types: ["D"],
      languages: ["en"],
      venue: null,
      online: { url: "https://meet.example.org/fjord", urlNotes: null, phone: null, phoneNotes: null },
      regions: [],
      notes: null,
      contributions: { venmo: null, square: null, paypal: null, homegroupOnline: null },
      createdAt: "2025-03-05T12:20:00Z",
      updatedAt: "2025-03-05T12:20:00Z",
    };
    const group = await t.db.selectFrom("groups").select("name").where("id", "=", groupId).executeTakeFirstOrThrow();
    await new MeetingsRepository(t.db).transaction((repo) => repo.insertMeeting(meeting, organization.id, indexOf(meeting, group.name)));
    cache().invalidate();
    t.setNow("2025-03-05T12:20:05Z");
    expect(await names(query)).toEqual([]);
    // The empty page above was kept from 12:20:05 on.
    t.setNow(`2025-03-05T12:20:${String(SEARCH_CACHE_DEFAULTS.ttlMs / 1000 + 6).padStart(2, "0")}Z`);
    expect(await names(query)).toEqual(["Fjord Evening"]);
    t.setNow(AT.toISOString());
  });

  it("holds at most its number of entries", async () => {
    for (let i = 0; i < SEARCH_CACHE_DEFAULTS.maxEntries + 20; i++) {
      expect((await search(`q=nothing${i}&tz=UTC`)).statusCode).toBe(200);
    }
    expect(cache().stats().entries).toBe(SEARCH_CACHE_DEFAULTS.maxEntries);
    expect(cache().stats().bytes).toBeLessThanOrEqual(SEARCH_CACHE_DEFAULTS.maxBytes);
  }, 60_000);

  it("answers as a fresh search would through a random run of writes and searches", async () => {
    let state = 20251126;
    const pick = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      // The low bits of this generator repeat quickly: use the high ones.
      return Math.floor(state / 65536) % n;
    };
    const ids: string[] = [];
    const group = await createGroup(t.app, t.admin, { name: "Random Walk" });
    const queries = ["tz=America/New_York", "q=random&tz=America/New_York", "inProgress=true&tz=America/New_York", "types=W&tz=UTC", "day=today&tz=America/New_York"];
    for (let step = 0; step < 30; step++) {
      for (const query of queries) await search(query);
      const action = pick(6);
      if (action === 0 || ids.length === 0) {
        const start = `${String(pick(24)).padStart(2, "0")}:${["00", "30"][pick(2)]}`;
        const body = meetingBody({ name: `Random ${step}`, types: pick(2) ? ["W"] : ["D"] }, { repeats: { every: "week", days: [pick(7)] }, start, end: null });
        ids.push((await addMeeting(t.app, t.admin, group.id, body)).id);
      } else if (action === 1) {
        await send(t.app, "PATCH", `/api/meetings/${ids[pick(ids.length)]}`, { as: t.admin, body: { name: `Random renamed ${step}`, types: pick(2) ? ["W"] : ["D"] } });
      } else if (action === 2) {
        await send(t.app, "DELETE", `/api/meetings/${ids.splice(pick(ids.length), 1)[0]}`, { as: t.admin });
      } else if (action === 3) {
        await send(t.app, "PATCH", `/api/groups/${group.id}`, { as: t.admin, body: { visibility: pick(2) ? "listed" : "unlisted", name: `Random Walk ${pick(3)}` } });
      } else {
        t.setNow(new Date(AT.getTime() + pick(3) * 30_000).toISOString());
      }
      for (const query of queries) {
        const cached = await search(query);
        expect(cached.body, `step ${step}: ${query}`).toBe((await uncached(query)).body);
      }
    }
    t.setNow(AT.toISOString());
  }, 120_000);
});
