/**
 * Form building blocks. Every field has a visible label, an optional hint, and its error next to
 * it (linked with aria-describedby, aria-invalid). A failed submit shows one summary in a
 * role="alert" region and moves focus to the first field in error.
 *
 *   const form = useApiForm(async (data) => { await api.post("/api/x", { name: data.get("name") }); });
 *   <form {...form.props}>
 *     <FormAlert form={form} />
 *     <TextField name="name" label={t("name")} error={form.fieldError("name")} />
 *     <SubmitButton pending={form.pending}>{t("save")}</SubmitButton>
 *   </form>
 */
import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type RefObject,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { ProblemCode } from "../../core/problems";
import { ApiError } from "../lib/api";
import { describeProblem } from "./messages";

// The messages are in their own module, which the lightest pages use without the form fields.
export { describeProblem, FormAlert, StatusMessage } from "./messages";

// ---------- submitting ----------

export interface ApiForm {
  /** method "post": if the script has not loaded yet, a submit must never put a password in the URL. */
  props: { ref: RefObject<HTMLFormElement | null>; onSubmit: (event: FormEvent<HTMLFormElement>) => void; noValidate: true; method: "post" };
  pending: boolean;
  error: ApiError | null;
  /** The summary for the alert region, translated; null when all is well. */
  alert: string | null;
  /** The translated error for one field, if the server named it. */
  fieldError(field: string): string | undefined;
  reset(): void;
}

export interface ApiFormOptions {
  /** Page-specific words for some problems, e.g. { unauthenticated: t("signin.wrong") }. */
  messages?: Partial<Record<ProblemCode | "network", string>>;
}

export function useApiForm(submit: (data: FormData) => Promise<void>, options: ApiFormOptions = {}): ApiForm {
  const { t } = useTranslation();
  const ref = useRef<HTMLFormElement | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const onSubmit = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (pending) return;
      const data = new FormData(event.currentTarget);
      setPending(true);
      setError(null);
      submit(data)
        .catch((caught: unknown) => setError(caught instanceof ApiError ? caught : new ApiError(0, "internal", null)))
        .finally(() => setPending(false));
    },
    [pending, submit],
  );

  useEffect(() => {
    if (!error || !ref.current) return;
    const target = ref.current.querySelector<HTMLElement>('[aria-invalid="true"]') ?? ref.current.querySelector<HTMLElement>(".form-alert");
    target?.focus();
  }, [error]);

  const fieldError = useCallback(
    (field: string) => {
      const message = error?.fieldError(field);
      return message === undefined ? undefined : translateFieldMessage(message, t);
    },
    [error, t],
  );

  let alert: string | null = null;
  if (error) {
    const shownFields = new Set(error.fieldErrors.map((e) => e.field).filter((f) => ref.current?.elements.namedItem(f)));
    const unshown = error.fieldErrors.filter((e) => !shownFields.has(e.field)).map((e) => translateFieldMessage(e.message, t));
    const main =
      options.messages?.[error.code] ??
      (shownFields.size > 0 ? t("form.checkFields") : describeProblem(error, t));
    alert = [main, ...unshown].join(" ");
  }

  return { props: { ref, onSubmit, noValidate: true, method: "post" }, pending, error, alert, fieldError, reset: () => setError(null) };
}

/** The server's field messages come from core's schemas in English; say them in the UI language. */
const FIELD_MESSAGES: ReadonlyArray<[RegExp, string]> = [
  [/^at least (\d+) characters?$/, "fieldErrors.minChars"],
  [/^at most (\d+) characters?$/, "fieldErrors.maxChars"],
  [/^letters, digits, dot, dash or underscore/, "fieldErrors.handleChars"],
  [/^must not be empty$/, "fieldErrors.required"],
  [/^a two-letter country code/, "fieldErrors.country"],
  [/^a valid email address$/, "fieldErrors.email"],
  [/^a recovery code looks like/, "fieldErrors.recoveryCode"],
  [/^choose at least one focus area$/, "fieldErrors.focusArea"],
  [/^this handle is taken/, "fieldErrors.handleTaken"],
  [/^this is not your current password$/, "fieldErrors.wrongPassword"],
  [/^choose at least one language$/, "fieldErrors.language"],
  [/expected \w+, received undefined|^Required$/i, "fieldErrors.required"],
];

