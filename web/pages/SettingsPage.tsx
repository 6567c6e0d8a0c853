import { startTransition, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { z } from "zod";
import type { Me, RecoveryCodesResponse } from "../../core/api";
import {
  CheckboxField,
  ChoiceGroup,
  FormAlert,
  NeedsJavaScript,
  SelectField,
  StatusMessage,
  SubmitButton,
  text,
  TextField,
  useApiForm,
} from "../components/form";
import { RecoveryCodes } from "../components/RecoveryCodes";
import { api, ApiError } from "../lib/api";
import { useAppState, useMember } from "../lib/app-state";
import { countryOptions } from "../lib/countries";
import { RequireMember, usePageTitle } from "../lib/page";

export function SettingsPage() {
  const { t } = useTranslation("account");
  usePageTitle(t("settings.title"));
  return (
    <RequireMember>
      <h1>{t("settings.heading")}</h1>
      <NeedsJavaScript />
      <ProfileSection />
      <BetweenMeetingsSection />
      <PasswordSection />
      <RecoveryCodesSection />
      <SessionsSection />
      <ExportSection />
      <DeleteSection />
    </RequireMember>
  );
}

/** Links to the pages for between meetings (H4: web/features/support). */
function BetweenMeetingsSection() {
  const { t } = useTranslation("support");
  return (
    <section aria-labelledby="settings-support" className="settings-section">
      <h2 id="settings-support">{t("settingsLinkHeading")}</h2>
      <p>{t("settingsLinkIntro")}</p>
      <ul>
        <li>
          <Link to="/settings/notifications">{t("notificationSettings.title")}</Link>
        </li>
        <li>
          <Link to="/check-ins">{t("nav.checkIns")}</Link>
        </li>
        <li>
          <Link to="/milestones">{t("nav.milestones")}</Link>
        </li>
        <li>
          <Link to="/buddies">{t("nav.buddies")}</Link>
        </li>
      </ul>
    </section>
  );
}

function ProfileSection() {
  const { t } = useTranslation("account");
  const { state, setMember } = useAppState();
  const member = state.member!;
  const [me, setMe] = useState<Me | null>(null);
  const [saved, setSaved] = useState(false);
  const countries = useMemo(
    () => [{ value: "", label: t("settings.countryNotSet") }, ...countryOptions(state.language)],
    [state.language, t],
  );

  useEffect(() => {
    api.get<Me>("/api/account").then(setMe, () => undefined);
  }, []);

  const form = useApiForm(async (data) => {
    setSaved(false);
    const email = text(data, "email").trim();
    const country = text(data, "country");
    const updated = await api.patch<Me>("/api/account", {
      displayName: text(data, "displayName"),
      language: text(data, "language"),
      country: country || null,
      email: email || null,
    });
    setMe(updated);
    setMember(updated);
    setSaved(true);
  });

  const current = me ?? { ...member, email: "" };
  return (
    <section aria-labelledby="settings-profile" className="settings-section">
      <h2 id="settings-profile">{t("settings.profileHeading")}</h2>
      {/* Re-keyed when the full profile arrives, so the fields show it. */}
      <form {...form.props} className="stack" key={me ? "loaded" : "initial"}>
        <FormAlert form={form} />
        <TextField name="displayName" label={t("fields.displayName")} hint={t("fields.displayNameHint")} error={form.fieldError("displayName")} defaultValue={current.displayName} autoComplete="nickname" />
        <SelectField
          name="language"
          label={t("fields.language")}
          error={form.fieldError("language")}
          defaultValue={current.language}
          options={[
            { value: "en", label: "English" },
            { value: "es", label: "Español" },
          ]}
        />
        <SelectField name="country" label={t("fields.country")} hint={t("fields.countryHint")} error={form.fieldError("country")} defaultValue={current.country ?? ""} options={countries} />
        <TextField name="email" type="email" label={t("fields.email")} hint={t("fields.emailHint")} error={form.fieldError("email")} defaultValue={current.email ?? ""} autoComplete="email" />
        <SubmitButton pending={form.pending}>{t("settings.save")}</SubmitButton>
        <StatusMessage>{saved ? t("settings.saved") : null}</StatusMessage>
      </form>
    </section>
  );
}

function PasswordSection() {
  const { t } = useTranslation("account");
  const { member } = useMember();
  const [changed, setChanged] = useState(false);
  const form = useApiForm(
    async (data) => {
      setChanged(false);
      await api.put("/api/account/password", {
        currentPassword: text(data, "currentPassword"),
        newPassword: text(data, "newPassword"),
      });
      setChanged(true);
      form.props.ref.current?.reset();
    },
  );
  return (
    <section aria-labelledby="settings-password" className="settings-section">
      <h2 id="settings-password">{t("settings.passwordHeading")}</h2>
      <form {...form.props} className="stack">
        {/* Tells password managers whose password this is. */}
        <input type="text" name="username" autoComplete="username" value={member?.handle ?? ""} readOnly hidden />
        <FormAlert form={form} />
        <TextField name="currentPassword" type="password" label={t("fields.currentPassword")} error={form.fieldError("currentPassword")} autoComplete="current-password" required />
        <TextField name="newPassword" type="password" label={t("fields.newPassword")} hint={t("fields.passwordHint")} error={form.fieldError("newPassword")} autoComplete="new-password" required />
        <SubmitButton pending={form.pending}>{t("settings.changePassword")}</SubmitButton>
        <StatusMessage>{changed ? t("settings.passwordChanged") : null}</StatusMessage>
      </form>
    </section>
  );
}

function RecoveryCodesSection() {
  const { t } = useTranslation("account");
  const [codes, setCodes] = useState<string[] | null>(null);
  const form = useApiForm(
    async (data) => {
      const answer = await api.post<z.infer<typeof RecoveryCodesResponse>>("/api/account/recovery-codes", {
        password: text(data, "password"),
      });
      setCodes(answer.recoveryCodes);
    },
  );
  return (
    <section aria-labelledby="settings-codes" className="settings-section">
      <h2 id="settings-codes">{t("settings.codesHeading")}</h2>
      {codes ? (
        <RecoveryCodes codes={codes} onContinue={() => setCodes(null)} />
      ) : (
        <>
          <p>{t("settings.codesIntro")}</p>
          <form {...form.props} className="stack">
            <FormAlert form={form} />
            <TextField name="password" type="password" label={t("fields.password")} error={form.fieldError("password")} autoComplete="current-password" required />
            <SubmitButton pending={form.pending}>{t("settings.newCodes")}</SubmitButton>
          </form>
        </>
      )}
    </section>
  );
}

function SessionsSection() {
  const { t } = useTranslation("account");
  const { setMember } = useMember();
  const navigate = useNavigate();
  const form = useApiForm(async () => {
    await api.delete("/api/sessions");
    await navigate("/signin");
    setMember(null);
  });
  return (
    <section aria-labelledby="settings-sessions" className="settings-section">
      <h2 id="settings-sessions">{t("settings.sessionsHeading")}</h2>
      <p>{t("settings.sessionsIntro")}</p>
      <form {...form.props}>
        <FormAlert form={form} />
        <SubmitButton pending={form.pending} className="button button-secondary">
          {t("settings.signOutEverywhere")}
        </SubmitButton>
      </form>
    </section>
  );
}

function ExportSection() {
  const { t } = useTranslation("account");
  return (
    <section aria-labelledby="settings-export" className="settings-section">
      <h2 id="settings-export">{t("settings.exportHeading")}</h2>
      <p>{t("settings.exportIntro")}</p>
      <p>
        <a className="button button-secondary" href="/api/account/export" download="kindred-my-data.json">
          {t("settings.export")}
        </a>
      </p>
    </section>
  );
}

function DeleteSection() {
  const { t } = useTranslation("account");
  const { setMember } = useMember();
  const navigate = useNavigate();
  const form = useApiForm(
    async (data) => {
      if (data.get("confirm") !== "yes") {
        throw new ApiError(400, "validation", {
          type: "urn:kindred:problem:validation",
          title: "",
          status: 400,
          errors: [{ field: "confirm", message: t("settings.deleteConfirmMissing") }],
        });
      }
      await api.delete("/api/account", { password: text(data, "password"), posts: text(data, "posts") });
      await navigate("/", { state: { accountDeleted: true } });
      // The router changes pages in a transition; signing out outside it would redirect this page to sign-in first.
      startTransition(() => setMember(null));
    },
    { messages: { conflict: t("settings.lastAdmin") } },
  );
  return (
    <section aria-labelledby="settings-delete" className="settings-section danger-zone">
      <h2 id="settings-delete">{t("settings.deleteHeading")}</h2>
      <p>{t("settings.deleteIntro")}</p>
      <form {...form.props} className="stack">
        <FormAlert form={form} />
        <ChoiceGroup
          legend={t("settings.postsLegend")}
          name="posts"
          error={form.fieldError("posts")}
          defaultValue="delete"
          options={[
            { value: "delete", label: t("settings.postsDelete") },
            { value: "keep_as_former_member", label: t("settings.postsKeep") },
          ]}
        />
        <TextField name="password" type="password" label={t("fields.password")} error={form.fieldError("password")} autoComplete="current-password" required />
        <CheckboxField name="confirm" value="yes" label={t("settings.deleteConfirm")} error={form.fieldError("confirm")} />
        <SubmitButton pending={form.pending} className="button button-danger">
          {t("settings.delete")}
        </SubmitButton>
      </form>
    </section>
  );
}
