import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useMember } from "../../lib/app-state";
import { RequireMember, usePageTitle } from "../../lib/page";
import { NotFoundPage } from "../../pages/NotFoundPage";
import { groupsApi } from "./api";
import { GroupForm } from "./GroupForm";
import { GroupNotFound } from "./GroupNotFound";
import { LoadedView, useLoaded } from "../../components/Loaded";

/** /groups/new: organization admins start groups; to anyone else the page does not exist. */
export function NewGroupPage() {
  return (
    <RequireMember>
      <NewGroup />
    </RequireMember>
  );
}

function NewGroup() {
  const { member } = useMember();
  return member?.isOrganizationAdmin ? <NewGroupForm /> : <NotFoundPage />;
}

function NewGroupForm() {
  const { t } = useTranslation("groups");
  const title = t("form.newTitle");
  usePageTitle(title);
  return (
    <>
      <h1>{title}</h1>
      <p>{t("form.newIntro")}</p>
      <GroupForm save={groupsApi.create} submitLabel={t("form.create")} />
    </>
  );
}

/** /groups/:groupId/edit: for those the group lets edit it. */
export function EditGroupPage() {
  return (
    <RequireMember>
      <EditGroup />
    </RequireMember>
  );
}

function EditGroup() {
  const { t } = useTranslation("groups");
  const { groupId = "" } = useParams();
  const { loaded, reload } = useLoaded(`group:${groupId}`, () => groupsApi.detail(groupId));
  usePageTitle(loaded.state === "ready" && loaded.data.can.edit ? t("form.editTitle", { name: loaded.data.name }) : t("group.title"));
  return (
    <LoadedView loaded={loaded} retry={reload} notFound={<GroupNotFound />}>
      {(group) =>
        group.can.edit ? (
          <>
            <h1>{t("form.editTitle", { name: group.name })}</h1>
            <GroupForm group={group} save={(fields) => groupsApi.update(group.id, fields)} submitLabel={t("form.save")} />
          </>
        ) : (
          <GroupNotFound />
        )
      }
    </LoadedView>
  );
}