export function translateFieldMessage(message: string, t: TFunction): string {
  for (const [pattern, key] of FIELD_MESSAGES) {
    const match = pattern.exec(message);
    if (match) return t(key, { count: Number(match[1] ?? 0) });
  }
  return message;
}

// ---------- showing ----------

export function SubmitButton({ pending, children, className }: { pending: boolean; children: ReactNode; className?: string }) {
  const { t } = useTranslation();
  return (
    <button type="submit" className={className ?? "button"} aria-disabled={pending || undefined}>
      {pending ? t("form.working") : children}
    </button>
  );
}

interface FieldFrame {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
}

function useFieldIds(error: string | undefined, hint: ReactNode) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return { id, describedBy };
}

function FieldNotes({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </>
  );
}

export function TextField({ label, hint, error, ...input }: FieldFrame & InputHTMLAttributes<HTMLInputElement> & { name: string }) {
  const { id, describedBy } = useFieldIds(error, hint);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <FieldNotes id={id} hint={hint} error={error} />
      <input id={id} type="text" aria-describedby={describedBy} aria-invalid={error ? true : undefined} {...input} />
    </div>
  );
}

export function TextArea({ label, hint, error, ...input }: FieldFrame & TextareaHTMLAttributes<HTMLTextAreaElement> & { name: string }) {
  const { id, describedBy } = useFieldIds(error, hint);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <FieldNotes id={id} hint={hint} error={error} />
      <textarea id={id} rows={6} aria-describedby={describedBy} aria-invalid={error ? true : undefined} {...input} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  label,
  hint,
  error,
  options,
  ...select
}: FieldFrame & SelectHTMLAttributes<HTMLSelectElement> & { name: string; options: readonly Option[] }) {
  const { id, describedBy } = useFieldIds(error, hint);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <FieldNotes id={id} hint={hint} error={error} />
      <select id={id} aria-describedby={describedBy} aria-invalid={error ? true : undefined} {...select}>
        {options.map((o) => (
          // Names may come from Intl, whose wording differs between Node and browsers.
          <option key={o.value} value={o.value} suppressHydrationWarning>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CheckboxField({ label, hint, error, ...input }: FieldFrame & InputHTMLAttributes<HTMLInputElement> & { name: string }) {
  const { id, describedBy } = useFieldIds(error, hint);
  return (
    <div className="field field-check">
      <input id={id} type="checkbox" aria-describedby={describedBy} aria-invalid={error ? true : undefined} {...input} />
      <label htmlFor={id}>{label}</label>
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

/**
 * A group of radio buttons, or of checkboxes with `multiple` (read them with data.getAll(name)).
 * The error names the group; the first input carries aria-invalid so focus lands there.
 */
export function ChoiceGroup({
  legend,
  hint,
  error,
  name,
  options,
  multiple = false,
  defaultValue,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  name: string;
  options: readonly Option[];
  multiple?: boolean;
  defaultValue?: string | readonly string[];
}) {
  const { id, describedBy } = useFieldIds(error, hint);
  const chosen = new Set(typeof defaultValue === "string" ? [defaultValue] : (defaultValue ?? []));
  return (
    <fieldset className="field choice-group" aria-describedby={describedBy}>
      <legend>{legend}</legend>
      <FieldNotes id={id} hint={hint} error={error} />
      {options.map((o, i) => (
        <div className="field-check" key={o.value}>
          <input
            id={`${id}-${i}`}
            type={multiple ? "checkbox" : "radio"}
            name={name}
            value={o.value}
            defaultChecked={chosen.has(o.value)}
            aria-invalid={error && i === 0 ? true : undefined}
          />
          <label htmlFor={`${id}-${i}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** Pages whose forms need JavaScript say so to those without it. */
export function NeedsJavaScript() {
  const { t } = useTranslation();
  return (
    <noscript>
      <p className="notice">{t("form.needsJavaScript")}</p>
    </noscript>
  );
}

/** A string from FormData (empty when missing). */
export function text(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
}
