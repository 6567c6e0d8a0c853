/**
 * /meetings/:slug: everything a newcomer needs to go to a meeting: when (on their clock), where or
 * how to join, what to expect, and the group's guidelines; add it to a calendar, share it, or tell
 * the group's secretary that something is wrong. /meetings/:slug/correction is that last part alone
 * (the feed's feedback_url). Both come rendered with their data, so they work without JavaScript.
 */
import { Fragment, useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { meetingTypeName } from "../../../core/meetings/type-codes";
import { FormAlert, NeedsJavaScript, StatusMessage, SubmitButton, text, TextArea, useApiForm } from "../../components/form";
import { LoadedView } from "../../components/Loaded";
import { useMember } from "../../lib/app-state";
import { useGroupLabels } from "../../lib/group-labels";
import { usePageTitle } from "../../lib/page";
import { usePageData } from "../../lib/page-data";
import { meetingsApi, type MeetingPage as Meeting } from "./api";
import { dayOf, describeSchedule, listOf } from "./describe";
import { eventOf, scriptJson } from "./json-ld";
import { StartTime, useViewerZone } from "../../lib/meeting-time";
import { HowItRuns } from "./HowItRuns";

function useMeeting() {
  const { slug = "" } = useParams();
  return usePageData("meeting", `meeting:${slug}`, () => meetingsApi.page(slug));
}

export function MeetingPage() {
  const { t } = useTranslation("meetings");
  const { loaded, reload } = useMeeting();
  usePageTitle(loaded.state === "ready" ? loaded.data.name : loaded.state === "failed" && loaded.error.status === 404 ? t("notFound.title") : t("title"));
  return (
    <LoadedView loaded={loaded} retry={reload} notFound={<MeetingNotFound />}>
      {(meeting) => <MeetingDetails meeting={meeting} />}
    </LoadedView>
  );
}

/** /meetings/:slug/correction */
export function CorrectionPage() {
  const { t } = useTranslation("meetings");
  const { loaded, reload } = useMeeting();
  usePageTitle(t("correction.title"));
  return (
    <LoadedView loaded={loaded} retry={reload} notFound={<MeetingNotFound />}>
      {(meeting) => (
        <>
          <h1>{t("correction.title")}</h1>
          <p>
            <Link to={`/meetings/${meeting.slug}`}>{meeting.name}</Link>
          </p>
          <CorrectionForm meeting={meeting} />
        </>
      )}
    </LoadedView>
  );
}

function MeetingNotFound() {
  const { t } = useTranslation("meetings");
  return (
    <>
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.body")}</p>
      <p>
        <Link to="/meetings">{t("notFound.back")}</Link>
      </p>
    </>
  );
}

function MeetingDetails({ meeting }: { meeting: Meeting }) {
  const { t, i18n } = useTranslation("meetings");
  const { member } = useMember();
  const event = member ? null : eventOf(meeting);
  return (
    <>
      {/* Only public meetings: what a signed-out visitor may see is public. */}
      {event ? <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptJson(event) }} /> : null}
      <h1>{meeting.name}</h1>
      <p className="lead">
        {t("heldBy")} <Link to={`/groups/${meeting.group.id}`}>{meeting.group.name}</Link>
      </p>
      <p className="actions">
        <span className="tag">{t(`attendance.${meeting.attendance}`)}</span>
        {meeting.inProgress ? <span className="tag">{t("inProgress")}</span> : null}
      </p>
      {meeting.can.edit ? (
        <p>
          <Link to={`/groups/${meeting.group.id}/meetings`}>{t("manage.link")}</Link>
        </p>
      ) : null}
      <Section id="when" heading={t("when.heading")}>
        <p>{describeSchedule(meeting.schedule, t, i18n.language)}</p>
        <Occurrences meeting={meeting} />
        <p>
          <a href={meeting.links.calendar} download={`${meeting.slug}.ics`}>
            {t("when.addToCalendar")}
          </a>
        </p>
      </Section>
      <Where meeting={meeting} />
      <FirstMeeting meeting={meeting} />
      <Section id="guidelines" heading={t("guidelines.heading")}>
        <p>{t("guidelines.body")}</p>
        <p>
          <Link to={`/groups/${meeting.group.id}`}>{t("guidelines.link", { group: meeting.group.name })}</Link>
        </p>
      </Section>
      <Contributions meeting={meeting} />
      <Section id="share" heading={t("share.heading")}>
        <Share meeting={meeting} />
      </Section>
      <Section id="correction" heading={t("correction.heading")}>
        <CorrectionForm meeting={meeting} />
      </Section>
      {/* Last, so arriving after hydration it moves nothing the reader is looking at. */}
      <HowItRuns meetingId={meeting.id} groupId={meeting.group.id} />
    </>
  );
}

