/**
 * A loop's comment thread: the comments (an anonymous sender shown as "Anonymous" to everyone
 * else, a removed account as "Deleted user"), editing and deleting one's own, who has read the
 * latest, and the box for a new comment (with the comment bank for leaders).
 */
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { useQueryClient } from "@tanstack/react-query";
import { CheckCheck, Pencil, Send } from "lucide-react";
import type { Group } from "../../shared/schemas/groups.js";
import { COMMENT_TEXT_MAX_LENGTH, type Comment, type Loop, type Thread } from "../../shared/schemas/loops.js";
import { addComment, deleteComment, editComment } from "../api/loops.js";
import { currentLanguage } from "../i18n/index.js";
import { formatDateTime, formattingLocale } from "../lib/format.js";
import { describeError, type DescribeErrors } from "../lib/formErrors.js";
import { inboxKey, loopKey, myLoopsKey } from "../lib/loopKeys.js";
import { useFeedback } from "../lib/useFeedback.js";
import { Avatar } from "./Avatar.js";
import { CommentBank } from "./CommentBank.js";
import { LoopRemoveButton } from "./LoopRemoveButton.js";
import { TextAreaField } from "./Field.js";
import { formatLoopTime } from "./LoopCard.js";
import { LoopText } from "./LoopText.js";
import { Feedback } from "./Messages.js";

/** The author's name as the viewer may know it. */
function authorName(t: TFunction, comment: Comment): string {
  if (comment.mine) return t("thread.you");
  if (comment.author) return comment.author.name;
  return comment.authorRole === "anonymous" ? t("thread.anonymous") : t("thread.deletedUser");
}

/** What the author is in this loop ("Teacher", "Sender"), in the group's own words where it has them. */
function authorRole(t: TFunction, comment: Comment, group: Group | undefined): string | null {
  const language = currentLanguage();
  switch (comment.authorRole) {
    case "leader":
      return group ? group.roleTitles.leader[language] : t("thread.roles.leader");
    case "sender":
      return group ? group.roleTitles.sender[language] : t("thread.roles.sender");
    case "peer":
      return null;
    default:
      return null;
  }
}

/** "Read by Anna and Ms Berg", "Read by the sender". */
export function readReceiptText(t: TFunction, thread: Thread): string | null {
  if (thread.readBy.length === 0) return null;
  const names = thread.readBy.map((receipt) => (receipt.person ? receipt.person.name : t("thread.theSender")));
  const list = new Intl.ListFormat(currentLanguage(), { style: "long", type: "conjunction" }).format(names);
  return t("thread.readBy", { list });
}

export function CommentThread(props: { loop: Loop; thread: Thread; group: Group | undefined; showCommentBank: boolean }) {
  const { t } = useTranslation();
  const { loop, thread, group } = props;
  const receipts = readReceiptText(t, thread);
  return (
    <section className="stack thread" aria-labelledby="thread-title">
      <h2 id="thread-title" className="loop-section-title">
        {t("thread.title", { count: thread.comments.filter((comment) => !comment.deleted).length })}
      </h2>
      {thread.comments.length === 0 ? (
        <p className="muted">{loop.mine ? t("thread.emptyMine") : t("thread.empty")}</p>
      ) : (
        <ol className="comment-list">
          {thread.comments.map((comment) => (
            <CommentItem key={comment.id} comment={comment} loopId={loop.id} group={group} />
          ))}
        </ol>
      )}
      {receipts ? (
        <p className="thread-receipts muted small">
          <CheckCheck size={16} aria-hidden="true" />
          {receipts}
        </p>
      ) : null}
      {loop.abilities.comment ? <CommentForm loop={loop} showCommentBank={props.showCommentBank} /> : null}
    </section>
  );
}

