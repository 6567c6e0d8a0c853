import type { Download } from "playwright-core";
import { Site } from "./site";
import { exactly } from "./words";

export interface Credentials {
  handle: string;
  password: string;
}

/** A page whose form asks for a username and a password. */
class CredentialsPage extends Site {
  protected async fillCredentials({ handle, password }: Credentials): Promise<void> {
    await this.page.getByLabel(exactly(this.t("account:fields.handle"))).fill(handle);
    await this.page.getByLabel(exactly(this.t("account:fields.password"))).fill(password);
  }
}

/** The recovery codes, shown once after setup and after sign-up. */
export class RecoveryCodesPanel {
  constructor(private readonly site: Site) {}

  async waitFor(): Promise<void> {
    await this.site.page.getByRole("heading", { name: this.site.t("account:codes.heading") }).waitFor();
  }

  /** The codes as shown on the page. */
  async shown(): Promise<string[]> {
    return this.site.page.locator(".recovery-codes li").allInnerTexts();
  }

  /** Keeps the codes the way the page offers: as a downloaded text file. */
  async download(): Promise<Download> {
    const download = this.site.page.waitForEvent("download");
    await this.site.page.getByRole("link", { name: this.site.t("account:codes.download") }).click();
    return download;
  }

  async confirmSavedAndContinue(): Promise<void> {
    await this.site.page.getByLabel(this.site.t("account:codes.savedCheckbox")).check();
    await this.site.page.getByRole("button", { name: this.site.t("account:codes.continue") }).click();
  }
}

/** /setup: the first run names the organization and creates the first administrator. */
export class SetupPage extends CredentialsPage {
  readonly recoveryCodes = new RecoveryCodesPanel(this);

  async complete(organization: string, admin: Credentials): Promise<void> {
    await this.page.getByLabel(this.t("account:setup.organizationName")).fill(organization);
    await this.fillCredentials(admin);
    await this.page.getByRole("button", { name: this.t("account:setup.submit") }).click();
    await this.recoveryCodes.waitFor();
  }
}

/** /signup: a pseudonym and a password, then the recovery codes, shown once. */
export class SignUpPage extends CredentialsPage {
  readonly recoveryCodes = new RecoveryCodesPanel(this);

  async signUp(member: Credentials): Promise<void> {
    await this.fillCredentials(member);
    await this.page.getByRole("button", { name: this.t("account:signup.submit") }).click();
    await this.recoveryCodes.waitFor();
  }
}

/** /signin */
export class SignInPage extends CredentialsPage {
  async signIn(member: Credentials): Promise<void> {
    await this.fillCredentials(member);
    await this.page.getByRole("main").getByRole("button", { name: exactly(this.t("account:signin.submit")) }).click();
  }
}

/** /settings: language, export, delete. */
export class SettingsPage extends Site {
  async exportMyData(): Promise<Download> {
    const download = this.page.waitForEvent("download");
    await this.page.getByRole("link", { name: this.t("account:settings.export") }).click();
    return download;
  }

  async deleteAccount(password: string, posts: "delete" | "keep"): Promise<void> {
    const section = this.page.getByRole("region", { name: this.t("account:settings.deleteHeading") });
    await section.getByLabel(posts === "delete" ? this.t("account:settings.postsDelete") : this.t("account:settings.postsKeep")).check();
    await section.getByLabel(exactly(this.t("account:fields.password"))).fill(password);
    await section.getByLabel(this.t("account:settings.deleteConfirm")).check();
    await section.getByRole("button", { name: this.t("account:settings.delete") }).click();
  }
}

/** Reads a download as text. */
export async function downloadedText(download: Download): Promise<string> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
