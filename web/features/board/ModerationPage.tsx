/**
 * /groups/:groupId/moderation: the group's moderators (and the organization's admins) work the
 * queue: flagged posts, crisis first, with their flags (never who flagged) and earlier versions;
 * hide, restore or edit a post with a note to its author; warn, mute for a time or remove its
 * author; decide appeals on someone else's action; read the audit log. Everyone else gets the
 * same kind "not found" page as for a group they may not see.
 */
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useAnnouncer, type Act } from "../../components/announce";
import { ChoiceGroup, SelectField, SubmitButton, text, TextArea, TextField, useApiForm } from "../../components/form";
import { asApiError, LoadedView, useLoaded } from "../../components/Loaded";
import { RequireMember, usePageTitle } from "../../lib/page";
import { boardApi, type Appeal, type AuditEntry, type AuditPage, type Group, type PostVersion, type Queue, type QueueItem } from "./api";
import { BoardNotFound } from "./BoardAccessView";
import { AuthorName, BackToBoard, BoardFormAlert, ContentWarning, PostBody, threadPath, useBoardAct, When } from "./parts";
import { LIMITS, MUTE_CHOICES } from "./vocabulary";

interface ModerationData {
  group: Group;
  queue: Queue;
  audit: AuditPage;
}

async function loadModeration(groupId: string): Promise<ModerationData> {
  const [group, queue, audit] = await Promise.all([boardApi.group(groupId), boardApi.queue(groupId), boardApi.audit(groupId)]);
  return { group, queue, audit };
}

export function ModerationPage() {
  return (
    <RequireMember>
      <Moderation />
    </RequireMember>
  );
}

function Moderation() {
  const { t } = useTranslation("board");
  const { groupId = "" } = useParams();
  const { loaded, reload } = useLoaded(`moderation:${groupId}`, () => loadModeration(groupId));
  const { announcer, regions } = useAnnouncer();
  const act = useBoardAct(announcer, reload);
  const shut = loaded.state === "failed" && (loaded.error.status === 403 || loaded.error.status === 404);
  usePageTitle(shut ? t("access.notFoundTitle") : loaded.state === "ready" ? t("moderation.title", { group: loaded.data.group.name }) : t("moderation.titlePlain"));
  if (shut) return <BoardNotFound />;
  return (
    <>
      {regions}
      <LoadedView loaded={loaded} retry={reload} notFound={<BoardNotFound />}>
        {(data) => <ModerationView {...data} act={act} />}
      </LoadedView>
    </>
  );
}

