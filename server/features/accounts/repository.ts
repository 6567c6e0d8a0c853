import { sql, type Selectable } from "kysely";
import { normalizeHandle, type UiLanguage } from "../../../core/accounts";
import { newId } from "../../../core/ids";
import type { Db } from "../../db";
import type { MembersTable } from "../../db/schema";

/** A transaction handed to other features' services to write in (deleting an account). */
export type Transaction = Db;

export interface Member {
  id: string;
  handle: string;
  displayName: string;
  language: UiLanguage;
  country: string | null;
  email: string | null;
  createdAt: string;
}

export interface NewMember extends Member {
  passwordHash: string;
}

export interface Session {
  id: string;
  memberId: string;
  tokenHash: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface ProfileChanges {
  displayName?: string;
  language?: UiLanguage;
  country?: string | null;
  email?: string | null;
}

export interface ThrottleState {
  failures: number;
  lockedUntil: string | null;
  updatedAt: string;
}

export type CreateMemberResult = { ok: true } | { ok: false; reason: "handleTaken" };
export type DeleteMemberResult = { ok: true } | { ok: false; reason: "lastAdmin" };

function toMember(row: Selectable<MembersTable>): Member {
  return {
    id: row.id,
    handle: row.handle,
    displayName: row.display_name,
    language: row.language as UiLanguage,
    country: row.country,
    email: row.email,
    createdAt: row.created_at,
  };
}

/** Both dialects' words for "a unique index refused this row". */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

function memberRow(member: NewMember) {
  return {
    id: member.id,
    handle: member.handle,
    handle_normalized: normalizeHandle(member.handle),
    display_name: member.displayName,
    password_hash: member.passwordHash,
    email: member.email,
    language: member.language,
    country: member.country,
    created_at: member.createdAt,
    updated_at: member.createdAt,
  };
}

function sessionRow(session: Session) {
  return {
    id: session.id,
    member_id: session.memberId,
    token_hash: session.tokenHash,
    created_at: session.createdAt,
    last_seen_at: session.lastSeenAt,
    expires_at: session.expiresAt,
  };
}

function recoveryCodeRows(memberId: string, codeHashes: string[], now: string) {
  return codeHashes.map((code_hash) => ({ id: newId(), member_id: memberId, code_hash, created_at: now, used_at: null }));
}

export class AccountsRepository {
  constructor(private readonly db: Db) {}