function Section({ id, heading, children }: { id: string; heading: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      {children}
    </section>
  );
}

/** The next times it meets, on the reader's clock once the page knows it, and the dates it will not. */
function Occurrences({ meeting }: { meeting: Meeting }) {
  const { t, i18n } = useTranslation("meetings");
  const viewerZone = useViewerZone();
  const zone = meeting.schedule.timeZone;
  const from = meeting.occurrences[0]?.date;
  const cancelled = meeting.schedule.exceptions.filter((e) => e.change === "cancelled" && from !== undefined && e.date >= from).slice(0, 3);
  if (meeting.occurrences.length === 0) return <p>{t("when.none")}</p>;
  return (
    <>
      <h3>{t("when.next")}</h3>
      <ul>
        {meeting.occurrences.map((occurrence) => (
          <li key={occurrence.startsAt}>
            <StartTime startsAt={occurrence.startsAt} meetingZone={zone} viewerZone={viewerZone} />
            {occurrence.moved ? ` ${t("when.moved", { date: dayOf(occurrence.date, i18n.language) })}` : null}
          </li>
        ))}
      </ul>
      {cancelled.length ? <p>{t("when.cancelled", { dates: listOf(cancelled.map((e) => dayOf(e.date, i18n.language)), i18n.language) })}</p> : null}
    </>
  );
}

