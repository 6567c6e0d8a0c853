/**
 * /meetings: find a meeting. The search is a plain GET form whose fields are the API's query
 * parameters, so it works without JavaScript, a search is a link to share, and the server renders
 * the results with the page. With JavaScript the results change in place and the count is
 * announced. This page is held to the 100 KiB JavaScript budget: it uses its own small fields
 * rather than components/form.tsx (which would add its whole file).
 */
import { useEffect, useRef, useState, type FormEvent, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import type { TFunction } from "i18next";
import { LoadedView } from "../../components/Loaded";
import { StatusMessage } from "../../components/messages";
import { useHttpStatus, usePageTitle } from "../../lib/page";
import { usePageData } from "../../lib/page-data";
import { FOCUS_AREAS, OFFERED_LANGUAGES } from "../../../core/vocabulary";
import { browserZone, weekdayName } from "../../lib/meeting-time";
import { MeetingList } from "./results";
import { loadDirectory, searchQuery, type DirectoryData, type MeetingSearchResponse } from "./search";
import { ATTENDANCE, COMMON_TYPES, RADII, TIMES_OF_DAY, UNITS, WITHIN_HOURS } from "./vocabulary";

/** Navigations made by the form itself keep the form as it is (focus and all). */
const FROM_FORM = { fromForm: true };
/** Filters shown behind "More filters"; when any is set, they start open. */
const MORE = ["focus", "types", "language", "attendance", "day", "timeOfDay", "inProgress", "startingWithinHours", "near"];

export function DirectoryPage() {
  const { t } = useTranslation("directory");
  usePageTitle(t("title"));
  const location = useLocation();
  const navigate = useNavigate();
  const search = location.search;
  const params = new URLSearchParams(search);
  const { loaded, reload } = usePageData("directory", `directory:${search}`, () => loadDirectory(search));

  // Days and "later today" are read on the reader's clock: put their zone in the URL, unless it names one.
  const zone = params.get("tz") || null;
  useEffect(() => {
    const here = browserZone();
    if (!here || zone) return;
    params.set("tz", here);
    void navigate(`?${params}`, { replace: true, state: FROM_FORM });
  }, [zone]);

  // A new form when the URL changed another way (back, a link), so the fields show the search.
  const formKey = useRef(location.key);
  if (!(location.state as typeof FROM_FORM | null)?.fromForm) formKey.current = location.key;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) if (typeof value === "string" && value.trim()) query.append(name, value.trim());
    if (!query.has("tz") && zone) query.set("tz", zone);
    void navigate(`?${query}`, { state: FROM_FORM });
  };

  // A calendar holds every meeting the search finds, whenever it meets.
  const subscribe = searchQuery(search);
  for (const name of ["cursor", "inProgress", "startingWithinHours"]) subscribe.delete(name);
  return (
    <>
      <link rel="alternate" type="application/json" title="Meetings Feed" href="/api/feeds/meeting-guide.json" />
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <SearchForm key={formKey.current} params={params} onSubmit={submit} />
      <section aria-labelledby="results-heading">
        <h2 id="results-heading">{t("results")}</h2>
        <p role="status" className="result-count">
          {loaded.state === "ready" ? countText(loaded.data.results, t) : loaded.state === "loading" ? t("searching") : null}
        </p>
        {loaded.state === "failed" && loaded.error.code === "validation" ? (
          <Invalid fields={loaded.error.fieldErrors.map((e) => e.field.split(".")[0]!)} />
        ) : (
          <LoadedView loaded={loaded} retry={reload} notFound={null}>
            {(data) => <Results data={data} params={params} />}
          </LoadedView>
        )}
      </section>
      <p>
        <CalendarLink query={subscribe} />
      </p>
      <p>
        <Link to="/meetings/print">{t("print")}</Link>
      </p>
    </>
  );
}

/** A search the server cannot read (a mistyped place or zone): which fields to look at. */
function Invalid({ fields }: { fields: string[] }) {
  const { t } = useTranslation("directory");
  useHttpStatus(400);
  return (
    <p role="alert" className="form-alert">
      {t("invalid", { fields: [...new Set(fields)].map((field) => t(`label.${field}`, { defaultValue: field })).join(", ") })}
    </p>
  );
}

function countText(results: MeetingSearchResponse, t: TFunction<"directory">): string {
  return t(results.nextCursor ? "countMore" : "count", { count: results.meetings.length });
}

/** webcal:// asks the calendar app to subscribe; it needs the host, which the page learns once it runs. */
function CalendarLink({ query }: { query: URLSearchParams }) {
  const { t } = useTranslation("directory");
  const [host, setHost] = useState<string | null>(null);
  useEffect(() => setHost(window.location.host), []);
  const path = `/api/feeds/search.ics?${query}`;
  return <a href={host ? `webcal://${host}${path}` : path}>{t("subscribe")}</a>;
}

function Results({ data, params }: { data: DirectoryData; params: URLSearchParams }) {
  const { t } = useTranslation("directory");
  const { results, inProgress } = data;
  const shown = { zone: params.get("tz") || null, unit: params.get("unit") === "mi" ? ("mi" as const) : ("km" as const) };
  const next = new URLSearchParams(params);
  if (results.nextCursor) next.set("cursor", results.nextCursor);
  return (
    <>
      {inProgress?.meetings.length ? (
        <details className="in-progress">
          <summary>{t("inProgressNow", { count: inProgress.meetings.length })}</summary>
          <MeetingList meetings={inProgress.meetings} {...shown} />
        </details>
      ) : null}
      {results.meetings.length ? (
        <MeetingList meetings={results.meetings} {...shown} at={results.at} grouped={!params.has("inProgress")} />
      ) : (
        <p>
          {t("none")} <Link to="/meetings">{t("clear")}</Link>
        </p>
      )}
      {results.nextCursor ? (
        <p>
          <Link to={`?${next}`}>{t("more")}</Link>
        </p>
      ) : null}
    </>
  );
}

function SearchForm({ params, onSubmit }: { params: URLSearchParams; onSubmit: (event: FormEvent<HTMLFormElement>) => void }) {
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
    <form method="get" action="/meetings" role="search" aria-label={t("searchLabel")} className="stack search-form" onSubmit={onSubmit}>
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
      <button type="submit" className="button">
        {t("search")}
      </button>
    </form>
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