  /** The member, their recovery codes and their first session: all or nothing. */
  async createMember(member: NewMember, recoveryCodeHashes: string[], session: Session): Promise<CreateMemberResult> {
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto("members").values(memberRow(member)).execute();
        await trx.insertInto("recovery_codes").values(recoveryCodeRows(member.id, recoveryCodeHashes, member.createdAt)).execute();
        await trx.insertInto("sessions").values(sessionRow(session)).execute();
      });
      return { ok: true };
    } catch (error) {
      if (isUniqueViolation(error)) return { ok: false, reason: "handleTaken" };
      throw error;
    }
  }

  async handleTaken(handleNormalized: string): Promise<boolean> {
    const row = await this.db.selectFrom("members").select("id").where("handle_normalized", "=", handleNormalized).executeTakeFirst();
    return row !== undefined;
  }

  async findByHandle(handleNormalized: string): Promise<(Member & { passwordHash: string }) | undefined> {
    const row = await this.db.selectFrom("members").selectAll().where("handle_normalized", "=", handleNormalized).executeTakeFirst();
    return row && { ...toMember(row), passwordHash: row.password_hash };
  }

  async findById(memberId: string): Promise<(Member & { passwordHash: string }) | undefined> {
    const row = await this.db.selectFrom("members").selectAll().where("id", "=", memberId).executeTakeFirst();
    return row && { ...toMember(row), passwordHash: row.password_hash };
  }

  async listMembers(): Promise<Member[]> {
    const rows = await this.db.selectFrom("members").selectAll().orderBy("handle_normalized").execute();
    return rows.map(toMember);
  }

  async updateProfile(memberId: string, changes: ProfileChanges, now: string): Promise<void> {
    await this.db
      .updateTable("members")
      .set({
        ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
        ...(changes.language !== undefined ? { language: changes.language } : {}),
        ...(changes.country !== undefined ? { country: changes.country } : {}),
        ...(changes.email !== undefined ? { email: changes.email } : {}),
        updated_at: now,
      })
      .where("id", "=", memberId)
      .execute();
  }

  /** A new password ends every session but the one that asked for the change. */
  async changePassword(memberId: string, passwordHash: string, keepSessionId: string, now: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable("members").set({ password_hash: passwordHash, updated_at: now }).where("id", "=", memberId).execute();
      await trx.deleteFrom("sessions").where("member_id", "=", memberId).where("id", "!=", keepSessionId).execute();
    });
  }

  async replaceRecoveryCodes(memberId: string, codeHashes: string[], now: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("recovery_codes").where("member_id", "=", memberId).execute();
      await trx.insertInto("recovery_codes").values(recoveryCodeRows(memberId, codeHashes, now)).execute();
    });
  }

  /**
   * Uses one recovery code to set a new password: the code is spent, every session ends and a
   * new one begins, all in one transaction. Returns the number of unused codes left, or null when
   * the code is not one of the member's unused codes.
   */
  async recover(memberId: string, codeHash: string, passwordHash: string, session: Session): Promise<number | null> {
    return this.db.transaction().execute(async (trx) => {
      const spent = await trx
        .updateTable("recovery_codes")
        .set({ used_at: session.createdAt })
        .where("member_id", "=", memberId)
        .where("code_hash", "=", codeHash)
        .where("used_at", "is", null)
        .executeTakeFirst();
      if (Number(spent.numUpdatedRows) !== 1) return null;
      await trx.updateTable("members").set({ password_hash: passwordHash, updated_at: session.createdAt }).where("id", "=", memberId).execute();
      await trx.deleteFrom("sessions").where("member_id", "=", memberId).execute();
      await trx.insertInto("sessions").values(sessionRow(session)).execute();
      const left = await trx
        .selectFrom("recovery_codes")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("member_id", "=", memberId)
        .where("used_at", "is", null)
        .executeTakeFirstOrThrow();
      return Number(left.n);
    });
  }

  async recoveryCodeCounts(memberId: string): Promise<{ total: number; unused: number }> {
    const rows = await this.db.selectFrom("recovery_codes").select("used_at").where("member_id", "=", memberId).execute();
    return { total: rows.length, unused: rows.filter((r) => r.used_at === null).length };
  }

  // ---------- sessions ----------

  async insertSession(session: Session): Promise<void> {
    await this.db.insertInto("sessions").values(sessionRow(session)).execute();
  }

  async sessionByTokenHash(tokenHash: string): Promise<{ session: Session; member: Member } | undefined> {
    const row = await this.db
      .selectFrom("sessions")
      .innerJoin("members", "members.id", "sessions.member_id")
      .selectAll("members")
      .select([
        "sessions.id as session_id",
        "sessions.token_hash",
        "sessions.created_at as session_created_at",
        "sessions.last_seen_at",
        "sessions.expires_at",
      ])
      .where("sessions.token_hash", "=", tokenHash)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      session: {
        id: row.session_id,
        memberId: row.id,
        tokenHash: row.token_hash,
        createdAt: row.session_created_at,
        lastSeenAt: row.last_seen_at,
        expiresAt: row.expires_at,
      },
      member: toMember(row),
    };
  }

  async listSessions(memberId: string): Promise<Session[]> {
    const rows = await this.db.selectFrom("sessions").selectAll().where("member_id", "=", memberId).orderBy("created_at").execute();
    return rows.map((r) => ({
      id: r.id,
      memberId: r.member_id,
      tokenHash: r.token_hash,
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at,
      expiresAt: r.expires_at,
    }));
  }

  async renewSession(sessionId: string, lastSeenAt: string, expiresAt: string): Promise<void> {
    await this.db.updateTable("sessions").set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where("id", "=", sessionId).execute();
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("id", "=", sessionId).execute();
  }

  async deleteSessions(memberId: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("member_id", "=", memberId).execute();
  }

  async deleteExpiredSessions(memberId: string, now: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("member_id", "=", memberId).where("expires_at", "<=", now).execute();
  }

  // ---------- deletion ----------

  /**
   * Deletes the member; their sessions, recovery codes, administrator row, memberships, service
   * positions and guideline acceptances go with them (foreign keys cascade); `alsoInTransaction`
   * lets other features settle what they hold (the board's posts) in the same transaction. The last
   * administrator is refused inside the same transaction, after taking the organization's row
   * lock, so two administrators deleting themselves at once cannot leave none behind.
   */
  async deleteMember(memberId: string, throttleKey: string, alsoInTransaction: (trx: Transaction) => Promise<void>): Promise<DeleteMemberResult> {
    return this.db.transaction().execute(async (trx) => {
      await trx.updateTable("organizations").set({ name: sql`name` }).execute();
      const admins = await trx.selectFrom("organization_admins").select("member_id").execute();
      if (admins.length === 1 && admins[0]!.member_id === memberId) return { ok: false, reason: "lastAdmin" } as const;
      await alsoInTransaction(trx);
      await trx.deleteFrom("sign_in_throttle").where("key", "=", throttleKey).execute();
      await trx.deleteFrom("members").where("id", "=", memberId).execute();
      return { ok: true } as const;
    });
  }

  // ---------- sign-in throttle ----------

  async throttleState(key: string): Promise<ThrottleState | undefined> {
    const row = await this.db.selectFrom("sign_in_throttle").selectAll().where("key", "=", key).executeTakeFirst();
    return row && { failures: row.failures, lockedUntil: row.locked_until, updatedAt: row.updated_at };
  }

  /**
   * Moves a key from the state it was read in to the next one, only if no one else moved it in
   * between (compare and swap): of concurrent attempts, one wins and the others are refused.
   */
  async advanceThrottle(key: string, seen: ThrottleState | undefined, next: ThrottleState): Promise<boolean> {
    const values = { failures: next.failures, locked_until: next.lockedUntil, updated_at: next.updatedAt };
    if (!seen) {
      const inserted = await this.db
        .insertInto("sign_in_throttle")
        .values({ key, ...values })
        .onConflict((oc) => oc.column("key").doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const updated = await this.db
      .updateTable("sign_in_throttle")
      .set(values)
      .where("key", "=", key)
      .where("failures", "=", seen.failures)
      .where("updated_at", "=", seen.updatedAt)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  /** Takes back one counted attempt (it turned out to be the right password). */
  async forgiveThrottleAttempt(key: string): Promise<void> {
    await this.db
      .updateTable("sign_in_throttle")
      .set({ failures: sql<number>`failures - 1` })
      .where("key", "=", key)
      .where("failures", ">", 0)
      .execute();
  }

  async clearThrottle(key: string): Promise<void> {
    await this.db.deleteFrom("sign_in_throttle").where("key", "=", key).execute();
  }
}
