import { useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CheckboxField } from "../../components/form";
import { useMember } from "../../lib/app-state";
import { groupsApi, type GroupDetail } from "./api";
import { ConfirmButton } from "../../components/ConfirmButton";
import { useGroupLabels } from "../../lib/group-labels";
import type { Act } from "../../components/announce";

/** The reader's own place in the group: join, answer an invitation, wait, or leave. */
export function MembershipSection({ group, act, onLeft }: { group: GroupDetail; act: Act; onLeft: (message: string) => void }) {
  const { t } = useTranslation("groups");
  const { member } = useMember();
  const heading = useRef<HTMLHeadingElement>(null);
  // After a change the button pressed may be gone; the section's heading keeps the reader's place.
  const actHere: Act = (work, words) => act(work, words).then(() => heading.current?.focus());
  const isMember = group.myMembership?.status === "active";
  return (
    <section aria-labelledby="membership-heading">
      <h2 id="membership-heading" ref={heading} tabIndex={-1}>
        {isMember ? t("membership.headingMember") : t("membership.heading")}
      </h2>
      {member ? (
        <MembershipChoices group={group} act={actHere} isAdmin={member.isOrganizationAdmin} onLeft={onLeft} />
      ) : (
        <SignedOut groupId={group.id} />
      )}
    </section>
  );
}

function MembershipChoices({ group, act, isAdmin, onLeft }: { group: GroupDetail; act: Act; isAdmin: boolean; onLeft: (message: string) => void }) {
  const { t } = useTranslation("groups");
  const labels = useGroupLabels();
  const mine = group.myMembership;

  const leave = async (message: string) => {
    await act(async () => {
      await groupsApi.leave(group.id);
      return message;
    });
    onLeft(message);
  };

  switch (mine?.status) {
    case "active":
      return (
        <>
          <p>{t("membership.member")}</p>
          {mine.positions.length > 0 ? (
            <p>{t("myPositions", { positions: labels.list(mine.positions.map(labels.position)) })}</p>
          ) : null}
          {mine.acceptedGuidelinesVersion !== group.guidelinesVersion ? (
            <>
              <p>{t("membership.guidelinesChanged")}</p>
              <AcceptGuidelines key={group.guidelinesVersion} group={group} act={act} submitLabel={t("join.acceptNew")} />
            </>
          ) : null}
          <ConfirmButton
            label={t("membership.leave")}
            question={t("membership.leaveQuestion")}
            confirmLabel={t("membership.leaveConfirm")}
            onConfirm={() => leave(t("membership.left", { name: group.name }))}
          />
        </>
      );
    case "pending":
      return (
        <>
          <p>{t("membership.pending")}</p>
          <ConfirmButton
            label={t("membership.withdraw")}
            question={t("membership.withdrawQuestion")}
            confirmLabel={t("membership.withdrawConfirm")}
            onConfirm={() => leave(t("membership.withdrawn"))}
          />
        </>
      );
    case "invited":
      return (
        <>
          <p>{t("membership.invited")}</p>
          <AcceptGuidelines key={group.guidelinesVersion} group={group} act={act} submitLabel={t("join.acceptInvitation")} />
          <ConfirmButton
            label={t("membership.decline")}
            question={t("membership.declineQuestion")}
            confirmLabel={t("membership.declineConfirm")}
            onConfirm={() => leave(t("membership.declined"))}
          />
        </>
      );
    default:
      if (group.membershipPolicy === "invitation" && !isAdmin) {
        return <p>{t("membership.invitationOnly")}</p>;
      }
      return (
        <>
          {group.membershipPolicy === "approval" ? <p>{t("membership.approvalExplained")}</p> : null}
          <AcceptGuidelines
            key={group.guidelinesVersion}
            group={group}
            act={act}
            submitLabel={group.membershipPolicy === "approval" && !isAdmin ? t("join.ask") : t("join.join")}
          />
        </>
      );
  }
}

/**
 * The reader ticks that they have read and accept the guidelines shown above; only then can
 * they send, and what they send is the version they were shown.
 */
function AcceptGuidelines({ group, act, submitLabel }: { group: GroupDetail; act: Act; submitLabel: string }) {
  const { t } = useTranslation("groups");
  const { t: common } = useTranslation();
  const whyDisabled = useId();
  const [accepted, setAccepted] = useState(false);
  const [pending, setPending] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!accepted || pending) return;
    setPending(true);
    act(async () => joinedMessage(await groupsApi.join(group.id, group.guidelinesVersion)))
      .catch(() => undefined)
      .finally(() => setPending(false));
  };

  const joinedMessage = (joined: GroupDetail) => {
    if (group.myMembership?.status === "active") return t("join.acceptedNew");
    return joined.myMembership?.status === "active" ? t("join.welcome", { name: group.name }) : t("join.requested", { name: group.name });
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <CheckboxField
        name="acceptGuidelines"
        label={t("join.accept")}
        checked={accepted}
        onChange={(event) => setAccepted(event.currentTarget.checked)}
      />
      {accepted ? null : (
        <p className="field-hint" id={whyDisabled}>
          {t("join.tickFirst")}
        </p>
      )}
      <button type="submit" className="button" disabled={!accepted || pending} aria-describedby={accepted ? undefined : whyDisabled}>
        {pending ? common("form.working") : submitLabel}
      </button>
    </form>
  );
}

function SignedOut({ groupId }: { groupId: string }) {
  const { t } = useTranslation("groups");
  const next = encodeURIComponent(`/groups/${groupId}`);
  return (
    <>
      <p>{t("membership.signedOut")}</p>
      <div className="actions">
        <Link className="button" to={`/signin?next=${next}`}>
          {t("membership.signInToJoin")}
        </Link>
        <Link className="button button-secondary" to={`/signup?next=${next}`}>
          {t("membership.signUp")}
        </Link>
      </div>
    </>
  );
}
