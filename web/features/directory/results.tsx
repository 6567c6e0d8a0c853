import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { localDate, StartTime } from "../../lib/meeting-time";
import type { DirectoryData, FoundMeeting as Found } from "./search";

/** The directory's results: those in progress (folded), then the rest, or a way out of an empty search. */
export function Results({ data, params }: { data: DirectoryData; params: URLSearchParams }) {
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

/**
 * Meetings in the order found. `grouped`: under "Starting soon", "Later today" and "Later",
 * read on the reader's clock (`zone`), or on each meeting's when the reader's is not known.
 */
export function MeetingList({ meetings, at, grouped = false, ...shown }: Shown & { meetings: Found[]; at?: string; grouped?: boolean }) {
  const { t } = useTranslation("directory");
  const { zone } = shown;
  if (!grouped || !at) return <Cards meetings={meetings} {...shown} level={3} />;
  const now = new Date(at);
  const whenOf = (m: Found) => {
    if (m.minutesUntilStart <= 60) return "soon";
    const clock = zone ?? m.timeZone;
    return localDate(new Date(m.start.startsAt), clock) === localDate(now, clock) ? "today" : "later";
  };
  const groups = (["soon", "today", "later"] as const).map((when) => [when, meetings.filter((m) => whenOf(m) === when)] as const).filter(([, found]) => found.length);
  return (
    <>
      {groups.map(([when, found]) => (
        <section key={when} aria-labelledby={`results-${when}`}>
          <h3 id={`results-${when}`}>{t(`when.${when}`)}</h3>
          <Cards meetings={found} {...shown} level={4} />
        </section>
      ))}
    </>
  );
}

/** How results are shown: on whose clock (null: each meeting's own), and distances in km or miles. */
interface Shown {
  zone: string | null;
  unit: "km" | "mi";
}

function Cards({ meetings, zone, unit, level }: Shown & { meetings: Found[]; level: 3 | 4 }) {
  const { t, i18n } = useTranslation("directory");
  const Heading = level === 3 ? "h3" : "h4";
  const number = (n: number) => n.toLocaleString(i18n.language);
  return (
    <ul className="card-list">
      {meetings.map((m) => (
        <li key={m.id}>
          <article className="card meeting-card">
            <Heading>
              <Link to={`/meetings/${m.slug}`}>{m.name}</Link>
            </Heading>
            <p>
              <StartTime startsAt={m.start.startsAt} meetingZone={m.timeZone} viewerZone={zone} />
              {m.minutesUntilStart <= 0 ? <span className="tag">{t(m.inProgress ? "meetings:inProgress" : "justStarted")}</span> : null}
            </p>
            <p>{m.groupName}</p>
            <p>
              {[t(`meetings:attendance.${m.attendance}`), m.place?.name ?? m.place?.address, m.distance === null ? null : t(`distance.${unit}`, { distance: number(m.distance) })]
                .filter(Boolean)
                .join(" · ")}
            </p>
          </article>
        </li>
      ))}
    </ul>
  );
}
