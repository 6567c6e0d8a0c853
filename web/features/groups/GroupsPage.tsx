import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMember } from "../../lib/app-state";
import { usePageTitle } from "../../lib/page";
import { groupsApi, type GroupSummary } from "./api";
import { useAnnouncer } from "../../components/announce";
import { GroupCard } from "./GroupFacts";
import { LoadedView } from "../../components/Loaded";
import { usePageData } from "../../lib/page-data";

/** /groups: the groups I belong to or am answering, and the groups I could join. */
export function GroupsPage() {
  const { t } = useTranslation("groups");
  const { member } = useMember();
  const title = member ? t("list.title") : t("list.titleSignedOut");
  usePageTitle(title);
  // Who is signed in changes what the list holds.
  const { loaded, reload } = usePageData("groups", `groups:${member?.id ?? ""}`, groupsApi.list);
  const { regions } = useAnnouncer();

  return (
    <>
      {regions}
      <h1>{title}</h1>
      {member ? null : <p className="lead">{t("list.introSignedOut")}</p>}
      {member?.isOrganizationAdmin ? (
        <p>
          <Link className="button" to="/groups/new">
            {t("startGroup")}
          </Link>
        </p>
      ) : null}
      <LoadedView loaded={loaded} retry={reload} notFound={null}>
        {(groups) => <GroupSections groups={groups} signedIn={member !== null} />}
      </LoadedView>
    </>
  );
}

function GroupSections({ groups, signedIn }: { groups: GroupSummary[]; signedIn: boolean }) {
  const { t } = useTranslation("groups");
  const withStatus = (status: string | null) => groups.filter((g) => (g.myMembership?.status ?? null) === status);
  return (
    <>
      {signedIn ? (
        <GroupSection id="my-groups" heading={t("list.mine")} groups={withStatus("active")} empty={t("list.mineEmpty")} />
      ) : null}
      <GroupSection id="invitations" heading={t("list.invitations")} intro={t("list.invitationsIntro")} groups={withStatus("invited")} />
      <GroupSection id="requests" heading={t("list.requests")} intro={t("list.requestsIntro")} groups={withStatus("pending")} />
      <GroupSection id="can-join" heading={t("list.canJoin")} groups={withStatus(null)} empty={t("list.canJoinEmpty")} />
    </>
  );
}

/** A titled list of groups; without `empty`, an empty section is left out. */
function GroupSection({ id, heading, intro, groups, empty }: { id: string; heading: string; intro?: string; groups: GroupSummary[]; empty?: string }) {
  if (groups.length === 0 && empty === undefined) return null;
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      {intro ? <p>{intro}</p> : null}
      {groups.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul className="card-list">
          {groups.map((group) => (
            <li key={group.id}>
              <GroupCard group={group} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
