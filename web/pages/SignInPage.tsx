import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { z } from "zod";
import type { SignInResponse } from "../../core/api";
import { FormAlert, NeedsJavaScript, SubmitButton, text, TextField, useApiForm } from "../components/form";
import { api } from "../lib/api";
import { useMember } from "../lib/app-state";
import { safeNext, usePageTitle } from "../lib/page";
import { SignedInAlready } from "./SignUpPage";

export function SignInPage() {
  const { t } = useTranslation("account");
  const { member, setMember } = useMember();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  usePageTitle(t("signin.title"));

  const form = useApiForm(
    async (data) => {
      const answer = await api.post<z.infer<typeof SignInResponse>>("/api/session", {
        handle: text(data, "handle"),
        password: text(data, "password"),
      });
      setMember(answer.member);
      await navigate(safeNext(params.get("next")));
    },
    { messages: { unauthenticated: t("signin.wrong") } },
  );

  if (member) return <SignedInAlready handle={member.handle} />;

  return (
    <>
      <h1>{t("signin.heading")}</h1>
      <NeedsJavaScript />
      <form {...form.props} className="stack">
        <FormAlert form={form} />
        <TextField name="handle" label={t("fields.handle")} error={form.fieldError("handle")} autoComplete="username" autoCapitalize="none" spellCheck={false} required />
        <TextField name="password" type="password" label={t("fields.password")} error={form.fieldError("password")} autoComplete="current-password" required />
        <SubmitButton pending={form.pending}>{t("signin.submit")}</SubmitButton>
      </form>
      <p>
        <Link to="/recover">{t("signin.forgot")}</Link>
      </p>
      <p>
        {t("signin.newHere")} <Link to="/signup">{t("signup.heading")}</Link>
      </p>
    </>
  );
}
