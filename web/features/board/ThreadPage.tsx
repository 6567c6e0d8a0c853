/**
 * /groups/:groupId/board/:threadId: a topic and its replies (keyset pages, oldest first). Readers
 * open content warnings themselves, react ("me too", "thank you", "sending strength"), reply,
 * edit or delete their own posts and flag others' for the moderators; moderators pin. What the
 * reader has seen is marked read as it scrolls into view.
 */
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { ConfirmButton } from "../../components/ConfirmButton";
import { announceState, useAnnouncer, type Act } from "../../components/announce";
import { ChoiceGroup, SubmitButton, text, TextArea, useApiForm } from "../../components/form";
import { useLoaded } from "../../components/Loaded";
import { useMember } from "../../lib/app-state";
import { usePageTitle } from "../../lib/page";
import { boardApi, type BoardPost, type Group, type Reaction, type ThreadDetail } from "./api";
import { BoardAccessView, BoardNotFound } from "./BoardAccessView";
import { AuthorName, BackToBoard, BoardFormAlert, Composer, ContentWarning, PostBody, useBoardAct, When } from "./parts";
import { FLAG_REASONS, LIMITS, REACTIONS } from "./vocabulary";

interface ThreadData {
  group: Group | null;
  detail: ThreadDetail;
  replies: BoardPost[];
  nextCursor: string | null;
  /** The first reply the reader has not read, if they had read some before. */
  firstUnreadId: string | null;
}

async function loadThread(groupId: string, threadId: string): Promise<ThreadData> {
  const [detail, page, group] = await Promise.all([
    boardApi.thread(threadId),
    boardApi.replies(threadId),
    boardApi.group(groupId).catch(() => null),
  ]);
  const firstUnread = detail.lastReadCursor ? (await boardApi.replies(threadId, detail.lastReadCursor, 1)).replies[0] : undefined;
  return { group, detail, replies: page.replies, nextCursor: page.nextCursor, firstUnreadId: firstUnread?.id ?? null };
}

export function ThreadPage() {
  const { t } = useTranslation("board");
  const { groupId = "", threadId = "" } = useParams();
  const { loaded, reload } = useLoaded(`thread:${threadId}`, () => loadThread(groupId, threadId));
  const { announcer, regions } = useAnnouncer();
  const act = useBoardAct(announcer, () => undefined);
  const title = loaded.state === "ready" ? loaded.data.detail.thread.title : null;
  usePageTitle(title ?? t("thread.titlePlain"));
  return (
    <>
      {regions}
      <BoardAccessView loaded={loaded} retry={reload} groupId={groupId}>
        {(data) => (data.detail.thread.groupId !== groupId ? <BoardNotFound /> : <Thread key={threadId} {...data} act={act} reload={reload} />)}
      </BoardAccessView>
    </>
  );
}

