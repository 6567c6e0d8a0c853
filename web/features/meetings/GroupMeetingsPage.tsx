/**
 * /groups/:groupId/meetings: a group's meetings. Its chair, secretary and the organization's
 * admins also keep them here (add, edit, delete, cancel or move one date) and read the
 * corrections people reported. /groups/:groupId/meetings/new and .../:meetingId/edit hold the form.
 */
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { ConfirmButton } from "../../components/ConfirmButton";
import { announceState, useAct, useAnnouncer, type Act } from "../../components/announce";
import { ChoiceGroup, FormAlert, SubmitButton, text, TextField, translateFieldMessage, useApiForm } from "../../components/form";
import { LoadedView, useLoaded } from "../../components/Loaded";
import { RequireMember, usePageTitle } from "../../lib/page";
import { NotFoundPage } from "../../pages/NotFoundPage";
import { meetingsApi, type Correction, type CreateMeetingRequest, type Group as GroupDetail, type MeetingView } from "./api";
import { dayOf, describeSchedule } from "./describe";
import { MeetingForm } from "./MeetingForm";
import { format } from "../../lib/meeting-time";

interface GroupMeetings {
  group: GroupDetail;
  meetings: MeetingView[];
  corrections: Correction[];
}

async function loadGroupMeetings(groupId: string): Promise<GroupMeetings> {
  const [group, meetings] = await Promise.all([meetingsApi.group(groupId), meetingsApi.ofGroup(groupId)]);
  return { group, meetings, corrections: group.can.edit ? await meetingsApi.corrections(groupId) : [] };
}

function useGroupMeetings() {
  const { groupId = "" } = useParams();
  return useLoaded(`group-meetings:${groupId}`, () => loadGroupMeetings(groupId));
}

export function GroupMeetingsPage() {
  const { t } = useTranslation("meetings");
  const { loaded, reload } = useGroupMeetings();
  const { announcer, regions } = useAnnouncer();
  const act = useAct(announcer, reload);
  usePageTitle(loaded.state === "ready" ? t("manage.title", { group: loaded.data.group.name }) : t("manage.titlePlain"));
  return (
    <>
      {regions}
      <LoadedView loaded={loaded} retry={reload} notFound={<NotFoundPage />}>
        {(data) => <MeetingsOfGroup {...data} act={act} />}
      </LoadedView>
    </>
  );
}

function MeetingsOfGroup({ group, meetings, corrections, act }: GroupMeetings & { act: Act }) {
  const { t, i18n } = useTranslation("meetings");
  const heading = useRef<HTMLHeadingElement>(null);
  // After a change the list is new: say so, and start reading again from the top.
  const actHere: Act = (work, words) => act(work, words).finally(() => heading.current?.focus());
  const base = `/groups/${group.id}/meetings`;
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t("manage.title", { group: group.name })}
      </h1>
      <p>
        <Link to={`/groups/${group.id}`}>{t("manage.back", { group: group.name })}</Link>
      </p>
      {group.can.edit ? (
        <p>
          <Link className="button" to={`${base}/new`}>
            {t("manage.add")}
          </Link>
        </p>
      ) : null}
      {meetings.length === 0 ? <p>{t("manage.none")}</p> : null}
      <ul className="card-list">
        {meetings.map((meeting) => (
          <li key={meeting.id}>
            <article className="card" aria-labelledby={`meeting-${meeting.id}`}>
              <h2 id={`meeting-${meeting.id}`}>
                <Link to={`/meetings/${meeting.slug}`}>{meeting.name}</Link>
              </h2>
              <p>{describeSchedule(meeting.schedule, t, i18n.language)}</p>
              <p>{t(`attendance.${meeting.attendance}`)}</p>
              {group.can.edit ? <KeepMeeting meeting={meeting} editPath={`${base}/${meeting.id}/edit`} act={actHere} /> : null}
            </article>
          </li>
        ))}
      </ul>
      {group.can.edit ? <Corrections group={group} corrections={corrections} act={actHere} /> : null}
    </>
  );
}

