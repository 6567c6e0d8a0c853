/**
 * /meetings/print: the organization's weekly schedule to print, as booklets do: grouped by day
 * then area (or area then day), times on each meeting's own clock, a legend of the type codes
 * used, 12- or 24-hour times; and the same as a PDF to download. The server puts the meetings in
 * print order (the PDF's order too, server/features/meetings/print.ts); this page only groups
 * them as they come.
 */
import { Fragment, useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import type { FeedEntry } from "../../../core/meetings/meeting-guide";
import { meetingTypeName } from "../../../core/meetings/type-codes";
import { LoadedView } from "../../components/Loaded";
import { api } from "../../lib/api";
import { useAppState } from "../../lib/app-state";
import { usePageTitle } from "../../lib/page";
import { usePageData } from "../../lib/page-data";
import { clockTime, weekdayName } from "../../lib/meeting-time";

type Grouping = "day" | "region";

const loadSchedule = (by: Grouping) => () => api.get<FeedEntry[]>(`/api/feeds/print-schedule.json?group_by=${by}`);

/** Runs of neighbours with the same key, in the order given. */
function runs<T>(items: T[], keyOf: (item: T) => string): [string, T[]][] {
  const found: [string, T[]][] = [];
  for (const item of items) {
    const key = keyOf(item);
    const last = found.at(-1);
    if (last && last[0] === key) last[1].push(item);
    else found.push([key, [item]]);
  }
  return found;
}

export function PrintPage() {
  const { t, i18n } = useTranslation("directory");
  const { state } = useAppState();
  const params = new URLSearchParams(useLocation().search);
  const by: Grouping = params.get("by") === "region" ? "region" : "day";
  const byRegion = by === "region";
  const hour12 = params.get("clock") !== "24";
  const pdf = new URLSearchParams({ group_by: by, hours: hour12 ? "12" : "24", lang: i18n.language === "es" ? "es" : "en" });
  const [running, setRunning] = useState(false);
  useEffect(() => setRunning(true), []);
  const { loaded, reload } = usePageData("printSchedule", `print-schedule:${by}`, loadSchedule(by));
  const title = t("printPage.title", { organization: state.organizationName ?? "Kindred" });
  usePageTitle(title);
  return (
    <>
      <h1>{title}</h1>
      <form method="get" action="/meetings/print" className="inline-form no-print">
        <div className="field">
          <label htmlFor="print-by">{t("printPage.by")}</label>
          <select id="print-by" name="by" defaultValue={byRegion ? "region" : "day"}>
            <option value="day">{t("printPage.byDay")}</option>
            <option value="region">{t("printPage.byRegion")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="print-clock">{t("printPage.clock")}</label>
          <select id="print-clock" name="clock" defaultValue={hour12 ? "12" : "24"}>
            <option value="12">{t("printPage.clock12")}</option>
            <option value="24">{t("printPage.clock24")}</option>
          </select>
        </div>
        <button type="submit" className="button button-secondary">
          {t("printPage.show")}
        </button>
        <button type="button" className={running ? "button" : "button unseen"} onClick={() => window.print()}>
          {t("printPage.print")}
        </button>
      </form>
      <p className="no-print">
        <a href={`/api/feeds/meetings.pdf?${pdf}`} download>
          {t("printPage.pdf")}
        </a>{" "}
        {t("printPage.pdfHint")}
      </p>
      <LoadedView loaded={loaded} retry={reload} notFound={null}>
        {(entries) => <Schedule entries={entries} byRegion={byRegion} hour12={hour12} />}
      </LoadedView>
    </>
  );
}

function Schedule({ entries, byRegion, hour12 }: { entries: FeedEntry[]; byRegion: boolean; hour12: boolean }) {
  const { t, i18n } = useTranslation("directory");
  const locale = i18n.language;
  const noRegion = t("printPage.noRegion");
  const regionOf = (entry: FeedEntry) => entry.regions?.join(" › ") || noRegion;
  const dayOf = (entry: FeedEntry) => {
    const name = weekdayName(entry.day, locale);
    return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  };
  const [outer, inner] = byRegion ? [regionOf, dayOf] : [dayOf, regionOf];
  const codes = [...new Set(entries.flatMap((entry) => entry.types))].sort();
  if (entries.length === 0) return <p>{t("printPage.empty")}</p>;
  return (
    <>
      {runs(entries, outer).map(([key, here]) => (
        <section key={key} className="print-group" aria-label={key}>
          <h2>{key}</h2>
          {runs(here, inner).map(([subKey, rows]) => (
            <Table key={subKey} caption={subKey}>
              {rows.map((entry) => (
                <tr key={entry.slug}>
                  <td>{[entry.time, entry.end_time].filter(Boolean).map((time) => clockTime(time!, locale, hour12)).join("–")}</td>
                  <td>
                    <strong>{entry.name}</strong>
                    {entry.group && entry.group !== entry.name ? <div>{entry.group}</div> : null}
                  </td>
                  <td>
                    {entry.attendance_option === "online" ? t("meetings:attendance.online") : [entry.location, entry.approximate === "yes" ? null : entry.formatted_address].filter(Boolean).join(", ")}
                    {entry.conference_phone ? <div>{t("printPage.phone", { number: entry.conference_phone })}</div> : null}
                  </td>
                  <td>{entry.types.join(" ")}</td>
                </tr>
              ))}
            </Table>
          ))}
        </section>
      ))}
      <section aria-labelledby="legend-heading" className="print-legend">
        <h2 id="legend-heading">{t("printPage.legend")}</h2>
        <dl className="facts">
          {codes.map((code) => (
            <Fragment key={code}>
              <dt>{code}</dt>
              <dd>{meetingTypeName(code, locale)}</dd>
            </Fragment>
          ))}
        </dl>
      </section>
    </>
  );
}

function Table({ caption, children }: { caption: string; children: ReactNode }) {
  const { t } = useTranslation("directory");
  return (
    <table className="print-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("printPage.time")}</th>
          <th scope="col">{t("printPage.meeting")}</th>
          <th scope="col">{t("printPage.where")}</th>
          <th scope="col">{t("printPage.types")}</th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
