import type { AccountService } from "../accounts/service";
import type { GroupsService } from "../groups/service";
import type { SetupService } from "../setup/service";
import { DEMO_ADMIN, DEMO_GROUPS, DEMO_ORGANIZATION, DEMO_PASSWORD, DEMO_PEOPLE, type DemoGroup } from "./data";

export interface DemoSignIn {
  handle: string;
  /** What they do in the demo, e.g. "chair of Sober Saturdays". */
  role: string;
}

export interface DemoSummary {
  organization: string;
  groups: number;
  password: string;
  signIns: DemoSignIn[];
}

/**
 * Fills an empty Kindred with the demo organization, through the same services the API uses, so
 * the demo data keeps every rule real data keeps (guidelines accepted, positions held by members).
 */
export class DemoService {
  constructor(private readonly services: { setup: SetupService; accounts: AccountService; groups: GroupsService }) {}

  async seed(): Promise<DemoSummary> {
    const { setup, accounts } = this.services;
    const { view } = await setup.setUp(
      { organizationName: DEMO_ORGANIZATION, handle: DEMO_ADMIN.handle, password: DEMO_PASSWORD, language: DEMO_ADMIN.language },
      { signIn: false },
    );
    const adminId = view.member.id;

    const memberIds = new Map<string, string>();
    for (const person of DEMO_PEOPLE) {
      const { view: created } = await accounts.signUp({ handle: person.handle, password: DEMO_PASSWORD, language: person.language, country: person.country });
      await accounts.updateProfile(created.member.id, { displayName: person.displayName });
      memberIds.set(person.handle, created.member.id);
    }
    const idOf = (handle: string) => {
      const id = memberIds.get(handle);
      if (!id) throw new Error(`The demo group data names an unknown person: ${handle}`);
      return id;
    };

    for (const demo of DEMO_GROUPS) await this.seedGroup(demo, adminId, idOf);

    return {
      organization: DEMO_ORGANIZATION,
      groups: DEMO_GROUPS.length,
      password: DEMO_PASSWORD,
      signIns: [{ handle: DEMO_ADMIN.handle, role: "organization administrator" }, ...DEMO_PEOPLE.map((p) => ({ handle: p.handle, role: roleOf(p.handle) }))],
    };
  }

  /** The admin creates the group and lets people in as its policy says; then the group's positions are filled. */
  private async seedGroup(demo: DemoGroup, adminId: string, idOf: (handle: string) => string): Promise<void> {
    const { groups } = this.services;
    const { group } = await groups.create(await groups.authorizeCreate(adminId), demo.fields);
    const asAdmin = <A extends "invite" | "approve" | "managePositions">(action: A) => groups.authorize(adminId, group.id, action);
    const join = async (handle: string) => groups.join(await groups.authorize(idOf(handle), group.id, "join"), group.guidelinesVersion);

    for (const [handle] of demo.members) {
      if (group.membershipPolicy === "invitation") await groups.invite(await asAdmin("invite"), handle);
      await join(handle);
      if (group.membershipPolicy === "approval") await groups.approve(await asAdmin("approve"), idOf(handle));
    }
    for (const handle of demo.requests ?? []) await join(handle);
    for (const handle of demo.invitations ?? []) await groups.invite(await asAdmin("invite"), handle);
    for (const [handle, ...positions] of demo.members) {
      if (positions.length > 0) await groups.setPositions(await asAdmin("managePositions"), idOf(handle), positions);
    }
  }
}

/** "chair and treasurer of Sober Saturdays; moderator of Steady Ground", or "member". */
function roleOf(handle: string): string {
  const held = DEMO_GROUPS.flatMap((g) =>
    g.members.filter(([h, ...positions]) => h === handle && positions.length > 0).map(([, ...positions]) => `${positions.join(" and ")} of ${g.fields.name}`),
  );
  return held.length > 0 ? held.join("; ") : "member";
}