function CommentItem({ comment, loopId, group }: { comment: Comment; loopId: string; group: Group | undefined }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const language = formattingLocale(currentLanguage());
  const [editing, setEditing] = useState(false);
  const feedback = useFeedback();
  const name = authorName(t, comment);
  const role = authorRole(t, comment, group);

  if (comment.deleted) {
    return (
      <li className="comment comment-deleted">
        <p className="muted">{t("thread.deleted")}</p>
      </li>
    );
  }
  return (
    <li className={comment.mine ? "comment comment-mine" : "comment"}>
      <div className="comment-header">
        {comment.author ? (
          <Avatar user={comment.author} alt="" />
        ) : (
          <span className="avatar" aria-hidden="true">
            ?
          </span>
        )}
        <p className="comment-author">
          <span className="comment-name">{name}</span>
          {role ? <span className="muted small"> · {role}</span> : null}
          <br />
          <time className="muted small" dateTime={comment.createdAt}>
            {formatLoopTime(comment.createdAt, language)}
          </time>
          {comment.editedAt ? (
            <span className="muted small" title={formatDateTime(comment.editedAt, language)}>
              {" "}
              · {t("thread.edited")}
            </span>
          ) : null}
        </p>
      </div>
      {editing ? (
        <CommentEditor
          comment={comment}
          onDone={() => {
            setEditing(false);
            feedback.succeed("thread.savedEdit");
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <LoopText text={comment.text} className="comment-text" />
      )}
      {!editing && (comment.abilities.edit || comment.abilities.delete) ? (
        <div className="comment-actions">
          {comment.abilities.edit ? (
            <button type="button" className="button button-quiet" onClick={() => setEditing(true)}>
              <Pencil size={16} aria-hidden="true" />
              {t("thread.edit")}
            </button>
          ) : null}
          {comment.abilities.delete ? (
            <LoopRemoveButton
              label={t("thread.delete")}
              title={t("thread.deleteTitle")}
              body={t("thread.deleteBody")}
              confirmLabel={t("thread.deleteConfirm")}
              onConfirm={() =>
                feedback.run(async () => {
                  await deleteComment(comment.id);
                  await queryClient.invalidateQueries({ queryKey: loopKey(loopId) });
                })
              }
            />
          ) : null}
        </div>
      ) : null}
      <Feedback feedback={feedback.state} />
    </li>
  );
}

function CommentEditor({ comment, onDone, onCancel }: { comment: Comment; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState(comment.text);
  const [describe, setDescribe] = useState<DescribeErrors | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `comment-edit-${comment.id}`;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (text.trim() === "") return setDescribe(() => (tr: TFunction) => ({ fields: { text: tr("thread.errors.required") } }));
    setBusy(true);
    try {
      await editComment(comment.id, text);
      await queryClient.invalidateQueries({ queryKey: loopKey(comment.loopId) });
      onDone();
    } catch (error) {
      setDescribe(() => describeError(error, ["text"]));
    } finally {
      setBusy(false);
    }
  };
  const errors = describe ? describe(t) : { fields: {} as Record<string, string | undefined>, message: undefined };
  return (
    <form className="form" noValidate onSubmit={(event) => void save(event)}>
      <TextAreaField
        id={id}
        label={t("thread.editLabel")}
        value={text}
        maxLength={COMMENT_TEXT_MAX_LENGTH}
        onChange={(event) => setText(event.target.value)}
        error={errors.fields.text ?? errors.message}
        autoFocus
      />
      <div className="form-actions">
        <button type="submit" className={busy ? "button button-primary is-busy" : "button button-primary"} aria-disabled={busy || undefined}>
          {t("thread.saveEdit")}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t("dialog.cancel")}
        </button>
      </div>
    </form>
  );
}

function CommentForm({ loop, showCommentBank }: { loop: Loop; showCommentBank: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState("");
  const [describe, setDescribe] = useState<DescribeErrors | null>(null);
  const [busy, setBusy] = useState(false);
  const feedback = useFeedback();
  const errors = describe ? describe(t) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (text.trim() === "") {
      setDescribe(() => (tr: TFunction) => ({ fields: { text: tr("thread.errors.required") } }));
      document.getElementById("comment-new")?.focus();
      return;
    }
    setBusy(true);
    setDescribe(null);
    try {
      await addComment(loop.id, text);
      setText("");
      feedback.succeed("thread.sent");
      // Not awaited: the box is ready for the next comment while the thread refreshes.
      void queryClient.invalidateQueries({ queryKey: loopKey(loop.id) });
      void queryClient.invalidateQueries({ queryKey: inboxKey });
      void queryClient.invalidateQueries({ queryKey: myLoopsKey });
    } catch (error) {
      setDescribe(() => describeError(error, ["text"]));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form comment-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="comment-form-title">
      <h3 id="comment-form-title" className="visually-hidden">
        {t("thread.formTitle")}
      </h3>
      <TextAreaField
        id="comment-new"
        label={loop.mine ? t("thread.replyLabel") : t("thread.commentLabel")}
        hint={loop.anonymous ? t(loop.mine ? "thread.anonymousMineHint" : "thread.anonymousHint") : undefined}
        value={text}
        rows={3}
        maxLength={COMMENT_TEXT_MAX_LENGTH}
        onChange={(event) => {
          setText(event.target.value);
          if (describe) setDescribe(null);
        }}
        error={errors ? (errors.fields.text ?? errors.message) : undefined}
      />
      {showCommentBank ? (
        <CommentBank
          groupId={loop.groupId}
          draft={text}
          onInsert={(saved) => {
            setText((current) => (current.trim() ? `${current.trimEnd()}\n\n${saved}` : saved));
            document.getElementById("comment-new")?.focus();
          }}
        />
      ) : null}
      <div className="form-actions">
        <button type="submit" className={busy ? "button button-primary is-busy" : "button button-primary"} aria-disabled={busy || undefined}>
          <Send size={18} aria-hidden="true" />
          {t("thread.send")}
        </button>
      </div>
      <Feedback feedback={feedback.state} />
    </form>
  );
}
