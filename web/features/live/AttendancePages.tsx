/**
 * A member's own record of live meetings: /attendance (only they see it), one proof-of-attendance
 * slip to print or download (/attendance/:attendanceId/slip), and /verify/:code, where anyone a
 * slip is shown to checks that it is genuine (it says nothing beyond what the slip says). The
 * verification comes with the page from the server (routes.tsx `data: "slipVerification"`), so it
 * reads complete without JavaScript.
 */
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { LoadedView, useLoaded } from "../../components/Loaded";
import { formatStart, useViewerZone } from "../../lib/meeting-time";
import { RequireMember, usePageTitle } from "../../lib/page";
import { usePageData } from "../../lib/page-data";
import { liveApi, readableTime, verifyPath, type Attendance, type AttendanceSlip, type Verification } from "./api";
import "./room.css";

export function AttendancePage() {
  return (
    <RequireMember>
      <AttendanceList />
    </RequireMember>
  );
}

function AttendanceList() {
  const { t } = useTranslation("live");
  usePageTitle(t("room.attendance.title"));
  const { loaded, reload } = useLoaded("live-attendance", () => liveApi.attendance());
  return (
    <>
      <h1>{t("room.attendance.title")}</h1>
      <p>{t("room.attendance.intro")}</p>
      <LoadedView loaded={loaded} retry={reload} notFound={null}>
        {(attendance) =>
          attendance.length === 0 ? (
            <p>{t("room.attendance.none")}</p>
          ) : (
            <ul className="card-list">
              {attendance.map((a) => (
                <AttendanceCard key={a.id} attendance={a} />
              ))}
            </ul>
          )
        }
      </LoadedView>
    </>
  );
}

function AttendanceCard({ attendance: a }: { attendance: Attendance }) {
  const { t, i18n } = useTranslation("live");
  return (
    <li className="card">
      <h2>{t("room.attendance.entry", { date: readableTime(a.occurrenceStart, i18n.language), meeting: a.meetingName })}</h2>
      <p>{a.present ? t("room.attendance.present") : t("room.attendance.minutes", { count: a.minutesPresent })}</p>
      {a.slipAvailable ? (
        <p>
          <Link to={`/attendance/${a.id}/slip`}>{t("room.attendance.slip", { meeting: a.meetingName, date: a.date })}</Link>
        </p>
      ) : null}
    </li>
  );
}

export function SlipPage() {
  return (
    <RequireMember>
      <Slip />
    </RequireMember>
  );
}

function Slip() {
  const { t } = useTranslation("live");
  const { attendanceId = "" } = useParams();
  usePageTitle(t("room.slip.title"));
  const { loaded, reload } = useLoaded(`live-slip:${attendanceId}`, () => liveApi.slip(attendanceId));
  return (
    <>
      <h1>{t("room.slip.title")}</h1>
      <LoadedView loaded={loaded} retry={reload} notFound={<p>{t("room.slip.notFound")}</p>}>
        {(slip) => <SlipCard slip={slip} />}
      </LoadedView>
      <p className="no-print">
        <Link to="/attendance">{t("room.slip.back")}</Link>
      </p>
    </>
  );
}

/** The slip as plain text, for the file a member downloads and keeps or sends on. */
function slipText(slip: AttendanceSlip, url: string, t: ReturnType<typeof useTranslation<"live">>["t"], language: string): string {
  return [
    t("room.slip.title"),
    "",
    `${t("room.slip.meeting")}: ${slip.meetingName}`,
    `${t("room.slip.date")}: ${slip.date}`,
    `${t("room.slip.start")}: ${readableTime(slip.start, language)}`,
    `${t("room.slip.duration")}: ${t("room.slip.minutes", { count: slip.durationMinutes })}`,
    `${t("room.slip.chair")}: ${slip.chair ?? t("room.slip.noChair")}`,
    `${t("room.slip.code")}: ${slip.code}`,
    "",
    t("room.slip.verifyAt"),
    url,
    "",
  ].join("\n");
}

function SlipCard({ slip }: { slip: AttendanceSlip }) {
  const { t, i18n } = useTranslation("live");
  // The site's own address (PUBLIC_URL) for the paper and the file; the link stays on this site.
  const url = slip.verifyUrl;
  const download = () => {
    const file = URL.createObjectURL(new Blob([slipText(slip, url, t, i18n.language)], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = file;
    link.download = `attendance-${slip.date}.txt`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(file), 10_000);
  };
  return (
    <>
      <SlipFacts slip={slip} />
      <dl className="facts">
        <dt>{t("room.slip.code")}</dt>
        <dd className="slip-code">{slip.code}</dd>
      </dl>
      <p>
        {t("room.slip.verifyAt")} <a href={verifyPath(slip.code)}>{url}</a>
      </p>
      <p className="actions no-print">
        <button type="button" className="button" onClick={download}>
          {t("room.slip.download")}
        </button>
        <button type="button" className="button button-secondary" onClick={() => window.print()}>
          {t("room.slip.print")}
        </button>
      </p>
    </>
  );
}

function SlipFacts({ slip }: { slip: Omit<AttendanceSlip, "code" | "issuedAt" | "verifyUrl"> }) {
  const { t, i18n } = useTranslation("live");
  // The server renders the start in UTC (it cannot know the reader's zone); the browser's clock takes over once the page runs.
  const zone = useViewerZone() ?? "UTC";
  return (
    <dl className="facts">
      <dt>{t("room.slip.meeting")}</dt>
      <dd>{slip.meetingName}</dd>
      <dt>{t("room.slip.date")}</dt>
      <dd>{slip.date}</dd>
      <dt>{t("room.slip.start")}</dt>
      <dd>
        <time dateTime={slip.start} suppressHydrationWarning>
          {formatStart(new Date(slip.start), zone, i18n.language)}
        </time>
      </dd>
      <dt>{t("room.slip.duration")}</dt>
      <dd>{t("room.slip.minutes", { count: slip.durationMinutes })}</dd>
      <dt>{t("room.slip.chair")}</dt>
      <dd>{slip.chair ?? t("room.slip.noChair")}</dd>
    </dl>
  );
}

export function VerifyPage() {
  const { t } = useTranslation("live");
  const { code = "" } = useParams();
  usePageTitle(t("room.verify.title"));
  const { loaded, reload } = usePageData("slipVerification", `live-verify:${code}`, () => liveApi.verify(code));
  return (
    <>
      <h1>{t("room.verify.title")}</h1>
      <LoadedView loaded={loaded} retry={reload} notFound={<NotGenuine />}>
        {(answer) => <Verdict answer={answer} />}
      </LoadedView>
    </>
  );
}

function NotGenuine() {
  const { t } = useTranslation("live");
  return <p className="form-alert">{t("room.verify.notGenuine")}</p>;
}

function Verdict({ answer }: { answer: Verification }) {
  const { t } = useTranslation("live");
  if (!answer.genuine || !answer.slip) return <NotGenuine />;
  return (
    <>
      <p className="callout slip-genuine">
        <strong>{t("room.verify.genuine")}</strong>
      </p>
      <p>{t("room.verify.compare")}</p>
      <SlipFacts slip={answer.slip} />
    </>
  );
}
