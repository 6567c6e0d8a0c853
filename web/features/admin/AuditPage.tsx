/**
 * /admin/audit: the organization's audit log, latest first, for its admins: trust levels set by
 * hand, messages hidden by reports, and admins' decisions on reported messages, with their notes.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAnnouncer } from "../../components/announce";
import { LoadedView, asApiError, useLoaded } from "../../components/Loaded";
import { describeProblem } from "../../components/messages";
import { usePageTitle } from "../../lib/page";
import { adminApi, type AuditEntry, type AuditPage as AuditPageData } from "./api";
import { AdminOnly, BackToAdmin, When } from "./parts";

export function AuditPage() {
  return (
    <AdminOnly>
      <Audit />
    </AdminOnly>
  );
}

function Audit() {
  const { t } = useTranslation("admin");
  usePageTitle(t("audit.title"));
  const { loaded, reload } = useLoaded("admin:audit", () => adminApi.audit());
  return (
    <>
      <BackToAdmin />
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <LoadedView loaded={loaded} retry={reload} notFound={null}>
        {(first) => <AuditLog first={first} />}
      </LoadedView>
      <p>
        <Link to="/admin/flagged-messages">{t("flagged.link")}</Link>
      </p>
    </>
  );
}

function AuditLog({ first }: { first: AuditPageData }) {
  const { t } = useTranslation("admin");
  const { announcer, regions } = useAnnouncer();
  const [entries, setEntries] = useState<AuditEntry[]>(first.entries);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [pending, setPending] = useState(false);

  const more = async () => {
    if (!cursor || pending) return;
    setPending(true);
    try {
      const page = await adminApi.audit(cursor);
      setEntries((shown) => [...shown, ...page.entries]);
      setCursor(page.nextCursor);
      announcer.done(t("audit.shownMore", { count: page.entries.length }));
    } catch (error) {
      announcer.failed(describeProblem(asApiError(error), t));
    } finally {
      setPending(false);
    }
  };

  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t("audit.heading")}</h2>
      {regions}
      {entries.length === 0 ? <p>{t("audit.none")}</p> : null}
      <ol className="plain-list audit-log">
        {entries.map((entry) => (
          <li key={entry.id}>
            <When iso={entry.createdAt} />: <AuditText entry={entry} />
            {entry.note ? <blockquote className="correction-message">{entry.note}</blockquote> : null}
          </li>
        ))}
      </ol>
      {cursor ? (
        <button type="button" className="button button-secondary" aria-disabled={pending || undefined} onClick={() => void more()}>
          {pending ? t("common:form.working") : t("audit.more")}
        </button>
      ) : null}
    </section>
  );
}

function AuditText({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation("admin");
  const actor = entry.actor?.displayName ?? t("audit.formerActor");
  const subject = entry.subject?.displayName ?? t("audit.formerSubject");
  if (entry.action === "trust_set" && entry.trust) {
    return <>{t("audit.actions.trust_set", { actor, subject, from: t(`trust.levels.${entry.trust.from}`), to: t(`trust.levels.${entry.trust.to}`) })}</>;
  }
  if (entry.action === "trust_set") return <>{t("audit.actions.trust_setByHand", { actor, subject })}</>;
  return <>{t(`audit.actions.${entry.action}`, { actor, subject })}</>;
}
