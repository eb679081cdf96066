/**
 * One loop and its thread: how it went, the text, tags and files, whether it was edited and
 * approved; the sender edits or deletes it, a leader approves a report; everyone allowed talks in
 * the thread below. Opening the page marks the loop read; new comments arrive live.
 */
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, BadgeCheck, Clock, Pencil, Undo2 } from "lucide-react";
import { COMMENT_TEXT_MAX_LENGTH, LOOP_TEXT_MAX_LENGTH, type Loop } from "../../shared/schemas/loops.js";
import { ApiError } from "../api/client.js";
import { getGroup } from "../api/groups.js";
import { approveLoop, deleteLoop, getLoop, getThread, markLoopRead, updateLoop, withdrawApproval } from "../api/loops.js";
import { listTags } from "../api/tasks.js";
import { AttachmentList } from "../components/AttachmentList.js";
import { CommentThread } from "../components/CommentThread.js";
import { LoopRemoveButton } from "../components/LoopRemoveButton.js";
import { EmojiBadge } from "../components/EmojiScale.js";
import { TextAreaField } from "../components/Field.js";
import { formatLoopTime, loopSender, loopTitle, SentAnonymously } from "../components/LoopCard.js";
import { LoopTagList, LoopTagPicker } from "../components/LoopTags.js";
import { LoopText } from "../components/LoopText.js";
import { Feedback, QueryView } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { SafeguardingPanel } from "../components/SafeguardingPanel.js";
import { currentLanguage } from "../i18n/index.js";
import { formatDateTime, formattingLocale } from "../lib/format.js";
import { describeError } from "../lib/formErrors.js";
import { usePageTitle } from "../lib/hooks.js";
import { inboxKey, loopKey, myLoopsKey, offeredTagsKey, threadKey } from "../lib/loopKeys.js";
import { groupKey } from "../lib/queryClient.js";
import { useFeedback, type Feedback as FeedbackControl } from "../lib/useFeedback.js";

export function LoopPage() {
  const { t } = useTranslation();
  const { loopId = "" } = useParams();
  const loop = useQuery({ queryKey: loopKey(loopId), queryFn: () => getLoop(loopId) });
  usePageTitle(loop.data ? loopTitle(t, loop.data) : t("loopPages.loading"));
  const gone = loop.error instanceof ApiError && loop.error.status === 404;
  return (
    <div className="page">
      {gone ? <LoopGone /> : <QueryView query={loop}>{(loaded) => <LoopView loop={loaded} />}</QueryView>}
    </div>
  );
}

/** A loop deleted (perhaps while it was open) or never visible to me: say so and offer the way on. */
function LoopGone() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{t("loopPages.goneTitle")}</PageHeading>
      <div className="empty-state">
        <p>{t("loopPages.goneBody")}</p>
        <div className="row">
          <Link className="button" to="/my/loops">
            {t("loopNav.myLoops")}
          </Link>
          <Link className="button" to="/inbox">
            {t("loopNav.inbox")}
          </Link>
        </div>
      </div>
    </>
  );
}

/** Marks the loop read on arrival, and again when new comments arrive while it is open. */
function useMarkRead(loop: Loop) {
  const queryClient = useQueryClient();
  // A query, not an effect: sent once per loop and comment count however often the page renders.
  // Its key lies outside the loop's, so the "read" event it causes does not send it again.
  useQuery({
    queryKey: ["loop-read", loop.id, loop.commentCount],
    queryFn: async () => {
      await markLoopRead(loop.id);
      void queryClient.invalidateQueries({ queryKey: inboxKey });
      void queryClient.invalidateQueries({ queryKey: myLoopsKey });
      return true;
    },
    staleTime: Infinity,
    retry: false,
  });
}

