import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { SignUpResponse } from "../../core/api";
import { FormAlert, NeedsJavaScript, SubmitButton, text, TextField, useApiForm } from "../components/form";
import { RecoveryCodes } from "../components/RecoveryCodes";
import { api } from "../lib/api";
import { useAppState } from "../lib/app-state";
import { usePageTitle } from "../lib/page";
import type { z } from "zod";

/** First run: name the organization and create its first administrator. */
export function SetupPage() {
  const { t } = useTranslation("account");
  const { state, setMember, setOrganizationName } = useAppState();
  const navigate = useNavigate();
  const [codes, setCodes] = useState<string[] | null>(null);
  usePageTitle(t("setup.title"));

  const form = useApiForm(async (data) => {
    const organizationName = text(data, "organizationName");
    const { member, recoveryCodes } = await api.post<z.infer<typeof SignUpResponse>>("/api/setup", {
      organizationName,
      handle: text(data, "handle"),
      password: text(data, "password"),
      language: state.language,
    });
    setOrganizationName(organizationName.trim());
    setMember(member);
    setCodes(recoveryCodes);
  });

  // The first administrator keeps recovery codes like everyone else, shown once before going on.
  if (codes) {
    return (
      <>
        <h1>{t("setup.done")}</h1>
        <RecoveryCodes codes={codes} onContinue={() => void navigate("/admin")} />
      </>
    );
  }

  return (
    <>
      <h1>{t("setup.heading")}</h1>
      <p>{t("setup.intro")}</p>
      <NeedsJavaScript />
      <form {...form.props} className="stack">
        <FormAlert form={form} />
        <TextField
          name="organizationName"
          label={t("setup.organizationName")}
          hint={t("setup.organizationNameHint")}
          error={form.fieldError("organizationName")}
          autoComplete="organization"
          required
        />
        <h2>{t("setup.adminHeading")}</h2>
        <p>{t("setup.adminIntro")}</p>
        <TextField name="handle" label={t("fields.handle")} hint={t("fields.handleHint")} error={form.fieldError("handle")} autoComplete="username" autoCapitalize="none" spellCheck={false} required />
        <TextField name="password" type="password" label={t("fields.password")} hint={t("fields.passwordHint")} error={form.fieldError("password")} autoComplete="new-password" required />
        <SubmitButton pending={form.pending}>{t("setup.submit")}</SubmitButton>
      </form>
    </>
  );
}
