/**
 * /groups/:groupId/board: the group's support board. Topics by latest activity (pinned first),
 * unread markers, more on request (keyset pages), topics with a content warning folded until the
 * reader opens them, and a form to start a topic. Signed-in pages fetch after hydration.
 */
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { announceState, useAnnouncer } from "../../components/announce";
import { ChoiceGroup, StatusMessage, SubmitButton, text, useApiForm } from "../../components/form";
import { asApiError, useLoaded } from "../../components/Loaded";
import { useMember } from "../../lib/app-state";
import { usePageTitle } from "../../lib/page";
import { boardApi, type BoardThread, type Group, type ThreadsPage } from "./api";
import { BoardAccessView } from "./BoardAccessView";
import { AuthorName, BoardFormAlert, Composer, threadPath, When } from "./parts";

interface BoardData {
  group: Group;
  page: ThreadsPage;
}

async function loadBoard(groupId: string): Promise<BoardData> {
  const [group, page] = await Promise.all([boardApi.group(groupId), boardApi.threads(groupId)]);
  return { group, page };
}

export function BoardPage() {
  const { t } = useTranslation("board");
  const { groupId = "" } = useParams();
  const { loaded, reload } = useLoaded(`board:${groupId}`, () => loadBoard(groupId));
  const { regions } = useAnnouncer();
  usePageTitle(loaded.state === "ready" ? t("board.title", { group: loaded.data.group.name }) : t("board.titlePlain"));
  return (
    <>
      {regions}
      <BoardAccessView loaded={loaded} retry={reload} groupId={groupId}>
        {(data) => <Board key={groupId} {...data} />}
      </BoardAccessView>
    </>
  );
}

