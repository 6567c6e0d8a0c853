import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { z } from "zod";
import type { SignUpResponse } from "../../core/api";
import { FormAlert, NeedsJavaScript, SubmitButton, text, TextField, useApiForm } from "../components/form";
import { RecoveryCodes } from "../components/RecoveryCodes";
import { api } from "../lib/api";
import { useLanguage, useMember } from "../lib/app-state";
import { usePageTitle } from "../lib/page";

export function SignUpPage() {
  const { t } = useTranslation("account");
  const { member, setMember } = useMember();
  const { language } = useLanguage();
  const navigate = useNavigate();
  const [codes, setCodes] = useState<string[] | null>(null);
  usePageTitle(t("signup.title"));

  const form = useApiForm(async (data) => {
    const answer = await api.post<z.infer<typeof SignUpResponse>>("/api/account", {
      handle: text(data, "handle"),
      password: text(data, "password"),
      language,
    });
    setCodes(answer.recoveryCodes);
    setMember(answer.member);
  });

  if (codes) {
    return (
      <>
        <h1>{t("signup.welcome")}</h1>
        <RecoveryCodes codes={codes} onContinue={() => void navigate("/groups")} />
      </>
    );
  }
  if (member) return <SignedInAlready handle={member.handle} />;

  return (
    <>
      <h1>{t("signup.heading")}</h1>
      <p>{t("signup.intro")}</p>
      <NeedsJavaScript />
      <form {...form.props} className="stack">
        <FormAlert form={form} />
        <TextField name="handle" label={t("fields.handle")} hint={t("fields.handleHint")} error={form.fieldError("handle")} autoComplete="username" autoCapitalize="none" spellCheck={false} required />
        <TextField name="password" type="password" label={t("fields.password")} hint={t("fields.passwordHint")} error={form.fieldError("password")} autoComplete="new-password" required />
        <SubmitButton pending={form.pending}>{t("signup.submit")}</SubmitButton>
      </form>
      <p>
        {t("signup.haveAccount")} <Link to="/signin">{t("signin.heading")}</Link>
      </p>
    </>
  );
}

export function SignedInAlready({ handle }: { handle: string }) {
  const { t } = useTranslation("account");
  return (
    <>
      <h1>{t("signedIn.heading")}</h1>
      <p>{t("signedIn.body", { handle })}</p>
      <p>
        <Link className="button" to="/groups">
          {t("signedIn.toGroups")}
        </Link>
      </p>
    </>
  );
}
