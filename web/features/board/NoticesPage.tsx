/**
 * /notices: what the moderators decided, told privately. To an author: what was done to their
 * post or to them, why, with their country's crisis lines, and an appeal (once). To a flagger:
 * what came of the flag.
 */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAnnouncer, type Act } from "../../components/announce";
import { SubmitButton, text, TextArea, useApiForm } from "../../components/form";
import { LoadedView, useLoaded } from "../../components/Loaded";
import { useLanguage } from "../../lib/app-state";
import { RequireMember, usePageTitle } from "../../lib/page";
import { boardApi, type Notice } from "./api";
import { BoardFormAlert, useBoardAct, When } from "./parts";
import { LIMITS } from "./vocabulary";
import { NotFoundPage } from "../../pages/NotFoundPage";

export function NoticesPage() {
  return (
    <RequireMember>
      <Notices />
    </RequireMember>
  );
}

function Notices() {
  const { t } = useTranslation("board");
  const { loaded, reload } = useLoaded("notices", () => boardApi.notices());
  const { announcer, regions } = useAnnouncer();
  const act = useBoardAct(announcer, reload);
  usePageTitle(t("notices.title"));
  return (
    <>
      {regions}
      <h1>{t("notices.title")}</h1>
      <p>{t("notices.intro")}</p>
      <LoadedView loaded={loaded} retry={reload} notFound={<NotFoundPage />}>
        {(notices) =>
          notices.length === 0 ? (
            <p>{t("notices.none")}</p>
          ) : (
            <ul className="card-list">
              {notices.map((notice) => (
                <li key={notice.id}>
                  <NoticeCard notice={notice} act={act} />
                </li>
              ))}
            </ul>
          )
        }
      </LoadedView>
    </>
  );
}

function NoticeCard({ notice, act }: { notice: Notice; act: Act }) {
  const { t } = useTranslation("board");
  const id = useId();
  return (
    <article className="card notice-card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t(`notices.headings.${notice.kind}`, { group: notice.groupName })}</h2>
      <p className="topic-meta">
        <When iso={notice.createdAt} />
        {notice.postId ? (
          <>
            {" · "}
            <Link to={`/groups/${notice.groupId}/board`}>{t("notices.toBoard", { group: notice.groupName })}</Link>
          </>
        ) : null}
      </p>
      <p>{explain(notice, t)}</p>
      {notice.reason ? <p>{t("notices.reason", { reason: t(`flag.reasons.${notice.reason}`) })}</p> : null}
      {notice.note ? (
        <>
          <p>{notice.kind === "appeal_decided" ? t("notices.decisionNote") : t("notices.moderatorNote")}</p>
          <blockquote className="correction-message">{notice.note}</blockquote>
        </>
      ) : null}
      {notice.until ? (
        <p>
          {t("notices.until")} <When iso={notice.until} />
        </p>
      ) : null}
      {notice.resources ? <Resources resources={notice.resources} /> : null}
      {notice.appeal ? (
        <p className="notice">
          {t(`notices.appealStatus.${notice.appeal.status}`)}
          {notice.appeal.decisionNote ? ` ${notice.appeal.decisionNote}` : null}
        </p>
      ) : null}
      {notice.canAppeal ? <AppealForm notice={notice} act={act} /> : null}
    </article>
  );
}

function explain(notice: Notice, t: ReturnType<typeof useTranslation>["t"]): string {
  if (notice.kind === "flag_outcome" || notice.kind === "appeal_decided") {
    return t(`notices.outcomes.${notice.outcome ?? "kept"}`);
  }
  return t(`notices.explain.${notice.kind}`);
}

/** The author's crisis lines, as the server chose them for their country. */
function Resources({ resources }: { resources: NonNullable<Notice["resources"]> }) {
  const { t } = useTranslation("board");
  const { language } = useLanguage();
  return (
    <div className="callout">
      <p>{t("notices.resourcesIntro")}</p>
      {resources.emergency ? (
        <p>
          {t("crisisDraft.emergency")}{" "}
          <a className="button button-urgent" href={`tel:${resources.emergency}`}>
            {t("help:callNumber", { number: resources.emergency })}
          </a>
        </p>
      ) : null}
      {resources.lines.length ? (
        <ul className="plain-list">
          {resources.lines.map((line) => (
            <li key={line.service}>
              <strong>{line.service}</strong>: {line.how[language]}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <Link to={resources.helpPath}>{t("crisisDraft.moreHelp")}</Link>
      </p>
    </div>
  );
}

function AppealForm({ notice, act }: { notice: Notice; act: Act }) {
  const { t } = useTranslation("board");
  const [open, setOpen] = useState(false);
  const id = useId();
  const form = useApiForm(async (data) => {
    await boardApi.appeal(notice.id, text(data, "message"));
    await act(async () => t("notices.appealed"));
  });
  return (
    <div>
      <button type="button" className="button button-secondary" aria-expanded={open} aria-controls={`${id}-form`} onClick={() => setOpen((o) => !o)}>
        {t("notices.appeal")}
      </button>
      <div id={`${id}-form`} hidden={!open}>
        {open ? (
          <form {...form.props} className="stack">
            <BoardFormAlert form={form} />
            <p>{t("notices.appealIntro")}</p>
            <TextArea name="message" label={t("notices.appealMessage")} rows={4} maxLength={LIMITS.noteMax} error={form.fieldError("message")} required />
            <SubmitButton pending={form.pending}>{t("notices.appealSubmit")}</SubmitButton>
          </form>
        ) : null}
      </div>
    </div>
  );
}
