/**
 * One information post: title, author, date, text (paragraphs and links, never markup), files,
 * and what the viewer may do with it — mark it seen (members), see how many have (leaders and
 * tutors), edit or delete it (leaders). Every action is shown from the post's abilities.
 */
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQueryClient } from "@tanstack/react-query";
import { Check, Eye, Pencil, Trash2 } from "lucide-react";
import { deletePost, markPostSeen, postKey, postsKey, type Post } from "../api/posts.js";
import { currentLanguage } from "../i18n/index.js";
import { formatDateTime, formattingLocale } from "../lib/format.js";
import { useFeedback } from "../lib/useFeedback.js";
import { AttachmentList } from "./AttachmentList.js";
import { ConfirmDialog } from "./ConfirmDialog.js";
import { Feedback } from "./Messages.js";
import { PostFormDialog } from "./PostForm.js";
import { TaskInstructions } from "./TaskInstructions.js";

export function PostCard({ post, variant, onDeleted }: {
  post: Post;
  /** In a list the title links to the post's page (h3); on its page the title is the section heading (h2). */
  variant: "list" | "page";
  onDeleted?: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const feedback = useFeedback();
  const language = formattingLocale(currentLanguage());
  const titleId = `post-${post.id}-title`;
  const Title = variant === "list" ? "h3" : "h2";
  const refresh = () => queryClient.invalidateQueries({ queryKey: postsKey });

  return (
    <article className="post-card" aria-labelledby={titleId}>
      <header className="post-card-head">
        <Title id={titleId} className="post-title">
          {variant === "list" ? <Link to={`/groups/${post.groupId}/posts/${post.id}`}>{post.title}</Link> : post.title}
        </Title>
        <p className="post-meta muted small">
          <span>{post.author ? t("posts.by", { name: post.author.name }) : t("posts.byUnknown")}</span>
          <time dateTime={post.createdAt}>{formatDateTime(post.createdAt, language)}</time>
          {post.editedAt ? <span>{t("posts.edited", { time: formatDateTime(post.editedAt, language) })}</span> : null}
        </p>
      </header>
      <TaskInstructions text={post.body} className="post-text" />
      <AttachmentList attachments={post.attachments} headingId={`post-${post.id}-files`} headingLevel={variant === "list" ? 4 : 3} />
      <div className="post-foot">
        {post.abilities.readSeen && post.seenCount !== null && post.memberCount !== null ? (
          <p className="post-seen-count">
            <Eye size={18} aria-hidden="true" />
            {post.memberCount === 0 ? t("posts.seenByNobody") : t("posts.seenBy", { seen: post.seenCount, total: post.memberCount })}
          </p>
        ) : null}
        {post.abilities.markSeen ? (
          post.seen ? (
            <p className="post-seen">
              <Check size={18} aria-hidden="true" />
              {t("posts.seen")}
            </p>
          ) : (
            <button
              type="button"
              className="button"
              aria-label={variant === "list" ? t("posts.markSeenLabel", { title: post.title }) : undefined}
              onClick={() =>
                void feedback.run(async () => {
                  await markPostSeen(post.id);
                  feedback.succeed("posts.markedSeen");
                  await refresh();
                })
              }
            >
              <Eye size={18} aria-hidden="true" />
              {t("posts.markSeen")}
            </button>
          )
        ) : null}
        {post.abilities.edit || post.abilities.delete ? (
          <div className="row post-actions">
            {post.abilities.edit ? (
              <PostFormDialog
                groupId={post.groupId}
                post={post}
                triggerClassName="button button-quiet"
                triggerLabel={t("posts.editLabel", { title: post.title })}
                trigger={
                  <>
                    <Pencil size={18} aria-hidden="true" />
                    {t("posts.edit")}
                  </>
                }
                onSaved={(saved) => {
                  queryClient.setQueryData(postKey(saved.id), saved);
                  feedback.succeed("posts.saved");
                  void refresh();
                }}
              />
            ) : null}
            {post.abilities.delete ? (
              <ConfirmDialog
                triggerClassName="button button-quiet button-danger"
                triggerLabel={t("posts.deleteLabel", { title: post.title })}
                trigger={
                  <>
                    <Trash2 size={18} aria-hidden="true" />
                    {t("posts.delete")}
                  </>
                }
                title={t("posts.deleteTitle")}
                body={<p>{t("posts.deleteBody")}</p>}
                confirmLabel={t("posts.deleteConfirm")}
                cancelLabel={t("dialog.cancel")}
                tone="danger"
                onConfirm={() =>
                  feedback.run(async () => {
                    await deletePost(post.id);
                    queryClient.removeQueries({ queryKey: postKey(post.id) });
                    onDeleted?.();
                    await refresh();
                  })
                }
              />
            ) : null}
          </div>
        ) : null}
      </div>
      <Feedback feedback={feedback.state} />
    </article>
  );
}