function Board({ group, page }: BoardData) {
  const { t } = useTranslation("board");
  const navigate = useNavigate();
  const { member } = useMember();
  const [more, setMore] = useState<BoardThread[]>([]);
  const [cursor, setCursor] = useState(page.nextCursor);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreFailed, setMoreFailed] = useState<string | null>(null);
  const firstNew = useRef<HTMLAnchorElement | null>(null);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const { can } = page.board;
  const [visibility, setVisibility] = useState(page.board.visibility);

  const loadMore = async () => {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    setMoreFailed(null);
    try {
      const next = await boardApi.threads(group.id, cursor);
      setFocusIndex(page.threads.length + more.length);
      setMore((m) => [...m, ...next.threads]);
      setCursor(next.nextCursor);
    } catch (error) {
      setMoreFailed(asApiError(error).code === "network" ? t("common:problems.network") : t("common:problems.internal"));
    } finally {
      setLoadingMore(false);
    }
  };

  const threads = [...page.threads, ...more];
  return (
    <>
      <h1>{t("board.title", { group: group.name })}</h1>
      <p>
        <Link to={`/groups/${group.id}`}>{t("board.aboutGroup", { group: group.name })}</Link>
      </p>
      <p className="field-hint">{visibility === "public" ? t("board.visibilityPublic") : t("board.visibilityMembers")}</p>
      {can.changeVisibility ? <VisibilitySetting groupId={group.id} visibility={visibility} onSaved={setVisibility} /> : null}
      <ul className="plain-list board-links">
        {can.moderate ? (
          <li>
            <Link to={`/groups/${group.id}/moderation`}>{t("board.moderationLink")}</Link>
          </li>
        ) : null}
        {member ? (
          <li>
            <Link to="/notices">{t("board.noticesLink")}</Link>
          </li>
        ) : null}
      </ul>
      {can.post ? (
        <section aria-labelledby="start-topic-heading" className="start-topic">
          <h2 id="start-topic-heading">{t("start.heading")}</h2>
          <details>
            <summary>{t("start.open")}</summary>
            <Composer
              withTitle
              headingLevel={3}
              submitLabel={t("start.submit")}
              save={async ({ title, body, contentWarning }) => {
                const created = await boardApi.startThread(group.id, { title, body, contentWarning });
                await navigate(threadPath(group.id, created.thread.id), { state: announceState(t("start.done")) });
              }}
            />
          </details>
        </section>
      ) : null}

      {page.pinned.length ? (
        <section aria-labelledby="pinned-heading">
          <h2 id="pinned-heading">{t("board.pinned")}</h2>
          <ul className="card-list topic-list">
            {page.pinned.map((thread) => (
              <TopicItem key={thread.id} thread={thread} />
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="topics-heading">
        <h2 id="topics-heading">{t("board.topics")}</h2>
        {threads.length === 0 ? <p>{t("board.none")}</p> : null}
        <ul className="card-list topic-list">
          {threads.map((thread, i) => (
            <TopicItem key={thread.id} thread={thread} linkRef={i === focusIndex ? (el) => {
              if (el && firstNew.current !== el) {
                firstNew.current = el;
                el.focus();
              }
            } : undefined} />
          ))}
        </ul>
        {cursor ? (
          <p>
            <button type="button" className="button button-secondary" aria-disabled={loadingMore || undefined} onClick={() => void loadMore()}>
              {loadingMore ? t("common:form.working") : t("board.more")}
            </button>
          </p>
        ) : null}
        {moreFailed ? (
          <p className="form-alert" role="alert">
            {moreFailed}
          </p>
        ) : null}
      </section>
    </>
  );
}

/** The group's chair or secretary chooses who reads the board: its members, or anyone who may see the group. */
function VisibilitySetting({ groupId, visibility, onSaved }: { groupId: string; visibility: "members" | "public"; onSaved: (v: "members" | "public") => void }) {
  const { t } = useTranslation("board");
  const [saved, setSaved] = useState<string | null>(null);
  const form = useApiForm(async (data) => {
    const chosen = text(data, "visibility") === "public" ? "public" : "members";
    setSaved(null);
    await boardApi.setVisibility(groupId, chosen);
    onSaved(chosen);
    setSaved(t("visibility.saved"));
  });
  return (
    <details className="board-setting">
      <summary>{t("visibility.summary")}</summary>
      <form {...form.props} className="stack">
        <BoardFormAlert form={form} />
        <ChoiceGroup
          name="visibility"
          legend={t("visibility.legend")}
          options={[
            { value: "members", label: t("visibility.members") },
            { value: "public", label: t("visibility.public") },
          ]}
          defaultValue={visibility}
        />
        <SubmitButton pending={form.pending}>{t("visibility.save")}</SubmitButton>
        <StatusMessage>{saved}</StatusMessage>
      </form>
    </details>
  );
}

function TopicItem({ thread, linkRef }: { thread: BoardThread; linkRef?: (el: HTMLAnchorElement | null) => void }) {
  const { t } = useTranslation("board");
  const id = useId();
  const [open, setOpen] = useState(false);
  const path = threadPath(thread.groupId, thread.id);
  const title =
    thread.state === "deleted" ? t("topic.deletedTitle") : thread.title === null ? t("topic.hiddenTitle") : thread.title;
  const collapsed = thread.contentWarning !== null && !open;
  return (
    <li>
      <article className="card topic" aria-labelledby={collapsed ? `${id}-cw` : `${id}-title`}>
        {thread.pinned || thread.unread ? (
          <p className="topic-tags">
            {thread.pinned ? <span className="tag">{t("topic.pinned")}</span> : null}
            {thread.unread ? <span className="tag tag-new">{t("topic.unread")}</span> : null}
          </p>
        ) : null}
        {thread.contentWarning !== null ? (
          <>
            <p id={`${id}-cw`} className="content-warning-label">
              <strong>{t("contentWarning.label")}</strong> {thread.contentWarning}
            </p>
            <button type="button" className="button button-secondary" aria-expanded={open} aria-controls={`${id}-body`} onClick={() => setOpen((o) => !o)}>
              {open ? t("contentWarning.hideTopic") : t("contentWarning.showTopic")}
            </button>
          </>
        ) : null}
        <div id={`${id}-body`} hidden={collapsed}>
          {collapsed ? null : (
            <h3 id={`${id}-title`}>
              <Link to={path} ref={linkRef}>
                {title}
              </Link>
            </h3>
          )}
        </div>
        {collapsed ? (
          <p>
            <Link to={path} ref={linkRef} aria-describedby={`${id}-cw`}>
              {t("topic.openWithWarning")}
            </Link>
          </p>
        ) : null}
        <p className="topic-meta">
          {thread.author ? (
            <>
              <AuthorName author={thread.author} /> ·{" "}
            </>
          ) : null}
          {t("topic.replies", { count: thread.replyCount })} · {t("topic.lastActivity")} <When iso={thread.lastActivityAt} />
        </p>
      </article>
    </li>
  );
}
