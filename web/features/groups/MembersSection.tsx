import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { ServicePosition } from "../../../core/groups";
import { FormAlert, SubmitButton, text, TextField, useApiForm } from "../../components/form";
import { useMember } from "../../lib/app-state";
import { groupsApi, type GroupDetail, type GroupMember } from "./api";
import { ConfirmButton } from "../../components/ConfirmButton";
import { fieldMessage } from "./fieldMessage";
import type { Act } from "../../components/announce";
import { useGroupLabels } from "../../lib/group-labels";
import { SERVICE_POSITIONS } from "./vocabulary";

/** Who is in the group; for its stewards also requests, invitations, positions and inviting. */
export function MembersSection({ group, members, act }: { group: GroupDetail; members: GroupMember[]; act: Act }) {
  const { t } = useTranslation("groups");
  const heading = useRef<HTMLHeadingElement>(null);
  const actHere: Act = (work, words) => act(work, words).then(() => heading.current?.focus());
  const withStatus = (status: GroupMember["status"]) => members.filter((m) => m.status === status);
  const requests = withStatus("pending");
  const invited = withStatus("invited");

  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading" ref={heading} tabIndex={-1}>
        {t("members.heading")}
      </h2>
      <ul className="member-list">
        {withStatus("active").map((person) => (
          <li key={person.memberId}>
            <ActiveMember group={group} person={person} act={actHere} />
          </li>
        ))}
      </ul>
      {group.can.approve && requests.length > 0 ? (
        <>
          <h3>{t("members.requests")}</h3>
          <ul className="member-list">
            {requests.map((person) => (
              <li key={person.memberId}>
                <PersonName person={person} />
                <div className="actions">
                  <button
                    type="button"
                    className="button"
                    aria-label={t("members.approveName", { name: person.displayName })}
                    onClick={() => void actHere(approve(group.id, person, t("members.approved", { name: person.displayName }))).catch(() => undefined)}
                  >
                    {t("members.approve")}
                  </button>
                  <button
                    type="button"
                    className="button button-secondary"
                    aria-label={t("members.declineName", { name: person.displayName })}
                    onClick={() => void actHere(remove(group.id, person, t("members.declined", { name: person.displayName }))).catch(() => undefined)}
                  >
                    {t("members.decline")}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {group.can.invite ? (
        <>
          {invited.length > 0 ? (
            <>
              <h3>{t("members.invited")}</h3>
              <ul className="member-list">
                {invited.map((person) => (
                  <li key={person.memberId}>
                    <PersonName person={person} />
                    <button
                      type="button"
                      className="button button-secondary"
                      aria-label={t("members.withdrawInvitationName", { name: person.displayName })}
                      onClick={() => void actHere(remove(group.id, person, t("members.invitationWithdrawn", { name: person.displayName }))).catch(() => undefined)}
                    >
                      {t("members.withdrawInvitation")}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <InviteForm group={group} act={act} />
        </>
      ) : null}
    </section>
  );
}

const approve = (groupId: string, person: GroupMember, message: string) => async () => {
  await groupsApi.approve(groupId, person.memberId);
  return message;
};
const remove = (groupId: string, person: GroupMember, message: string) => async () => {
  await groupsApi.remove(groupId, person.memberId);
  return message;
};

function PersonName({ person, isMe = false }: { person: GroupMember; isMe?: boolean }) {
  const { t } = useTranslation("groups");
  return (
    <p>
      <strong>{person.displayName}</strong>
      {person.displayName !== person.handle ? <span className="handle"> @{person.handle}</span> : null}
      {isMe ? <span> {t("members.you")}</span> : null}
    </p>
  );
}

function ActiveMember({ group, person, act }: { group: GroupDetail; person: GroupMember; act: Act }) {
  const { t } = useTranslation("groups");
  const labels = useGroupLabels();
  const { member } = useMember();
  const isMe = member?.id === person.memberId;
  const positions = person.positions.length > 0 ? labels.list(person.positions.map(labels.position)) : null;
  return (
    <>
      <PersonName person={person} isMe={isMe} />
      {positions ? <p>{t("members.serves", { positions })}</p> : null}
      {group.can.managePositions ? (
        <details>
          <summary>{t("members.manage", { name: person.displayName })}</summary>
          <PositionsForm group={group} person={person} act={act} />
          {isMe ? null : (
            <ConfirmButton
              label={t("members.remove")}
              question={t("members.removeQuestion", { name: person.displayName })}
              confirmLabel={t("members.removeConfirm")}
              onConfirm={() => act(remove(group.id, person, t("members.removed", { name: person.displayName })))}
            />
          )}
        </details>
      ) : null}
    </>
  );
}

/** The service positions one member holds, as checkboxes saved together. */
function PositionsForm({ group, person, act }: { group: GroupDetail; person: GroupMember; act: Act }) {
  const { t } = useTranslation("groups");
  const labels = useGroupLabels();
  const [pending, setPending] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const chosen = new FormData(event.currentTarget).getAll("positions") as ServicePosition[];
    setPending(true);
    act(async () => {
      await groupsApi.setPositions(group.id, person.memberId, chosen);
      return t("members.positionsSaved", { name: person.displayName });
    })
      .catch(() => undefined)
      .finally(() => setPending(false));
  };

  return (
    <form onSubmit={submit} className="stack" noValidate>
      <fieldset className="field choice-group">
        <legend>{t("members.positionsFor", { name: person.displayName })}</legend>
        {SERVICE_POSITIONS.map((position) => {
          const id = `positions-${person.memberId}-${position}`;
          return (
            <div className="field-check" key={position}>
              <input id={id} type="checkbox" name="positions" value={position} defaultChecked={person.positions.includes(position)} />
              <label htmlFor={id}>{labels.position(position)}</label>
            </div>
          );
        })}
      </fieldset>
      <SubmitButton pending={pending}>{t("members.savePositions", { name: person.displayName })}</SubmitButton>
    </form>
  );
}

function InviteForm({ group, act }: { group: GroupDetail; act: Act }) {
  const { t } = useTranslation("groups");
  const form = useApiForm(
    async (data) => {
      const handle = text(data, "handle").trim().replace(/^@/, "");
      const invitee = await groupsApi.invite(group.id, handle);
      form.props.ref.current?.reset();
      await act(async () => t("invite.sent", { name: invitee.displayName }));
    },
    { messages: { conflict: t("invite.alreadyThere") } },
  );
  return (
    <form {...form.props} className="stack">
      <h3>{t("invite.heading")}</h3>
      <p>{t("invite.intro")}</p>
      <FormAlert form={form} />
      <TextField name="handle" label={t("invite.handle")} error={fieldMessage(form, "handle", t("invite.noSuchHandle"))} autoCapitalize="none" autoComplete="off" spellCheck={false} required />
      <SubmitButton pending={form.pending}>{t("invite.submit")}</SubmitButton>
    </form>
  );
}