function Thread({ group, detail, replies: firstReplies, nextCursor, firstUnreadId, act, reload }: ThreadData & { act: Act; reload: () => void }) {
  const { t } = useTranslation("board");
  const navigate = useNavigate();
  const { member } = useMember();
  const [thread, setThread] = useState(detail.thread);
  const [opening, setOpening] = useState(detail.opening);
  const [replies, setReplies] = useState(firstReplies);
  const [cursor, setCursor] = useState(nextCursor);
  const [pending, setPending] = useState(false);
  const [skipped, setSkipped] = useState(false);
  // Loaded again (e.g. "from the beginning"): show what came, as the first render did.
  const [source, setSource] = useState(detail);
  if (source !== detail) {
    setSource(detail);
    setThread(detail.thread);
    setOpening(detail.opening);
    setReplies(firstReplies);
    setCursor(nextCursor);
    setSkipped(false);
  }
  const heading = useRef<HTMLHeadingElement>(null);
  const groupId = thread.groupId;

  const update = useCallback((post: BoardPost) => {
    if (post.id === post.threadId) setOpening(post);
    else setReplies((list) => list.map((p) => (p.id === post.id ? post : p)));
  }, []);

  const markRead = useReadMarker(thread.id, member !== null && detail.can.reply);

  const loadMore = (from: string | null, replace: boolean) =>
    act(async () => {
      setPending(true);
      try {
        const page = await boardApi.replies(thread.id, from);
        setReplies((list) => (replace ? page.replies : [...list, ...page.replies]));
        setCursor(page.nextCursor);
        return t("thread.moreLoaded", { count: page.replies.length });
      } finally {
        setPending(false);
      }
    }).catch(() => undefined);

  const unreadLoaded = firstUnreadId !== null && replies.some((r) => r.id === firstUnreadId);
  const title = thread.state === "deleted" ? t("topic.deletedTitle") : (thread.title ?? t("topic.hiddenTitle"));

  return (
    <>
      <BackToBoard groupId={groupId} groupName={group?.name ?? null} />
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {thread.pinned ? <p className="topic-tags"><span className="tag">{t("topic.pinned")}</span></p> : null}
      {detail.can.pin ? (
        <p className="actions">
          <button
            type="button"
            className="button button-secondary"
            onClick={() =>
              void act(async () => {
                const changed = await boardApi.pin(thread.id, !thread.pinned);
                setThread(changed);
                return t(changed.pinned ? "thread.pinnedDone" : "thread.unpinnedDone");
              }).catch(() => undefined)
            }
          >
            {thread.pinned ? t("thread.unpin") : t("thread.pin")}
          </button>
          {detail.can.moderate ? <Link to={`/groups/${groupId}/moderation`}>{t("board.moderationLink")}</Link> : null}
        </p>
      ) : null}

      <Post
        post={opening}
        index={0}
        opening
        act={act}
        onChange={update}
        markRead={markRead}
        onDeleted={() => void navigate(`/groups/${groupId}/board`, { state: announceState(t("post.deletedDone")) })}
      />

      <section aria-labelledby="replies-heading">
        <h2 id="replies-heading">{t("thread.replies", { count: thread.replyCount })}</h2>
        {firstUnreadId !== null && unreadLoaded ? (
          <p>
            <a href={`#post-${firstUnreadId}`}>{t("thread.toFirstUnread")}</a>
          </p>
        ) : null}
        {firstUnreadId !== null && !unreadLoaded && !skipped && detail.lastReadCursor ? (
          <p>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setSkipped(true);
                void loadMore(detail.lastReadCursor, true);
              }}
            >
              {t("thread.jumpToUnread")}
            </button>
          </p>
        ) : null}
        {skipped ? (
          <p>
            <button type="button" className="link-button" onClick={reload}>
              {t("thread.fromStart")}
            </button>
          </p>
        ) : null}
        {replies.length === 0 ? <p>{t("thread.noReplies")}</p> : null}
        <ol className="reply-list">
          {replies.map((reply, i) => (
            <li key={reply.id}>
              <Post
                post={reply}
                index={i + 1}
                unreadMarker={reply.id === firstUnreadId}
                act={act}
                onChange={update}
                markRead={markRead}
                onDeleted={() => setReplies((list) => list.map((p) => (p.id === reply.id ? { ...p, state: "deleted", body: null, title: null, contentWarning: null, author: null } : p)))}
              />
            </li>
          ))}
        </ol>
        {cursor ? (
          <p>
            <button type="button" className="button button-secondary" aria-disabled={pending || undefined} onClick={() => void loadMore(cursor, false)}>
              {pending ? t("common:form.working") : t("thread.more")}
            </button>
          </p>
        ) : null}
      </section>

      {detail.can.reply ? (
        <section aria-labelledby="reply-heading">
          <h2 id="reply-heading">{t("thread.replyHeading")}</h2>
          {opening.state === "hidden" && opening.body === null ? (
            <p>{t("thread.hiddenNoReplies")}</p>
          ) : (
            <Composer
              withTitle={false}
              headingLevel={3}
              submitLabel={t("thread.replySubmit")}
              save={async ({ body, contentWarning }) => {
                const post = await boardApi.reply(thread.id, { body, contentWarning });
                if (!cursor) setReplies((list) => [...list, post]);
                setThread((th) => ({ ...th, replyCount: th.replyCount + 1 }));
                await act(async () => t("thread.replied"));
              }}
            />
          )}
        </section>
      ) : member === null ? (
        <p>
          <Link to={`/signin?next=${encodeURIComponent(`/groups/${groupId}/board/${thread.id}`)}`}>{t("thread.signInToReply")}</Link>
        </p>
      ) : null}
    </>
  );
}

/**
 * Marks posts read as they come into view: the furthest one seen, sent at most once a second and
 * only forward. Returns the ref callback for each post, by its place in the topic.
 */
