import type { z } from "zod";
import { normalizeHandle, RECOVERY_CODE_COUNT, type UiLanguage } from "../../../core/accounts";
import type { AccountExport } from "../../../core/api";
import { newId } from "../../../core/ids";
import type { ServicePosition } from "../../../core/groups";
import { AppError, fieldError } from "../../errors";
import type { OrganizationService } from "../organization/service";
import { hashPassword, hashRecoveryCode, newRecoveryCode, spendPasswordCheck, verifyPassword } from "./credentials";
import type { AccountsRepository, Member, NewMember, ProfileChanges, Session, Transaction } from "./repository";
import type { SessionService } from "./sessions";
import type { Attempt, SignInThrottle } from "./throttle";

export type { Member, NewMember, ProfileChanges } from "./repository";
/** The sessions part of accounts, for features that sign people in (setup). */
export type { SessionService } from "./sessions";

/** A member as they see themselves. */
export interface MemberView {
  member: Member;
  isOrganizationAdmin: boolean;
}

export interface PersonGroup {
  groupId: string;
  groupName: string;
  positions: ServicePosition[];
}

/** What the groups feature tells accounts about a member (implemented by GroupsService). */
export interface GroupsOfMembers {
  exportFor(memberId: string): Promise<{
    memberships: { groupId: string; groupName: string; status: "active" | "pending" | "invited"; positions: ServicePosition[]; joinedAt: string }[];
    guidelineAcceptances: { groupId: string; groupName: string; version: number; acceptedAt: string }[];
  }>;
  membershipsOf(memberIds: string[]): Promise<Map<string, PersonGroup[]>>;
}

/**
 * What the board does with a leaving member's posts (implemented by BoardService): inside the
 * deletion's transaction, so the account and its posts go (or stay as "former member") together.
 */
export interface AuthoredPosts {
  forgetAuthor(memberId: string, posts: PostsOnDeletion, within: Transaction): Promise<void>;
}

/** What other features hold about a member, each part as the export shows it (core/api.ts). */
export type HeldElsewhere = Pick<
  z.infer<typeof AccountExport>,
  "boardPosts" | "checkIns" | "milestones" | "buddies" | "messages" | "notificationSettings" | "liveAttendance"
>;

/** Where each of those parts comes from: the feature that holds it, through its service. */
export type HeldElsewhereSources = { [Part in keyof HeldElsewhere]: (memberId: string) => Promise<HeldElsewhere[Part]> };

export interface NewAccount {
  handle: string;
  password: string;
  language: UiLanguage;
  country?: string | null;
  email?: string | null;
}

/**
 * Another feature that holds something of a member and lets it go when they delete their account,
 * inside the deletion's transaction (registered in server/services.ts with `forgetAlso`; the live
 * feature's LiveMemberData fits this).
 */
export interface ForgetsMembers {
  forgetMember(member: { id: string; displayName: string }, within: Transaction): Promise<void>;
}

/** What happens to a leaving member's posts: removed, or kept with the author shown as "former member". */
export type PostsOnDeletion = "delete" | "keep_as_former_member";

export interface MemberData {
  view: MemberView;
  memberships: Awaited<ReturnType<GroupsOfMembers["exportFor"]>>["memberships"];
  guidelineAcceptances: Awaited<ReturnType<GroupsOfMembers["exportFor"]>>["guidelineAcceptances"];
  sessions: Session[];
  recoveryCodes: { total: number; unused: number };
  elsewhere: HeldElsewhere;
}

function withoutPassword({ passwordHash: _, ...member }: NewMember): Member {
  return member;
}

function handleTaken(): AppError {
  return new AppError("conflict", "handle: this handle is taken; please choose another", {
    errors: [{ field: "handle", message: "this handle is taken; please choose another" }],
  });
}

/** One answer for "no such handle" and "wrong secret", so a failure does not tell which handles exist. */
function credentialsRefused(what: "password" | "recovery code"): AppError {
  return new AppError("unauthenticated", `That handle and ${what} do not match.`);
}

export class AccountService {
  constructor(
    private readonly repo: AccountsRepository,
    private readonly sessions: SessionService,
    private readonly throttle: SignInThrottle,
    private readonly organization: OrganizationService,
    private readonly groups: GroupsOfMembers,
    private readonly posts: AuthoredPosts,
    private readonly elsewhere: HeldElsewhereSources,
  ) {}

  private readonly forgetters: ForgetsMembers[] = [];

  /** Another feature's data goes with a deleted account too, in the same transaction. */
  forgetAlso(holder: ForgetsMembers): void {
    this.forgetters.push(holder);
  }

  /** A member ready to be stored, with their password hashed; the display name starts as the handle. */
  async prepareMember(account: NewAccount): Promise<NewMember> {
    return {
      id: newId(),
      handle: account.handle,
      displayName: account.handle,
      language: account.language,
      country: account.country ?? null,
      email: account.email ?? null,
      createdAt: new Date().toISOString(),
      passwordHash: await hashPassword(account.password),
    };
  }

  async signUp(account: NewAccount): Promise<{ view: MemberView; token: string; recoveryCodes: string[] }> {
    await this.organization.require();
    if (await this.repo.handleTaken(normalizeHandle(account.handle))) throw handleTaken();
    const member = await this.prepareMember(account);
    const recovery = this.newRecoveryCodeSet();
    const issued = this.sessions.issue(member.id);
    const created = await this.repo.createMember(member, recovery.hashes, issued.session);
    if (!created.ok) throw handleTaken();
    return { view: { member, isOrganizationAdmin: false }, token: issued.token, recoveryCodes: recovery.codes };
  }