function ModerationView({ group, queue, audit, act }: ModerationData & { act: Act }) {
  const { t } = useTranslation("board");
  return (
    <>
      <BackToBoard groupId={group.id} groupName={group.name} />
      <h1>{t("moderation.title", { group: group.name })}</h1>
      <p>{t("moderation.intro")}</p>

      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">{t("moderation.queue", { count: queue.items.length })}</h2>
        {queue.items.length === 0 ? <p>{t("moderation.queueEmpty")}</p> : null}
        <ul className="card-list">
          {queue.items.map((item) => (
            <li key={item.post.id}>
              <QueueCard item={item} act={act} />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="appeals-heading">
        <h2 id="appeals-heading">{t("moderation.appeals", { count: queue.appeals.length })}</h2>
        {queue.appeals.length === 0 ? <p>{t("moderation.appealsEmpty")}</p> : null}
        <ul className="card-list">
          {queue.appeals.map((appeal) => (
            <li key={appeal.id}>
              <AppealCard appeal={appeal} groupId={group.id} act={act} />
            </li>
          ))}
        </ul>
      </section>

      <AuditLog groupId={group.id} first={audit} />
    </>
  );
}

function QueueCard({ item, act }: { item: QueueItem; act: Act }) {
  const { t } = useTranslation("board");
  const id = useId();
  const { post } = item;
  const path = threadPath(post.groupId, post.threadId);
  return (
    <article className={item.crisis ? "card queue-item queue-crisis" : "card queue-item"} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>
        {item.crisis ? <span className="tag tag-crisis">{t("moderation.crisis")}</span> : null}{" "}
        <Link to={post.id === post.threadId ? path : `${path}#post-${post.id}`}>{item.threadTitle ?? t("topic.hiddenTitle")}</Link>
      </h3>
      <p className="topic-meta">
        {post.id === post.threadId ? t("moderation.isTopic") : t("moderation.isReply")} · <AuthorName author={post.author} /> · <When iso={post.createdAt} />
      </p>
      <p>
        {post.state === "hidden" ? <strong>{t("moderation.hiddenNow")}</strong> : t("moderation.visibleNow")}{" "}
        {t("moderation.score", { score: item.score })}
      </p>
      {post.body !== null ? (
        <ContentWarning warning={post.contentWarning}>
          {post.title ? <p><strong>{post.title}</strong></p> : null}
          <PostBody source={post.body} />
        </ContentWarning>
      ) : (
        <p>{t("post.deleted")}</p>
      )}
      <h4>{t("moderation.flags")}</h4>
      <ul className="plain-list">
        {item.flags.map((flag, i) => (
          <li key={i}>
            <strong>{t(`flag.reasons.${flag.reason}`)}</strong> · <When iso={flag.createdAt} />
            {flag.note ? <blockquote className="correction-message">{flag.note}</blockquote> : null}
          </li>
        ))}
      </ul>
      <Versions postId={post.id} />
      <details>
        <summary>{t("moderation.decidePost")}</summary>
        <PostDecision item={item} act={act} />
      </details>
      {post.author && !post.mine ? (
        <details>
          <summary>{t("moderation.decideMember", { name: post.author.displayName })}</summary>
          <MemberDecision groupId={post.groupId} memberId={post.author.memberId} postId={post.id} act={act} />
        </details>
      ) : null}
    </article>
  );
}

/** Earlier versions of a post, fetched when the moderator asks. */
function Versions({ postId }: { postId: string }) {
  const { t } = useTranslation("board");
  const id = useId();
  const [versions, setVersions] = useState<PostVersion[] | null>(null);
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const toggle = async () => {
    const next = !open;
    setOpen(next);
    if (next && versions === null) {
      try {
        setVersions(await boardApi.versions(postId));
      } catch (error) {
        setFailed(asApiError(error).code === "network" ? t("common:problems.network") : t("common:problems.internal"));
      }
    }
  };
  return (
    <div>
      <button type="button" className="link-button" aria-expanded={open} aria-controls={`${id}-versions`} onClick={() => void toggle()}>
        {t("moderation.versions")}
      </button>
      <div id={`${id}-versions`} hidden={!open} aria-live="polite">
        {open && failed ? <p className="field-error">{failed}</p> : null}
        {open && versions !== null && versions.length === 0 ? <p>{t("moderation.noVersions")}</p> : null}
        {open && versions?.length ? (
          <ol className="plain-list">
            {versions.map((version) => (
              <li key={version.replacedAt}>
                <p className="topic-meta">
                  {t("moderation.versionMeta", { by: t(`moderation.replacedBy.${version.replacedBy}`) })} <When iso={version.replacedAt} />
                </p>
                {version.title ? <p><strong>{version.title}</strong></p> : null}
                <blockquote className="correction-message">{version.body}</blockquote>
              </li>
            ))}
          </ol>
        ) : null}
      </div>
    </div>
  );
}

const POST_ACTIONS = ["restore", "hide", "edit"] as const;

function PostDecision({ item, act }: { item: QueueItem; act: Act }) {
  const { t } = useTranslation("board");
  const { post } = item;
  const [action, setAction] = useState<(typeof POST_ACTIONS)[number]>(post.state === "hidden" ? "restore" : "hide");
  const form = useApiForm(async (data) => {
    const note = text(data, "note");
    const edit = action === "edit" ? { body: text(data, "body"), ...(post.id === post.threadId ? { title: text(data, "title") } : {}) } : {};
    await boardApi.moderatePost(post.id, { action, note, ...edit });
    await act(async () => t(`moderation.postDone.${action}`));
  });
  return (
    <form {...form.props} className="stack">
      <BoardFormAlert form={form} />
      <div onChange={(event) => setAction((event.target as HTMLInputElement).value as (typeof POST_ACTIONS)[number])}>
        <ChoiceGroup
          name="action"
          legend={t("moderation.postAction")}
          options={POST_ACTIONS.filter((a) => a !== "hide" || post.state !== "hidden" || post.hidden?.byFlags).map((value) => ({ value, label: t(`moderation.postActions.${value}`) }))}
          defaultValue={action}
        />
      </div>
      {action === "edit" && post.id === post.threadId ? (
        <TextField name="title" label={t("composer.title")} defaultValue={post.title ?? ""} maxLength={LIMITS.titleMax} error={form.fieldError("title")} />
      ) : null}
      {action === "edit" ? (
        <TextArea name="body" label={t("moderation.editBody")} hint={t("moderation.editBodyHint")} defaultValue={post.body ?? ""} maxLength={LIMITS.bodyMax} error={form.fieldError("body")} />
      ) : null}
      <TextArea name="note" label={t("moderation.note")} hint={t("moderation.noteHint")} rows={3} maxLength={LIMITS.noteMax} error={form.fieldError("note")} required />
      <SubmitButton pending={form.pending}>{t("moderation.save")}</SubmitButton>
    </form>
  );
}

const MEMBER_ACTIONS = ["warn", "mute", "remove"] as const;

function MemberDecision({ groupId, memberId, postId, act }: { groupId: string; memberId: string; postId: string; act: Act }) {
  const { t } = useTranslation("board");
  const [action, setAction] = useState<(typeof MEMBER_ACTIONS)[number]>("warn");
  const form = useApiForm(async (data) => {
    const note = text(data, "note");
    const minutes = action === "mute" ? Number(text(data, "minutes")) : undefined;
    await boardApi.moderateMember(groupId, memberId, { action, note, postId, ...(minutes ? { minutes } : {}) });
    await act(async () => t(`moderation.memberDone.${action}`));
  });
  return (
    <form {...form.props} className="stack">
      <BoardFormAlert form={form} />
      <div onChange={(event) => setAction((event.target as HTMLInputElement).value as (typeof MEMBER_ACTIONS)[number])}>
        <ChoiceGroup
          name="memberAction"
          legend={t("moderation.memberAction")}
          options={MEMBER_ACTIONS.map((value) => ({ value, label: t(`moderation.memberActions.${value}`) }))}
          defaultValue={action}
        />
      </div>
      {action === "mute" ? (
        <SelectField
          name="minutes"
          label={t("moderation.muteFor")}
          error={form.fieldError("minutes")}
          options={MUTE_CHOICES.map((minutes) => ({ value: String(minutes), label: t(`moderation.muteChoices.${minutes}`) }))}
        />
      ) : null}
      <TextArea name="note" label={t("moderation.memberNote")} hint={t("moderation.noteHint")} rows={3} maxLength={LIMITS.noteMax} error={form.fieldError("note")} required />
      <SubmitButton pending={form.pending}>{t("moderation.save")}</SubmitButton>
    </form>
  );
}

function AppealCard({ appeal, groupId, act }: { appeal: Appeal; groupId: string; act: Act }) {
  const { t } = useTranslation("board");
  const id = useId();
  const form = useApiForm(async (data) => {
    const outcome = text(data, "outcome") === "overturn" ? "overturn" : "uphold";
    await boardApi.decideAppeal(appeal.id, outcome, text(data, "note"));
    await act(async () => t(`moderation.appealDone.${outcome}`));
  });
  return (
    <article className="card" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t("moderation.appealAbout", { action: t(`notices.kinds.${appeal.action}`, { defaultValue: appeal.action }) })}</h3>
      <p className="topic-meta">
        <When iso={appeal.createdAt} />
        {appeal.postId ? (
          <>
            {" · "}
            <Link to={`/groups/${groupId}/board`}>{t("moderation.toBoard")}</Link>
          </>
        ) : null}
      </p>
      <blockquote className="correction-message">{appeal.message}</blockquote>
      {appeal.canDecide ? (
        <form {...form.props} className="stack">
          <BoardFormAlert form={form} />
          <ChoiceGroup
            name="outcome"
            legend={t("moderation.appealOutcome")}
            options={[
              { value: "uphold", label: t("moderation.uphold") },
              { value: "overturn", label: t("moderation.overturn") },
            ]}
            defaultValue="uphold"
          />
          <TextArea name="note" label={t("moderation.appealNote")} rows={3} maxLength={LIMITS.noteMax} error={form.fieldError("note")} required />
          <SubmitButton pending={form.pending}>{t("moderation.decide")}</SubmitButton>
        </form>
      ) : (
        <p>{t("moderation.appealNotYours")}</p>
      )}
    </article>
  );
}

function AuditLog({ groupId, first }: { groupId: string; first: AuditPage }) {
  const { t } = useTranslation("board");
  const [entries, setEntries] = useState<AuditEntry[]>(first.entries);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [pending, setPending] = useState(false);
  const seenFirst = useRef(first);
  if (seenFirst.current !== first) {
    // The page reloaded after a decision: start again from the latest entries.
    seenFirst.current = first;
    setEntries(first.entries);
    setCursor(first.nextCursor);
  }
  const more = async () => {
    if (!cursor || pending) return;
    setPending(true);
    try {
      const page = await boardApi.audit(groupId, cursor);
      setEntries((list) => [...list, ...page.entries]);
      setCursor(page.nextCursor);
    } finally {
      setPending(false);
    }
  };
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t("moderation.audit")}</h2>
      {entries.length === 0 ? <p>{t("moderation.auditEmpty")}</p> : null}
      <ol className="plain-list audit-log">
        {entries.map((entry) => (
          <li key={entry.id}>
            <When iso={entry.createdAt} />: {t(`moderation.auditActions.${entry.action}`)}
            {" · "}
            {entry.actor ? t("moderation.by", { name: entry.actor.displayName }) : entry.action === "post_hidden_by_flags" ? t("moderation.byFlags") : t("moderation.byFormer")}
            {entry.subject ? ` · ${t("moderation.about", { name: entry.subject.displayName })}` : null}
            {entry.note ? <blockquote className="correction-message">{entry.note}</blockquote> : null}
          </li>
        ))}
      </ol>
      {cursor ? (
        <button type="button" className="button button-secondary" aria-disabled={pending || undefined} onClick={() => void more().catch(() => undefined)}>
          {pending ? t("common:form.working") : t("moderation.moreAudit")}
        </button>
      ) : null}
    </section>
  );
}
