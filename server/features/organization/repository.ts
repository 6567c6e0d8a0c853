import { sql } from "kysely";
import type { Db } from "../../db";

export interface OrganizationRecord {
  id: string;
  name: string;
}

export type RevokeAdminResult = "revoked" | "lastAdmin";

export class OrganizationRepository {
  constructor(private readonly db: Db) {}

  /** Kindred hosts one organization per installation. */
  async current(): Promise<OrganizationRecord | undefined> {
    return this.db.selectFrom("organizations").select(["id", "name"]).orderBy("created_at").limit(1).executeTakeFirst();
  }

  async rename(organizationId: string, name: string): Promise<void> {
    await this.db.updateTable("organizations").set({ name }).where("id", "=", organizationId).execute();
  }

  async isAdmin(memberId: string): Promise<boolean> {
    const row = await this.db.selectFrom("organization_admins").select("member_id").where("member_id", "=", memberId).executeTakeFirst();
    return row !== undefined;
  }

  async adminIds(): Promise<string[]> {
    const rows = await this.db.selectFrom("organization_admins").select("member_id").execute();
    return rows.map((r) => r.member_id);
  }

  async grantAdmin(organizationId: string, memberId: string, now: string): Promise<void> {
    await this.db
      .insertInto("organization_admins")
      .values({ organization_id: organizationId, member_id: memberId, granted_at: now })
      .onConflict((oc) => oc.columns(["organization_id", "member_id"]).doNothing())
      .execute();
  }

  /**
   * Takes the organization's row lock first (a no-op update, portable to both dialects), so two
   * administrators removing each other at once cannot leave the organization with none.
   */
  async revokeAdminUnlessLast(organizationId: string, memberId: string): Promise<RevokeAdminResult> {
    return this.db.transaction().execute(async (trx) => {
      await trx.updateTable("organizations").set({ name: sql`name` }).where("id", "=", organizationId).execute();
      const admins = await trx.selectFrom("organization_admins").select("member_id").where("organization_id", "=", organizationId).execute();
      const others = admins.filter((a) => a.member_id !== memberId);
      if (others.length === 0 && admins.length > 0) return "lastAdmin";
      await trx.deleteFrom("organization_admins").where("organization_id", "=", organizationId).where("member_id", "=", memberId).execute();
      return "revoked";
    });
  }
}
