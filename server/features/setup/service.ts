import type { UiLanguage } from "../../../core/accounts";
import { newId } from "../../../core/ids";
import { AppError } from "../../errors";
import type { AccountService, MemberView, SessionService } from "../accounts/service";
import type { SetupRepository } from "./repository";

export interface SetupInput {
  organizationName: string;
  handle: string;
  password: string;
  language: UiLanguage;
}

/** First run: name the organization and create its first administrator. */
export class SetupService {
  constructor(
    private readonly repo: SetupRepository,
    private readonly accounts: AccountService,
    private readonly sessions: SessionService,
  ) {}

  async isNeeded(): Promise<boolean> {
    return !(await this.repo.isSetUp());
  }

  /**
   * Creates the organization and its administrator; with `signIn`, also their session (the web
   * setup page signs them in; the command line does not need a session). 409 setupDone after.
   */
  async setUp(
    input: SetupInput,
    options: { signIn: boolean },
  ): Promise<{ view: MemberView; token: string | null; recoveryCodes: string[] }> {
    if (!(await this.isNeeded())) throw setupDone();
    const member = await this.accounts.prepareMember({ handle: input.handle, password: input.password, language: input.language });
    // The first administrator can lose their password like anyone else: they get recovery codes too.
    const recovery = this.accounts.newRecoveryCodeSet();
    const issued = options.signIn ? this.sessions.issue(member.id) : null;
    const created = await this.repo.createOrganization(
      { id: newId(), name: input.organizationName },
      member,
      recovery.hashes,
      issued?.session ?? null,
    );
    if (!created) throw setupDone();
    return { view: await this.accounts.view(member.id), token: issued?.token ?? null, recoveryCodes: recovery.codes };
  }
}

function setupDone(): AppError {
  return new AppError("setupDone", "Kindred is already set up. Sign in instead.");
}
