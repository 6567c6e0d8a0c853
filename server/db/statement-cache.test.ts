/**
 * The SQLite statement cache: a kept statement answers exactly what a freshly prepared one would
 * (new parameters, a changed schema, transactions), it never hands out a statement that is still
 * being read, and it stays within its bound.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb, migrateToLatest } from ".";
import { StatementCache, changesSchema } from "./statement-cache";

interface Note {
  id: number;
  body: string;
}
interface TestSchema {
  notes: Note;
}

/** A raw database that counts how often SQLite compiles a statement. */
function countingDatabase(): { raw: SQLite.Database; prepared: () => number } {
  const raw = new SQLite(":memory:");
  let count = 0;
  const prepare = raw.prepare.bind(raw);
  raw.prepare = ((text: string) => {
    count++;
    return prepare(text);
  }) as typeof raw.prepare;
  return { raw, prepared: () => count };
}

function withNotes(raw: SQLite.Database, count: number): void {
  raw.exec("create table notes (id integer primary key, body text not null)");
  const insert = raw.prepare("insert into notes (id, body) values (?, ?)");
  for (let id = 1; id <= count; id++) insert.run(id, `note ${id}`);
}

describe("StatementCache", () => {
  let raw: SQLite.Database;
  let prepared: () => number;
  let cache: StatementCache;

  beforeEach(() => {
    ({ raw, prepared } = countingDatabase());
    cache = new StatementCache(raw, 3);
  });
  afterEach(() => {
    if (raw.open) raw.close();
  });

  it("hands back the same statement for the same text, with correct results for new parameters", () => {
    withNotes(raw, 5);
    const before = prepared();
    const text = "select body from notes where id = ?";
    const first = cache.prepare(text);
    expect(first.all([2])).toEqual([{ body: "note 2" }]);
    const second = cache.prepare(text);
    expect(second).toBe(first);
    expect(second.all([4])).toEqual([{ body: "note 4" }]);
    expect(cache.prepare(text).all([9])).toEqual([]);
    expect(prepared() - before).toBe(1);
  });

  it("keeps a statement usable after it failed", () => {
    withNotes(raw, 1);
    const insert = cache.prepare("insert into notes (id, body) values (?, ?)");
    expect(() => insert.run([1, "again"])).toThrow(/UNIQUE/);
    expect(cache.prepare("insert into notes (id, body) values (?, ?)").run([2, "two"]).changes).toBe(1);
    expect(cache.prepare("select count(*) as n from notes").get([])).toEqual({ n: 2 });
  });

  it("keeps nothing for a text SQLite rejects", () => {
    expect(() => cache.prepare("select from nowhere where")).toThrow();
    expect(cache.size).toBe(0);
  });

  it("evicts the least recently used statement at capacity", () => {
    withNotes(raw, 3);
    const a = cache.prepare("select 1 as v");
    const b = cache.prepare("select 2 as v");
    const c = cache.prepare("select 3 as v");
    expect(cache.prepare("select 1 as v")).toBe(a); // a is now the most recently used
    const d = cache.prepare("select 4 as v"); // b goes
    expect(cache.size).toBe(3);
    expect(cache.prepare("select 1 as v")).toBe(a);
    expect(cache.prepare("select 3 as v")).toBe(c);
    expect(cache.prepare("select 4 as v")).toBe(d);
    const bAgain = cache.prepare("select 2 as v");
    expect(bAgain).not.toBe(b);
    expect(bAgain.get([])).toEqual({ v: 2 });
    expect(cache.size).toBe(3);
  });

  it("never hands out a statement while an iterator is open on it", () => {
    withNotes(raw, 4);
    const text = "select id from notes where id >= ? order by id";
    const streaming = cache.prepare(text);
    const rows = streaming.iterate([2]);
    expect(rows.next().value).toEqual({ id: 2 });
    expect(streaming.busy).toBe(true);

    const meanwhile = cache.prepare(text);
    expect(meanwhile).not.toBe(streaming);
    expect(meanwhile.all([3])).toEqual([{ id: 3 }, { id: 4 }]);

    // The open iterator was not disturbed.
    expect([...rows]).toEqual([{ id: 3 }, { id: 4 }]);
    expect(streaming.busy).toBe(false);
    // Once free, the kept statement is handed out again.
    expect(cache.prepare(text)).toBe(streaming);
  });

  it("empties itself when the schema changes and does not keep schema statements", () => {
    withNotes(raw, 1);
    cache.prepare("select * from notes");
    cache.prepare("select 1");
    expect(cache.size).toBe(2);
    const alter = cache.prepare("alter table notes add column tag text");
    expect(cache.size).toBe(0);
    alter.run([]);
    expect(cache.prepare("select * from notes").all([])).toEqual([{ id: 1, body: "note 1", tag: null }]);
    expect(cache.prepare("create index notes_tag on notes (tag)")).not.toBe(cache.prepare("create index notes_tag on notes (tag)"));
    expect(cache.size).toBe(0);
  });

  it("tells schema changes from other statements", () => {
    for (const text of [
      "create table t (a integer)",
      "  CREATE INDEX i on t (a)",
      "alter table t add column b text",
      "drop table t",
      "-- why\ndrop index i",
      "/* a comment */ create view v as select 1",
      "attach database ':memory:' as other",
      "detach other",
    ]) {
      expect(changesSchema(text), text).toBe(true);
    }
    for (const text of [
      "select * from created",
      'select "drop" from t',
      "insert into alterations (a) values (1)",
      "update t set a = 1",
      "begin",
      "pragma optimize",
      "with x as (select 1) select * from x",
      "dropped",
    ]) {
      expect(changesSchema(text), text).toBe(false);
    }
  });

  it("sees a rolled-back column disappear from a kept select *", () => {
    withNotes(raw, 1);
    const selectAll = "select * from notes";
    expect(cache.prepare(selectAll).all([])).toEqual([{ id: 1, body: "note 1" }]);
    cache.prepare("begin").run([]);
    cache.prepare("alter table notes add column tag text").run([]);
    const during = cache.prepare(selectAll);
    expect(during.all([])).toEqual([{ id: 1, body: "note 1", tag: null }]);
    // A rollback undoes the alter without being a schema statement itself; the kept statement is
    // recompiled by SQLite and better-sqlite3 reads its columns afresh.
    cache.prepare("rollback").run([]);
    expect(cache.prepare(selectAll)).toBe(during);
    expect(cache.prepare(selectAll).all([])).toEqual([{ id: 1, body: "note 1" }]);
  });

  it("closes the database", () => {
    cache.prepare("select 1");
    cache.close();
    expect(raw.open).toBe(false);
    expect(cache.size).toBe(0);
  });

  it("rejects a capacity that is not a positive integer", () => {
    expect(() => new StatementCache(raw, 0)).toThrow(RangeError);
    expect(() => new StatementCache(raw, 1.5)).toThrow(RangeError);
  });
});

