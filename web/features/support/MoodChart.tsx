/**
 * A private chart of the last 90 days, drawn as plain SVG (no chart library): one bar a day, as
 * tall as the mood; a day without a check-in keeps its place, marked only by a short dash on the
 * baseline. For screen readers, and anyone who prefers it, the same days as a sentence and a table.
 */
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { MoodChart as Chart } from "./api";
import { formatDay, formatShortDay } from "./dates";

const DAY_WIDTH = 8;
const BAR_WIDTH = 6;
const STEP = 28;
const TOP = 6;
const BASE = TOP + 5 * STEP;
const HEIGHT = BASE + 4;

/** Where each day goes: a bar as tall as the mood, or nothing (an empty day keeps its place). */
export function chartMarks(chart: Chart): { date: string; mood: number | null; x: number; y: number; height: number }[] {
  return chart.points.map((point, i) => {
    const height = (point.mood ?? 0) * STEP;
    return { date: point.date, mood: point.mood, x: i * DAY_WIDTH + (DAY_WIDTH - BAR_WIDTH) / 2, y: BASE - height, height };
  });
}

export function MoodChart({ chart }: { chart: Chart }) {
  const { t, i18n } = useTranslation("support");
  const id = useId();
  const language = i18n.language;
  const marks = chartMarks(chart);
  const withMood = marks.filter((m) => m.mood !== null);
  const width = marks.length * DAY_WIDTH;
  const range = { from: formatDay(chart.from, language), to: formatDay(chart.to, language) };
  const summary = withMood.length === 0 ? t("checkIns.chartEmpty", range) : t("checkIns.chartSummary", { ...range, count: withMood.length });

  return (
    <figure className="mood-chart">
      <svg
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-summary`}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        width="100%"
        preserveAspectRatio="none"
        focusable="false"
      >
        <title id={`${id}-title`}>{t("checkIns.chartTitle")}</title>
        {[1, 2, 3, 4, 5].map((mood) => (
          <line key={mood} x1={0} x2={width} y1={BASE - mood * STEP} y2={BASE - mood * STEP} stroke="#c9cfd1" strokeWidth={0.5} />
        ))}
        {marks.map((mark) =>
          mark.mood === null ? (
            <line
              key={mark.date}
              className="mood-chart-empty"
              x1={mark.x + 1}
              x2={mark.x + BAR_WIDTH - 1}
              y1={BASE - 1}
              y2={BASE - 1}
              stroke="#4a555a"
              strokeWidth={2}
            />
          ) : (
            <rect key={mark.date} className="mood-chart-bar" data-date={mark.date} x={mark.x} y={mark.y} width={BAR_WIDTH} height={mark.height} fill="#1f5f5b" rx={1}>
              <title>{`${formatDay(mark.date, language)}: ${t(`mood.${mark.mood}`)}`}</title>
            </rect>
          ),
        )}
      </svg>
      <div className="mood-chart-axis" aria-hidden="true">
        <span>{formatShortDay(chart.from, language)}</span>
        <span>{formatShortDay(chart.to, language)}</span>
      </div>
      <figcaption>
        <p id={`${id}-summary`}>{summary}</p>
        <p className="field-hint">{t("checkIns.chartLegend")}</p>
      </figcaption>
      {withMood.length > 0 ? (
        <details className="mood-chart-table">
          <summary>{t("checkIns.chartTable")}</summary>
          <table>
            <caption className="visually-hidden">{t("checkIns.chartTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("checkIns.day")}</th>
                <th scope="col">{t("checkIns.moodColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {withMood.map((mark) => (
                <tr key={mark.date}>
                  <th scope="row">{formatDay(mark.date, language)}</th>
                  <td>{t(`mood.${mark.mood}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </figure>
  );
}