function LoopView({ loop }: { loop: Loop }) {
  const { t } = useTranslation();
  const language = formattingLocale(currentLanguage());
  useMarkRead(loop);
  const thread = useQuery({ queryKey: threadKey(loop.id), queryFn: () => getThread(loop.id) });
  // The group gives its role titles and tells whether I lead it (for the comment bank).
  const group = useQuery({ queryKey: groupKey(loop.groupId), queryFn: () => getGroup(loop.groupId) });
  const isLeader = group.data?.myRole === "leader" || group.data?.myRole === "tutor";
  const [editing, setEditing] = useState(false);
  const feedback = useFeedback();
  const sender = loopSender(t, loop);

  return (
    <>
      <p>
        <Link className="back-link" to={loop.mine ? "/my/loops" : "/inbox"}>
          <ArrowLeft size={18} aria-hidden="true" />
          {loop.mine ? t("loopPages.backToMine") : t("loopPages.backToInbox")}
        </Link>
      </p>
      <PageHeading lead={loop.mine ? t("loopPages.leadMine", { group: loop.groupName }) : t("loopPages.lead", { sender, group: loop.groupName })}>{loopTitle(t, loop)}</PageHeading>
      <article className="loop-detail" aria-labelledby="loop-detail-title">
        <h2 id="loop-detail-title" className="visually-hidden">
          {t("loopPages.detailTitle")}
        </h2>
        <div className="loop-detail-head">
          <EmojiBadge level={loop.emoji} size={64} />
          <p className="loop-detail-meta">
            <span>
              {sender}
              {loop.mine && loop.anonymous ? <SentAnonymously /> : null}
            </span>
            <time dateTime={loop.sentAt} className="muted small">
              {/^\d{4}-\d{2}-\d{2}$/.test(loop.sentAt) ? formatLoopTime(loop.sentAt, language) : formatDateTime(loop.sentAt, language)}
            </time>
            {loop.editedAt ? <span className="muted small">{t("loopPages.edited", { time: formatLoopTime(loop.editedAt, language) })}</span> : null}
          </p>
        </div>
        {editing ? (
          <LoopEditor loop={loop} onDone={() => setEditing(false)} feedback={feedback} />
        ) : (
          <>
            {loop.text ? <LoopText text={loop.text} /> : <p className="muted">{t("loopPages.noText")}</p>}
            <LoopTagList tags={loop.tags} />
          </>
        )}
        <AttachmentList attachments={loop.attachments} />
        <ApprovalState loop={loop} />
        {!editing && (loop.abilities.edit || loop.abilities.delete) ? <SenderActions loop={loop} onEdit={() => setEditing(true)} feedback={feedback} /> : null}
        <Feedback feedback={feedback.state} />
      </article>
      {loop.abilities.approve ? <ApprovalPanel loop={loop} /> : null}
      <QueryView query={thread}>
        {(loaded) => <CommentThread loop={loop} thread={loaded} group={group.data} showCommentBank={isLeader} />}
      </QueryView>
      <SafeguardingPanel loop={loop} />
    </>
  );
}

/** A report's state: approved (by whom, when) or waiting; free loops have none. */
function ApprovalState({ loop }: { loop: Loop }) {
  const { t } = useTranslation();
  const language = formattingLocale(currentLanguage());
  if (!loop.task) return null;
  if (!loop.approval) {
    return (
      <p className="loop-approval loop-approval-waiting">
        <Clock size={18} aria-hidden="true" />
        {t("loopPages.notApproved")}
      </p>
    );
  }
  const when = formatLoopTime(loop.approval.approvedAt, language);
  return (
    <p className="loop-approval loop-approval-done">
      <BadgeCheck size={20} aria-hidden="true" />
      {loop.approval.approvedBy
        ? t("loopPages.approvedBy", { name: loop.approval.approvedBy.name, time: when })
        : t("loopPages.approved", { time: when })}
    </p>
  );
}

function SenderActions({ loop, onEdit, feedback }: { loop: Loop; onEdit: () => void; feedback: FeedbackControl }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <div className="row loop-actions">
      {loop.abilities.edit ? (
        <button type="button" className="button" onClick={onEdit}>
          <Pencil size={18} aria-hidden="true" />
          {t("loopPages.edit")}
        </button>
      ) : null}
      {loop.abilities.delete ? (
        <LoopRemoveButton
          look="danger"
          label={t("loopPages.delete")}
          title={t("loopPages.deleteTitle")}
          body={t("loopPages.deleteBody")}
          confirmLabel={t("loopPages.deleteConfirm")}
          onConfirm={() =>
            feedback.run(async () => {
              await deleteLoop(loop.id);
              queryClient.removeQueries({ queryKey: loopKey(loop.id) });
              void queryClient.invalidateQueries({ queryKey: myLoopsKey });
              void queryClient.invalidateQueries({ queryKey: inboxKey });
              await navigate("/my/loops", { state: { deletedLoop: true } });
            })
          }
        />
      ) : null}
    </div>
  );
}

