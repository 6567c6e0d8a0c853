import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { usePageTitle } from "../../lib/page";
import { announceState, useAct, useAnnouncer, type Act } from "../../components/announce";
import { groupsApi, type GroupDetail, type GroupMember } from "./api";
import { GroupFacts } from "./GroupFacts";
import { GroupNotFound } from "./GroupNotFound";
import { GuidelinesText, loadGuidelinesRenderer } from "./GuidelinesText";
import { LoadedView } from "../../components/Loaded";
import { usePageData } from "../../lib/page-data";
import { MembersSection } from "./MembersSection";
import { MembershipSection } from "./MembershipSection";

interface GroupPageData {
  group: GroupDetail;
  members: GroupMember[];
}

/** Before the page first renders with the group the server sent, the guidelines' renderer must be here. */
export const prepare = loadGuidelinesRenderer;

async function loadGroupPage(groupId: string): Promise<GroupPageData> {
  const [group] = await Promise.all([groupsApi.detail(groupId), loadGuidelinesRenderer()]);
  const members = group.can.seeMembers ? await groupsApi.members(groupId) : [];
  return { group, members };
}

/** /groups/:groupId: about, guidelines, joining, and (for members) who is in it. */
export function GroupPage() {
  const { t } = useTranslation("groups");
  const { groupId = "" } = useParams();
  const navigate = useNavigate();
  const { loaded, reload } = usePageData("group", `group:${groupId}`, () => loadGroupPage(groupId));
  const { announcer, regions } = useAnnouncer();

  usePageTitle(
    loaded.state === "ready" ? loaded.data.group.name : loaded.state === "failed" && loaded.error.status === 404 ? t("notFound.title") : t("group.title"),
  );

  const act = useAct(announcer, reload, { guidelinesNotAccepted: t("join.guidelinesChanged") });

  // An unlisted group is hidden from those who left it, so say goodbye from the list of groups.
  const onLeft = (group: GroupDetail) => (message: string) => {
    if (group.visibility === "unlisted") void navigate("/groups", { state: announceState(message) });
  };

  return (
    <>
      {regions}
      <LoadedView loaded={loaded} retry={reload} notFound={<GroupNotFound />}>
        {({ group, members }) => <GroupView group={group} members={members} act={act} onLeft={onLeft(group)} />}
      </LoadedView>
    </>
  );
}

function GroupView({ group, members, act, onLeft }: GroupPageData & { act: Act; onLeft: (message: string) => void }) {
  const { t } = useTranslation("groups");
  return (
    <>
      <h1>{group.name}</h1>
      {group.can.edit ? (
        <p>
          <Link to={`/groups/${group.id}/edit`}>{t("group.edit")}</Link>
        </p>
      ) : null}
      {group.can.edit ? (
        <p>
          <Link to={`/groups/${group.id}/formats`}>{t("group.formats")}</Link>
        </p>
      ) : null}
      <p>
        <Link to={`/groups/${group.id}/meetings`}>{t(group.can.edit ? "meetings:manage.link" : "meetings:manage.groupLink")}</Link>
      </p>
      <p>
        <Link to={`/groups/${group.id}/board`}>{t("board:board.groupLink")}</Link>
      </p>
      <section aria-labelledby="about-heading">
        <h2 id="about-heading">{t("group.about")}</h2>
        <Paragraphs text={group.description} />
        <GroupFacts group={group} long />
      </section>
      <section aria-labelledby="guidelines-heading">
        <h2 id="guidelines-heading">{t("group.guidelines")}</h2>
        <p className="field-hint">{t("group.guidelinesVersion", { version: group.guidelinesVersion })}</p>
        {group.guidelines.trim() ? <GuidelinesText source={group.guidelines} /> : <p>{t("group.noGuidelines")}</p>}
      </section>
      <MembershipSection group={group} act={act} onLeft={onLeft} />
      {group.can.seeMembers ? <MembersSection group={group} members={members} act={act} /> : null}
    </>
  );
}

/** Plain text as written: a blank line starts a new paragraph, a line break stays one. */
function Paragraphs({ text }: { text: string }) {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return (
    <>
      {paragraphs.map((paragraph, i) => (
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
