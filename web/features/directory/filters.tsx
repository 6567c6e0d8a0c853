/**
 * The directory's search fields (the words, and the filters behind "More filters"). The page's
 * shell (DirectoryPage.tsx) holds the form and renders this part later (later.tsx): the fields
 * are in the server's HTML, and their code is not needed before the page works.
 */
import { useEffect, useRef, useState, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { StatusMessage } from "../../components/messages";
import { FOCUS_AREAS, OFFERED_LANGUAGES } from "../../../core/vocabulary";
import { weekdayName } from "../../lib/meeting-time";
import { ATTENDANCE, COMMON_TYPES, RADII, TIMES_OF_DAY, UNITS, WITHIN_HOURS } from "./vocabulary";

/** Filters shown behind "More filters"; when any is set, they start open. */
const MORE = ["focus", "types", "language", "attendance", "day", "timeOfDay", "inProgress", "startingWithinHours", "near"];

/** The search's fields: words, and the filters behind "More filters" (open when any is set). */
export function SearchFields({ params }: { params: URLSearchParams }) {
  const { t, i18n } = useTranslation("directory");
  const [located, setLocated] = useState<string | null>(null);
  const [canLocate, setCanLocate] = useState(false);
  useEffect(() => setCanLocate("geolocation" in navigator), []);
  const nearRef = useRef<HTMLInputElement>(null);

  const locate = () => {
    setLocated(t("locating"));
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        // About a hundred metres: near enough to find meetings, vague enough not to pinpoint a home.
        nearRef.current!.value = `${coords.latitude.toFixed(3)},${coords.longitude.toFixed(3)}`;
        setLocated(t("located"));
        nearRef.current!.form!.requestSubmit();
      },
      () => setLocated(t("locationFailed")),
      { maximumAge: 600_000, timeout: 20_000 },
    );
  };

  const language = i18n.language;
  const field = { params, t };
  const options = <V extends string | number>(values: readonly V[], label: (value: V) => string, any = true) => [
    ...(any ? [["", t("any")]] : []),
    ...values.map((value) => [String(value), label(value)]),
  ];
  return (
    <>
      <Text name="q" type="search" maxLength={200} {...field} />
      <details className="filters" open={MORE.some((name) => params.has(name))}>
        <summary>{t("moreFilters")}</summary>
        <div className="stack">
          <Choices name="attendance" options={options(ATTENDANCE, (a) => t(`meetings:attendance.${a}`), false)} {...field} />
          <Select name="day" options={options(["today", 0, 1, 2, 3, 4, 5, 6], (d) => (d === "today" ? t("today") : weekdayName(Number(d), language)))} {...field} />
          <Select name="timeOfDay" options={options(TIMES_OF_DAY, (b) => t(`time.${b}`))} {...field} />
          <Choices name="inProgress" options={[["true", t("label.inProgress")]]} single {...field} />
          <Select name="startingWithinHours" options={options(WITHIN_HOURS, (h) => t("hours", { count: h }))} {...field} />
          <Select name="focus" options={options(FOCUS_AREAS, (f) => t(`groups:focusArea.${f}`))} {...field} />
          <Select name="language" options={options(OFFERED_LANGUAGES, (code) => languageName(code, language))} {...field} />
          <Choices name="types" options={options(COMMON_TYPES, (code) => t(`type.${code}`), false)} {...field} />
          <fieldset className="field choice-group">
            <legend>{t("near")}</legend>
            <Text name="near" inputMode="decimal" inputRef={nearRef} {...field} />
            {/* Kept in its place but unseen until the page runs, so nothing moves when it appears. */}
            <button type="button" className={canLocate ? "button button-secondary" : "button button-secondary unseen"} onClick={locate}>
              {t("myLocation")}
            </button>
            <StatusMessage>{located}</StatusMessage>
            <Select name="radius" options={options(RADII, (r) => String(r), false)} fallback="25" {...field} />
            <Choices name="unit" options={options(UNITS, (u) => t(`units.${u}`), false)} fallback="km" single {...field} />
          </fieldset>
          <Text name="tz" {...field} />
        </div>
      </details>
    </>
  );
}

/** Each field's label is `label.<name>` and its hint, if any, `hint.<name>` in directory.json. */
interface FieldProps {
  name: string;
  params: URLSearchParams;
  t: TFunction<"directory">;
}

const hintOf = ({ name, t }: FieldProps) => t(`hint.${name}`, { defaultValue: "" });

function Hint(props: FieldProps) {
  const hint = hintOf(props);
  return hint ? (
    <p className="field-hint" id={`search-${props.name}-hint`}>
      {hint}
    </p>
  ) : null;
}

function Text({ inputRef, ...props }: FieldProps & { inputRef?: RefObject<HTMLInputElement | null>; type?: string; maxLength?: number; inputMode?: "decimal" }) {
  const { name, params, t, ...input } = props;
  return (
    <div className="field">
      <label htmlFor={`search-${name}`}>{t(`label.${name}`)}</label>
      <Hint {...props} />
      <input id={`search-${name}`} name={name} ref={inputRef} defaultValue={params.get(name) ?? ""} aria-describedby={hintOf(props) ? `search-${name}-hint` : undefined} {...input} />
    </div>
  );
}

/** The names of languages in the reader's language; Intl's wording differs a little between Node and browsers. */
function languageName(code: string, language: string): string {
  const name = new Intl.DisplayNames([language], { type: "language" }).of(code) ?? code;
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}

function Select({ options, fallback = "", ...props }: FieldProps & { options: string[][]; fallback?: string }) {
  const { name, params, t } = props;
  return (
    <div className="field">
      <label htmlFor={`search-${name}`}>{t(`label.${name}`)}</label>
      <select id={`search-${name}`} name={name} defaultValue={params.get(name) ?? fallback}>
        {options.map(([value, label]) => (
          <option key={value} value={value} suppressHydrationWarning>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Checkboxes (any number of them), or with `single` one choice: radio buttons, or one lone checkbox. */
function Choices({ options, fallback, single = false, ...props }: FieldProps & { options: string[][]; fallback?: string; single?: boolean }) {
  const { name, params, t } = props;
  const chosen = params.getAll(name).flatMap((value) => value.split(","));
  if (chosen.length === 0 && fallback) chosen.push(fallback);
  const boxes = options.map(([value, label]) => (
    <div className="field-check" key={value}>
      <input id={`search-${name}-${value}`} type={single && options.length > 1 ? "radio" : "checkbox"} name={name} value={value} defaultChecked={chosen.includes(value!)} />
      <label htmlFor={`search-${name}-${value}`}>{label}</label>
    </div>
  ));
  if (options.length === 1) return boxes[0];
  return (
    <fieldset className="field choice-group" aria-describedby={hintOf(props) ? `search-${name}-hint` : undefined}>
      <legend>{t(`label.${name}`)}</legend>
      <Hint {...props} />
      <div className={options.length > 4 ? "choice-columns" : undefined}>{boxes}</div>
    </fieldset>
  );
}