function useReadMarker(threadId: string, enabled: boolean): (index: number, postId: string) => (el: HTMLElement | null) => void {
  const sentIndex = useRef(-1);
  const seen = useRef<{ index: number; postId: string } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const observer = useRef<IntersectionObserver | null>(null);
  const places = useRef(new Map<Element, { index: number; postId: string }>());

  useEffect(() => {
    if (!enabled || typeof IntersectionObserver === "undefined") return;
    const flush = () => {
      timer.current = null;
      const furthest = seen.current;
      if (!furthest || furthest.index <= sentIndex.current) return;
      sentIndex.current = furthest.index;
      void boardApi.markRead(threadId, furthest.postId).catch(() => undefined);
    };
    observer.current = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const place = places.current.get(entry.target);
        if (place && (!seen.current || place.index > seen.current.index)) seen.current = place;
      }
      if (seen.current && seen.current.index > sentIndex.current && !timer.current) timer.current = setTimeout(flush, 1000);
    });
    for (const element of places.current.keys()) observer.current.observe(element);
    return () => {
      observer.current?.disconnect();
      observer.current = null;
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [threadId, enabled]);

  return useCallback(
    (index: number, postId: string) => (el: HTMLElement | null) => {
      if (!el) return;
      places.current.set(el, { index, postId });
      observer.current?.observe(el);
    },
    [],
  );
}

