/**
 * Two small pages for a group's members: /groups/:groupId/check-ins (check-ins members chose to
 * share with the group) and /groups/:groupId/celebrations (marks members reach today, from
 * milestones they chose to celebrate with the group).
 */
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { LoadedView, useLoaded } from "../../components/Loaded";
import { RequireMember, usePageTitle } from "../../lib/page";
import { NotFoundPage } from "../../pages/NotFoundPage";
import { supportApi } from "./api";
import { formatDay, localToday } from "./dates";
import { markName } from "./marks";
import "./support.css";

/**
 * A group's page: what `load` brings for the group in the address, with the group's name; the
 * page's title names the group once it is known (`title(null)` until then).
 */
function useGroupPage<T extends object>(kind: string, load: (groupId: string) => Promise<T>, title: (group: string | null) => string) {
  const { groupId = "" } = useParams();
  const { loaded, reload } = useLoaded(`${kind}:${groupId}`, async (): Promise<T & { group: string }> => {
    const [group, data] = await Promise.all([supportApi.groupName(groupId), load(groupId)]);
    return { ...data, group };
  });
  usePageTitle(title(loaded.state === "ready" ? loaded.data.group : null));
  return { groupId, loaded, reload };
}

export function GroupCheckInsPage() {
  return (
    <RequireMember>
      <GroupCheckIns />
    </RequireMember>
  );
}

function GroupCheckIns() {
  const { t, i18n } = useTranslation("support");
  const { groupId, loaded, reload } = useGroupPage("group-check-ins", async (id) => ({ checkIns: await supportApi.sharedWithGroup(id) }), (group) =>
    group === null ? t("groupCheckIns.titlePlain") : t("groupCheckIns.title", { group }),
  );
  return (
    <LoadedView loaded={loaded} retry={reload} notFound={<NotFoundPage />}>
      {({ group, checkIns }) => (
        <>
          <h1>{t("groupCheckIns.title", { group })}</h1>
          <p>
            <Link to={`/groups/${groupId}`}>{t("groupCheckIns.back", { group })}</Link>
          </p>
          <p>{t("groupCheckIns.intro")}</p>
          {checkIns.length === 0 ? <p>{t("groupCheckIns.none")}</p> : null}
          <ul className="card-list">
            {checkIns.map((checkIn) => (
              <li key={checkIn.id}>
                <article className="card" aria-labelledby={`shared-${checkIn.id}`}>
                  <h2 id={`shared-${checkIn.id}`}>{t("groupCheckIns.byOn", { name: checkIn.author.displayName, date: formatDay(checkIn.date, i18n.language, "long") })}</h2>
                  <p>
                    <strong>{t(`mood.${checkIn.mood}`)}</strong>
                  </p>
                  {checkIn.note ? <p className="support-text">{checkIn.note}</p> : null}
                </article>
              </li>
            ))}
          </ul>
        </>
      )}
    </LoadedView>
  );
}

export function CelebrationsPage() {
  return (
    <RequireMember>
      <Celebrations />
    </RequireMember>
  );
}

function Celebrations() {
  const { t, i18n } = useTranslation("support");
  const { groupId, loaded, reload } = useGroupPage("celebrations", (id) => supportApi.celebrations(id, localToday()), (group) =>
    group === null ? t("celebrations.titlePlain") : t("celebrations.title", { group }),
  );
  return (
    <LoadedView loaded={loaded} retry={reload} notFound={<NotFoundPage />}>
      {({ group, date, celebrations }) => (
        <>
          <h1>{t("celebrations.title", { group })}</h1>
          <p>
            <Link to={`/groups/${groupId}`}>{t("celebrations.back", { group })}</Link>
          </p>
          <p>{t("celebrations.intro")}</p>
          <h2>{t("celebrations.today", { date: formatDay(date, i18n.language, "long") })}</h2>
          {celebrations.length === 0 ? <p>{t("celebrations.none")}</p> : null}
          <ul className="card-list">
            {celebrations.map((c) => (
              <li key={c.milestoneId} className="card">
                {t("celebrations.reachedMark", {
                  name: c.member.displayName,
                  mark: markName(c.mark, t),
                  what: t(`celebrations.what.${c.label}`, { words: c.words ?? "" }),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </LoadedView>
  );
}