/** The sender changes the text and tags (the loop is then marked "edited"). */
function LoopEditor({ loop, onDone, feedback }: { loop: Loop; onDone: () => void; feedback: FeedbackControl }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const tags = useQuery({ queryKey: offeredTagsKey(loop.groupId), queryFn: () => listTags(loop.groupId) });
  const [text, setText] = useState(loop.text);
  const [tagIds, setTagIds] = useState(loop.tags.map((tag) => tag.id));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Tags no longer offered (archived) stay choosable on a loop that already has them.
  const offered = [
    ...(tags.data ?? []).filter((tag) => !tag.archived),
    ...loop.tags.filter((tag) => !(tags.data ?? []).some((other) => other.id === tag.id && !other.archived)),
  ];
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await updateLoop(loop.id, { text, tagIds });
      queryClient.setQueryData(loopKey(loop.id), updated);
      void queryClient.invalidateQueries({ queryKey: myLoopsKey });
      feedback.succeed("loopPages.saved");
      onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const errors = error ? describeError(error, ["text", "tagIds"])(t) : null;
  return (
    <form className="form loop-editor" noValidate onSubmit={(event) => void save(event)} aria-labelledby="loop-editor-title">
      <h3 id="loop-editor-title">{t("loopPages.editTitle")}</h3>
      <TextAreaField
        id="loop-edit-text"
        label={t("composer.text")}
        rows={6}
        maxLength={LOOP_TEXT_MAX_LENGTH}
        value={text}
        onChange={(event) => setText(event.target.value)}
        error={errors ? (errors.fields.text ?? errors.message) : undefined}
        autoFocus
      />
      <LoopTagPicker id="loop-edit-tags" tags={offered} selected={tagIds} onChange={setTagIds} />
      {errors?.fields.tagIds ? <p className="field-error">{errors.fields.tagIds}</p> : null}
      <div className="form-actions">
        <button type="submit" className={busy ? "button button-primary is-busy" : "button button-primary"} aria-disabled={busy || undefined}>
          {t("loopPages.save")}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t("dialog.cancel")}
        </button>
      </div>
    </form>
  );
}

/** A leader approves a report (optionally with a comment that goes into the thread), or withdraws it. */
function ApprovalPanel({ loop }: { loop: Loop }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const feedback = useFeedback();

  const act = (action: () => Promise<Loop>, done: string) =>
    feedback.run(async () => {
      setBusy(true);
      try {
        const updated = await action();
        queryClient.setQueryData(loopKey(loop.id), updated);
        await queryClient.invalidateQueries({ queryKey: loopKey(loop.id) });
        void queryClient.invalidateQueries({ queryKey: inboxKey });
        setComment("");
        feedback.succeed(done);
      } finally {
        setBusy(false);
      }
    });

  const approve = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const text = comment.trim();
    void act(() => approveLoop(loop.id, text ? { comment: text } : {}), "loopPages.approvedNow");
  };

  return (
    <section className="card stack approval-panel" aria-labelledby="approval-title">
      <h2 id="approval-title" className="loop-section-title">
        {t("loopPages.approvalTitle")}
      </h2>
      {loop.approval ? (
        <>
          <p>{t("loopPages.approvalDone")}</p>
          <div>
            <button
              type="button"
              className={busy ? "button is-busy" : "button"}
              aria-disabled={busy || undefined}
              onClick={() => (busy ? undefined : void act(() => withdrawApproval(loop.id), "loopPages.withdrawnNow"))}
            >
              <Undo2 size={18} aria-hidden="true" />
              {t("loopPages.withdraw")}
            </button>
          </div>
        </>
      ) : (
        <form className="form" noValidate onSubmit={approve}>
          <TextAreaField
            id="approve-comment"
            label={t("loopPages.approveComment")}
            hint={t("loopPages.approveCommentHint")}
            rows={2}
            maxLength={COMMENT_TEXT_MAX_LENGTH}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
          <div className="form-actions">
            <button type="submit" className={busy ? "button button-primary is-busy" : "button button-primary"} aria-disabled={busy || undefined}>
              <BadgeCheck size={18} aria-hidden="true" />
              {t("loopPages.approve")}
            </button>
          </div>
        </form>
      )}
      <Feedback feedback={feedback.state} />
    </section>
  );
}