function Post({
  post,
  index,
  opening = false,
  unreadMarker = false,
  act,
  onChange,
  markRead,
  onDeleted,
}: {
  post: BoardPost;
  index: number;
  opening?: boolean;
  unreadMarker?: boolean;
  act: Act;
  onChange: (post: BoardPost) => void;
  markRead: (index: number, postId: string) => (el: HTMLElement | null) => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation("board");
  const id = useId();
  const [editing, setEditing] = useState(false);
  const Heading = opening ? "h2" : "h3";
  const label = opening ? t("post.openingBy", { name: post.author?.displayName ?? t("post.someone") }) : t("post.replyBy", { name: post.author?.displayName ?? t("post.someone") });

  if (post.state === "deleted") {
    return (
      <article id={`post-${post.id}`} className="card post post-gone" ref={markRead(index, post.id)} aria-label={t("post.deletedLabel")}>
        <p>{t("post.deleted")}</p>
      </article>
    );
  }
  if (post.body === null) {
    return (
      <article id={`post-${post.id}`} className="card post post-gone" ref={markRead(index, post.id)} aria-label={t("post.hiddenLabel")}>
        <p>{t("post.hiddenPlaceholder")}</p>
      </article>
    );
  }
  return (
    <article id={`post-${post.id}`} className="card post" ref={markRead(index, post.id)} aria-labelledby={`${id}-heading`}>
      <Heading id={`${id}-heading`} className="post-heading">
        <span className="visually-hidden">{label}: </span>
        <AuthorName author={post.author} /> <span className="post-when"><When iso={post.createdAt} /></span>
        {post.editedAt ? <span className="post-edited"> · {t("post.edited")}</span> : null}
      </Heading>
      {unreadMarker ? <p className="topic-tags"><span className="tag tag-new">{t("thread.firstUnread")}</span></p> : null}
      {post.hidden ? <HiddenNote hidden={post.hidden} /> : null}
      {editing ? (
        <Composer
          withTitle={opening}
          headingLevel={3}
          initial={{ title: post.title ?? "", body: post.body, contentWarning: post.contentWarning ?? "" }}
          submitLabel={t("post.saveEdit")}
          onCancel={() => setEditing(false)}
          save={async ({ title, body, contentWarning }) => {
            const saved = await boardApi.edit(post.id, opening ? { title, body, contentWarning } : { body, contentWarning });
            onChange(saved);
            setEditing(false);
            await act(async () => t("post.editedDone"));
          }}
        />
      ) : (
        <ContentWarning warning={post.contentWarning}>
          <PostBody source={post.body} />
        </ContentWarning>
      )}
      <Reactions post={post} act={act} onChange={onChange} />
      {!editing ? (
        <div className="actions post-actions">
          {post.can.edit ? (
            <button type="button" className="button button-secondary" onClick={() => setEditing(true)} aria-label={t("post.editLabel")}>
              {t("post.edit")}
            </button>
          ) : null}
          {post.can.delete ? (
            <ConfirmButton
              label={t("post.delete")}
              question={opening ? t("post.deleteTopicQuestion") : t("post.deleteQuestion")}
              confirmLabel={t("post.deleteConfirm")}
              onConfirm={() =>
                act(async () => {
                  await boardApi.remove(post.id);
                  onDeleted();
                  return t("post.deletedDone");
                })
              }
            />
          ) : null}
          {post.can.flag ? <FlagPost post={post} act={act} /> : null}
        </div>
      ) : null}
    </article>
  );
}

/** Why a post is hidden: shown to its author and the moderators only. */
function HiddenNote({ hidden }: { hidden: NonNullable<BoardPost["hidden"]> }) {
  const { t } = useTranslation("board");
  return (
    <div className="notice hidden-note">
      <p>
        <strong>{hidden.byFlags ? t("post.hiddenByFlags") : t("post.hiddenByModerator")}</strong>
        {hidden.reason ? ` ${t("post.hiddenReason", { reason: t(`flag.reasons.${hidden.reason}`) })}` : null}
      </p>
      {hidden.note ? <p>{t("post.moderatorNote", { note: hidden.note })}</p> : null}
      <p>
        <Link to="/notices">{t("post.seeNotices")}</Link>
      </p>
    </div>
  );
}

/** "Me too", "thank you", "sending strength": toggle buttons with counts on others' posts, counts on one's own. */
function Reactions({ post, act, onChange }: { post: BoardPost; act: Act; onChange: (post: BoardPost) => void }) {
  const { t } = useTranslation("board");
  const [busy, setBusy] = useState<Reaction | null>(null);
  const toggle = (kind: Reaction, on: boolean) => {
    if (busy) return;
    setBusy(kind);
    void act(async () => {
      const reactions = await boardApi.react(post.id, kind, on);
      onChange({ ...post, reactions });
      return on ? t("reactions.added", { reaction: t(`reactions.${kind}`) }) : t("reactions.removed", { reaction: t(`reactions.${kind}`) });
    })
      .catch(() => undefined)
      .finally(() => setBusy(null));
  };
  const counts = new Map(post.reactions.map((r) => [r.kind, r]));
  if (!post.can.react) {
    const given = post.reactions.filter((r) => r.count > 0);
    if (given.length === 0) return null;
    return (
      <p className="reactions-summary">
        {given.map((r) => t("reactions.count", { reaction: t(`reactions.${r.kind}`), count: r.count })).join(" · ")}
      </p>
    );
  }
  return (
    <div className="reactions" role="group" aria-label={t("reactions.label")}>
      {REACTIONS.map((kind) => {
        const reaction = counts.get(kind) ?? { kind, count: 0, mine: false };
        return (
          <button
            key={kind}
            type="button"
            className="reaction"
            aria-pressed={reaction.mine}
            aria-disabled={busy !== null || undefined}
            onClick={() => toggle(kind, !reaction.mine)}
          >
            {t(`reactions.${kind}`)} <span className="reaction-count">{reaction.count}</span>
          </button>
        );
      })}
    </div>
  );
}

/** Flag a post for the moderators: a reason, an optional note, and a kind confirmation. */
function FlagPost({ post, act }: { post: BoardPost; act: Act }) {
  const { t } = useTranslation("board");
  const id = useId();
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const [noReason, setNoReason] = useState(false);
  const form = useApiForm(async (data) => {
    const reason = FLAG_REASONS.find((r) => r === text(data, "reason"));
    setNoReason(!reason);
    if (!reason) {
      form.props.ref.current?.querySelector<HTMLInputElement>('input[name="reason"]')?.focus();
      return;
    }
    const note = text(data, "note").trim();
    await boardApi.flag(post.id, reason, note ? note : null);
    const thanks = reason === "crisis" ? `${t("flag.thanks")} ${t("flag.thanksCrisis")}` : t("flag.thanks");
    setSent(thanks);
    setOpen(false);
    await act(async () => thanks);
  });
  if (sent) {
    return (
      <p className="flag-sent">
        {sent} {sent.includes(t("flag.thanksCrisis")) ? <Link to="/help">{t("common:layout.getHelpNow")}</Link> : null}
      </p>
    );
  }
  return (
    <div className="flag">
      <button type="button" className="button button-secondary" aria-expanded={open} aria-controls={`${id}-form`} onClick={() => setOpen((o) => !o)}>
        {t("flag.open")}
      </button>
      <div id={`${id}-form`} hidden={!open}>
        {open ? (
          <form {...form.props} className="stack flag-form">
            <BoardFormAlert form={form} />
            <ChoiceGroup
              name="reason"
              legend={t("flag.legend")}
              hint={t("flag.hint")}
              error={noReason ? t("flag.chooseReason") : form.fieldError("reason")}
              options={FLAG_REASONS.map((reason) => ({ value: reason, label: t(`flag.reasons.${reason}`) }))}
            />
            <TextArea name="note" label={t("flag.note")} hint={t("flag.noteHint")} rows={3} maxLength={LIMITS.noteMax} error={form.fieldError("note")} />
            <div className="actions">
              <SubmitButton pending={form.pending}>{t("flag.submit")}</SubmitButton>
              <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
                {t("common:form.cancel")}
              </button>
            </div>
          </form>
        ) : null}
      </div>
    </div>
  );
}