describe("Kysely on a StatementCache", () => {
  let raw: SQLite.Database;
  let prepared: () => number;
  let db: Kysely<TestSchema>;

  beforeEach(async () => {
    ({ raw, prepared } = countingDatabase());
    db = new Kysely<TestSchema>({ dialect: new SqliteDialect({ database: new StatementCache(raw) }) });
    await db.schema.createTable("notes").addColumn("id", "integer", (c) => c.primaryKey()).addColumn("body", "text", (c) => c.notNull()).execute();
  });
  afterEach(async () => {
    await db.destroy();
  });

  const bodies = async () => (await db.selectFrom("notes").select("body").orderBy("id").execute()).map((r) => r.body);

  it("compiles a repeated query once", async () => {
    await db.insertInto("notes").values({ id: 1, body: "one" }).execute();
    const before = prepared();
    for (let id = 2; id <= 10; id++) await db.insertInto("notes").values({ id, body: `n${id}` }).execute();
    for (let id = 1; id <= 10; id++) {
      const row = await db.selectFrom("notes").select("body").where("id", "=", id).executeTakeFirst();
      expect(row?.body).toBe(id === 1 ? "one" : `n${id}`);
    }
    // The insert was already kept; the select is compiled once.
    expect(prepared() - before).toBe(1);
  });

  it("returns a new column from select * after alter table add column", async () => {
    await db.insertInto("notes").values({ id: 1, body: "one" }).execute();
    expect(await db.selectFrom("notes").selectAll().execute()).toEqual([{ id: 1, body: "one" }]);
    await db.schema.alterTable("notes").addColumn("tag", "text").execute();
    await sql`update notes set tag = 'new'`.execute(db);
    expect(await db.selectFrom("notes").selectAll().execute()).toEqual([{ id: 1, body: "one", tag: "new" }]);
  });

  it("commits and rolls back transactions, again and again", async () => {
    for (let round = 1; round <= 3; round++) {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto("notes").values({ id: round, body: `kept ${round}` }).execute();
      });
      await expect(
        db.transaction().execute(async (trx) => {
          await trx.insertInto("notes").values({ id: 100 + round, body: `lost ${round}` }).execute();
          expect(await trx.selectFrom("notes").select("id").where("id", "=", 100 + round).executeTakeFirst()).toEqual({ id: 100 + round });
          throw new Error("undo");
        }),
      ).rejects.toThrow("undo");
    }
    expect(await bodies()).toEqual(["kept 1", "kept 2", "kept 3"]);
  });

  it("rolls back to a savepoint and commits the rest", async () => {
    for (let round = 0; round < 2; round++) {
      const trx = await db.startTransaction().execute();
      await trx.insertInto("notes").values({ id: 10 * round + 1, body: `before ${round}` }).execute();
      const saved = await trx.savepoint("sp").execute();
      await saved.insertInto("notes").values({ id: 10 * round + 2, body: `undone ${round}` }).execute();
      const back = await saved.rollbackToSavepoint("sp").execute();
      await back.insertInto("notes").values({ id: 10 * round + 3, body: `after ${round}` }).execute();
      await back.commit().execute();
    }
    expect(await bodies()).toEqual(["before 0", "after 0", "before 1", "after 1"]);
  });

  it("streams, and reuses the statement once a stream ends or is left early", async () => {
    await db.insertInto("notes").values([1, 2, 3].map((id) => ({ id, body: `n${id}` }))).execute();
    // Kysely holds SQLite's one connection for the whole of a stream, so it cannot run the same
    // text while one is open (the cache's own test covers that); a stream left early must still
    // free its statement for the next query.
    const query = () => db.selectFrom("notes").select("body").where("id", ">=", 1).orderBy("id");
    const firstOnly: string[] = [];
    for await (const row of query().stream()) {
      firstOnly.push(row.body);
      break;
    }
    const before = prepared();
    const streamed: string[] = [];
    for await (const row of query().stream()) streamed.push(row.body);
    expect((await query().execute()).map((r) => r.body)).toEqual(["n1", "n2", "n3"]);
    expect(firstOnly).toEqual(["n1"]);
    expect(streamed).toEqual(["n1", "n2", "n3"]);
    expect(prepared()).toBe(before);
  });

  it("runs pragmas", async () => {
    await sql`pragma optimize`.execute(db);
    await sql`pragma optimize`.execute(db);
    const version = async () => (await sql<{ user_version: number }>`pragma user_version`.execute(db)).rows[0]?.user_version;
    expect(await version()).toBe(0);
    await sql`pragma user_version = 7`.execute(db);
    expect(await version()).toBe(7);
  });
});

describe("createDb on SQLite", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "kindred-stmt-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("migrates, answers repeated queries and closes the file on destroy", async () => {
    const path = join(dir, "kindred.db");
    const db = createDb({ dialect: "sqlite", path });
    expect((await migrateToLatest(db)).length).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) {
      expect(await db.selectFrom("organizations").select("id").execute()).toEqual([]);
      await sql`pragma optimize`.execute(db);
    }
    await db.destroy();
    // Closing checkpoints the write-ahead log and removes it, which only happens on close.
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(path)).toBe(true);
  });
});
