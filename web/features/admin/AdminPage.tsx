import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { FormAlert, SelectField, SubmitButton, text, TextField, useApiForm } from "../../components/form";
import { useAppState, useMember } from "../../lib/app-state";
import { ApiError } from "../../lib/api";
import { usePageTitle } from "../../lib/page";
import { announceState, useAct, useAnnouncer, type Act, type Announcer } from "../../components/announce";
import { ConfirmButton } from "../../components/ConfirmButton";
import { useGroupLabels } from "../../lib/group-labels";
import { LoadedView, useLoaded } from "../../components/Loaded";
import { adminApi, type AdminPerson, type GroupSummary, type TrustLevel } from "./api";
import { AdminOnly, TRUST_LEVELS } from "./parts";

/**
 * /admin: reported messages and the audit log, the organization's name, its groups and its
 * people (with their trust levels). Others find no such page.
 */
export function AdminPage() {
  return (
    <AdminOnly>
      <Admin />
    </AdminOnly>
  );
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
      <Safety />
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

/** Reported direct messages and the audit log, each on its own page; how many reports wait, when known. */
function Safety() {
  const { t } = useTranslation("admin");
  const { loaded } = useLoaded("admin:flagged-count", adminApi.flaggedMessages);
  const waiting = loaded.state === "ready" ? loaded.data.length : null;
  return (
    <section aria-labelledby="safety-heading">
      <h2 id="safety-heading">{t("safety.heading")}</h2>
      <p>{t("safety.intro")}</p>
      <ul className="plain-list">
        <li>
          <Link to="/admin/flagged-messages">{t("flagged.link")}</Link>
          {waiting !== null ? <span className="field-hint"> {t("safety.waiting", { count: waiting })}</span> : null}
        </li>
        <li>
          <Link to="/admin/audit">{t("audit.link")}</Link>
        </li>
      </ul>
    </section>
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
      <Trust person={person} act={act} />
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

/**
 * Setting someone's trust level by hand (new, basic, member). The level grows by itself with
 * taking part; once set here, it changes only by hand. The list does not say the current level.
 */
function Trust({ person, act }: { person: AdminPerson; act: Act }) {
  const { t } = useTranslation("admin");
  const name = person.displayName;
  const [setTo, setSetTo] = useState<TrustLevel | null>(null);
  const form = useApiForm(
    async (data) => {
      const chosen = text(data, "level");
      if (!chosen) {
        throw new ApiError(400, "validation", { type: "urn:kindred:problem:validation", title: "", status: 400, errors: [{ field: "level", message: t("trust.choose") }] });
      }
      const level = Number(chosen) as TrustLevel;
      await adminApi.setTrust(person.id, level);
      setSetTo(level);
      await act(async () => t("trust.done", { name, level: t(`trust.levels.${level}`) }));
    },
    { messages: { notFound: t("trust.gone", { name }) } },
  );
  return (
    <details className="trust-level">
      <summary>{t("trust.open", { name })}</summary>
      <form {...form.props} className="stack">
        <FormAlert form={form} />
        {setTo !== null ? <p>{t("trust.now", { level: t(`trust.levels.${setTo}`) })}</p> : null}
        <SelectField
          name="level"
          label={t("trust.label")}
          hint={t("trust.hint")}
          error={form.fieldError("level")}
          defaultValue=""
          options={[{ value: "", label: t("trust.placeholder") }, ...TRUST_LEVELS.map((level) => ({ value: String(level), label: t(`trust.levels.${level}`) }))]}
        />
        <SubmitButton pending={form.pending} className="button button-secondary">
          {t("trust.save")}
        </SubmitButton>
      </form>
    </details>
  );
}

// The safety pages travel in this page's file: one lazy module for the admin's pages keeps the
// main bundle's list of page files short (docs/PERFORMANCE.md).
export { FlaggedMessagesPage } from "./FlaggedMessagesPage";
export { AuditPage } from "./AuditPage";
