import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { z } from "zod";
import type { RecoverResponse } from "../../core/api";
import { FormAlert, NeedsJavaScript, SubmitButton, text, TextField, useApiForm } from "../components/form";
import { api } from "../lib/api";
import { useMember } from "../lib/app-state";
import { usePageTitle } from "../lib/page";

/** A forgotten password: a recovery code sets a new one. */
export function RecoverPage() {
  const { t } = useTranslation("account");
  const { setMember } = useMember();
  const [codesLeft, setCodesLeft] = useState<number | null>(null);
  usePageTitle(t("recover.title"));

  const form = useApiForm(
    async (data) => {
      const answer = await api.post<z.infer<typeof RecoverResponse>>("/api/account/recover", {
        handle: text(data, "handle"),
        recoveryCode: text(data, "recoveryCode"),
        newPassword: text(data, "newPassword"),
      });
      setMember(answer.member);
      setCodesLeft(answer.recoveryCodesLeft);
    },
    { messages: { unauthenticated: t("recover.wrong") } },
  );

  if (codesLeft !== null) {
    return (
      <>
        <h1>{t("recover.doneHeading")}</h1>
        <p role="status">{t("recover.done", { count: codesLeft })}</p>
        {codesLeft <= 3 ? <p className="notice">{t("recover.fewLeft")}</p> : null}
        <p className="actions">
          <Link className="button" to="/groups">
            {t("signedIn.toGroups")}
          </Link>
          <Link className="button button-secondary" to="/settings">
            {t("settings.heading")}
          </Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1>{t("recover.heading")}</h1>
      <p>{t("recover.intro")}</p>
      <NeedsJavaScript />
      <form {...form.props} className="stack">
        <FormAlert form={form} />
        <TextField name="handle" label={t("fields.handle")} error={form.fieldError("handle")} autoComplete="username" autoCapitalize="none" spellCheck={false} required />
        <TextField name="recoveryCode" label={t("fields.recoveryCode")} hint={t("fields.recoveryCodeHint")} error={form.fieldError("recoveryCode")} autoComplete="off" autoCapitalize="none" spellCheck={false} required />
        <TextField name="newPassword" type="password" label={t("fields.newPassword")} hint={t("fields.passwordHint")} error={form.fieldError("newPassword")} autoComplete="new-password" required />
        <SubmitButton pending={form.pending}>{t("recover.submit")}</SubmitButton>
      </form>
    </>
  );
}
