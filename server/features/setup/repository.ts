import { normalizeHandle } from "../../../core/accounts";
import { newId } from "../../../core/ids";
import type { Db } from "../../db";

export interface FirstAdmin {
  id: string;
  handle: string;
  displayName: string;
  passwordHash: string;
  language: string;
  country: string | null;
  email: string | null;
  createdAt: string;
}

export interface FirstSession {
  id: string;
  tokenHash: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** PostgreSQL's answer when two serializable transactions collide (two setups at once). */
const SERIALIZATION_FAILURE = "40001";

export class SetupRepository {
  constructor(private readonly db: Db) {}

  async isSetUp(): Promise<boolean> {
    const row = await this.db.selectFrom("organizations").select("id").limit(1).executeTakeFirst();
    return row !== undefined;
  }

  /**
   * The organization, its first member as administrator and (optionally) their session, in one
   * transaction. Serializable, so that of two setups racing on PostgreSQL one fails instead of
   * both creating an organization (SQLite runs one writer at a time anyway).
   * Returns false when Kindred was already set up.
   */
  async createOrganization(
    organization: { id: string; name: string },
    admin: FirstAdmin,
    recoveryCodeHashes: string[],
    session: FirstSession | null,
  ): Promise<boolean> {
    try {
      return await this.db
        .transaction()
        .setIsolationLevel("serializable")
        .execute(async (trx) => {
          if (await trx.selectFrom("organizations").select("id").limit(1).executeTakeFirst()) return false;
          const at = admin.createdAt;
          await trx.insertInto("organizations").values({ id: organization.id, name: organization.name, created_at: at }).execute();
          await trx
            .insertInto("members")
            .values({
              id: admin.id,
              handle: admin.handle,
              handle_normalized: normalizeHandle(admin.handle),
              display_name: admin.displayName,
              password_hash: admin.passwordHash,
              email: admin.email,
              language: admin.language,
              country: admin.country,
              created_at: at,
              updated_at: at,
            })
            .execute();
          await trx.insertInto("organization_admins").values({ organization_id: organization.id, member_id: admin.id, granted_at: at }).execute();
          await trx
            .insertInto("recovery_codes")
            .values(recoveryCodeHashes.map((hash) => ({ id: newId(), member_id: admin.id, code_hash: hash, created_at: at, used_at: null })))
            .execute();
          if (session) {
            await trx
              .insertInto("sessions")
              .values({
                id: session.id,
                member_id: admin.id,
                token_hash: session.tokenHash,
                created_at: session.createdAt,
                last_seen_at: session.lastSeenAt,
                expires_at: session.expiresAt,
              })
              .execute();
          }
          return true;
        });
    } catch (error) {
      if ((error as { code?: string }).code === SERIALIZATION_FAILURE) return false;
      throw error;
    }
  }
}
