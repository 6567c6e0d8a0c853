import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { GroupSummary } from "./api";
import { useGroupLabels } from "../../lib/group-labels";

/** Focus areas, languages and how to join, as a short description list. */
export function GroupFacts({ group, long = false }: { group: GroupSummary; long?: boolean }) {
  const { t } = useTranslation("groups");
  const labels = useGroupLabels();
  return (
    <dl className="facts">
      {long && group.whoFor ? (
        <>
          <dt>{t("facts.whoFor")}</dt>
          <dd>{group.whoFor}</dd>
        </>
      ) : null}
      <dt>{t("facts.focus")}</dt>
      <dd>{labels.list(group.focusAreas.map((area) => labels.focusArea(area, group.otherFocus)))}</dd>
      <dt>{t("facts.languages")}</dt>
      <dd>{labels.languages(group.languages)}</dd>
      <dt>{t("facts.joining")}</dt>
      <dd>{long ? t(`policy.${group.membershipPolicy}.long`) : labels.policy(group.membershipPolicy)}</dd>
      {long && group.visibility === "unlisted" ? (
        <>
          <dt>{t("facts.visibility")}</dt>
          <dd>{t("visibility.unlisted.long")}</dd>
        </>
      ) : null}
      <dt>{t("facts.members")}</dt>
      <dd>{t("facts.memberCount", { count: group.memberCount })}</dd>
    </dl>
  );
}

/** One group in a list: its name links to its page. */
export function GroupCard({ group }: { group: GroupSummary }) {
  const { t } = useTranslation("groups");
  const labels = useGroupLabels();
  const positions = group.myMembership?.status === "active" ? group.myMembership.positions : [];
  return (
    <article className="card">
      <h3>
        <Link to={`/groups/${group.id}`}>{group.name}</Link>
      </h3>
      {group.visibility === "unlisted" ? <p className="tag">{t("visibility.unlisted.short")}</p> : null}
      {group.whoFor ? <p>{group.whoFor}</p> : null}
      {positions.length > 0 ? <p>{t("myPositions", { positions: labels.list(positions.map(labels.position)) })}</p> : null}
      <GroupFacts group={group} />
    </article>
  );
}
