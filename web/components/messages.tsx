/**
 * Telling people how things went: the alert and status regions, and a problem in plain words.
 * Kept apart from form.tsx so that pages without forms (the home page, lists) stay light.
 */
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import type { ApiError } from "../lib/api";

export function describeProblem(error: ApiError, t: TFunction): string {
  if (error.code === "throttled") {
    return t("problems.throttled", { count: error.problem?.retryAfterSeconds ?? 60 });
  }
  return t(`problems.${error.code}`, { defaultValue: t("problems.internal") });
}

export function FormAlert({ form }: { form: { alert: string | null } }) {
  // The region is always present so screen readers notice when text appears in it.
  return (
    <div className={form.alert ? "form-alert" : "form-alert form-alert-empty"} role="alert" tabIndex={-1}>
      {form.alert}
    </div>
  );
}

/** A polite announcement of success ("Saved."). */
export function StatusMessage({ children }: { children?: ReactNode }) {
  return (
    <p className={children ? "status-message" : "status-message status-message-empty"} role="status">
      {children}
    </p>
  );
}