  /** Ten one-time recovery codes: the codes to show once, and the hashes to keep. */
  newRecoveryCodeSet(): { codes: string[]; hashes: string[] } {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    return { codes, hashes: codes.map(hashRecoveryCode) };
  }

  async view(memberId: string): Promise<MemberView> {
    const member = await this.findMember(memberId);
    if (!member) throw new AppError("notFound");
    return { member, isOrganizationAdmin: await this.organization.isAdmin(memberId) };
  }

  async signIn(handle: string, password: string, address: string): Promise<{ view: MemberView; token: string }> {
    const attempt = this.throttle.attempt(handle, address);
    await this.throttle.admit(attempt);
    const found = await this.repo.findByHandle(normalizeHandle(handle));
    const ok = found ? await verifyPassword(found.passwordHash, password) : await spendPasswordCheck(password);
    if (!found || !ok) throw credentialsRefused("password");
    await this.throttle.succeeded(attempt);
    const token = await this.sessions.start(found.id);
    return { view: await this.view(found.id), token };
  }

  /** Sets a new password with a one-time recovery code; every session ends and a new one begins. */
  async recover(
    handle: string,
    recoveryCode: string,
    newPassword: string,
    address: string,
  ): Promise<{ view: MemberView; token: string; recoveryCodesLeft: number }> {
    const attempt = this.throttle.attempt(handle, address);
    await this.throttle.admit(attempt);
    // Hashed before the lookup so that an unknown handle takes as long as a wrong code.
    const passwordHash = await hashPassword(newPassword);
    const found = await this.repo.findByHandle(normalizeHandle(handle));
    if (!found) throw credentialsRefused("recovery code");
    const issued = this.sessions.issue(found.id);
    const left = await this.repo.recover(found.id, hashRecoveryCode(recoveryCode), passwordHash, issued.session);
    if (left === null) throw credentialsRefused("recovery code");
    await this.throttle.succeeded(attempt);
    return { view: await this.view(found.id), token: issued.token, recoveryCodesLeft: left };
  }

  /** Sets a new password; every other session ends. */
  async changePassword(memberId: string, sessionId: string, currentPassword: string, newPassword: string, address: string): Promise<void> {
    await this.confirmPassword(memberId, currentPassword, "currentPassword", address);
    await this.repo.changePassword(memberId, await hashPassword(newPassword), sessionId, new Date().toISOString());
  }

  /** A fresh set of recovery codes, shown once; the old ones stop working. */
  async newRecoveryCodes(memberId: string, password: string, address: string): Promise<string[]> {
    await this.confirmPassword(memberId, password, "password", address);
    const { codes, hashes } = this.newRecoveryCodeSet();
    await this.repo.replaceRecoveryCodes(memberId, hashes, new Date().toISOString());
    return codes;
  }

  async updateProfile(memberId: string, changes: ProfileChanges): Promise<MemberView> {
    await this.repo.updateProfile(memberId, changes, new Date().toISOString());
    return this.view(memberId);
  }

  /** Everything Kindred holds about the member. */
  async dataOf(memberId: string): Promise<MemberData> {
    const [view, groups, sessions, recoveryCodes, elsewhere] = await Promise.all([
      this.view(memberId),
      this.groups.exportFor(memberId),
      this.sessions.list(memberId),
      this.repo.recoveryCodeCounts(memberId),
      this.heldElsewhere(memberId),
    ]);
    return { view, ...groups, sessions, recoveryCodes, elsewhere };
  }

  /**
   * Deletes the account and everything personal with it, in one transaction. `posts` is the
   * member's choice for what they wrote on the board: deleted, or kept by "former member".
   */
  async deleteAccount(memberId: string, password: string, posts: PostsOnDeletion, address: string): Promise<void> {
    const member = await this.confirmPassword(memberId, password, "password", address);
    const result = await this.repo.deleteMember(memberId, this.throttle.handleKey(member.handle), async (trx) => {
      await this.posts.forgetAuthor(memberId, posts, trx);
      for (const holder of this.forgetters) await holder.forgetMember({ id: memberId, displayName: member.displayName }, trx);
    });
    if (!result.ok) {
      throw new AppError(
        "conflict",
        "You are the only administrator of this organization. Please make someone else an administrator first, then you can delete your account.",
      );
    }
  }

  async findMember(memberId: string): Promise<Member | null> {
    const found = await this.repo.findById(memberId);
    return found ? withoutPassword(found) : null;
  }

  listMembers(): Promise<Member[]> {
    return this.repo.listMembers();
  }

  private async heldElsewhere(memberId: string): Promise<HeldElsewhere> {
    const parts = await Promise.all(Object.entries(this.elsewhere).map(async ([part, load]) => [part, await load(memberId)] as const));
    return Object.fromEntries(parts) as HeldElsewhere;
  }

  /** Asks again for the password before something that matters; guesses are throttled as sign-ins are. */
  private async confirmPassword(memberId: string, password: string, field: string, address: string): Promise<Member> {
    const found = await this.repo.findById(memberId);
    if (!found) throw new AppError("unauthenticated");
    const attempt: Attempt = this.throttle.attempt(found.handle, address);
    await this.throttle.admit(attempt);
    if (!(await verifyPassword(found.passwordHash, password))) throw fieldError(field, "this is not your current password");
    await this.throttle.succeeded(attempt);
    return withoutPassword(found);
  }
}