/** Edit, delete, and the dates that differ from the schedule. */
function KeepMeeting({ meeting, editPath, act }: { meeting: MeetingView; editPath: string; act: Act }) {
  const { t, i18n } = useTranslation("meetings");
  const { exceptions } = meeting.schedule;
  const withExceptions = (changed: MeetingView["schedule"]["exceptions"]) => meetingsApi.update(meeting.id, { schedule: { ...meeting.schedule, exceptions: changed } });
  return (
    <>
      <div className="actions">
        <Link className="button button-secondary" to={editPath} aria-label={t("manage.editName", { name: meeting.name })}>
          {t("manage.edit")}
        </Link>
        <ConfirmButton
          label={t("manage.delete")}
          question={t("manage.deleteQuestion", { name: meeting.name })}
          confirmLabel={t("manage.deleteConfirm")}
          onConfirm={() =>
            act(async () => {
              await meetingsApi.remove(meeting.id);
              return t("manage.deleted", { name: meeting.name });
            })
          }
        />
      </div>
      {exceptions.length ? (
        <>
          <h3>{t("manage.changedDates")}</h3>
          <ul className="plain-list">
            {exceptions.map((exception) => (
              <li key={exception.date}>
                {exception.change === "cancelled"
                  ? t("manage.cancelledOn", { date: dayOf(exception.date, i18n.language) })
                  : t("manage.movedOn", { date: dayOf(exception.date, i18n.language), to: dayOf(exception.to.date, i18n.language), start: exception.to.start })}{" "}
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    void act(async () => {
                      await withExceptions(exceptions.filter((e) => e.date !== exception.date));
                      return t("manage.restored", { date: dayOf(exception.date, i18n.language) });
                    }).catch(() => undefined)
                  }
                >
                  {t("manage.restore", { date: dayOf(exception.date, i18n.language) })}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <details>
        <summary>{t("manage.changeDate")}</summary>
        <ChangeDate
          meeting={meeting}
          save={async (exception) => {
            await withExceptions([...exceptions.filter((e) => e.date !== exception.date), exception]);
          }}
          act={act}
        />
      </details>
    </>
  );
}

type Exception = MeetingView["schedule"]["exceptions"][number];

/** Cancel one date, or move it to another day or time. */
function ChangeDate({ meeting, save, act }: { meeting: MeetingView; save: (exception: Exception) => Promise<void>; act: Act }) {
  const { t, i18n } = useTranslation("meetings");
  const [move, setMove] = useState(false);
  const form = useApiForm(async (data) => {
    const date = text(data, "date");
    const exception: Exception = move ? { date, change: "moved", to: { date: text(data, "toDate"), start: text(data, "toStart") } } : { date, change: "cancelled" };
    // Saved first, so that the server's complaints show in this form; then announced.
    await save(exception);
    await act(async () => t(move ? "manage.moved" : "manage.cancelled", { date: dayOf(date, i18n.language) }));
  });
  // The server names the changed date by its place in the list; it belongs beside the date here.
  const sent = form.error?.fieldErrors.find((e) => e.field.startsWith("schedule.exceptions"));
  return (
    <form {...form.props} className="stack">
      <FormAlert form={form} />
      <TextField type="date" name="date" label={t("manage.date")} hint={t("manage.dateHint")} error={sent ? translateFieldMessage(sent.message, t) : undefined} required />
      <div onChange={(event) => setMove((event.target as HTMLInputElement).value === "moved")}>
        <ChoiceGroup
          name="change"
          legend={t("manage.what")}
          options={[
            { value: "cancelled", label: t("manage.cancel") },
            { value: "moved", label: t("manage.move") },
          ]}
          defaultValue="cancelled"
        />
      </div>
      {move ? (
        <div className="inline-form">
          <TextField type="date" name="toDate" label={t("manage.toDate")} required />
          <TextField type="time" name="toStart" label={t("manage.toStart")} defaultValue={meeting.schedule.start} required />
        </div>
      ) : null}
      <SubmitButton pending={form.pending}>{t("manage.saveDate")}</SubmitButton>
    </form>
  );
}

/** What people reported, open ones first; never who reported it. */
function Corrections({ group, corrections, act }: { group: GroupDetail; corrections: Correction[]; act: Act }) {
  const { t, i18n } = useTranslation("meetings");
  const received = (iso: string) => format(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
  const mark = (correction: Correction, handled: boolean) =>
    void act(async () => {
      await meetingsApi.setHandled(group.id, correction.id, handled);
      return t(handled ? "corrections.markedHandled" : "corrections.markedOpen");
    }).catch(() => undefined);
  return (
    <section aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">{t("corrections.heading")}</h2>
      <p>{t("corrections.intro")}</p>
      {corrections.length === 0 ? <p>{t("corrections.none")}</p> : null}
      <ul className="member-list correction-list">
        {corrections.map((correction) => (
          <li key={correction.id}>
            <p>
              <strong>{correction.meetingName}</strong> · {t("corrections.received", { date: received(correction.createdAt) })}
              {correction.handledAt ? <span className="tag">{t("corrections.handled")}</span> : null}
            </p>
            <blockquote className="correction-message">{correction.message}</blockquote>
            <button type="button" className="button button-secondary" onClick={() => mark(correction, !correction.handledAt)}>
              {correction.handledAt ? t("corrections.reopen") : t("corrections.markHandled")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

// ---------- adding and editing ----------

export function NewMeetingPage() {
  return (
    <RequireMember>
      <MeetingFormPage />
    </RequireMember>
  );
}

export function EditMeetingPage() {
  return (
    <RequireMember>
      <MeetingFormPage />
    </RequireMember>
  );
}

function MeetingFormPage() {
  const { t } = useTranslation("meetings");
  const { meetingId } = useParams();
  const navigate = useNavigate();
  const { loaded, reload } = useGroupMeetings();
  const data = loaded.state === "ready" ? loaded.data : null;
  const meeting = data?.meetings.find((m) => m.id === meetingId);
  const title = meeting ? t("form.editTitle", { name: meeting.name }) : t("form.newTitle");
  usePageTitle(title);
  const missing = data !== null && (!data.group.can.edit || (meetingId !== undefined && !meeting));
  const done = (group: GroupDetail) => async (body: CreateMeetingRequest) => {
    const saved = meeting ? await meetingsApi.update(meeting.id, body) : await meetingsApi.create(group.id, body);
    await navigate(`/groups/${group.id}/meetings`, { state: announceState(t("form.saved", { name: saved.name })) });
  };
  return (
    <LoadedView loaded={loaded} retry={reload} notFound={<NotFoundPage />}>
      {({ group }) =>
        missing ? (
          <NotFoundPage />
        ) : (
          <>
            <h1>{title}</h1>
            <p>
              <Link to={`/groups/${group.id}/meetings`}>{t("manage.title", { group: group.name })}</Link>
            </p>
            <MeetingForm meeting={meeting} save={done(group)} submitLabel={meeting ? t("form.save") : t("form.create")} />
          </>
        )
      }
    </LoadedView>
  );
}
