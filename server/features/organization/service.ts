import { AppError } from "../../errors";
import type { OrganizationRecord, OrganizationRepository } from "./repository";

export type Organization = OrganizationRecord;

export class OrganizationService {
  constructor(private readonly repo: OrganizationRepository) {}

  async getCurrent(): Promise<Organization | null> {
    return (await this.repo.current()) ?? null;
  }

  /** The organization, or 503 setupNeeded while Kindred has not been set up. */
  async require(): Promise<Organization> {
    const organization = await this.getCurrent();
    if (!organization) throw new AppError("setupNeeded", "Kindred has not been set up yet.");
    return organization;
  }

  async rename(name: string): Promise<Organization> {
    const organization = await this.require();
    await this.repo.rename(organization.id, name);
    return { ...organization, name };
  }

  isAdmin(memberId: string): Promise<boolean> {
    return this.repo.isAdmin(memberId);
  }

  async adminIds(): Promise<Set<string>> {
    return new Set(await this.repo.adminIds());
  }

  /** Grants or removes administrator rights; the last administrator cannot be removed (409). */
  async setAdmin(memberId: string, isAdmin: boolean): Promise<void> {
    const organization = await this.require();
    if (isAdmin) {
      await this.repo.grantAdmin(organization.id, memberId, new Date().toISOString());
      return;
    }
    const result = await this.repo.revokeAdminUnlessLast(organization.id, memberId);
    if (result === "lastAdmin") {
      throw new AppError("conflict", "This is the only administrator. Make someone else an administrator first.");
    }
  }
}
