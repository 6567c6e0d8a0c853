import { AppError } from "../../errors";
import type { GroupsOfMembers, Member, PersonGroup } from "../accounts/service";
import type { AccountService } from "../accounts/service";
import type { OrganizationService } from "../organization/service";

/** A person as organization administrators see them: their account, rights and groups. */
export interface Person {
  member: Member;
  isOrganizationAdmin: boolean;
  groups: PersonGroup[];
}

/** Organization administration of people: who is here, in which groups, who administers. */
export class AdminService {
  constructor(
    private readonly accounts: AccountService,
    private readonly organization: OrganizationService,
    private readonly groups: Pick<GroupsOfMembers, "membershipsOf">,
  ) {}

  async people(): Promise<Person[]> {
    const members = await this.accounts.listMembers();
    const [admins, groups] = await Promise.all([this.organization.adminIds(), this.groups.membershipsOf(members.map((m) => m.id))]);
    return members.map((member) => ({ member, isOrganizationAdmin: admins.has(member.id), groups: groups.get(member.id) ?? [] }));
  }

  /** Grants or removes administrator rights; 404 for no such person, 409 for the last administrator. */
  async setAdmin(memberId: string, isOrganizationAdmin: boolean): Promise<Person> {
    const member = await this.accounts.findMember(memberId);
    if (!member) throw new AppError("notFound", "There is no such person.");
    await this.organization.setAdmin(memberId, isOrganizationAdmin);
    const groups = await this.groups.membershipsOf([memberId]);
    return { member, isOrganizationAdmin, groups: groups.get(memberId) ?? [] };
  }
}
