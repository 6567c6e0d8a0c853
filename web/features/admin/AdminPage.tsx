import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { FormAlert, SubmitButton, text, TextField, useApiForm } from "../../components/form";
import { useAppState, useMember } from "../../lib/app-state";
import { RequireMember, usePageTitle } from "../../lib/page";
import { NotFoundPage } from "../../pages/NotFoundPage";
import { announceState, useAct, useAnnouncer, type Act, type Announcer } from "../../components/announce";
import { ConfirmButton } from "../../components/ConfirmButton";
import { useGroupLabels } from "../../lib/group-labels";
import { LoadedView, useLoaded } from "../../components/Loaded";
import { adminApi, type AdminPerson, type GroupSummary } from "./api";

/** /admin: the organization's name, its groups and its people. Others find no such page. */
export function AdminPage() {
  return (
    <RequireMember>
      <AdminOnly />
    </RequireMember>
  );
}

function AdminOnly() {
  const { member } = useMember();
  return member?.isOrganizationAdmin ? <Admin /> : <NotFoundPage />;
}

async function loadAdmin() {
  const [groups, people] = await Promise.all([adminApi.groups(), adminApi.people()]);
  return { groups, people };
}

function Admin() {
  const { t } = useTranslation("admin");
  usePageTitle(t("title"));
  const { loaded, reload } = useLoaded("admin", loadAdmin);
  const { announcer, regions } = useAnnouncer();
  const act = useAct(announcer, reload);
  return (
    <>
      <h1>{t("title")}</h1>
      {regions}
      <OrganizationName announcer={announcer} />
      <LoadedView loaded={loaded} retry={reload} notFound={null}>
        {({ groups, people }) => (
          <>
            <Groups groups={groups} />
            <People people={people} act={act} />
          </>
        )}
      </LoadedView>
    </>
  );
}

function OrganizationName({ announcer }: { announcer: Announcer }) {
  const { t } = useTranslation("admin");
  const { state, setOrganizationName } = useAppState();
  const form = useApiForm(async (data) => {
    const organization = await adminApi.rename(text(data, "name"));
    setOrganizationName(organization.name);
    announcer.done(t("organization.saved"));
  });
  return (
    <section aria-labelledby="organization-heading">
      <h2 id="organization-heading">{t("organization.heading")}</h2>
      <form {...form.props} className="stack">
        <FormAlert form={form} />
        <TextField
          name="name"
          label={t("organization.name")}
          hint={t("organization.nameHint")}
          defaultValue={state.organizationName ?? ""}
          error={form.fieldError("name")}
          autoComplete="organization"
          maxLength={100}
          required
        />
        <SubmitButton pending={form.pending}>{t("organization.save")}</SubmitButton>
      </form>
    </section>
  );
}

function Groups({ groups }: { groups: GroupSummary[] }) {
  const { t } = useTranslation("admin");
  const { t: groupWords } = useTranslation("groups");
  const labels = useGroupLabels();
  return (
    <section aria-labelledby="admin-groups-heading">
      <h2 id="admin-groups-heading">{t("groups.heading")}</h2>
      <p>
        <Link className="button" to="/groups/new">
          {groupWords("startGroup")}
        </Link>
      </p>
      {groups.length === 0 ? (
        <p>{t("groups.none")}</p>
      ) : (
        <ul className="plain-list">
          {groups.map((group) => (
            <li key={group.id}>
              <Link to={`/groups/${group.id}`}>{group.name}</Link>{" "}
              <span className="field-hint">
                {[
                  groupWords(`visibility.${group.visibility}.short`),
                  labels.policy(group.membershipPolicy),
                  groupWords("facts.memberCount", { count: group.memberCount }),
                ].join(" · ")}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function People({ people, act }: { people: AdminPerson[]; act: Act }) {
  const { t } = useTranslation("admin");
  return (
    <section aria-labelledby="people-heading">
      <h2 id="people-heading">{t("people.heading")}</h2>
      <p>{t("people.intro")}</p>
      <ul className="card-list">
        {people.map((person) => (
          <li key={person.id}>
            <Person person={person} act={act} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Person({ person, act }: { person: AdminPerson; act: Act }) {
  const { t } = useTranslation("admin");
  const labels = useGroupLabels();
  const { member, setMember } = useMember();
  const navigate = useNavigate();
  const isMe = member?.id === person.id;
  const name = person.displayName;

  const setAdmin = (isOrganizationAdmin: boolean, done: string) =>
    act(
      async () => {
        await adminApi.setAdmin(person.id, isOrganizationAdmin);
        return done;
      },
      { conflict: isMe ? t("people.lastAdminYou") : t("people.lastAdmin", { name }) },
    );

  // Stepping down closes this page to me, so go on to my groups and say it there.
  const stepDown = async () => {
    await setAdmin(false, t("people.steppedDown"));
    if (member) setMember({ ...member, isOrganizationAdmin: false });
    await navigate("/groups", { state: announceState(t("people.steppedDown")) });
  };

  return (
    <article className="card">
      <h3>
        {name}
        {name !== person.handle ? <span className="handle"> @{person.handle}</span> : null}
        {isMe ? <span> {t("people.you")}</span> : null}
      </h3>
      {person.isOrganizationAdmin ? <p className="tag">{t("people.isAdmin")}</p> : null}
      {person.groups.length === 0 ? (
        <p>{t("people.noGroups")}</p>
      ) : (
        <ul>
          {person.groups.map((group) => (
            <li key={group.groupId}>
              <Link to={`/groups/${group.groupId}`}>{group.groupName}</Link>
              {group.positions.length > 0 ? ` (${labels.list(group.positions.map(labels.position))})` : null}
            </li>
          ))}
        </ul>
      )}
      {person.isOrganizationAdmin ? (
        <ConfirmButton
          label={isMe ? t("people.stepDown") : t("people.unmake", { name })}
          question={isMe ? t("people.stepDownQuestion") : t("people.unmakeQuestion", { name })}
          confirmLabel={isMe ? t("people.stepDownConfirm") : t("people.unmakeConfirm")}
          onConfirm={isMe ? stepDown : () => setAdmin(false, t("people.unmade", { name }))}
        />
      ) : (
        <ConfirmButton
          label={t("people.make", { name })}
          question={t("people.makeQuestion", { name })}
          confirmLabel={t("people.makeConfirm")}
          onConfirm={() => setAdmin(true, t("people.made", { name }))}
        />
      )}
    </article>
  );
}