function Where({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation("meetings");
  const viewerZone = useViewerZone();
  const { venue, online } = meeting;
  const inPerson = venue && !venue.approximate && !meeting.temporarilyClosed;
  const destination = venue && (venue.latitude === null ? venue.address : `${venue.latitude},${venue.longitude}`);
  return (
    <Section id="where" heading={t(online ? (inPerson ? "where.hybrid" : "where.online") : "where.inPerson")}>
      {meeting.temporarilyClosed ? <p className="notice">{t("where.temporarilyClosed")}</p> : null}
      {inPerson ? (
        <>
          <p className="address">
            {venue.name ? <strong>{venue.name}</strong> : null}
            {venue.name && venue.address ? <br /> : null}
            {venue.address}
          </p>
          {venue.notes ? <Paragraphs text={venue.notes} /> : null}
          {destination ? (
            <p>
              <a href={`https://www.google.com/maps/dir/?api=1&destination=${encodeURIComponent(destination)}`}>{t("where.directions")}</a>
            </p>
          ) : null}
        </>
      ) : null}
      {online ? (
        <>
          {/* The live room (H8: web/features/live); it opens 15 minutes before the start (server/features/live OPENS_BEFORE_MINUTES). */}
          <p>
            <Link className="button" to={`/meetings/${meeting.slug}/room`}>{t("live:room.meetingLink")}</Link>{" "}
            {meeting.inProgress ? t("live:room.lobby.open") : meeting.occurrences[0] ? (
              <>
                {t("live:room.meetingLinkOpens")}{" "}
                <StartTime startsAt={new Date(Date.parse(meeting.occurrences[0].startsAt) - 15 * 60_000).toISOString()} meetingZone={meeting.schedule.timeZone} viewerZone={viewerZone} />
              </>
            ) : null}
          </p>
          {online.url ? (
            <p>
              <a className="button" href={online.url} rel="noopener noreferrer">
                {t("where.join")}
              </a>
            </p>
          ) : null}
          {online.urlNotes ? <Paragraphs text={online.urlNotes} /> : null}
          {online.phone ? (
            <p>
              {t("where.phone")} <a href={`tel:${online.phone}`}>{online.phone}</a>
            </p>
          ) : null}
          {online.phoneNotes ? <Paragraphs text={online.phoneNotes} /> : null}
        </>
      ) : null}
      {meeting.regions.length ? <p>{t("where.regions", { regions: meeting.regions.join(" › ") })}</p> : null}
    </Section>
  );
}

/** Open or closed, the format in plain words, and what nobody has to do. */
function FirstMeeting({ meeting }: { meeting: Meeting }) {
  const { t, i18n } = useTranslation("meetings");
  const labels = useGroupLabels();
  const formats = meeting.types.map((code) => t(`format.${code}`, { defaultValue: "" })).filter(Boolean);
  return (
    <Section id="first" heading={t("first.heading")}>
      <p>{t(`first.access.${meeting.access ?? "unknown"}`)}</p>
      {formats.map((words) => (
        <p key={words}>{words}</p>
      ))}
      {meeting.types.length ? <p>{t("first.types", { types: listOf(meeting.types.map((code) => meetingTypeName(code, i18n.language)), i18n.language) })}</p> : null}
      {meeting.languages.length ? <p>{t("first.languages", { languages: labels.languages(meeting.languages) })}</p> : null}
      <p suppressHydrationWarning>{t("first.focus", { focus: labels.list(meeting.group.focusAreas.map((area) => labels.focusArea(area))) })}</p>
      <p>{t("first.speak")}</p>
      <p>{t("first.anonymity")}</p>
      {meeting.notes ? (
        <>
          <h3>{t("first.notes")}</h3>
          <Paragraphs text={meeting.notes} />
        </>
      ) : null}
    </Section>
  );
}

const CONTRIBUTION_LINKS = {
  venmo: (handle: string) => `https://venmo.com/u/${handle.replace(/^@/, "")}`,
  square: (tag: string) => `https://cash.app/${tag.startsWith("$") ? tag : `$${tag}`}`,
  paypal: (name: string) => (/^https:\/\//.test(name) ? name : `https://www.paypal.me/${name}`),
  homegroupOnline: (name: string) => (/^https:\/\//.test(name) ? name : null),
};

function Contributions({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation("meetings");
  const given = (Object.keys(CONTRIBUTION_LINKS) as (keyof typeof CONTRIBUTION_LINKS)[]).filter((kind) => meeting.contributions[kind]);
  if (given.length === 0) return null;
  return (
    <Section id="contributions" heading={t("contributions.heading")}>
      <p>{t("contributions.body")}</p>
      <ul>
        {given.map((kind) => {
          const value = meeting.contributions[kind]!;
          const href = CONTRIBUTION_LINKS[kind](value);
          return (
            <li key={kind}>
              {t(`contributions.${kind}`)}: {href ? <a href={href}>{value}</a> : value}
            </li>
          );
        })}
      </ul>
    </Section>
  );
}

/** The phone's own share sheet where there is one; otherwise the link is copied. */
function Share({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation("meetings");
  const [running, setRunning] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => setRunning(true), []);
  const url = meeting.links.page;
  const share = async () => {
    setNote(null);
    if (navigator.share) {
      await navigator.share({ title: meeting.name, url }).catch(() => undefined);
      return;
    }
    await navigator.clipboard.writeText(url).then(
      () => setNote(t("share.copied")),
      () => setNote(t("share.copyFailed", { url })),
    );
  };
  return (
    <>
      <p>
        {t("share.link")} <a href={url}>{url}</a>
      </p>
      <button type="button" className={running ? "button button-secondary" : "button button-secondary unseen"} onClick={() => void share()}>
        {t("share.button")}
      </button>
      <StatusMessage>{note}</StatusMessage>
    </>
  );
}

function CorrectionForm({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation("meetings");
  const [sent, setSent] = useState(false);
  const form = useApiForm(async (data) => {
    setSent(false);
    await meetingsApi.reportCorrection(meeting.id, text(data, "message"));
    form.props.ref.current?.reset();
    setSent(true);
  });
  return (
    <form {...form.props} className="stack">
      <NeedsJavaScript />
      <p>{t("correction.intro")}</p>
      <p className="callout">{t("correction.anonymous")}</p>
      <FormAlert form={form} />
      <TextArea name="message" label={t("correction.message")} hint={t("correction.hint")} error={form.fieldError("message")} maxLength={2000} rows={4} required />
      <SubmitButton pending={form.pending}>{t("correction.send")}</SubmitButton>
      <StatusMessage>{sent ? t("correction.sent") : null}</StatusMessage>
    </form>
  );
}

/** Plain text as written: a blank line starts a new paragraph, a line break stays one. */
function Paragraphs({ text: written }: { text: string }) {
  return (
    <>
      {written
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((paragraph, i) => (
          <p key={i}>
            {paragraph.split("\n").map((line, j) => (
              <Fragment key={j}>
                {j > 0 ? <br /> : null}
                {line}
              </Fragment>
            ))}
          </p>
        ))}
    </>
  );
}
