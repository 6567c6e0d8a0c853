/**
 * /meetings: find a meeting. The search is a plain GET form whose fields are the API's query
 * parameters, so it works without JavaScript, a search is a link to share, and the server renders
 * the results with the page. With JavaScript the results change in place and the count is
 * announced. This page is held to the 100 KiB JavaScript budget: it uses its own small fields
 * rather than components/form.tsx (which would add its whole file), and its file holds only what
 * makes the page work (the form's submit, the count, the data); the fields (filters.tsx) and the
 * list of results (results.tsx) hydrate over the server's HTML as their files arrive (later.tsx).
 */
import { memo, Suspense, useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import type { TFunction } from "i18next";
import { LoadedView } from "../../components/Loaded";
import { useHttpStatus, usePageTitle } from "../../lib/page";
import { usePageData } from "../../lib/page-data";
import { later } from "./later";
import { loadDirectory, searchQuery, type DirectoryData, type MeetingSearchResponse } from "./search";

const SearchFields = later(() => import("./filters").then((m) => m.SearchFields));
const Results = later(() => import("./results").then((m) => m.Results));
const PARTS = [SearchFields, Results];

/**
 * Before the first render: on the server, every part, so the HTML is complete. In the browser,
 * over the server's HTML, nothing (the page works already, its parts hydrate as they arrive); after
 * a navigation, the parts too, so the page appears whole.
 */
export async function prepare(): Promise<void> {
  const hydrating = !import.meta.env.SSR && document.querySelector('form[role="search"][action="/meetings"]') !== null;
  const loading = Promise.all(PARTS.map((part) => part.preload()));
  if (!hydrating) await loading;
}

/** Navigations made by the form itself keep the form as it is (focus and all). */
const FROM_FORM = { fromForm: true };

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
    const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
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
            {(data) => <LaterResults data={data} search={search} />}
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

/**
 * A part that has not hydrated yet keeps the server's HTML only while nothing re-renders it, so
 * each is rendered again only when what it shows changes.
 */
const LaterResults = memo(function LaterResults({ data, search }: { data: DirectoryData; search: string }) {
  return (
    <Suspense fallback={null}>
      <Results data={data} params={new URLSearchParams(search)} />
    </Suspense>
  );
});

/** The search form; its fields (filters.tsx) are filled from the URL once: the form is made anew (its key) when the URL changes other than by the form. */
function SearchForm({ params, onSubmit }: { params: URLSearchParams; onSubmit: (event: FormEvent<HTMLFormElement>) => void }) {
  const { t } = useTranslation("directory");
  const [fields] = useState(() => (
    <Suspense fallback={null}>
      <SearchFields params={params} />
    </Suspense>
  ));
  return (
    <form method="get" action="/meetings" role="search" aria-label={t("searchLabel")} className="stack search-form" onSubmit={onSubmit}>
      {fields}
      <button type="submit" className="button">
        {t("search")}
      </button>
    </form>
  );
}
